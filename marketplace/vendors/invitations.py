"""Owners invite staff by e-mail: a signed, single-use link that expires.

The link carries a token made with `django.core.signing` (salted, timestamped) that names the
invitation's row and address; the row decides whether the link still works: not accepted yet,
not withdrawn, and before `expires_at`. Nothing secret is stored, so a leaked database does not
hand out working links, and a re-sent invitation's older link keeps naming the same open row.

The e-mail leaves through `vendor_invitation_email_send`, queued when the transaction commits.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Final

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.models import User
from marketplace.vendors.errors import VendorError, VendorErrorCode
from marketplace.vendors.models import (
    MembershipRole,
    Vendor,
    VendorInvitation,
    VendorMembership,
)
from marketplace.vendors.services import membership_add

INVITATION_DAYS: Final = 7
TOKEN_PLACEHOLDER: Final = "__token__"  # noqa: S105 - where the token goes, not a secret
_SALT: Final = "marketplace.vendors.invitations"


def _not_owner() -> VendorError:
    return VendorError(VendorErrorCode.NOT_OWNER, _("Only the shop's owner can do this."))


def _is_owner(*, vendor: Vendor, user: User) -> bool:
    return VendorMembership.objects.filter(
        vendor=vendor, user=user, role=MembershipRole.OWNER, user__is_active=True
    ).exists()


def _email_normalize(email: str) -> str:
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise VendorError(
            VendorErrorCode.INVALID_EMAIL,
            _("Enter the e-mail address of the person you invite, such as name@example.com."),
            field="email",
        ) from exc
    return email


def invitation_token(invitation: VendorInvitation) -> str:
    """The signed token of the invitation's link."""
    return signing.dumps({"id": invitation.pk, "email": invitation.email}, salt=_SALT)


def invitation_link(invitation: VendorInvitation, *, link_template: str) -> str:
    return link_template.replace(TOKEN_PLACEHOLDER, invitation_token(invitation))


@transaction.atomic
def invitation_create(
    *, vendor: Vendor, email: str, by: User, link_template: str, language_code: str = "th"
) -> VendorInvitation:
    """Invite `email` to the shop as staff and e-mail them the link: `link_template` is the
    absolute address of the accept page with `TOKEN_PLACEHOLDER` where the token goes.

    Inviting an address with an open invitation renews it (new expiry, new e-mail). Raises
    `VendorError` NOT_OWNER (`by` is not an owner), INVALID_EMAIL, ALREADY_MEMBER.
    """
    if not _is_owner(vendor=vendor, user=by):
        raise _not_owner()
    email = _email_normalize(email)
    Vendor.objects.select_for_update().get(pk=vendor.pk)  # one invitation change at a time
    if VendorMembership.objects.filter(vendor=vendor, user__email__iexact=email).exists():
        raise VendorError(
            VendorErrorCode.ALREADY_MEMBER,
            _("%(email)s is already a member of this shop."),
            field="email",
            params={"email": email},
        )
    expires_at = timezone.now() + timedelta(days=INVITATION_DAYS)
    language = language_code if language_code in ("th", "en") else "th"
    invitation = VendorInvitation.objects.filter(
        vendor=vendor, email=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).first()
    if invitation is None:
        invitation = VendorInvitation.objects.create(
            vendor=vendor,
            email=email,
            role=MembershipRole.STAFF,
            invited_by=by,
            expires_at=expires_at,
            language_code=language,
        )
    else:
        invitation.expires_at = expires_at
        invitation.invited_by = by
        invitation.language_code = language
        invitation.save(update_fields=["expires_at", "invited_by", "language_code"])
    invitation_id = invitation.pk

    def queue_email() -> None:
        from marketplace.vendors.tasks import vendor_invitation_email_send

        vendor_invitation_email_send.delay(invitation_id, link_template)

    transaction.on_commit(queue_email)
    return invitation


def invitation_open(*, token: str) -> VendorInvitation:
    """The invitation a link's token names, if the link still works (a read: nothing changes).

    Raises `VendorError` INVITATION_INVALID (not a token of ours, or withdrawn),
    INVITATION_USED, INVITATION_EXPIRED; all on the field `token`.
    """
    try:
        data = signing.loads(token, salt=_SALT, max_age=timedelta(days=INVITATION_DAYS + 1))
    except signing.SignatureExpired as exc:
        raise _expired() from exc
    except signing.BadSignature as exc:
        raise _invalid() from exc
    invitation = (
        VendorInvitation.objects.select_related("vendor", "invited_by")
        .filter(pk=data.get("id"), email=data.get("email"))
        .first()
    )
    if invitation is None or invitation.revoked_at is not None:
        raise _invalid()
    if invitation.accepted_at is not None:
        raise _used()
    if invitation.expires_at <= timezone.now():
        raise _expired()
    return invitation


def _invalid() -> VendorError:
    return VendorError(
        VendorErrorCode.INVITATION_INVALID,
        _("This invitation link does not work. Ask the shop's owner to invite you again."),
        field="token",
    )


def _used() -> VendorError:
    return VendorError(
        VendorErrorCode.INVITATION_USED,
        _("This invitation has already been used. Sign in to open the shop's portal."),
        field="token",
    )


def _expired() -> VendorError:
    return VendorError(
        VendorErrorCode.INVITATION_EXPIRED,
        _("This invitation has expired. Ask the shop's owner to invite you again."),
        field="token",
    )


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> VendorMembership:
    """`user` joins the shop with the invitation's role; the link then stops working.

    The signed-in account must have the invited address (INVITATION_WRONG_ACCOUNT), so a
    forwarded link cannot let someone else in. Someone who became a member meanwhile keeps their
    membership (the invitation is marked used). Raises `VendorError` as `invitation_open` does.
    """
    invitation = invitation_open(token=token)
    invitation = VendorInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:  # accepted by a concurrent request
        raise _used()
    if user.email.lower() != invitation.email:
        raise VendorError(
            VendorErrorCode.INVITATION_WRONG_ACCOUNT,
            _("This invitation was sent to %(email)s. Sign in with that address to accept it."),
            field="token",
            params={"email": invitation.email},
        )
    membership = VendorMembership.objects.filter(vendor=invitation.vendor, user=user).first()
    if membership is None:
        membership = membership_add(vendor=invitation.vendor, user=user, role=invitation.role)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


@transaction.atomic
def invitation_revoke(*, invitation: VendorInvitation, by: User) -> VendorInvitation:
    """Withdraw an open invitation: its link stops working. Raises `VendorError` NOT_OWNER."""
    if not _is_owner(vendor=invitation.vendor, user=by):
        raise _not_owner()
    invitation = VendorInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation
