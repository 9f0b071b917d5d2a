from __future__ import annotations

import smtplib

from celery import shared_task

from marketplace.vendors.emails import invitation_email
from marketplace.vendors.invitations import invitation_link
from marketplace.vendors.models import VendorInvitation
from marketplace.vendors.services import vendor_owners_notify


@shared_task(
    name="marketplace.vendors.tasks.vendor_status_email_send",
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=True,
    max_retries=5,
)
def vendor_status_email_send(vendor_id: int, event: str) -> int:
    """E-mail the owners of a vendor about a status change; safe to run twice (sends once)."""
    return vendor_owners_notify(vendor_id=vendor_id, event=event)


@shared_task(
    name="marketplace.vendors.tasks.vendor_invitation_email_send",
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=True,
    max_retries=5,
)
def vendor_invitation_email_send(invitation_id: int, link_template: str) -> bool:
    """E-mail an open invitation's link. Run twice, it sends a second, equally valid link."""
    invitation = (
        VendorInvitation.objects.select_related("vendor", "invited_by")
        .filter(pk=invitation_id, accepted_at__isnull=True, revoked_at__isnull=True)
        .first()
    )
    if invitation is None:
        return False
    link = invitation_link(invitation, link_template=link_template)
    invitation_email(invitation=invitation, link=link).send()
    return True
