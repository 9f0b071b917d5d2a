"""URL slugs for shops, readable in Latin letters even when a shop has only a Thai name."""

from __future__ import annotations

from functools import cache
from typing import Protocol

from django.utils.text import slugify


class _Romanizer(Protocol):
    def __call__(self, text: str) -> list[str]: ...


@cache
def _thai_romanizer() -> _Romanizer:
    # PyThaiNLP loads its dictionary (~0.4 s) on first use: only when a shop has no English name.
    from pythainlp.tokenize import word_tokenize
    from pythainlp.transliterate import romanize

    def romanize_words(text: str) -> list[str]:
        words = word_tokenize(text, engine="newmm", keep_whitespace=False)
        return [str(romanize(word, engine="royin")) for word in words]

    return romanize_words


def slug_base(*, name_en: str, name_th: str, max_length: int) -> str:
    """A slug from the English name, else the Thai name romanised word by word (RTGS)."""
    slug = slugify(name_en)
    if not slug and name_th.strip():
        slug = slugify(" ".join(_thai_romanizer()(name_th)))
    return slug[:max_length].strip("-") or "shop"


def slug_unique(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`… the first one not in `taken`."""
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
