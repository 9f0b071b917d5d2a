"""Where a vendor's money goes: Thai bank accounts and PromptPay ids, and how to check them.

Bank codes are the three-digit codes of the Bank of Thailand, which Thai banks' bulk-payment
files use. Account numbers are digits only: 10 at the commercial banks, 12 at the specialised
state banks (Government Savings Bank, BAAC, Government Housing Bank, Islamic Bank).
A PromptPay id is a 13-digit national id or tax id (with its mod-11 check digit) or a Thai
mobile number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from marketplace.core.phone import thai_phone_normalize


@dataclass(frozen=True)
class ThaiBank:
    code: str
    short_name: str
    name: str | Promise
    account_lengths: tuple[int, ...]


_COMMERCIAL = (10,)
_STATE = (12,)

THAI_BANKS: tuple[ThaiBank, ...] = (
    ThaiBank("002", "BBL", _("Bangkok Bank"), _COMMERCIAL),
    ThaiBank("004", "KBANK", _("Kasikornbank"), _COMMERCIAL),
    ThaiBank("006", "KTB", _("Krung Thai Bank"), _COMMERCIAL),
    ThaiBank("011", "TTB", _("TMBThanachart Bank"), _COMMERCIAL),
    ThaiBank("014", "SCB", _("Siam Commercial Bank"), _COMMERCIAL),
    ThaiBank("022", "CIMBT", _("CIMB Thai Bank"), _COMMERCIAL),
    ThaiBank("024", "UOBT", _("United Overseas Bank (Thai)"), _COMMERCIAL),
    ThaiBank("025", "BAY", _("Bank of Ayudhya (Krungsri)"), _COMMERCIAL),
    ThaiBank("030", "GSB", _("Government Savings Bank"), _STATE),
    ThaiBank("033", "GHB", _("Government Housing Bank"), _STATE),
    ThaiBank("034", "BAAC", _("Bank for Agriculture and Agricultural Cooperatives"), _STATE),
    ThaiBank("066", "IBANK", _("Islamic Bank of Thailand"), _STATE),
    ThaiBank("067", "TISCO", _("TISCO Bank"), _COMMERCIAL),
    ThaiBank("069", "KKP", _("Kiatnakin Phatra Bank"), _COMMERCIAL),
    ThaiBank("070", "ICBCT", _("ICBC (Thai)"), _COMMERCIAL),
    ThaiBank("071", "TCRB", _("Thai Credit Bank"), _COMMERCIAL),
    ThaiBank("073", "LHFG", _("Land and Houses Bank"), _COMMERCIAL),
)
BANKS_BY_CODE = {bank.code: bank for bank in THAI_BANKS}
BANK_CHOICES = [(bank.code, f"{bank.code} {bank.short_name}") for bank in THAI_BANKS]

_SEPARATORS = re.compile(r"[\s\-.]")


def bank_account_number_normalize(*, bank_code: str, raw: str) -> str | None:
    """The account number as digits, or None when it cannot be an account of that bank."""
    bank = BANKS_BY_CODE.get(bank_code)
    digits = _SEPARATORS.sub("", raw.strip())
    if bank is None or not digits.isascii() or not digits.isdigit():
        return None
    return digits if len(digits) in bank.account_lengths else None


def thai_id_checksum_valid(digits: str) -> bool:
    """The mod-11 check digit of a Thai national id or tax id (13 digits)."""
    if len(digits) != 13 or not digits.isascii() or not digits.isdigit():
        return False
    total = sum(int(digit) * (13 - position) for position, digit in enumerate(digits[:12]))
    return (11 - total % 11) % 10 == int(digits[12])


PROMPTPAY_ID = "id_number"
PROMPTPAY_MOBILE = "mobile"


def promptpay_id_normalize(raw: str) -> tuple[str, str] | None:
    """(kind, id) of a PromptPay id — a 13-digit national/tax id or a Thai mobile number — or
    None when it is neither. Mobile numbers are kept in the national form 0XXXXXXXXX."""
    digits = _SEPARATORS.sub("", raw.strip())
    if len(digits) == 13 and thai_id_checksum_valid(digits):
        return PROMPTPAY_ID, digits
    phone = thai_phone_normalize(raw)
    if phone is not None and phone[1] in "689":  # mobile numbers only: PromptPay has no landlines
        return PROMPTPAY_MOBILE, phone
    return None
