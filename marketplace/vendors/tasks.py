from __future__ import annotations

import smtplib

from celery import shared_task

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
