"""The bank batch file of a payout run (CSV); its format is documented in README.md.

One header line, then one line per pending vendor payout of the run, in payout order.
UTF-8 with a byte-order mark (so spreadsheet programs show Thai names), comma separated,
CRLF line ends, fields quoted only when they need it (RFC 4180).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from payments.ledger.destinations import BANKS_BY_CODE
from payments.ledger.models import DestinationKind, Payout

COLUMNS = (
    "payout_reference",
    "vendor_id",
    "vendor_name",
    "account_name",
    "destination_type",
    "bank_code",
    "bank_short_name",
    "account_number",
    "promptpay_id",
    "promptpay_type",
    "amount",
    "currency",
    "note",
)
ENCODING = "utf-8-sig"


def _line(payout: Payout) -> list[str]:
    bank = BANKS_BY_CODE.get(payout.bank_code)
    is_bank = payout.destination_kind == DestinationKind.BANK
    return [
        payout.reference,
        str(payout.vendor_id),
        payout.vendor.name_th,
        payout.account_name,
        "BANK" if is_bank else "PROMPTPAY",
        payout.bank_code if is_bank else "",
        bank.short_name if is_bank and bank else "",
        payout.account_number if is_bank else "",
        "" if is_bank else payout.promptpay_id,
        "" if is_bank else payout.promptpay_kind.upper(),
        f"{payout.amount:.2f}",
        "THB",
        f"Kad payout {payout.reference}",
    ]


def batch_file_write(payouts: Iterable[Payout]) -> bytes:
    """The CSV bytes of a batch file for these payouts (each with its vendor loaded)."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for payout in payouts:
        writer.writerow(_line(payout))
    return text.getvalue().encode(ENCODING)


RESULT_COLUMNS = ("payout_reference", "result", "bank_reference", "reason")


def results_file_read(data: bytes) -> list[dict[str, str]]:
    """Rows of a results file the operator fills in from the bank's report (see README.md)."""
    text = data.decode(ENCODING, errors="replace")
    return [
        {key.strip(): (value or "").strip() for key, value in row.items() if key}
        for row in csv.DictReader(io.StringIO(text))
    ]
