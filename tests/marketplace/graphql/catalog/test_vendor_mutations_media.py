"""productMediaCreate: a photo sent as an `Upload`, checked and stored without its EXIF."""

from __future__ import annotations

import json
from io import BytesIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.utils import translation
from PIL import Image

from marketplace.accounts.jwt import access_token_create
from marketplace.accounts.models import User
from marketplace.catalog.models import ProductMedia
from marketplace.graphql.schema import schema
from tests.marketplace.graphql.catalog.vendor_api import gid, shop, snapshot

pytestmark = pytest.mark.django_db

MEDIA_CREATE = """
mutation($product: ID!, $image: Upload!, $alt: String) {
  productMediaCreate(product: $product, image: $image, alt: $alt) {
    media { id alt url }
    product { media { alt } }
    errors { field code message }
  }
}"""


def png(width: int = 40, height: int = 30) -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (width, height), "indigo").save(buffer, format="PNG")
    return SimpleUploadedFile("ผ้าคราม.png", buffer.getvalue(), content_type="image/png")


def execute(variables: dict[str, Any], *, user: User | None) -> Any:
    """Run the mutation through the schema, as the endpoint does once the multipart view has put
    the uploaded file into the variables (in Thai, the site's default language)."""
    request = RequestFactory().post("/graphql/")
    if user is not None:
        request.META["HTTP_AUTHORIZATION"] = f"Bearer {access_token_create(user)}"
    with translation.override("th"):
        return schema.execute(MEDIA_CREATE, variable_values=variables, context_value=request)


def test_a_staff_member_adds_a_png_photo(settings: Any) -> None:
    mine = shop()

    result = execute(
        {"product": gid("Product", mine.product.pk), "image": png(), "alt": "ผ้าย้อมคราม"},
        user=mine.staff,
    )

    assert result.errors is None
    answer = result.data["productMediaCreate"]
    assert answer["errors"] == []
    assert answer["media"]["alt"] == "ผ้าย้อมคราม"
    assert answer["media"]["url"].startswith("http://testserver/")
    assert [m["alt"] for m in answer["product"]["media"]][-1] == "ผ้าย้อมคราม"
    stored = ProductMedia.objects.get(product=mine.product, alt_th="ผ้าย้อมคราม")
    assert (stored.width, stored.height) == (40, 30)
    assert stored.image.name.endswith(".png")
    assert "ผ้าคราม" not in stored.image.name  # a random name, not the uploaded one


def test_a_file_that_is_not_an_image_is_refused_with_a_clear_error() -> None:
    mine = shop()
    before = snapshot(mine.product)
    text = SimpleUploadedFile("photo.jpg", b"this is not a photo", content_type="image/jpeg")

    result = execute({"product": gid("Product", mine.product.pk), "image": text}, user=mine.owner)

    [error] = result.data["productMediaCreate"]["errors"]
    assert (error["field"], error["code"]) == ("image", "NOT_AN_IMAGE")
    assert "ไม่ใช่รูปภาพ" in error["message"]  # Thai, the default language
    assert snapshot(mine.product) == before


def test_a_photo_for_another_shops_product_is_not_found_and_not_stored() -> None:
    mine, theirs = shop(), shop()
    before = snapshot(theirs.product)

    result = execute(
        {"product": gid("Product", theirs.product.pk), "image": png()}, user=mine.owner
    )

    [error] = result.data["productMediaCreate"]["errors"]
    assert (error["field"], error["code"]) == ("product", "NOT_FOUND")
    assert snapshot(theirs.product) == before


def test_a_signed_out_caller_cannot_add_a_photo() -> None:
    theirs = shop()
    before = snapshot(theirs.product)

    result = execute({"product": gid("Product", theirs.product.pk), "image": png()}, user=None)

    assert result.data["productMediaCreate"] is None
    assert result.errors[0].extensions["exception"]["code"] == "PermissionDenied"
    assert snapshot(theirs.product) == before


def test_a_file_sent_as_a_json_string_is_refused(client: Client) -> None:
    mine = shop()

    response = client.post(
        "/graphql/",
        data=json.dumps(
            {
                "query": MEDIA_CREATE,
                "variables": {"product": gid("Product", mine.product.pk), "image": "iVBORw0KGgo="},
            }
        ),
        content_type="application/json",
        headers={"authorization": f"Bearer {access_token_create(mine.owner)}"},
    )

    body = response.json()
    assert "multipart" in body["errors"][0]["message"]
    assert not ProductMedia.objects.filter(product=mine.product).exclude(pk=mine.media.pk).exists()


def test_a_photo_sent_through_the_endpoint_as_a_multipart_request(client: Client) -> None:
    mine = shop()
    operations = {
        "query": MEDIA_CREATE,
        "variables": {"product": gid("Product", mine.product.pk), "image": None, "alt": "ตุง"},
    }

    response = client.post(
        "/graphql/",
        data={
            "operations": json.dumps(operations),
            "map": json.dumps({"0": ["variables.image"]}),
            "0": png(),
        },
        headers={"authorization": f"Bearer {access_token_create(mine.staff)}"},
    )

    assert response.status_code == 200, response.content[:500]
    answer = response.json()["data"]["productMediaCreate"]
    assert (answer["errors"], answer["media"]["alt"]) == ([], "ตุง")
    assert ProductMedia.objects.filter(product=mine.product, alt_th="ตุง").exists()
