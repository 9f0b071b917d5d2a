"""Open data: the published package validates, small cells are suppressed, the catalogue is
DCAT, and the feed reaches a real HTTP receiver, signed, retried until it is accepted."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from frictionless import validate

from marketplace.analytics import feed, services
from marketplace.analytics.errors import FeedDeliveryFailed
from marketplace.analytics.models import DeliveryStatus, FeedDelivery
from marketplace.vendors.models import VendorKind
from tests.factories.catalog import CategoryFactory
from tests.marketplace.analytics import builders
from tests.marketplace.analytics.builders import Line

pytestmark = pytest.mark.django_db

MARCH = datetime(2025, 3, 10, 5, 0, tzinfo=UTC)
SECRET = "feed-secret-for-tests"


@pytest.fixture(autouse=True)
def media(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CDLP_FEED_URL = ""
    return settings.MEDIA_ROOT


@pytest.fixture
def sales(django_capture_on_commit_callbacks):
    """March 2025 in Lamphun: two individual artisans (a cell of 2 vendors) and three OTOP
    groups (a cell of 3 vendors), all in one district and category; one sale this month."""
    town = builders.municipality("lamphun")
    textiles = CategoryFactory.create(slug="textiles", name_th="ผ้าทอ", name_en="Textiles")
    with django_capture_on_commit_callbacks(execute=True):
        for kind, count in ((VendorKind.INDIVIDUAL, 2), (VendorKind.OTOP_GROUP, 3)):
            for _i in range(count):
                variant = builders.product(
                    builders.vendor(town, kind=kind), category=textiles, price="100.00"
                )
                services.sales_facts_record_paid(
                    order=builders.order(Line(variant)), occurred_at=MARCH
                )
        services.sales_facts_record_paid(order=builders.order(Line(variant)))
    return town


def _rows(client: Client) -> list[dict[str, str]]:
    import csv
    import io

    response = client.get("/open-data/lamphun/sales-monthly.csv")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.getvalue().decode())))


def test_cells_of_fewer_than_three_vendors_are_suppressed_and_three_are_shown(sales) -> None:
    call_command("publish_open_data", stdout=None)

    rows = {row["vendor_kind"]: row for row in _rows(Client())}
    assert set(rows) == {"individual", "otop_group"}  # this month is not complete: left out
    two, three = rows["individual"], rows["otop_group"]
    assert (two["vendors"], two["suppressed"], two["gmv_thb"], two["orders"]) == (
        "2",
        "true",
        "",
        "",
    )
    assert (three["vendors"], three["suppressed"], three["gmv_thb"], three["orders"]) == (
        "3",
        "false",
        "300.00",
        "3",
    )
    assert three["month"] == "2025-03" and three["category"] == "textiles"


def test_the_published_package_passes_frictionless_validation(sales, tmp_path: Path) -> None:
    call_command("publish_open_data", "lamphun", stdout=None)
    client = Client()
    folder = tmp_path / "download"
    folder.mkdir()
    for name in ("datapackage.json", "sales-monthly.csv"):
        response = client.get(f"/open-data/lamphun/{name}")
        assert response.status_code == 200
        (folder / name).write_bytes(response.getvalue())

    report = validate(str(folder / "datapackage.json"))

    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    descriptor = json.loads((folder / "datapackage.json").read_text())
    assert descriptor["resources"][0]["schema"]["primaryKey"] == [
        "month",
        "district_code",
        "category",
        "vendor_kind",
    ]


def test_the_catalogue_is_dcat_json_ld_pointing_at_the_files(sales) -> None:
    call_command("publish_open_data", stdout=None)

    response = Client().get("/open-data/catalog.jsonld")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    catalog = response.json()
    assert catalog["@type"] == "dcat:Catalog"
    assert catalog["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    (dataset,) = catalog["dcat:dataset"]
    assert dataset["dct:identifier"] == "kad-sales-lamphun"
    urls = {d["dcat:downloadURL"]["@id"] for d in dataset["dcat:distribution"]}
    assert urls == {
        "http://testserver/open-data/lamphun/sales-monthly.csv",
        "http://testserver/open-data/lamphun/datapackage.json",
    }
    assert dataset["dct:temporal"]["dcat:startDate"]["@value"] == "2025-03-01"


def test_open_data_files_outside_the_package_are_not_served(sales) -> None:
    call_command("publish_open_data", stdout=None)
    client = Client()

    assert client.get("/open-data/lamphun/../../settings.py").status_code == 404
    assert client.get("/open-data/lamphun/other.csv").status_code == 404
    assert client.get("/open-data/nowhere/datapackage.json").status_code == 404
    assert client.get("/open-data/").status_code == 200


def test_nothing_of_a_shopper_is_published(sales) -> None:
    call_command("publish_open_data", stdout=None)
    body = Client().get("/open-data/lamphun/sales-monthly.csv").getvalue()
    assert b"@" not in body and b"malee" not in body


# --- the push feed ------------------------------------------------------------------------------


class Receiver:
    """A small HTTP endpoint on 127.0.0.1 that checks the signature as the platform would,
    answering with the given status codes in turn (the last one repeats)."""

    def __init__(self, statuses: list[int], secret: str = SECRET) -> None:
        self.statuses = statuses
        self.secret = secret
        self.received: list[dict[str, object]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                timestamp = self.headers["X-Kad-Timestamp"]
                expected = hmac.new(
                    receiver.secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256
                ).hexdigest()
                valid = hmac.compare_digest(self.headers["X-Kad-Signature"], f"sha256={expected}")
                status = receiver.statuses[min(len(receiver.received), len(receiver.statuses) - 1)]
                receiver.received.append(
                    {
                        "valid": valid,
                        "body": json.loads(body),
                        "delivery": self.headers["X-Kad-Delivery"],
                        "event": self.headers["X-Kad-Event"],
                    }
                )
                self.send_response(status if valid else 401)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/feed"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def eager_retries() -> Iterator[None]:
    """In-process tasks follow their retries (at once, without the backoff's wait) instead of
    raising Celery's Retry to the caller, as a worker would."""
    from marketplace.celery import app

    before = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = before


@pytest.fixture
def receiver(settings, eager_retries) -> Iterator[Callable[..., Receiver]]:
    made: list[Receiver] = []

    def make(statuses: list[int], secret: str = SECRET) -> Receiver:
        got = Receiver(statuses, secret)
        settings.CDLP_FEED_URL = got.url
        settings.CDLP_FEED_SECRET = SECRET
        made.append(got)
        return got

    yield make
    for got in made:
        got.close()


def test_the_receiver_verifies_the_signed_delivery(
    sales, receiver, django_capture_on_commit_callbacks
) -> None:
    platform = receiver([200])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_open_data", stdout=None)

    (request,) = platform.received
    assert request["valid"] is True
    assert request["event"] == "open_data.published"
    body = request["body"]
    assert isinstance(body, dict)
    assert body["municipality"]["slug"] == "lamphun"
    assert "sales-monthly.csv" in body["data"]
    delivery = FeedDelivery.objects.get()
    assert request["delivery"] == str(delivery.pk)
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (
        DeliveryStatus.DELIVERED,
        1,
        200,
    )


def test_a_receiver_with_another_secret_refuses_and_the_delivery_is_retried(
    sales, receiver, django_capture_on_commit_callbacks
) -> None:
    platform = receiver([200], secret="not-our-secret")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_open_data", stdout=None)

    assert {r["valid"] for r in platform.received} == {False}
    delivery = FeedDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == 9  # the first try and eight retries
    assert delivery.last_status_code == 401


def test_a_receiver_that_fails_twice_gets_the_delivery_on_the_third_try(
    sales, receiver, django_capture_on_commit_callbacks
) -> None:
    platform = receiver([503, 500, 202])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_open_data", stdout=None)

    assert len(platform.received) == 3
    assert all(r["valid"] for r in platform.received)
    assert len({json.dumps(r["body"], sort_keys=True) for r in platform.received}) == 1
    delivery = FeedDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DELIVERED, 3)
    assert list(delivery.attempt_log.values_list("number", "status_code")) == [
        (1, 503),
        (2, 500),
        (3, 202),
    ]


def test_an_unreachable_platform_is_logged_as_a_network_error(sales, settings) -> None:
    settings.CDLP_FEED_URL = "http://127.0.0.1:9/feed"  # discard port: nothing listens
    settings.CDLP_FEED_SECRET = SECRET
    call_command("publish_open_data", stdout=None)  # the push waits for the commit
    delivery = FeedDelivery.objects.get()

    with pytest.raises(FeedDeliveryFailed):
        feed.feed_delivery_attempt(delivery_id=delivery.pk)

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.last_status_code is None and delivery.last_error


def test_no_unsigned_delivery_is_queued_without_a_secret(sales, settings) -> None:
    settings.CDLP_FEED_URL = "http://127.0.0.1:9/feed"
    settings.CDLP_FEED_SECRET = ""

    call_command("publish_open_data", stdout=None)

    assert not FeedDelivery.objects.exists()


def test_the_feed_signature_covers_timestamp_and_body() -> None:
    signature = feed.feed_sign(secret="k", timestamp="1700000000", body=b'{"a":1}')
    expected = hmac.new(b"k", b'1700000000.{"a":1}', hashlib.sha256).hexdigest()
    assert signature == f"sha256={expected}"
    assert feed.feed_sign(secret="k", timestamp="1700000001", body=b'{"a":1}') != signature


def test_the_monthly_beat_job_publishes_every_active_municipality(sales) -> None:
    from marketplace.analytics.tasks import open_data_publish_all_task
    from marketplace.celery import app

    entry = app.conf.beat_schedule["analytics-open-data-monthly"]
    assert entry["task"] == open_data_publish_all_task.name
    assert open_data_publish_all_task.delay().get() == 1
    assert Client().get("/open-data/lamphun/datapackage.json").status_code == 200
