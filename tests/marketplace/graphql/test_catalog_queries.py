"""Single lookups and the other lists: product, productVariant, categories, collections, vendors."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from marketplace.inventory.models import Stock
from marketplace.vendors.models import VendorKind, VendorStatus
from tests.factories.catalog import CategoryFactory, CollectionFactory
from tests.factories.inventory import StockFactory, StockLocationFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.vendors import VendorFactory
from tests.marketplace.graphql.catalogue import media_for, product_with, variants_of
from tests.marketplace.graphql.helpers import data, error_codes, gid, gql

pytestmark = pytest.mark.django_db


def test_product_by_id_and_by_slug_are_the_same_product(client: Client) -> None:
    product = product_with(slug="silk", maker="ป้าศรีนวล", lead_time_days=7, made_to_order=True)
    query = """query($id: ID) { byId: product(id: $id) { id slug maker leadTimeDays madeToOrder }
                              bySlug: product(slug: "silk") { id } }"""

    body = data(gql(client, query, {"id": gid("Product", product.pk)}))

    assert body["byId"] == {
        "id": gid("Product", product.pk),
        "slug": "silk",
        "maker": "ป้าศรีนวล",
        "leadTimeDays": 7,
        "madeToOrder": True,
    }
    assert body["bySlug"]["id"] == body["byId"]["id"]


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        ('id: "bm90LWFuLWlk"', "INVALID_ID"),
        ('id: "UHJvZHVjdDphYmM="', "INVALID_ID"),  # Product:abc
        ('id: "VmVuZG9yOjE="', "INVALID_ID"),  # Vendor:1
        ('id: "UHJvZHVjdDox", slug: "x"', "REQUIRED"),
        ("", "REQUIRED"),
    ],
)
def test_product_lookup_with_bad_arguments_is_a_graphql_error(
    client: Client, arguments: str, code: str
) -> None:
    call = f"product({arguments})" if arguments else "product"
    body = gql(client, f"{{ {call} {{ slug }} }}", language="en")

    assert error_codes(body) == [code]
    assert body["data"] == {"product": None}


def test_variant_by_sku_shows_price_stock_weight_and_product(client: Client) -> None:
    product = product_with(slug="silk", prices=("1850.00",), stock=4)
    variant = variants_of(product)[0]
    variant.compare_at_price = Decimal("2100.00")
    variant.weight_grams = 350
    variant.save()
    StockFactory.create(
        variant=variant, location=StockLocationFactory.create(vendor=product.vendor), quantity=3
    )
    Stock.objects.filter(variant=variant, quantity=4).update(quantity_allocated=1)

    body = data(
        gql(
            client,
            """query($sku: String) { productVariant(sku: $sku) {
                id sku quantityAvailable isAvailable
                pricing { price { gross { amount currency } } }
                compareAtPrice { amount currency } weight { unit value } product { slug } } }""",
            {"sku": variant.sku},
        )
    )["productVariant"]

    assert body["id"] == gid("ProductVariant", variant.pk)
    assert body["quantityAvailable"] == 6  # 4 - 1 allocated + 3 at the second location
    assert body["isAvailable"] is True
    assert body["pricing"]["price"]["gross"] == {"amount": 1850.0, "currency": "THB"}
    assert body["compareAtPrice"] == {"amount": 2100.0, "currency": "THB"}
    assert body["weight"] == {"unit": "G", "value": 350.0}
    assert body["product"]["slug"] == "silk"


def test_product_is_unavailable_when_no_variant_has_stock(client: Client) -> None:
    product_with(slug="gone", stock=0)
    body = data(gql(client, '{ product(slug: "gone") { isAvailable variants { isAvailable } } }'))

    assert body["product"] == {"isAvailable": False, "variants": [{"isAvailable": False}]}


def test_thumbnail_and_media_urls_pick_the_rendition_for_size_and_format(client: Client) -> None:
    product = product_with(slug="silk")
    media_for(product, sort_order=0)
    media_for(product, sort_order=1, with_renditions=False)

    body = data(
        gql(
            client,
            """{ product(slug: "silk") {
                small: thumbnail { url alt }
                large: thumbnail(size: 700, format: JPEG) { url }
                huge: thumbnail(size: 5000) { url }
                media { sortOrder original: url sized: url(size: 300, format: JPEG) alt } } }""",
            language="en",
        )
    )["product"]

    assert body["small"]["url"] == "http://testserver/media/products/r/silk-0-320.webp"
    assert body["small"]["alt"] == "Photo of " + product.name_en
    assert body["large"]["url"] == "http://testserver/media/products/r/silk-0-1280.jpg"
    assert body["huge"]["url"].endswith("silk-0-1280.webp")
    first, second = body["media"]
    assert first["original"] == "http://testserver/media/products/originals/silk-0.jpg"
    assert first["sized"].endswith("silk-0-320.jpg")
    # Renditions not made yet: the original stands in.
    assert second["sized"] == "http://testserver/media/products/originals/silk-1.jpg"


def test_thumbnail_is_null_without_images_and_size_must_be_positive(client: Client) -> None:
    product_with(slug="plain")
    assert data(gql(client, '{ product(slug: "plain") { thumbnail { url } } }'))["product"] == {
        "thumbnail": None
    }

    media_for(product_with(slug="photo"))
    body = gql(client, '{ product(slug: "photo") { thumbnail(size: 0) { url } } }')
    assert error_codes(body) == ["INVALID"]


def test_categories_tree_children_ancestors_and_products(client: Client) -> None:
    textiles = CategoryFactory.create(slug="textiles", name_th="ผ้า", name_en="Textiles")
    silk = CategoryFactory.create(slug="silk", parent=textiles, name_th="ผ้าไหม", name_en="Silk")
    brocade = CategoryFactory.create(slug="brocade", parent=silk, name_th="ยกดอก", name_en="")
    CategoryFactory.create(slug="pottery")
    product_with(slug="sarong", category=brocade)
    product_with(slug="hidden", category=brocade, status="draft")

    top = data(gql(client, "{ categories(first: 10, level: 0) { edges { node { slug } } } }"))
    assert [edge["node"]["slug"] for edge in top["categories"]["edges"]] == ["textiles", "pottery"]

    body = data(
        gql(
            client,
            """{ category(slug: "brocade") {
                id name level parent { slug } ancestors { slug }
                en: translation(languageCode: EN) { name }
                products(first: 10) { totalCount edges { node { slug } } } }
              textiles: category(slug: "textiles") {
                children(first: 10) { edges { node { slug } } }
                products(first: 10) { edges { node { slug } } } } }""",
            language="en",
        )
    )
    brocade_body = body["category"]
    assert brocade_body["id"] == gid("Category", brocade.pk)
    assert brocade_body["name"] == "ยกดอก"  # no English name: Thai
    assert brocade_body["en"] is None
    assert brocade_body["level"] == 2
    assert brocade_body["parent"] == {"slug": "silk"}
    assert brocade_body["ancestors"] == [{"slug": "textiles"}, {"slug": "silk"}]
    assert brocade_body["products"]["totalCount"] == 1
    assert [edge["node"]["slug"] for edge in body["textiles"]["children"]["edges"]] == ["silk"]
    assert [edge["node"]["slug"] for edge in body["textiles"]["products"]["edges"]] == ["sarong"]


def test_collections_list_only_published_ones_with_their_visible_products(
    client: Client,
) -> None:
    gifts = CollectionFactory.create(slug="gifts", sort_order=1, name_en="Gifts")
    CollectionFactory.create(slug="draft-collection", is_published=False)
    new = CollectionFactory.create(slug="new", sort_order=0)
    gifts.products.add(product_with(slug="scarf"), product_with(slug="draft", status="draft"))
    new.products.add(product_with(slug="pot"))

    body = data(
        gql(
            client,
            """{ collections(first: 10) { totalCount edges { node { slug } } }
                hidden: collection(slug: "draft-collection") { slug }
                gifts: collection(slug: "gifts") {
                  translation(languageCode: EN) { name }
                  products(first: 10) { edges { node { slug collections { slug } } } } } }""",
        )
    )

    assert [edge["node"]["slug"] for edge in body["collections"]["edges"]] == ["new", "gifts"]
    assert body["collections"]["totalCount"] == 2
    assert body["hidden"] is None
    assert body["gifts"]["translation"] == {"name": "Gifts"}
    assert [edge["node"] for edge in body["gifts"]["products"]["edges"]] == [
        {"slug": "scarf", "collections": [{"slug": "gifts"}]}
    ]


def test_vendors_are_the_approved_ones_with_certifications_and_places(client: Client) -> None:
    VendorFactory.create(
        slug="b-weavers",
        name_th="ข ทอผ้า",
        name_en="B Weavers",
        otop_stars=4,
        geographical_indication=True,
        kind=VendorKind.OTOP_GROUP,
    )
    VendorFactory.create(slug="a-potters", name_th="ก ปั้นดิน", name_en="A Potters")
    VendorFactory.create(slug="pending", status=VendorStatus.PENDING)
    VendorFactory.create(slug="suspended", status=VendorStatus.SUSPENDED)

    body = data(
        gql(
            client,
            """{ vendors(first: 10) { totalCount edges { node { slug name } } }
                 weavers: vendor(slug: "b-weavers") {
                   kind story
                   certifications { otopStars geographicalIndication communityProductStandard }
                   municipality { slug name province { code name } }
                   district { code name } subdistrict { code name }
                   logo { url }
                   translation(languageCode: EN) { name story } }
                 pending: vendor(slug: "pending") { slug }
                 suspended: vendor(slug: "suspended") { slug } }""",
            language="en",
        )
    )

    assert [edge["node"]["slug"] for edge in body["vendors"]["edges"]] == [
        "a-potters",
        "b-weavers",
    ]
    assert body["vendors"]["totalCount"] == 2
    weavers = body["weavers"]
    assert weavers["kind"] == "OTOP_GROUP"
    assert weavers["story"] == "Three generations weaving traditional silk brocade."
    assert weavers["certifications"] == {
        "otopStars": 4,
        "geographicalIndication": True,
        "communityProductStandard": False,
    }
    assert weavers["municipality"]["province"] == {"code": "51", "name": "Lamphun"}
    assert weavers["district"]["name"] == "Mueang Lamphun"
    assert weavers["subdistrict"]["name"] == "Nai Mueang"
    assert weavers["logo"] is None
    assert weavers["translation"]["name"] == "B Weavers"
    assert body["pending"] is None
    assert body["suspended"] is None


def test_vendor_products_and_municipalities(client: Client) -> None:
    vendor = VendorFactory.create(slug="weavers")
    product_with(slug="scarf", vendor=vendor)
    product_with(slug="draft", vendor=vendor, status="draft")
    MunicipalityFactory.create(slug="closed", name_th="ปิด", is_active=False)

    body = data(
        gql(
            client,
            """{ vendor(slug: "weavers") { products(first: 5) { edges { node { slug } } } }
                 municipalities { slug name } }""",
        )
    )

    assert body["vendor"]["products"]["edges"] == [{"node": {"slug": "scarf"}}]
    assert body["municipalities"] == [{"slug": "lamphun", "name": "เทศบาลเมืองลำพูน"}]


def test_attribute_names_follow_the_request_language(client: Client) -> None:
    from tests.factories.catalog import AttributeValueFactory

    product = product_with(slug="silk")
    product.attribute_values.add(AttributeValueFactory.create())
    query = '{ product(slug: "silk") { attributes { attribute { name } values { name } } } }'

    thai = data(gql(client, query, language="th"))["product"]["attributes"]
    english = data(gql(client, query, language="en"))["product"]["attributes"]

    assert thai == [{"attribute": {"name": "วัสดุ"}, "values": [{"name": "ไหม"}]}]
    assert english == [{"attribute": {"name": "Material"}, "values": [{"name": "Silk"}]}]
