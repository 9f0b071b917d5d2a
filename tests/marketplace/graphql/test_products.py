"""`products(...)`: what shoppers see, filters, sorting, pagination, translations and errors."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from marketplace.catalog.models import Product, ProductStatus
from marketplace.inventory.models import Stock
from marketplace.vendors.models import VendorStatus
from tests.factories.catalog import (
    AttributeFactory,
    AttributeValueFactory,
    CategoryFactory,
    CollectionFactory,
    ProductFactory,
)
from tests.factories.municipalities import MunicipalityFactory, pa_sang, pa_sang_subdistrict
from tests.factories.vendors import VendorFactory
from tests.marketplace.graphql.catalogue import product_with, set_created, variants_of
from tests.marketplace.graphql.helpers import data, error_codes, gid, gql

pytestmark = pytest.mark.django_db

PRODUCTS = """
query Products($first: Int, $after: String, $last: Int, $before: String,
               $filter: ProductFilterInput, $sortBy: ProductOrder, $search: String) {
  products(first: $first, after: $after, last: $last, before: $before,
           filter: $filter, sortBy: $sortBy, search: $search) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { slug name } }
  }
}
"""


def slugs(client: Client, language: str = "th", **variables: Any) -> list[str]:
    variables.setdefault("first", 100)
    body = gql(client, PRODUCTS, variables, language=language)
    return [edge["node"]["slug"] for edge in data(body)["products"]["edges"]]


# --- Visibility -----------------------------------------------------------------------------------


def test_shoppers_see_only_published_products_of_approved_vendors(client: Client) -> None:
    product_with(slug="visible")
    product_with(slug="draft", status=ProductStatus.DRAFT)
    product_with(slug="archived", status=ProductStatus.ARCHIVED)
    product_with(slug="pending-vendor", vendor=VendorFactory.create(status=VendorStatus.PENDING))
    product_with(
        slug="suspended-vendor", vendor=VendorFactory.create(status=VendorStatus.SUSPENDED)
    )

    body = gql(client, PRODUCTS, {"first": 10})

    assert [edge["node"]["slug"] for edge in data(body)["products"]["edges"]] == ["visible"]
    assert data(body)["products"]["totalCount"] == 1


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": ProductStatus.DRAFT},
        {"status": ProductStatus.ARCHIVED},
        {"vendor_status": VendorStatus.PENDING},
        {"vendor_status": VendorStatus.SUSPENDED},
    ],
)
def test_hidden_product_is_null_by_slug_id_and_variant_sku(
    client: Client, hidden: dict[str, str]
) -> None:
    vendor = VendorFactory.create(status=hidden.get("vendor_status", VendorStatus.APPROVED))
    product = product_with(
        slug="hidden", vendor=vendor, status=hidden.get("status", ProductStatus.PUBLISHED)
    )
    variant = variants_of(product)[0]

    body = gql(
        client,
        """query($id: ID!, $variantId: ID!, $sku: String!) {
          bySlug: product(slug: "hidden") { slug }
          byId: product(id: $id) { slug }
          bySku: productVariant(sku: $sku) { sku }
          byVariantId: productVariant(id: $variantId) { sku }
        }""",
        {
            "id": gid("Product", product.pk),
            "variantId": gid("ProductVariant", variant.pk),
            "sku": variant.sku,
        },
    )

    assert data(body) == {"bySlug": None, "byId": None, "bySku": None, "byVariantId": None}


# --- Filters --------------------------------------------------------------------------------------


def test_category_filter_includes_products_of_subcategories(client: Client) -> None:
    textiles = CategoryFactory.create(slug="textiles")
    silk = CategoryFactory.create(slug="silk", parent=textiles)
    brocade = CategoryFactory.create(slug="brocade", parent=silk)
    pottery = CategoryFactory.create(slug="pottery")
    product_with(slug="scarf", category=silk)
    product_with(slug="sarong", category=brocade)
    product_with(slug="jar", category=pottery)

    assert sorted(slugs(client, filter={"categories": [gid("Category", textiles.pk)]})) == [
        "sarong",
        "scarf",
    ]
    assert slugs(client, filter={"categories": [gid("Category", brocade.pk)]}) == ["sarong"]
    assert sorted(
        slugs(
            client,
            filter={"categories": [gid("Category", brocade.pk), gid("Category", pottery.pk)]},
        )
    ) == ["jar", "sarong"]


def test_collection_filter_uses_published_collections_only(client: Client) -> None:
    gifts = CollectionFactory.create()
    secret = CollectionFactory.create(is_published=False)
    gifts.products.add(product_with(slug="gift"))
    secret.products.add(product_with(slug="secret-item"))
    product_with(slug="other")

    assert slugs(client, filter={"collections": [gid("Collection", gifts.pk)]}) == ["gift"]
    assert slugs(client, filter={"collections": [gid("Collection", secret.pk)]}) == []


def test_vendor_municipality_and_district_filters(client: Client) -> None:
    lamphun = MunicipalityFactory.create()
    pasang_town = MunicipalityFactory.create(
        slug="pa-sang", name_th="เทศบาลตำบลป่าซาง", name_en="Pa Sang"
    )
    town_weaver = VendorFactory.create(municipality=lamphun)
    pasang_weaver = VendorFactory.create(
        municipality=pasang_town, district=pa_sang(), subdistrict=pa_sang_subdistrict()
    )
    product_with(slug="town-silk", vendor=town_weaver)
    product_with(slug="pasang-cotton", vendor=pasang_weaver)

    assert slugs(client, filter={"vendors": [gid("Vendor", town_weaver.pk)]}) == ["town-silk"]
    assert slugs(client, filter={"municipality": gid("Municipality", pasang_town.pk)}) == [
        "pasang-cotton"
    ]
    pasang_code, town_code = pasang_weaver.district_id, town_weaver.district_id
    assert pasang_code != town_code
    assert slugs(client, filter={"districts": [pasang_code]}) == ["pasang-cotton"]
    assert sorted(slugs(client, filter={"districts": [town_code, pasang_code]})) == [
        "pasang-cotton",
        "town-silk",
    ]


def test_price_filter_matches_any_variant_within_the_range(client: Client) -> None:
    product_with(slug="cheap", prices=("90.00",))
    product_with(slug="mixed", prices=("150.00", "2500.00"))
    product_with(slug="dear", prices=("3000.00",))

    assert sorted(slugs(client, filter={"price": {"gte": 100, "lte": 200}})) == ["mixed"]
    assert sorted(slugs(client, filter={"price": {"gte": 2500}})) == ["dear", "mixed"]
    assert sorted(slugs(client, filter={"price": {"lte": 90}})) == ["cheap"]


def test_stock_availability_counts_allocated_units_as_gone(client: Client) -> None:
    product_with(slug="in-stock", stock=3)
    product_with(slug="no-stock-rows", stock=0)
    sold_out = product_with(slug="all-allocated", stock=2)
    Stock.objects.filter(variant__product=sold_out).update(quantity_allocated=2)

    assert slugs(client, filter={"stockAvailability": "IN_STOCK"}) == ["in-stock"]
    assert sorted(slugs(client, filter={"stockAvailability": "OUT_OF_STOCK"})) == [
        "all-allocated",
        "no-stock-rows",
    ]


def test_attribute_filters_match_product_or_variant_values_and_combine_with_and(
    client: Client,
) -> None:
    material = AttributeFactory.create(slug="material", name_th="วัสดุ", name_en="Material")
    colour = AttributeFactory.create(slug="colour", name_th="สี", name_en="Colour")
    silk = AttributeValueFactory.create(attribute=material, slug="silk")
    cotton = AttributeValueFactory.create(attribute=material, slug="cotton", name_th="ฝ้าย")
    red = AttributeValueFactory.create(attribute=colour, slug="red", name_th="แดง")
    red_silk = product_with(slug="red-silk")
    red_silk.attribute_values.add(silk)
    variants_of(red_silk)[0].attribute_values.add(red)
    product_with(slug="cotton").attribute_values.add(cotton)
    product_with(slug="plain")

    assert slugs(client, filter={"attributes": [{"slug": "colour", "values": ["red"]}]}) == [
        "red-silk"
    ]
    assert sorted(
        slugs(client, filter={"attributes": [{"slug": "material", "values": ["silk", "cotton"]}]})
    ) == ["cotton", "red-silk"]
    both = [{"slug": "material", "values": ["cotton"]}, {"slug": "colour", "values": ["red"]}]
    assert slugs(client, filter={"attributes": both}) == []
    assert sorted(slugs(client, filter={"attributes": [{"slug": "material"}]})) == [
        "cotton",
        "red-silk",
    ]


def test_search_finds_thai_and_english_names_and_small_typos(client: Client) -> None:
    product_with(slug="silk", name_th="ผ้าไหมยกดอก ลายพิกุล", name_en="Silk brocade, Phikun")
    product_with(slug="pot", name_th="หม้อดินเผา", name_en="Clay cooking pot")
    product_with(slug="longan", name_th="ลำไยอบแห้ง", name_en="Dried longan")

    assert slugs(client, search="ไหม") == ["silk"]
    assert slugs(client, search="clay") == ["pot"]
    assert slugs(client, filter={"search": "longan"}) == ["longan"]
    assert slugs(client, search="brocdae") == []  # too far from any word
    assert slugs(client, search="brocade phikun") == ["silk"]
    assert slugs(client, search="longn") == ["longan"]  # one letter missing


# --- Sorting --------------------------------------------------------------------------------------


def test_sort_by_price_uses_the_cheapest_variant_in_both_directions(client: Client) -> None:
    product_with(slug="b-300", prices=("300.00", "1000.00"))
    product_with(slug="a-50", prices=("50.00",))
    product_with(slug="c-700", prices=("700.00",))
    ProductFactory.create(
        slug="unpriced"
    )  # no variant: no price, listed after every priced product

    ascending = slugs(client, sortBy={"field": "PRICE", "direction": "ASC"})
    descending = slugs(client, sortBy={"field": "PRICE", "direction": "DESC"})

    assert ascending == ["a-50", "b-300", "c-700", "unpriced"]
    assert descending == ["c-700", "b-300", "a-50", "unpriced"]


def test_sort_by_name_follows_thai_dictionary_order_and_the_request_language(
    client: Client,
) -> None:
    # Thai dictionary order skips the leading vowel: เกวียน sorts under ก, before ขวด.
    product_with(slug="kwian", name_th="เกวียนไม้จำลอง", name_en="Model ox cart")
    product_with(slug="khuat", name_th="ขวดดินเผา", name_en="Clay bottle")
    product_with(slug="kai", name_th="ไก่แกะสลัก", name_en="")  # no English name
    product_with(slug="kong", name_th="กองไม้ไผ่", name_en="Bamboo stack")

    in_thai = slugs(client, sortBy={"field": "NAME", "direction": "ASC"})
    assert in_thai == ["kong", "kwian", "kai", "khuat"]
    assert slugs(client, sortBy={"field": "NAME", "direction": "DESC"}) == in_thai[::-1]

    # In English the Thai-only name falls back to Thai and sorts after the Latin ones.
    in_english = slugs(client, language="en", sortBy={"field": "NAME", "direction": "ASC"})
    assert in_english == ["kong", "khuat", "kwian", "kai"]
    assert (
        slugs(client, language="en", sortBy={"field": "NAME", "direction": "DESC"})
        == (in_english[::-1])
    )


def test_sort_by_created_in_both_directions_and_newest_first_by_default(client: Client) -> None:
    products = [product_with(slug=f"p{index}") for index in range(3)]
    set_created(products)

    assert slugs(client, sortBy={"field": "CREATED", "direction": "ASC"}) == ["p0", "p1", "p2"]
    assert slugs(client, sortBy={"field": "CREATED", "direction": "DESC"}) == ["p2", "p1", "p0"]
    assert slugs(client) == ["p2", "p1", "p0"]


def test_sort_by_rank_is_units_sold_without_a_search(client: Client) -> None:
    for slug, sold in (("few", 2), ("many", 40), ("some", 9)):
        product = product_with(slug=slug)
        Product.objects.filter(pk=product.pk).update(sales_count=sold)

    assert slugs(client, sortBy={"field": "RANK", "direction": "DESC"}) == ["many", "some", "few"]
    assert slugs(client, sortBy={"field": "RANK", "direction": "ASC"}) == ["few", "some", "many"]


def test_sort_by_rank_with_a_search_puts_the_closest_name_first(client: Client) -> None:
    product_with(slug="exact", name_en="Silk scarf")
    product_with(slug="loose", name_en="Hand-woven silky cotton table runner")

    best_first = slugs(client, search="silk", sortBy={"field": "RANK", "direction": "DESC"})
    assert best_first == ["exact", "loose"]
    assert slugs(client, search="silk", sortBy={"field": "RANK", "direction": "ASC"}) == [
        "loose",
        "exact",
    ]
    assert slugs(client, search="silk") == best_first  # searching sorts by rank


# --- Pagination -----------------------------------------------------------------------------------


def _walk_forward(client: Client, page_size: int, **variables: Any) -> list[list[str]]:
    pages: list[list[str]] = []
    after = None
    while True:
        body = data(gql(client, PRODUCTS, {"first": page_size, "after": after, **variables}))
        connection = body["products"]
        pages.append([edge["node"]["slug"] for edge in connection["edges"]])
        assert connection["pageInfo"]["hasPreviousPage"] is (after is not None)
        if not connection["pageInfo"]["hasNextPage"]:
            return pages
        after = connection["pageInfo"]["endCursor"]


def _walk_backward(client: Client, page_size: int, **variables: Any) -> list[list[str]]:
    pages: list[list[str]] = []
    before = None
    while True:
        body = data(gql(client, PRODUCTS, {"last": page_size, "before": before, **variables}))
        connection = body["products"]
        pages.append([edge["node"]["slug"] for edge in connection["edges"]])
        assert connection["pageInfo"]["hasNextPage"] is (before is not None)
        if not connection["pageInfo"]["hasPreviousPage"]:
            return pages
        before = connection["pageInfo"]["startCursor"]


@pytest.mark.parametrize("field", ["PRICE", "NAME", "CREATED", "RANK"])
@pytest.mark.parametrize("direction", ["ASC", "DESC"])
def test_pages_forward_and_backward_cover_the_list_once_even_with_ties(
    client: Client, field: str, direction: str
) -> None:
    # Pairs of products share a price and a name, and all share the creation time's order key
    # neighbours and the sales count: ties must still page in one stable order.
    for index in range(7):
        product_with(
            slug=f"p{index}",
            prices=(f"{100 + 10 * (index // 2)}.00",),
            name_th=f"ผ้าทอ {index // 2}",
            name_en=f"Weave {index // 2}",
        )
    sort = {"field": field, "direction": direction}
    everything = slugs(client, sortBy=sort)
    assert sorted(everything) == [f"p{index}" for index in range(7)]

    forward = _walk_forward(client, 2, sortBy=sort)
    assert [len(page) for page in forward] == [2, 2, 2, 1]
    assert [slug for page in forward for slug in page] == everything

    backward = _walk_backward(client, 3, sortBy=sort)
    assert [len(page) for page in backward] == [3, 3, 1]
    assert [slug for page in reversed(backward) for slug in page] == everything


def test_total_count_is_the_whole_list_on_every_page(client: Client) -> None:
    for index in range(5):
        product_with(slug=f"p{index}")
    first_page = data(gql(client, PRODUCTS, {"first": 2}))["products"]
    second_page = data(
        gql(client, PRODUCTS, {"first": 2, "after": first_page["pageInfo"]["endCursor"]})
    )["products"]

    assert first_page["totalCount"] == second_page["totalCount"] == 5


def test_first_zero_returns_no_edges_but_the_count(client: Client) -> None:
    product_with(slug="only")
    connection = data(gql(client, PRODUCTS, {"first": 0}))["products"]

    assert connection["edges"] == []
    assert connection["totalCount"] == 1


def test_after_and_before_together_give_the_rows_between(client: Client) -> None:
    products = [product_with(slug=f"p{index}") for index in range(5)]
    set_created(products)
    sort = {"field": "CREATED", "direction": "ASC"}
    edges = data(gql(client, PRODUCTS, {"first": 5, "sortBy": sort}))["products"]["edges"]

    between = slugs(client, sortBy=sort, after=edges[0]["cursor"], before=edges[4]["cursor"])

    assert between == ["p1", "p2", "p3"]


# --- Errors ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variables", "code"),
    [
        ({"first": -1}, "INVALID_PAGINATION"),
        ({"first": 101}, "INVALID_PAGINATION"),
        ({"last": 500}, "INVALID_PAGINATION"),
        ({"first": 1, "last": 1}, "INVALID_PAGINATION"),
        ({}, "INVALID_PAGINATION"),
        ({"first": 1, "after": "not-a-cursor"}, "INVALID_CURSOR"),
        ({"first": 1, "before": "eyJvIjoieCJ9"}, "INVALID_CURSOR"),
        ({"first": 1, "filter": {"categories": ["garbage"]}}, "INVALID_ID"),
        ({"first": 1, "filter": {"vendors": [gid("Product", 1)]}}, "INVALID_ID"),
        ({"first": 1, "filter": {"municipality": gid("Municipality", 10**30)}}, "INVALID_ID"),
        ({"first": 1, "filter": {"price": {"gte": -5}}}, "INVALID"),
    ],
)
def test_bad_arguments_get_a_graphql_error_with_a_code(
    client: Client, variables: dict[str, Any], code: str
) -> None:
    product_with(slug="any")
    body = gql(client, PRODUCTS, variables, language="en")

    assert error_codes(body) == [code]
    assert body["data"] == {"products": None}
    assert body["errors"][0]["message"]


def test_error_messages_name_the_problem_in_the_request_language(client: Client) -> None:
    english = gql(client, PRODUCTS, {"first": 101}, language="en")
    assert "`first` must be between 0 and 100" in english["errors"][0]["message"]

    thai = gql(client, PRODUCTS, {"first": 101}, language="th")
    assert "`first`" in thai["errors"][0]["message"]
    assert "100" in thai["errors"][0]["message"]
    assert thai["errors"][0]["message"] != english["errors"][0]["message"]


def test_a_cursor_of_another_sort_order_is_refused(client: Client) -> None:
    product_with(slug="a")
    product_with(slug="b")
    by_price = data(
        gql(client, PRODUCTS, {"first": 1, "sortBy": {"field": "PRICE", "direction": "ASC"}})
    )["products"]["pageInfo"]["endCursor"]

    body = gql(
        client,
        PRODUCTS,
        {"first": 1, "after": by_price, "sortBy": {"field": "CREATED", "direction": "ASC"}},
    )

    assert error_codes(body) == ["INVALID_CURSOR"]


# --- Translations ---------------------------------------------------------------------------------


TRANSLATED = """
query($slug: String!) {
  product(slug: $slug) {
    name
    description
    en: translation(languageCode: EN) { language { code } name description }
    th: translation(languageCode: TH) { name }
  }
}
"""


def test_name_follows_accept_language_and_translation_gives_english(client: Client) -> None:
    product_with(
        slug="silk",
        name_th="ผ้าไหมยกดอก",
        name_en="Silk brocade",
        description_th="<p>ทอมือ</p>",
        description_en="<p>Hand-woven</p>",
    )

    thai = data(gql(client, TRANSLATED, {"slug": "silk"}, language="th"))["product"]
    english = data(gql(client, TRANSLATED, {"slug": "silk"}, language="en"))["product"]

    assert (thai["name"], thai["description"]) == ("ผ้าไหมยกดอก", "<p>ทอมือ</p>")
    assert (english["name"], english["description"]) == ("Silk brocade", "<p>Hand-woven</p>")
    assert thai["en"] == {
        "language": {"code": "EN"},
        "name": "Silk brocade",
        "description": "<p>Hand-woven</p>",
    }
    assert thai["th"] == {"name": "ผ้าไหมยกดอก"}


def test_untranslated_product_falls_back_to_thai_and_has_no_english_translation(
    client: Client,
) -> None:
    product_with(slug="pot", name_th="หม้อดิน", name_en="", description_en="")

    english = data(gql(client, TRANSLATED, {"slug": "pot"}, language="en"))["product"]

    assert english["name"] == "หม้อดิน"
    assert english["en"] is None


def test_price_amounts_are_thb(client: Client) -> None:
    product_with(slug="silk", prices=("1850.50", "990.00"))
    body = gql(
        client,
        """{ product(slug: "silk") { pricing { priceRange {
              start { currency gross { amount currency } } stop { gross { amount } } } } } }""",
    )
    price_range = data(body)["product"]["pricing"]["priceRange"]

    assert price_range["start"] == {
        "currency": "THB",
        "gross": {"amount": 990.0, "currency": "THB"},
    }
    assert Decimal(str(price_range["stop"]["gross"]["amount"])) == Decimal("1850.50")
