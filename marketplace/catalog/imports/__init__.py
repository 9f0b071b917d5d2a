"""Bulk listing from a spreadsheet: a vendor's product sheet (CSV or XLSX) read, checked row by
row, then applied in bulk.

One row is one variant, identified by its SKU: a SKU the shop already has is updated, a new one
is added. Rows with the same Thai product name are variants of one product (a new SKU joins the
shop's product of that name when there is one). Nothing is written while any row has a problem,
unless the upload asked for "only the valid rows". The rules:

- `sheet_read` refuses what is not a CSV/XLSX product sheet (`ImportFileError`: not a sheet,
  wrong headers, no rows, too many rows) before anything is stored;
- `rows_validate` checks every row (missing name, unknown category, bad price, duplicate SKU, a
  SKU of another shop, …) with a constant number of queries, whatever the file's length;
- `product_import_run` applies the valid rows in chunks of `CHUNK_ROWS`, each chunk one
  transaction of bulk writes, and records progress on the `ProductImport`. Running it twice is
  safe: the second run finds the SKUs and updates them. A status other than draft goes through
  the status services (`product_publish` …), so their rules hold; a refusal is reported on the row
  and the product stays a draft.

The package, by idea: `columns` (the sheet's columns and how names compare), `reading` (files,
encodings, headers), `validation` (row checks and the report), `choices` (sizes, colours and the
general product type), `applying` (bulk writes of checked rows) and `jobs` (the `ProductImport`
record, chunks, the task). What other modules use is importable from the package itself.
"""

from marketplace.catalog.imports.applying import Applied, rows_apply
from marketplace.catalog.imports.choices import choice_values, general_product_type, variant_name
from marketplace.catalog.imports.columns import (
    COLOUR_SLUG,
    COLUMN_LABELS,
    COLUMNS,
    GENERAL_TYPE_SLUG,
    SIZE_SLUG,
    Column,
    column_label,
    header_labels,
)
from marketplace.catalog.imports.jobs import (
    ASYNC_ROWS,
    CHUNK_ROWS,
    product_import_run,
    product_import_start,
    product_import_valid_rows,
)
from marketplace.catalog.imports.reading import (
    MAX_FILE_BYTES,
    MAX_ROWS,
    ImportErrorCode,
    ImportFileError,
    Sheet,
    sheet_read,
)
from marketplace.catalog.imports.validation import (
    MAX_REPORT_PROBLEMS,
    PROBLEMS,
    Checked,
    Row,
    problem_message,
    rows_validate,
)

__all__ = [
    "ASYNC_ROWS",
    "CHUNK_ROWS",
    "COLOUR_SLUG",
    "COLUMNS",
    "COLUMN_LABELS",
    "GENERAL_TYPE_SLUG",
    "MAX_FILE_BYTES",
    "MAX_REPORT_PROBLEMS",
    "MAX_ROWS",
    "PROBLEMS",
    "SIZE_SLUG",
    "Applied",
    "Checked",
    "Column",
    "ImportErrorCode",
    "ImportFileError",
    "Row",
    "Sheet",
    "choice_values",
    "column_label",
    "general_product_type",
    "header_labels",
    "problem_message",
    "product_import_run",
    "product_import_start",
    "product_import_valid_rows",
    "rows_apply",
    "rows_validate",
    "sheet_read",
    "variant_name",
]
