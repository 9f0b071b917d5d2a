"""Writes of vendors (shops), their status and their members.

Status changes are recorded in `VendorStatusChange` and told to the owners by e-mail through the
`vendor_status_email_send` task, queued when the transaction commits.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Final, NoReturn

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.models import User
from marketplace.core.phone import thai_phone_normalize
from marketplace.municipalities.models import Municipality
from marketplace.municipalities.selectors import location_validate
from marketplace.vendors.documents import registration_document_check
from marketplace.vendors.errors import VendorError, VendorErrorCode
from marketplace.vendors.models import (
    MembershipRole,
    Vendor,
    VendorEvent,
    VendorKind,
    VendorMembership,
    VendorStatus,
    VendorStatusChange,
)
from marketplace.vendors.slugs import slug_base, slug_unique
from search.tasks import products_index

_SLUG_MAX_LENGTH: Final = 90  # leaves room for a "-N" suffix within the field's 100


class _Unset:
    """Marks an argument of an update that the caller did not pass."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = _Unset()


# --- validation helpers --------------------------------------------------------------------------


def _raise_invalid(exc: ValidationError) -> NoReturn:
    """Turn the first problem `full_clean` found into a `VendorError` naming its field."""
    error_dict = (
        exc.error_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.error_list}
    )
    name, errors = next(iter(error_dict.items()))
    first = errors[0]
    if name == "slug" and first.code == "unique":
        _raise_slug_taken(exc)
    if name == "commission_rate":
        _raise_commission_rate(exc)
    raise VendorError(
        VendorErrorCode.INVALID,
        " ".join(first.messages),
        field=None if name == NON_FIELD_ERRORS else name,
    ) from exc


def _raise_slug_taken(exc: Exception | None = None) -> NoReturn:
    raise VendorError(
        VendorErrorCode.SLUG_TAKEN,
        _("Another shop took this web address at the same moment; please try again."),
        field="slug",
    ) from exc


def _raise_commission_rate(exc: Exception | None = None) -> NoReturn:
    raise VendorError(
        VendorErrorCode.INVALID_COMMISSION_RATE,
        _("A commission rate is a percentage from 0 to 100 with at most two decimal places."),
        field="commission_rate",
    ) from exc


def _save(vendor: Vendor) -> None:
    try:
        vendor.full_clean()
    except ValidationError as exc:
        _raise_invalid(exc)
    try:
        with transaction.atomic():
            vendor.save()
    except IntegrityError as exc:  # the slug was taken between full_clean and the insert
        _raise_slug_taken(exc)


def _name_th(name_th: str) -> str:
    name_th = name_th.strip()
    if not name_th:
        raise VendorError(
            VendorErrorCode.NAME_REQUIRED, _("Enter the shop's name in Thai."), field="name_th"
        )
    return name_th


def _phone(phone: str) -> str:
    if not phone.strip():
        raise VendorError(
            VendorErrorCode.PHONE_REQUIRED,
            _("Enter a phone number the co-op can call."),
            field="phone",
        )
    normalized = thai_phone_normalize(phone)
    if normalized is None:
        raise VendorError(
            VendorErrorCode.INVALID_PHONE,
            _("Enter a Thai phone number, such as 081 234 5678 or 053 511 111."),
            field="phone",
        )
    return normalized


def _kind(kind: str) -> str:
    if kind not in VendorKind.values:
        raise VendorError(
            VendorErrorCode.INVALID,
            _("Choose the kind of shop: individual artisan, community enterprise or OTOP group."),
            field="kind",
        )
    return kind


def _unique_slug(*, name_en: str, name_th: str, exclude_pk: int | None = None) -> str:
    base = slug_base(name_en=name_en, name_th=name_th, max_length=_SLUG_MAX_LENGTH)
    taken = Vendor.objects.filter(slug__startswith=base)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    return slug_unique(base, set(taken.values_list("slug", flat=True)))


def _locked(vendor: Vendor) -> Vendor:
    """The vendor's row, locked until the transaction ends: status and membership changes of one
    vendor happen one after the other."""
    return Vendor.objects.select_for_update().get(pk=vendor.pk)


# --- applying and editing ------------------------------------------------------------------------


@transaction.atomic
def vendor_apply(
    *,
    user: User,
    municipality: Municipality,
    kind: str,
    name_th: str,
    name_en: str = "",
    district_code: str,
    subdistrict_code: str,
    postal_code: str,
    phone: str,
    line_id: str = "",
    email: str = "",
    story_th: str = "",
    story_en: str = "",
    registration_document: UploadedFile | None = None,
) -> Vendor:
    """Open a shop application: the vendor is pending and `user` becomes its owner.

    The location must lie in the municipality's province (`PlaceError` otherwise, from
    `location_validate`); the phone must be a Thai number (stored as 0XXXXXXXXX); the slug is made
    unique from the English name, else from the romanised Thai name. The commission rate starts at
    the municipality's default. A registration document must be a PDF or an image within
    `KAD_MAX_UPLOAD_BYTES` (`vendors.documents`). Raises `VendorError` or `PlaceError`.
    """
    if not municipality.is_active:
        raise VendorError(
            VendorErrorCode.MUNICIPALITY_INACTIVE,
            _("This municipality does not accept new shops at the moment."),
            field="municipality",
        )
    name_th = _name_th(name_th)
    name_en = name_en.strip()
    kind = _kind(kind)
    phone = _phone(phone)
    subdistrict = location_validate(
        province_code=municipality.province_id,
        district_code=district_code,
        subdistrict_code=subdistrict_code,
        postal_code=postal_code,
    )
    vendor = Vendor(
        slug=_unique_slug(name_en=name_en, name_th=name_th),
        name_th=name_th,
        name_en=name_en,
        kind=kind,
        status=VendorStatus.PENDING,
        story_th=story_th.strip(),
        story_en=story_en.strip(),
        municipality=municipality,
        district_id=subdistrict.district_id,
        subdistrict=subdistrict,
        postal_code=postal_code.strip(),
        phone=phone,
        line_id=line_id.strip(),
        email=email.strip() or user.email,
        commission_rate=municipality.default_commission_rate,
    )
    _document_attach(vendor, registration_document)
    _save(vendor)
    VendorMembership.objects.create(user=user, vendor=vendor, role=MembershipRole.OWNER)
    return vendor


def _document_attach(vendor: Vendor, document: UploadedFile | None) -> None:
    """Check the document and name it after its real type (saved with the vendor's row)."""
    if document is None:
        return
    suffix = registration_document_check(document)
    document.name = f"document{suffix}"
    vendor.registration_document = document


@transaction.atomic
def vendor_reapply(
    *,
    vendor: Vendor,
    by: User,
    kind: str,
    name_th: str,
    name_en: str = "",
    district_code: str,
    subdistrict_code: str,
    postal_code: str,
    phone: str,
    line_id: str = "",
    story_th: str = "",
    registration_document: UploadedFile | None = None,
) -> Vendor:
    """Send a rejected application again, corrected: the vendor is pending once more.

    Only an owner may re-apply (NOT_OWNER), only for a rejected shop (INVALID_STATUS_TRANSITION);
    the fields are checked as by `vendor_apply`; without a new document the old one stays.
    Operators see the change as REAPPLIED in the status history. Raises `VendorError` or
    `PlaceError`.
    """
    if not VendorMembership.objects.filter(
        vendor=vendor, user=by, role=MembershipRole.OWNER
    ).exists():
        raise VendorError(
            VendorErrorCode.NOT_OWNER, _("Only the shop's owner can do this."), field=None
        )
    locked = _locked(vendor)
    if locked.status != VendorStatus.REJECTED:
        raise VendorError(
            VendorErrorCode.INVALID_STATUS_TRANSITION,
            _REFUSALS[VendorEvent.REAPPLIED],
            field="status",
            params={"status": locked.get_status_display()},
        )
    vendor_update(
        vendor=locked,
        kind=kind,
        name_th=name_th,
        name_en=name_en,
        district_code=district_code,
        subdistrict_code=subdistrict_code,
        postal_code=postal_code,
        phone=phone,
        line_id=line_id,
        story_th=story_th,
    )
    if registration_document is not None:
        _document_attach(locked, registration_document)
        locked.save(update_fields=["registration_document", "updated_at"])
    return _status_change(vendor=locked, event=VendorEvent.REAPPLIED, reason="", by=by)


@transaction.atomic
def vendor_update(
    *,
    vendor: Vendor,
    name_th: str | _Unset = UNSET,
    name_en: str | _Unset = UNSET,
    kind: str | _Unset = UNSET,
    story_th: str | _Unset = UNSET,
    story_en: str | _Unset = UNSET,
    phone: str | _Unset = UNSET,
    line_id: str | _Unset = UNSET,
    email: str | _Unset = UNSET,
    district_code: str | _Unset = UNSET,
    subdistrict_code: str | _Unset = UNSET,
    postal_code: str | _Unset = UNSET,
    otop_stars: int | _Unset | None = UNSET,
    geographical_indication: bool | _Unset = UNSET,
    community_product_standard: bool | _Unset = UNSET,
) -> Vendor:
    """Change the fields passed and leave the others, with the same checks as `vendor_apply`.

    The slug stays as it is (links to the shop keep working). A location change is validated as
    a whole: fields not passed keep their current value. Raises `VendorError` or `PlaceError`.
    """
    if not isinstance(name_th, _Unset):
        vendor.name_th = _name_th(name_th)
    if not isinstance(name_en, _Unset):
        vendor.name_en = name_en.strip()
    if not isinstance(kind, _Unset):
        vendor.kind = _kind(kind)
    if not isinstance(story_th, _Unset):
        vendor.story_th = story_th.strip()
    if not isinstance(story_en, _Unset):
        vendor.story_en = story_en.strip()
    if not isinstance(phone, _Unset):
        vendor.phone = _phone(phone)
    if not isinstance(line_id, _Unset):
        vendor.line_id = line_id.strip()
    if not isinstance(email, _Unset):
        vendor.email = email.strip()
    if not all(isinstance(v, _Unset) for v in (district_code, subdistrict_code, postal_code)):
        subdistrict = location_validate(
            province_code=vendor.municipality.province_id,
            district_code=vendor.district_id
            if isinstance(district_code, _Unset)
            else district_code,
            subdistrict_code=(
                vendor.subdistrict_id if isinstance(subdistrict_code, _Unset) else subdistrict_code
            ),
            postal_code=vendor.postal_code if isinstance(postal_code, _Unset) else postal_code,
        )
        vendor.district_id = subdistrict.district_id
        vendor.subdistrict = subdistrict
        if not isinstance(postal_code, _Unset):
            vendor.postal_code = postal_code.strip()
    if not isinstance(otop_stars, _Unset):
        vendor.otop_stars = otop_stars
    if not isinstance(geographical_indication, _Unset):
        vendor.geographical_indication = geographical_indication
    if not isinstance(community_product_standard, _Unset):
        vendor.community_product_standard = community_product_standard
    _save(vendor)
    return vendor


@transaction.atomic
def vendor_commission_set(*, vendor: Vendor, rate: Decimal) -> Vendor:
    """Set the vendor's commission (percent of each sale, 0 to 100, two decimal places at most).

    Applies to orders placed from now on. Raises `VendorError` INVALID_COMMISSION_RATE.
    """
    try:
        valid = rate.is_finite() and Decimal(0) <= rate <= Decimal(100) and rate == round(rate, 2)
    except InvalidOperation:
        valid = False
    if not valid:
        _raise_commission_rate()
    vendor.commission_rate = rate
    _save(vendor)
    return vendor


# --- status --------------------------------------------------------------------------------------

# event: (statuses it may start from, status it leads to)
_TRANSITIONS: Final[dict[VendorEvent, tuple[frozenset[str], VendorStatus]]] = {
    VendorEvent.APPROVED: (frozenset({VendorStatus.PENDING}), VendorStatus.APPROVED),
    VendorEvent.SUSPENDED: (
        frozenset({VendorStatus.PENDING, VendorStatus.APPROVED}),
        VendorStatus.SUSPENDED,
    ),
    VendorEvent.REINSTATED: (frozenset({VendorStatus.SUSPENDED}), VendorStatus.APPROVED),
    VendorEvent.REJECTED: (frozenset({VendorStatus.PENDING}), VendorStatus.REJECTED),
    VendorEvent.REAPPLIED: (frozenset({VendorStatus.REJECTED}), VendorStatus.PENDING),
}

_REFUSALS: Final = {
    VendorEvent.APPROVED: _(
        "Only a shop waiting for approval can be approved; this one is %(status)s."
    ),
    VendorEvent.SUSPENDED: _(
        "Only a shop waiting for approval or approved can be suspended; this one is %(status)s."
    ),
    VendorEvent.REINSTATED: _("Only a suspended shop can be reinstated; this one is %(status)s."),
    VendorEvent.REJECTED: _(
        "Only a shop waiting for approval can be turned down; this one is %(status)s."
    ),
    VendorEvent.REAPPLIED: _(
        "Only an application that was not approved can be sent again; this one is %(status)s."
    ),
}


def _status_change(*, vendor: Vendor, event: VendorEvent, reason: str, by: User | None) -> Vendor:
    locked = _locked(vendor)
    allowed_from, target = _TRANSITIONS[event]
    if locked.status not in allowed_from:
        raise VendorError(
            VendorErrorCode.INVALID_STATUS_TRANSITION,
            _REFUSALS[event],
            field="status",
            params={"status": locked.get_status_display()},
        )
    now = timezone.now()
    locked.status = target
    locked.status_reason = reason
    if target == VendorStatus.APPROVED and locked.approved_at is None:
        locked.approved_at = now
    locked.save(update_fields=["status", "status_reason", "approved_at", "updated_at"])
    VendorStatusChange.objects.create(vendor=locked, event=event, reason=reason, changed_by=by)
    vendor_id = locked.pk

    def queue_email() -> None:
        from marketplace.vendors.tasks import vendor_status_email_send

        vendor_status_email_send.delay(vendor_id, event.value)

    if event in _EMAIL_TEMPLATES:  # the applicant's own re-application needs no e-mail
        transaction.on_commit(queue_email)
    # The shop's products appear in or leave the shoppers' search with it.
    product_ids = list(locked.products.values_list("id", flat=True))
    if product_ids:
        transaction.on_commit(lambda: products_index.delay(product_ids))
    vendor.status = locked.status
    vendor.status_reason = locked.status_reason
    vendor.approved_at = locked.approved_at
    vendor.updated_at = locked.updated_at
    return vendor


@transaction.atomic
def vendor_approve(*, vendor: Vendor, by: User | None = None) -> Vendor:
    """Approve a pending vendor: its published products become visible; owners get an e-mail.

    Raises `VendorError` INVALID_STATUS_TRANSITION unless the vendor is pending.
    """
    return _status_change(vendor=vendor, event=VendorEvent.APPROVED, reason="", by=by)


@transaction.atomic
def vendor_suspend(*, vendor: Vendor, reason: str, by: User | None = None) -> Vendor:
    """Suspend a pending or approved vendor; the reason is kept and e-mailed to the owners.

    Raises `VendorError` REASON_REQUIRED (blank reason) or INVALID_STATUS_TRANSITION.
    """
    reason = reason.strip()
    if not reason:
        raise VendorError(
            VendorErrorCode.REASON_REQUIRED,
            _("Say why the shop is suspended: the owners will read it."),
            field="reason",
        )
    return _status_change(vendor=vendor, event=VendorEvent.SUSPENDED, reason=reason, by=by)


@transaction.atomic
def vendor_reject(*, vendor: Vendor, reason: str, by: User | None = None) -> Vendor:
    """Turn down a pending application; the reason is kept and e-mailed to the applicant, who may
    correct the application and send it again (`vendor_reapply`).

    Raises `VendorError` REASON_REQUIRED (blank reason) or INVALID_STATUS_TRANSITION.
    """
    reason = reason.strip()
    if not reason:
        raise VendorError(
            VendorErrorCode.REASON_REQUIRED,
            _("Say why the application is not approved: the applicant will read it."),
            field="reason",
        )
    return _status_change(vendor=vendor, event=VendorEvent.REJECTED, reason=reason, by=by)


@transaction.atomic
def vendor_reinstate(*, vendor: Vendor, by: User | None = None) -> Vendor:
    """Approve a suspended vendor again; owners get an e-mail.

    Raises `VendorError` INVALID_STATUS_TRANSITION unless the vendor is suspended.
    """
    return _status_change(vendor=vendor, event=VendorEvent.REINSTATED, reason="", by=by)


_EMAIL_TEMPLATES: Final = {
    VendorEvent.APPROVED: "vendors/email/vendor_approved",
    VendorEvent.SUSPENDED: "vendors/email/vendor_suspended",
    VendorEvent.REINSTATED: "vendors/email/vendor_reinstated",
    VendorEvent.REJECTED: "vendors/email/vendor_rejected",
}


@transaction.atomic
def vendor_owners_notify(*, vendor_id: int, event: str) -> int:
    """E-mail the vendor's owners about its latest `event` status change, once; return how many
    e-mails went out.

    Idempotent: the change is marked notified in the same transaction, and a concurrent run skips
    a change that another holds locked. A change the vendor has since moved past (approved, then
    suspended before the e-mail left) is marked without sending, so owners never read a stale
    message. Each owner reads the e-mail in their own language (Thai or English).
    """
    vendor_event = VendorEvent(event)
    change = (
        VendorStatusChange.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("vendor")
        .filter(vendor_id=vendor_id, event=vendor_event, notified_at__isnull=True)
        .order_by("-created_at", "-id")
        .first()
    )
    if change is None:
        return 0
    vendor = change.vendor
    latest = VendorStatusChange.objects.filter(vendor=vendor).order_by("-created_at", "-id").first()
    messages: list[EmailMessage] = []
    if latest is not None and latest.pk == change.pk:
        owners = User.objects.filter(
            vendor_memberships__vendor=vendor,
            vendor_memberships__role=MembershipRole.OWNER,
            is_active=True,
        ).order_by("pk")
        for owner in owners:
            messages.append(_status_email(vendor=vendor, change=change, owner=owner))
    if messages:
        # A failure raises and rolls back the mark, so the task's retry sends again.
        get_connection().send_messages(messages)
    # Every older unsent change of this event is settled too: the owners now know the latest.
    VendorStatusChange.objects.filter(
        vendor=vendor,
        event=vendor_event,
        notified_at__isnull=True,
        created_at__lte=change.created_at,
    ).update(notified_at=timezone.now())
    return len(messages)


def _status_email(*, vendor: Vendor, change: VendorStatusChange, owner: User) -> EmailMessage:
    template = _EMAIL_TEMPLATES[VendorEvent(change.event)]
    language = owner.language_code if owner.language_code in ("th", "en") else "th"
    with translation.override(language):
        shop_name = vendor.name_en if language == "en" and vendor.name_en else vendor.name_th
        context = {
            "owner_name": owner.get_short_name(),
            "shop_name": shop_name,
            "reason": change.reason,
            "vendor": vendor,
        }
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    return EmailMessage(subject=subject, body=body, to=[owner.email])


# --- members -------------------------------------------------------------------------------------


@transaction.atomic
def membership_add(
    *, vendor: Vendor, user: User, role: str = MembershipRole.STAFF
) -> VendorMembership:
    """Make `user` an owner or staff member of the vendor.

    Raises `VendorError` ALREADY_MEMBER, or INVALID for an unknown role.
    """
    if role not in MembershipRole.values:
        raise VendorError(
            VendorErrorCode.INVALID, _("Choose owner or staff as the role."), field="role"
        )
    _locked(vendor)
    if VendorMembership.objects.filter(vendor=vendor, user=user).exists():
        raise VendorError(
            VendorErrorCode.ALREADY_MEMBER,
            _("%(email)s is already a member of this shop."),
            field="user",
            params={"email": user.email},
        )
    return VendorMembership.objects.create(vendor=vendor, user=user, role=role)


@transaction.atomic
def membership_role_set(*, vendor: Vendor, user: User, role: str) -> VendorMembership:
    """Make a member owner or staff; the last owner cannot become staff.

    Raises `VendorError` NOT_MEMBER, LAST_OWNER, or INVALID for an unknown role.
    """
    if role not in MembershipRole.values:
        raise VendorError(
            VendorErrorCode.INVALID, _("Choose owner or staff as the role."), field="role"
        )
    _locked(vendor)
    membership = _membership(vendor=vendor, user=user)
    if role != MembershipRole.OWNER:
        _keep_an_owner(vendor=vendor, membership=membership)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, vendor: Vendor, user: User, by: User | None = None) -> None:
    """Remove `user` from the vendor; a shop always keeps at least one owner.

    `by`, when given, is the member asking: only an owner may remove members (NOT_OWNER).
    Locks the vendor row, so two owners removing each other at once cannot leave it ownerless.
    Raises `VendorError` NOT_OWNER, NOT_MEMBER or LAST_OWNER.
    """
    _locked(vendor)
    if (
        by is not None
        and not VendorMembership.objects.filter(
            vendor=vendor, user=by, role=MembershipRole.OWNER
        ).exists()
    ):
        raise VendorError(
            VendorErrorCode.NOT_OWNER, _("Only the shop's owner can do this."), field="user"
        )
    membership = _membership(vendor=vendor, user=user)
    _keep_an_owner(vendor=vendor, membership=membership)
    membership.delete()


def _membership(*, vendor: Vendor, user: User) -> VendorMembership:
    membership = VendorMembership.objects.filter(vendor=vendor, user=user).first()
    if membership is None:
        raise VendorError(
            VendorErrorCode.NOT_MEMBER,
            _("%(email)s is not a member of this shop."),
            field="user",
            params={"email": user.email},
        )
    return membership


def _keep_an_owner(*, vendor: Vendor, membership: VendorMembership) -> None:
    """Refuse to take away the owner role of the vendor's only owner."""
    if (
        membership.role == MembershipRole.OWNER
        and not VendorMembership.objects.filter(vendor=vendor, role=MembershipRole.OWNER)
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise VendorError(
            VendorErrorCode.LAST_OWNER,
            _("A shop needs at least one owner: add another owner before removing this one."),
            field="user",
        )
