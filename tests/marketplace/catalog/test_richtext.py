"""Descriptions are rich text that vendors write; only harmless HTML survives."""

from __future__ import annotations

import pytest

from marketplace.catalog.richtext import sanitize_rich_text


def test_script_tags_are_removed_with_their_content() -> None:
    cleaned = sanitize_rich_text("<p>ผ้าไหม</p><script>alert('x')</script>")
    assert cleaned == "<p>ผ้าไหม</p>"


def test_event_handlers_are_removed() -> None:
    cleaned = sanitize_rich_text('<p onclick="steal()">ทอมือ<img src=x onerror="alert(1)"></p>')
    assert cleaned == "<p>ทอมือ</p>"
    assert "onerror" not in cleaned and "onclick" not in cleaned


def test_style_blocks_and_attributes_are_removed() -> None:
    cleaned = sanitize_rich_text('<style>p{display:none}</style><p style="color:red">สวย</p>')
    assert cleaned == "<p>สวย</p>"


@pytest.mark.parametrize(
    "href", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>x</script>"]
)
def test_dangerous_links_lose_their_href(href: str) -> None:
    cleaned = sanitize_rich_text(f'<a href="{href}">ดูเพิ่ม</a>')
    assert "href" not in cleaned
    assert "ดูเพิ่ม" in cleaned


def test_web_links_are_kept_with_a_safe_rel() -> None:
    cleaned = sanitize_rich_text('<a href="https://lamphun.go.th" rel="opener">เทศบาล</a>')
    assert cleaned == (
        '<a href="https://lamphun.go.th" rel="noopener noreferrer nofollow">เทศบาล</a>'
    )


def test_the_allowed_formatting_survives() -> None:
    html = (
        "<h2>วิธีดูแล</h2><h3>การซัก</h3><p><strong>ซักมือ</strong> <em>น้ำเย็น</em><br></p>"
        "<ul><li>ไม่ฟอก</li></ul><ol><li>ตากในร่ม</li></ol>"
    )
    assert sanitize_rich_text(html) == html


def test_other_tags_are_unwrapped_keeping_their_text() -> None:
    assert sanitize_rich_text("<div><span>ลายดอกพิกุล</span></div>") == "ลายดอกพิกุล"
    assert sanitize_rich_text('<iframe src="https://evil"></iframe>ok') == "ok"


def test_empty_text_stays_empty() -> None:
    assert sanitize_rich_text("") == ""
