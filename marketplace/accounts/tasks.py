"""E-mails of the accounts domain, sent by the worker after the transaction that asked for them.

Each task takes ids, reloads, and does nothing when the reason for the e-mail has gone (the user
was deleted, or already confirmed), so running one twice is safe: at worst a second, equally
valid link arrives. Connection failures (SMTP servers are OSErrors) are retried with backoff.
"""

from __future__ import annotations

from celery import shared_task

from marketplace.accounts import emails
from marketplace.accounts.models import User
from marketplace.celery import IdempotentTask


@shared_task(name="marketplace.accounts.tasks.account_confirmation_email_send", base=IdempotentTask)
def account_confirmation_email_send(user_id: int, redirect_url: str) -> bool:
    user = User.objects.filter(pk=user_id, is_active=True, is_confirmed=False).first()
    if user is None:
        return False
    emails.account_confirmation_email(user, redirect_url=redirect_url)
    return True


@shared_task(name="marketplace.accounts.tasks.password_reset_email_send", base=IdempotentTask)
def password_reset_email_send(user_id: int, redirect_url: str) -> bool:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    emails.password_reset_email(user, redirect_url=redirect_url)
    return True


@shared_task(name="marketplace.accounts.tasks.account_exists_email_send", base=IdempotentTask)
def account_exists_email_send(user_id: int, redirect_url: str) -> bool:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    emails.account_exists_email(user, redirect_url=redirect_url)
    return True
