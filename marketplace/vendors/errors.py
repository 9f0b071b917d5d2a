from __future__ import annotations

from enum import Enum

from marketplace.core.errors import DomainError


class VendorErrorCode(Enum):
    INVALID = "invalid"
    NAME_REQUIRED = "name_required"
    PHONE_REQUIRED = "phone_required"
    INVALID_PHONE = "invalid_phone"
    MUNICIPALITY_INACTIVE = "municipality_inactive"
    SLUG_TAKEN = "slug_taken"
    INVALID_COMMISSION_RATE = "invalid_commission_rate"
    INVALID_STATUS_TRANSITION = "invalid_status_transition"
    REASON_REQUIRED = "reason_required"
    ALREADY_MEMBER = "already_member"
    NOT_MEMBER = "not_member"
    LAST_OWNER = "last_owner"
    NOT_OWNER = "not_owner"
    DOCUMENT_TOO_LARGE = "document_too_large"
    DOCUMENT_EMPTY = "document_empty"
    DOCUMENT_TYPE = "document_type"
    INVALID_EMAIL = "invalid_email"
    INVITATION_INVALID = "invitation_invalid"
    INVITATION_EXPIRED = "invitation_expired"
    INVITATION_USED = "invitation_used"
    INVITATION_WRONG_ACCOUNT = "invitation_wrong_account"


class VendorError(DomainError):
    """A vendor (shop) or its membership could not be created or changed."""
