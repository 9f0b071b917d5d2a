"""The e-mails an order sends: rendered from templates in the recipient's language."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from marketplace.orders.models import Order, VendorOrder
from marketplace.vendors.models import VendorMembership


@dataclass(frozen=True)
class Message:
    template: str
    to: list[str]
    language: str
    context: dict[str, object]


def messages_for(*, order: Order, event: str, vendor_order: VendorOrder | None) -> list[Message]:
    """Who hears about `event`: the shopper always; each vendor's members of a new order."""
    shopper = Message(
        template=f"orders/email/shopper_{event}",
        to=[order.email],
        language=order.language_code,
        context={"order": order, "vendor_order": vendor_order},
    )
    messages = [shopper]
    if event == "placed":
        for part in order.vendor_orders.select_related("vendor").prefetch_related("lines"):
            recipients = sorted(
                {
                    email
                    for email in VendorMembership.objects.filter(vendor=part.vendor).values_list(
                        "user__email", flat=True
                    )
                }
                | ({part.vendor.email} if part.vendor.email else set())
            )
            if recipients:
                messages.append(
                    Message(
                        template="orders/email/vendor_new_order",
                        to=recipients,
                        language="th",
                        context={"order": order, "vendor_order": part},
                    )
                )
    return messages


def send(message: Message) -> None:
    with translation.override(message.language):
        subject = render_to_string(f"{message.template}_subject.txt", message.context).strip()
        text = render_to_string(f"{message.template}.txt", message.context)
        html = render_to_string(f"{message.template}.html", message.context)
    email = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=message.to
    )
    email.attach_alternative(html, "text/html")
    email.send()
