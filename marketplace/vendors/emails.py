"""E-mails of the vendors domain that are not status changes: staff invitations."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from marketplace.vendors.models import VendorInvitation


def invitation_email(*, invitation: VendorInvitation, link: str) -> EmailMessage:
    """The invitation in the language the owner used when inviting (Thai or English)."""
    language = invitation.language_code if invitation.language_code in ("th", "en") else "th"
    vendor = invitation.vendor
    with translation.override(language):
        shop_name = vendor.name_en if language == "en" and vendor.name_en else vendor.name_th
        inviter = invitation.invited_by
        context = {
            "shop_name": shop_name,
            "inviter_name": inviter.get_short_name() if inviter is not None else "",
            "link": link,
            "expires_at": invitation.expires_at,
        }
        subject = " ".join(
            render_to_string("vendors/email/invitation_subject.txt", context).split()
        )
        body = render_to_string("vendors/email/invitation.txt", context)
    return EmailMessage(subject=subject, body=body, to=[invitation.email])
