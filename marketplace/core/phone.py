"""Thai telephone numbers: what counts as one, and the one form Kad stores."""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s\-.()]")
# Mobile numbers are 0 + 6/8/9 + 8 digits; fixed lines are 0 + area digit 2 to 7 + 7 digits.
_MOBILE = re.compile(r"^0[689]\d{8}$")
_FIXED_LINE = re.compile(r"^0[2-7]\d{7}$")


def thai_phone_normalize(raw: str) -> str | None:
    """The national form ("0812345678") of a Thai number, or None when it is not one.

    Accepts spaces, dashes, dots and brackets, and the international prefix +66 (or 0066).
    """
    digits = _SEPARATORS.sub("", raw.strip())
    for prefix in ("+66", "0066"):
        if digits.startswith(prefix):
            digits = "0" + digits[len(prefix) :].removeprefix("0")
            break
    if _MOBILE.match(digits) or _FIXED_LINE.match(digits):
        return digits
    return None
