"""CSV output for analysts: one row per indicator with the table's header fields repeated (UTF-8 with BOM)."""

from __future__ import annotations

import csv
import io

from jixiao.model import Document
from jixiao.writers._flat import flat_header, flat_rows

__all__ = ["render_csv"]


def render_csv(document: Document) -> bytes:
    """The flat form as CSV; the BOM makes Excel open it as UTF-8, pandas reads it with ``utf-8-sig``."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(flat_header())
    writer.writerows(flat_rows(document))
    return buffer.getvalue().encode("utf-8-sig")
