"""The PromptPay QR code drawn on our own page from the payload Stripe returns.

Stripe's `promptpay_display_qr_code` also links to a hosted PNG, but drawing the payload here keeps
the payment page free of third-party images (and works when that host is slow).
"""

from __future__ import annotations

import qrcode
import qrcode.image.svg


def promptpay_qr_svg(data: str) -> str:
    """An inline SVG of the QR code for `data` (the EMVCo payload a banking app scans)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg: str = image.to_string(encoding="unicode")
    return svg
