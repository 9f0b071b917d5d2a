from __future__ import annotations

from enum import Enum

from marketplace.core.errors import DomainError


class LedgerErrorCode(Enum):
    NOT_DELIVERED = "not_delivered"
    INVALID_AMOUNT = "invalid_amount"
    REFUND_EXCEEDS_TOTAL = "refund_exceeds_total"
    REFERENCE_REQUIRED = "reference_required"
    REFERENCE_REUSED = "reference_reused"
    NOT_OWNER = "not_owner"
    INVALID_BANK = "invalid_bank"
    INVALID_ACCOUNT_NUMBER = "invalid_account_number"
    ACCOUNT_NAME_REQUIRED = "account_name_required"
    INVALID_PROMPTPAY_ID = "invalid_promptpay_id"
    INVALID_PAYOUT_METHOD = "invalid_payout_method"
    PAYOUT_NOT_PENDING = "payout_not_pending"
    BANK_REFERENCE_REQUIRED = "bank_reference_required"
    REASON_REQUIRED = "reason_required"
    STRIPE_NOT_CONFIGURED = "stripe_not_configured"
    STRIPE_FAILED = "stripe_failed"
    INVALID_RESULTS_FILE = "invalid_results_file"


class LedgerError(DomainError):
    """A ledger entry, payout account or payout could not be written or changed."""
