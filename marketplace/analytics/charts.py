"""Server-rendered SVG charts for the reports: no JavaScript, no CDN, and they print.

Every label is escaped here; the result is safe to put in a template as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAR_COLOUR = "#7a2e0e"
AXIS_COLOUR = "#8a817c"


def _amount(value: Decimal) -> str:
    return f"{value:,.0f}"


def column_chart(
    points: Sequence[tuple[str, Decimal]],
    *,
    title: str,
    desc: str = "",
    width: int = 720,
    height: int = 260,
) -> SafeString:
    """Vertical bars, one per point (the monthly trend); negative months sit at zero.

    `desc` (a sentence summing the chart up) becomes the SVG's <desc> for screen readers.
    """
    left, bottom, top = 70, 40, 16
    plot_w, plot_h = width - left - 10, height - bottom - top
    peak = max((max(value, Decimal(0)) for _, value in points), default=Decimal(0))
    scale = Decimal(plot_h) / peak if peak > 0 else Decimal(0)
    step = plot_w / max(len(points), 1)
    bar_w = max(step * 0.7, 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(desc)}</desc>" if desc else "",
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 10}" y2="{top + plot_h}" '
        f'stroke="{AXIS_COLOUR}"/>',
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" font-size="11">'
        f"{_amount(peak)}</text>",
        f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end" font-size="11">0</text>',
    ]
    every = max(1, len(points) // 12)
    for i, (label, value) in enumerate(points):
        bar_h = float(max(value, Decimal(0)) * scale)
        x = left + i * step + (step - bar_w) / 2
        parts.append(
            f'<rect x="{x:.1f}" y="{top + plot_h - bar_h:.1f}" width="{bar_w:.1f}" '
            f'height="{bar_h:.1f}" fill="{BAR_COLOUR}"><title>{escape(label)}: '
            f"{_amount(value)}</title></rect>"
        )
        if i % every == 0:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 16}" text-anchor="middle" '
                f'font-size="11">{escape(label)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every label above is escaped


def bar_chart(items: Sequence[tuple[str, Decimal]], *, title: str, width: int = 720) -> SafeString:
    """Horizontal bars, largest first as given (GMV by category, district, vendor kind)."""
    label_w, row_h, value_w = 200, 26, 90
    height = max(len(items), 1) * row_h + 10
    plot_w = width - label_w - value_w
    peak = max((max(value, Decimal(0)) for _, value in items), default=Decimal(0))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, value) in enumerate(items):
        y = 5 + i * row_h
        bar = float(max(value, Decimal(0)) / peak * plot_w) if peak > 0 else 0.0
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" font-size="12">'
            f"{escape(label[:32])}</text>"
            f'<rect x="{label_w}" y="{y + 4}" width="{bar:.1f}" height="{row_h - 8}" '
            f'fill="{BAR_COLOUR}"/>'
            f'<text x="{label_w + bar + 6:.1f}" y="{y + 17}" font-size="12">'
            f"{_amount(value)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every label above is escaped
