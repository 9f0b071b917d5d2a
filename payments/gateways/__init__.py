"""Payment gateways behind one small interface: Stripe, cash on delivery, bank transfer.

`gateway_for(code)` returns the gateway of a `payments.models.Gateway` code. The services call
gateways; nothing else does.
"""

from __future__ import annotations

from payments.gateways.base import PaymentGateway
from payments.gateways.manual import BankTransferGateway, CashOnDeliveryGateway
from payments.gateways.stripe_gateway import StripeGateway
from payments.models import Gateway

_GATEWAYS: dict[str, PaymentGateway] = {
    Gateway.STRIPE: StripeGateway(),
    Gateway.CASH_ON_DELIVERY: CashOnDeliveryGateway(),
    Gateway.BANK_TRANSFER: BankTransferGateway(),
}


def gateway_for(code: str) -> PaymentGateway:
    return _GATEWAYS[code]


__all__ = ["PaymentGateway", "gateway_for"]
