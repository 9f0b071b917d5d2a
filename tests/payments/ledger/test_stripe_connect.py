"""Stripe Connect payouts against a small Stripe-shaped HTTP server (localstripe has no Connect).

The server answers /v1/accounts, /v1/account_links and /v1/transfers with JSON shaped like
Stripe's API reference, records every request, and behaves like Stripe for idempotency: a
repeated Idempotency-Key returns the first answer instead of a second transfer.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

import pytest
from django.utils import timezone

from payments.ledger.errors import LedgerError, LedgerErrorCode
from payments.ledger.models import PayoutMethod, PayoutStatus, VendorPayoutAccount
from payments.ledger.selectors import vendor_balance
from payments.ledger.services import (
    payout_account_connect_onboard,
    payout_run_create,
    payout_transfer_send,
)
from tests.factories.checkout import VendorStall, stall
from tests.payments.ledger.helpers import delivered

pytestmark = pytest.mark.django_db


@dataclass
class FakeStripe:
    requests: list[tuple[str, str, dict[str, list[str]], str | None]] = field(default_factory=list)
    answers: dict[str, tuple[int, dict[str, Any]]] = field(default_factory=dict)
    refuse_transfers: bool = False
    base: str = ""

    def posts(self, path: str) -> list[dict[str, list[str]]]:
        return [form for method, p, form, _ in self.requests if method == "POST" and p == path]


def _handler(fake: FakeStripe) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return

        def _answer(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            form = parse_qs(self.rfile.read(length).decode())
            key = self.headers.get("Idempotency-Key")
            fake.requests.append(("POST", self.path, form, key))
            if not key:
                self._answer(400, {"error": {"type": "invalid_request_error", "message": "key"}})
                return
            if key in fake.answers:
                self._answer(*fake.answers[key])
                return
            answer = self._route(form)
            fake.answers[key] = answer
            self._answer(*answer)

        def _route(self, form: dict[str, list[str]]) -> tuple[int, dict[str, Any]]:
            n = len(fake.requests)
            if self.path == "/v1/accounts":
                return 200, {"id": f"acct_{n}", "object": "account", "type": "express"}
            if self.path == "/v1/account_links":
                return 200, {
                    "object": "account_link",
                    "url": f"https://connect.stripe.com/setup/e/{form['account'][0]}/x{n}",
                    "expires_at": 1_900_000_000,
                    "created": 1_800_000_000,
                }
            if self.path == "/v1/transfers":
                if fake.refuse_transfers:
                    return 400, {
                        "error": {
                            "type": "invalid_request_error",
                            "message": "No such destination: 'acct_gone'",
                            "param": "destination",
                        }
                    }
                return 200, {
                    "id": f"tr_{n}",
                    "object": "transfer",
                    "amount": int(form["amount"][0]),
                    "currency": form["currency"][0],
                    "destination": form["destination"][0],
                    "transfer_group": form["transfer_group"][0],
                }
            return 404, {"error": {"type": "invalid_request_error", "message": "no route"}}

    return Handler


@pytest.fixture
def fake_stripe(settings) -> Iterator[FakeStripe]:
    fake = FakeStripe()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.base = f"http://127.0.0.1:{server.server_address[1]}"
    settings.STRIPE_API_KEY = "sk_test_connect"
    settings.STRIPE_API_BASE = fake.base
    settings.PAYOUT_METHOD = PayoutMethod.STRIPE_CONNECT
    yield fake
    server.shutdown()
    server.server_close()


def _connected(shop: VendorStall, account_id: str) -> None:
    VendorPayoutAccount.objects.create(vendor=shop.vendor, stripe_account_id=account_id)


def test_onboarding_creates_one_connected_account_and_returns_an_account_link(
    fake_stripe: FakeStripe,
) -> None:
    shop = stall()
    url = payout_account_connect_onboard(
        vendor=shop.vendor,
        by=shop.owner.user,
        refresh_url="https://kad.example/vendor/payouts/connect/",
        return_url="https://kad.example/vendor/payouts/",
    )
    account_id = VendorPayoutAccount.objects.get(vendor=shop.vendor).stripe_account_id
    assert account_id.startswith("acct_")
    assert url.startswith(f"https://connect.stripe.com/setup/e/{account_id}/")
    (account_form,) = fake_stripe.posts("/v1/accounts")
    assert account_form["capabilities[transfers][requested]"] == ["true"]
    assert account_form["metadata[vendor_id]"] == [str(shop.vendor.pk)]
    (link_form,) = fake_stripe.posts("/v1/account_links")
    assert link_form["type"] == ["account_onboarding"]
    assert link_form["account"] == [account_id]

    payout_account_connect_onboard(
        vendor=shop.vendor, by=shop.owner.user, refresh_url="https://a/", return_url="https://b/"
    )
    assert len(fake_stripe.posts("/v1/accounts")) == 1  # the account is made once
    keys = [key for method, path, _, key in fake_stripe.requests]
    assert all(keys) and keys[0] == f"kad-connect-account-{shop.vendor.pk}"


def test_a_staff_member_cannot_onboard_the_shop(fake_stripe: FakeStripe) -> None:
    from marketplace.vendors.models import MembershipRole
    from tests.factories.vendors import VendorMembershipFactory

    shop = stall()
    staff = VendorMembershipFactory.create(vendor=shop.vendor, role=MembershipRole.STAFF).user
    with pytest.raises(LedgerError) as refused:
        payout_account_connect_onboard(
            vendor=shop.vendor, by=staff, refresh_url="https://a/", return_url="https://b/"
        )
    assert refused.value.code == LedgerErrorCode.NOT_OWNER
    assert fake_stripe.requests == []


def test_a_connect_run_sends_one_transfer_per_vendor_with_the_runs_group(
    fake_stripe: FakeStripe, django_capture_on_commit_callbacks
) -> None:
    silk, pottery = stall(price="1850.00"), stall(price="320.00")
    _connected(silk, "acct_silk")
    _connected(pottery, "acct_pottery")
    delivered(silk, pottery)

    with django_capture_on_commit_callbacks(execute=True):
        run = payout_run_create(by=None, as_of=timezone.now() + timedelta(days=30))
    assert run is not None

    transfers = fake_stripe.posts("/v1/transfers")
    assert sorted((t["destination"][0], t["amount"][0]) for t in transfers) == [
        ("acct_pottery", "33800"),  # 320 + 50 - 32 = 338.00 THB in satang
        ("acct_silk", "171500"),
    ]
    assert {t["transfer_group"][0] for t in transfers} == {run.transfer_group}
    assert {t["currency"][0] for t in transfers} == {"thb"}
    keys = sorted(key or "" for _, path, _, key in fake_stripe.requests if path == "/v1/transfers")
    assert keys == sorted(f"kad-payout-{p.pk}" for p in run.payouts.all())
    for payout in run.payouts.all():
        assert payout.method == PayoutMethod.STRIPE_CONNECT
        assert payout.status == PayoutStatus.PAID
        assert payout.stripe_transfer_id.startswith("tr_")
    assert vendor_balance(vendor=silk.vendor).balance == Decimal("0.00")


def test_sending_a_payout_twice_makes_one_transfer(
    fake_stripe: FakeStripe, django_capture_on_commit_callbacks
) -> None:
    silk = stall()
    _connected(silk, "acct_silk")
    delivered(silk)
    run = payout_run_create(by=None, as_of=timezone.now() + timedelta(days=30))  # not sent yet
    assert run is not None
    payout = run.payouts.get()

    first = payout_transfer_send(payout_id=payout.pk)
    second = payout_transfer_send(payout_id=payout.pk)

    assert first.status == second.status == PayoutStatus.PAID
    assert len(fake_stripe.posts("/v1/transfers")) == 1


def test_a_transfer_stripe_refuses_fails_the_payout_and_returns_the_money(
    fake_stripe: FakeStripe, django_capture_on_commit_callbacks
) -> None:
    fake_stripe.refuse_transfers = True
    silk = stall()
    _connected(silk, "acct_gone")
    delivered(silk)
    with django_capture_on_commit_callbacks(execute=True):
        run = payout_run_create(by=None, as_of=timezone.now() + timedelta(days=30))
    assert run is not None
    payout = run.payouts.get()
    assert payout.status == PayoutStatus.FAILED
    assert "No such destination" in payout.failure_reason
    assert vendor_balance(vendor=silk.vendor).balance == Decimal("500.00")


def test_a_vendor_without_a_connected_account_is_skipped(fake_stripe: FakeStripe) -> None:
    silk = stall()
    delivered(silk)
    run = payout_run_create(by=None, as_of=timezone.now() + timedelta(days=30))
    assert run is not None
    assert run.payouts.count() == 0
    assert run.skipped == [{"vendor_id": silk.vendor.pk, "amount": "500.00"}]
    assert fake_stripe.requests == []


def test_stripe_unreachable_raises_a_connection_error_so_the_task_retries(settings) -> None:
    settings.STRIPE_API_KEY = "sk_test_connect"
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens on the discard port
    silk = stall()
    _connected(silk, "acct_silk")
    delivered(silk)
    run = payout_run_create(
        by=None, method=PayoutMethod.STRIPE_CONNECT, as_of=timezone.now() + timedelta(days=30)
    )
    assert run is not None
    with pytest.raises(ConnectionError):
        payout_transfer_send(payout_id=run.payouts.get().pk)
    assert run.payouts.get().status == PayoutStatus.PENDING
