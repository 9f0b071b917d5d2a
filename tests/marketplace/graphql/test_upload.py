"""GraphQL multipart requests (the GraphQL multipart request spec) through the HTTP endpoint, and
their size limits. A small schema of this module receives the files, so that what the view puts in
the variables is seen directly; the last test sends a photo to the real `productMediaCreate`."""

from __future__ import annotations

import json
from io import BytesIO
from typing import Any

import graphene
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from PIL import Image

from marketplace.graphql.views import KadGraphQLView

pytestmark = pytest.mark.django_db


class FileScalar(graphene.Scalar):
    """Like Kad's `Upload` scalar: the variable's value is the Django file."""

    @staticmethod
    def serialize(value: Any) -> None:
        return None

    @staticmethod
    def parse_value(value: Any) -> Any:
        return value

    @staticmethod
    def parse_literal(node: Any, _variables: Any = None) -> None:
        return None


class Received(graphene.ObjectType):
    name = graphene.String()
    size = graphene.Int()
    head = graphene.String()


def _received(upload: Any) -> Received:
    upload.seek(0)
    return Received(name=upload.name, size=upload.size, head=upload.read(4).decode("latin-1"))


class Receive(graphene.Mutation):
    class Arguments:
        file = FileScalar(required=True)
        more = graphene.List(FileScalar)

    files = graphene.List(Received)

    @staticmethod
    def mutate(root: Any, info: Any, file: Any, more: list[Any] | None = None) -> Receive:
        return Receive(files=[_received(f) for f in [file, *(more or [])]])


class Query(graphene.ObjectType):
    ok = graphene.Boolean(default_value=True)


class Mutation(graphene.ObjectType):
    receive = Receive.Field()


schema = graphene.Schema(query=Query, mutation=Mutation)
urlpatterns = [path("graphql/", csrf_exempt(KadGraphQLView.as_view(schema=schema)))]

RECEIVE = """mutation($file: FileScalar!, $more: [FileScalar]) {
  receive(file: $file, more: $more) { files { name size head } }
}"""


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def multipart(client: Client, operations: Any, file_map: Any, **files: Any) -> Any:
    return client.post(
        "/graphql/",
        data={
            "operations": operations if isinstance(operations, str) else json.dumps(operations),
            "map": file_map if isinstance(file_map, str) else json.dumps(file_map),
            **files,
        },
    )


def code(response: Any) -> str:
    return str(response.json()["errors"][0]["extensions"]["code"])


@pytest.mark.urls(__name__)
def test_a_file_lands_in_its_variable(client: Client) -> None:
    response = multipart(
        client,
        {"query": RECEIVE, "variables": {"file": None}},
        {"0": ["variables.file"]},
        **{"0": upload("ผ้าทอ.jpg", b"\xff\xd8\xff\xe0rest")},
    )
    assert response.status_code == 200, response.content
    assert response.json()["data"]["receive"]["files"] == [
        {"name": "ผ้าทอ.jpg", "size": 8, "head": "ÿØÿà"}
    ]


@pytest.mark.urls(__name__)
def test_files_fill_a_list_variable_in_order(client: Client) -> None:
    response = multipart(
        client,
        {
            "query": RECEIVE,
            "variables": {"file": None, "more": [None, None]},
        },
        {"a": ["variables.file"], "b": ["variables.more.1"], "c": ["variables.more.0"]},
        a=upload("a.png", b"AAAA"),
        b=upload("b.png", b"BBBBB"),
        c=upload("c.png", b"CCCCCC"),
    )
    assert response.status_code == 200, response.content
    files = response.json()["data"]["receive"]["files"]
    assert [(f["name"], f["size"]) for f in files] == [("a.png", 4), ("c.png", 6), ("b.png", 5)]


@pytest.mark.urls(__name__)
def test_a_file_larger_than_the_upload_limit_is_refused(client: Client, settings) -> None:
    settings.KAD_MAX_UPLOAD_BYTES = 1_048_576
    response = multipart(
        client,
        {"query": RECEIVE, "variables": {"file": None}},
        {"0": ["variables.file"]},
        **{"0": upload("big.jpg", b"x" * (1_048_576 + 1))},
    )
    assert response.status_code == 413
    assert code(response) == "FILE_TOO_LARGE"
    assert "1 MB" in response.json()["errors"][0]["message"]


@pytest.mark.urls(__name__)
def test_a_photo_larger_than_the_document_limit_is_fine(client: Client, settings) -> None:
    """The document limit is for the query, not for the files sent with it."""
    settings.GRAPHQL_MAX_DOCUMENT_BYTES = 2000
    response = multipart(
        client,
        {"query": RECEIVE, "variables": {"file": None}},
        {"0": ["variables.file"]},
        **{"0": upload("photo.jpg", b"y" * 50_000)},
    )
    assert response.status_code == 200, response.content
    assert response.json()["data"]["receive"]["files"][0]["size"] == 50_000


@pytest.mark.urls(__name__)
def test_a_large_query_in_the_operations_part_is_refused(client: Client, settings) -> None:
    settings.GRAPHQL_MAX_DOCUMENT_BYTES = 2000
    query = RECEIVE + " " * 3000
    response = multipart(
        client,
        {"query": query, "variables": {"file": None}},
        {"0": ["variables.file"]},
        **{"0": upload("a.jpg", b"a")},
    )
    assert response.status_code == 413
    assert code(response) == "DOCUMENT_TOO_LARGE"


@pytest.mark.urls(__name__)
def test_too_many_files_are_refused(client: Client, settings) -> None:
    settings.GRAPHQL_MAX_UPLOAD_FILES = 2
    files = {str(i): upload(f"{i}.jpg", b"z") for i in range(3)}
    response = multipart(
        client,
        {"query": RECEIVE, "variables": {"file": None, "more": [None, None]}},
        {"0": ["variables.file"], "1": ["variables.more.0"], "2": ["variables.more.1"]},
        **files,
    )
    assert response.status_code == 400
    assert code(response) == "TOO_MANY_FILES"


@pytest.mark.urls(__name__)
def test_a_whole_request_over_the_request_limit_is_refused_before_it_is_read(
    client: Client, settings
) -> None:
    settings.KAD_MAX_REQUEST_BYTES = 10_000
    response = multipart(
        client,
        {"query": RECEIVE, "variables": {"file": None}},
        {"0": ["variables.file"]},
        **{"0": upload("big.jpg", b"x" * 20_000)},
    )
    assert response.status_code == 413
    assert code(response) == "REQUEST_TOO_LARGE"


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    ("operations", "file_map", "files"),
    [
        pytest.param("{not json", "{}", {}, id="operations-not-json"),
        pytest.param('[{"query": "{ ok }"}]', "{}", {}, id="batch"),
        pytest.param({"query": "{ ok }"}, {"0": ["variables.file"]}, {}, id="file-part-missing"),
        pytest.param(
            {"query": "{ ok }", "variables": {}},
            {"0": ["variables.file"]},
            {"0": b"x"},
            id="no-such-variable",
        ),
        pytest.param(
            {"query": "{ ok }", "variables": {"file": None}},
            {"0": ["query"]},
            {"0": b"x"},
            id="path-outside-variables",
        ),
        pytest.param(
            {"query": "{ ok }", "variables": {"file": "taken"}},
            {"0": ["variables.file"]},
            {"0": b"x"},
            id="variable-not-null",
        ),
    ],
)
def test_a_malformed_multipart_request_is_a_400_with_a_reason(
    client: Client, operations: Any, file_map: Any, files: dict[str, bytes]
) -> None:
    response = multipart(
        client, operations, file_map, **{k: upload("f.bin", v) for k, v in files.items()}
    )
    assert response.status_code == 400
    assert code(response) == "INVALID_MULTIPART"


def test_a_photo_reaches_product_media_create_through_the_real_endpoint(client: Client) -> None:
    from marketplace.graphql.schema import schema as kad_schema

    if "productMediaCreate" not in str(kad_schema):
        pytest.skip("productMediaCreate is not in the schema yet")
    from marketplace.accounts.jwt import access_token_create
    from marketplace.catalog.models import ProductMedia
    from tests.marketplace.graphql.catalog.vendor_api import gid, shop

    mine = shop()
    buffer = BytesIO()
    Image.new("RGB", (40, 30), "indigo").save(buffer, format="PNG")
    operations = {
        "query": "mutation($product: ID!, $image: Upload!) { productMediaCreate("
        'product: $product, image: $image, alt: "ตุง") { errors { code } media { alt } } }',
        "variables": {"product": gid("Product", mine.product.pk), "image": None},
    }
    response = client.post(
        "/graphql/",
        data={
            "operations": json.dumps(operations),
            "map": json.dumps({"0": ["variables.image"]}),
            "0": SimpleUploadedFile("tung.png", buffer.getvalue(), content_type="image/png"),
        },
        headers={"authorization": f"Bearer {access_token_create(mine.staff)}"},
    )
    assert response.status_code == 200, response.content[:500]
    assert response.json()["data"]["productMediaCreate"] == {
        "errors": [],
        "media": {"alt": "ตุง"},
    }
    assert ProductMedia.objects.filter(product=mine.product, alt_th="ตุง").exists()
