"""Cash on delivery and bank transfer: no money moves through Kad's code, people record it.

Cash on delivery is paid when the vendor marks the parcel delivered and paid; a bank transfer is
paid when an operator confirms the shopper's slip (`payments.services`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from payments.gateways.base import GatewayState, InitializeResult, RefundResult

if TYPE_CHECKING:
    from payments.models import Payment, Refund


class _ManualGateway:
    is_manual = True

    def initialize(self, *, payment: Payment, method: str) -> InitializeResult:
        return InitializeResult()

    def fetch_state(self, *, payment: Payment) -> GatewayState | None:
        return None  # nothing to ask: the state is what people recorded

    def refund(self, *, refund: Refund) -> RefundResult:
        raise NotImplementedError("manual refunds are recorded, not sent")


class CashOnDeliveryGateway(_ManualGateway):
    pass


class BankTransferGateway(_ManualGateway):
    pass
