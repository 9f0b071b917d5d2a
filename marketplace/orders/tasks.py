from __future__ import annotations

from celery import shared_task

from marketplace.celery import IdempotentTask
from marketplace.orders import emails
from marketplace.orders.models import Order, OrderEvent, VendorOrder


@shared_task(base=IdempotentTask, name="marketplace.orders.tasks.order_send_emails")
def order_send_emails(*, order_id: int, event: str, vendor_order_id: int | None = None) -> int:
    """Send the e-mails of one order event once: a retry after a crash sends only what is left."""
    order = Order.objects.filter(pk=order_id).first()
    if order is None:
        return 0
    vendor_order = (
        VendorOrder.objects.filter(pk=vendor_order_id).first() if vendor_order_id else None
    )
    sent = 0
    for message in emails.messages_for(order=order, event=event, vendor_order=vendor_order):
        key = f"{message.template}:{vendor_order_id or ''}:{','.join(message.to)}"
        if OrderEvent.objects.filter(
            order=order, type=OrderEvent.Type.EMAIL_SENT, parameters__key=key
        ).exists():
            continue
        emails.send(message)
        OrderEvent.objects.create(
            order=order,
            vendor_order=vendor_order,
            type=OrderEvent.Type.EMAIL_SENT,
            parameters={"key": key, "to": message.to, "template": message.template},
        )
        sent += 1
    return sent
