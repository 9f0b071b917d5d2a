"""What every gateway offers, and the plain values it answers with."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from payments.models import Payment, Refund


@dataclass(frozen=True)
class PromptPayQr:
    """`next_action.promptpay_display_qr_code` of a PaymentIntent: what the shopper scans."""

    data: str
    image_url_png: str
    image_url_svg: str
    hosted_instructions_url: str


@dataclass(frozen=True)
class GatewayState:
    """What the gateway says about a payment now, in Kad's terms (a `PaymentStatus` value)."""

    status: str
    amount_received: Decimal = Decimal(0)
    currency: str = "THB"
    charge_id: str = ""
    message: str = ""


@dataclass(frozen=True)
class InitializeResult:
    psp_reference: str = ""
    client_secret: str = ""
    state: GatewayState | None = None
    promptpay_qr: PromptPayQr | None = None


@dataclass(frozen=True)
class RefundResult:
    """`status` is a `RefundStatus` value."""

    status: str
    psp_reference: str = ""
    message: str = ""
    extra: dict[str, str] = field(default_factory=dict)


class PaymentGateway(Protocol):
    """A way to pay. Manual gateways move no money themselves: an operator or a vendor records
    what happened, so `initialize` only describes the payment and `refund` is not called."""

    is_manual: bool

    def initialize(self, *, payment: Payment, method: str) -> InitializeResult: ...

    def fetch_state(self, *, payment: Payment) -> GatewayState | None: ...

    def refund(self, *, refund: Refund) -> RefundResult: ...
