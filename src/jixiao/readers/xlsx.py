"""Read an .xlsx workbook into a :class:`~jixiao.grid.SourceDocument`.

The zip container is checked first (members, expanded size, ratio); an encrypted workbook, which is an OLE2
file, is refused as password-protected. Cells are streamed with openpyxl's read-only parser, which sees only
the rows the sheet really holds (a ``<dimension ref="A1:Z1000000">`` claim costs nothing) and lets the reader
stop at ``limits.max_rows`` / ``max_cells``; the same pass collects the merged ranges, which openpyxl's
read-only worksheets otherwise drop. Values are rebuilt as printed from their number formats
(:mod:`jixiao.readers._numfmt`) and each visible sheet becomes paragraphs and grids (:mod:`jixiao.readers._sheets`).
Formulas give their cached value (what Excel last printed).
"""

from __future__ import annotations

import io
import re
import warnings
from typing import TYPE_CHECKING, Any

from jixiao.errors import LimitExceeded, ReadError
from jixiao.grid import SourceDocument
from jixiao.read_warnings import ReadWarning
from jixiao.readers._guards import OLE2_MAGIC, Deadline, check_size, check_zip, reject_encrypted_ole
from jixiao.readers._numfmt import format_value
from jixiao.readers._sheets import Merge, col_letter, sheet_blocks

if TYPE_CHECKING:
    from jixiao.readers.limits import Limits

__all__ = ["read_xlsx"]

_RANGE = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$")


def _col_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


def _merge(ref: str) -> Merge | None:
    match = _RANGE.match(ref.strip().upper())
    if not match:
        return None
    c0, r0 = _col_index(match.group(1)), int(match.group(2)) - 1
    c1 = _col_index(match.group(3)) if match.group(3) else c0
    r1 = int(match.group(4)) - 1 if match.group(4) else r0
    return Merge(min(r0, r1), min(c0, c1), max(r0, r1) + 1, max(c0, c1) + 1)


def read_xlsx(data: bytes, name: str, limits: Limits) -> SourceDocument:
    """Every visible sheet of an .xlsx workbook as paragraphs and grids, values as printed."""
    check_size(data, name, limits)
    if data.startswith(OLE2_MAGIC):
        reject_encrypted_ole(data, name, "xlsx workbook")
    check_zip(data, name, limits)
    deadline = Deadline(name, limits.max_seconds)
    try:
        import openpyxl
        from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE
        from openpyxl.worksheet._read_only import ReadOnlyWorksheet
        from openpyxl.worksheet._reader import WorkSheetParser
    except ImportError as exc:  # pragma: no cover - declared in the formats extra
        raise ReadError("reading .xlsx needs openpyxl (pip install 'jixiao[formats]')", path=name) from exc

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Unknown extension", "no default style": noise for a reader
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except LimitExceeded:
        raise
    except Exception as exc:  # openpyxl raises KeyError, InvalidFileException, lxml and zip errors alike
        _refuse_unsafe_xml(exc, name)
        raise ReadError(f"not a readable xlsx workbook ({type(exc).__name__}: {exc})", path=name) from exc

    formats: list[str] = []
    bordered = [
        any(getattr(border, side).style for side in ("left", "right", "top", "bottom")) for border in book._borders
    ]
    ruled_styles: list[bool] = []
    for style in book._cell_styles:
        ruled_styles.append(style.borderId < len(bordered) and bordered[style.borderId])
        fmt_id = style.numFmtId
        if fmt_id < BUILTIN_FORMATS_MAX_SIZE:
            formats.append(BUILTIN_FORMATS.get(fmt_id, "General"))
        else:
            custom = fmt_id - BUILTIN_FORMATS_MAX_SIZE
            formats.append(book._number_formats[custom] if custom < len(book._number_formats) else "General")

    document = SourceDocument(name=name, format="xlsx")
    cells_seen = 0
    try:
        for sheet in book.worksheets:
            if not isinstance(sheet, ReadOnlyWorksheet):
                continue
            if sheet.sheet_state != "visible":
                document.warnings.append(ReadWarning("hidden_sheet", sheet=sheet.title))
                continue
            texts: dict[tuple[int, int], str] = {}
            ruled: set[tuple[int, int]] = set()
            with sheet._get_source() as source, warnings.catch_warnings():
                warnings.simplefilter("ignore")
                parser = WorkSheetParser(
                    source,
                    sheet._shared_strings,
                    data_only=True,
                    epoch=book.epoch,
                    date_formats=book._date_formats,
                    timedelta_formats=book._timedelta_formats,
                )
                rows_seen = 0
                for index, row in parser.parse():
                    rows_seen += 1
                    if index > limits.max_rows or rows_seen > limits.max_rows:
                        raise LimitExceeded(
                            f"sheet has more than the limit of {limits.max_rows:,} rows",
                            path=name,
                            place=f"{sheet.title}!A{index}",
                        )
                    if rows_seen % 1024 == 0:
                        deadline.check(f"{sheet.title} row {index}")
                    for cell in row:
                        text = _printed(cell, formats)
                        if not text:
                            continue
                        cells_seen += 1
                        if cells_seen > limits.max_cells:
                            place = f"{sheet.title}!{col_letter(cell['column'] - 1)}{cell['row']}"
                            raise LimitExceeded(
                                f"workbook has more than the limit of {limits.max_cells:,} cells",
                                path=name,
                                place=place,
                            )
                        texts[(cell["row"] - 1, cell["column"] - 1)] = text
                        style_id = cell["style_id"] or 0
                        if style_id < len(ruled_styles) and ruled_styles[style_id]:
                            ruled.add((cell["row"] - 1, cell["column"] - 1))
                merged = parser.merged_cells
            merges = [m for m in (_merge(ref) for ref in _merge_refs(merged)) if m is not None]
            document.blocks.extend(
                sheet_blocks(sheet.title, texts, merges, path=name, max_cells=limits.max_cells, ruled=ruled)
            )
            deadline.check(sheet.title)
    except (LimitExceeded, ReadError):
        raise
    except Exception as exc:  # malformed sheet XML, bad shared-string index …
        _refuse_unsafe_xml(exc, name)
        raise ReadError(f"broken worksheet ({type(exc).__name__}: {exc})", path=name) from exc
    finally:
        book.close()
    return document


def _refuse_unsafe_xml(exc: BaseException, name: str) -> None:
    """Name the refusal when defusedxml (openpyxl's parser when installed) stopped a DTD or an entity."""
    cause: BaseException | None = exc
    while cause is not None:
        if type(cause).__module__.startswith("defusedxml"):
            raise ReadError(
                f"unsafe XML refused: {type(cause).__name__} (entity or DTD declarations, as in an entity-expansion attack)",
                path=name,
            ) from exc
        cause = cause.__cause__ or cause.__context__
    return


def _merge_refs(merged: Any) -> list[str]:
    if merged is None:
        return []
    return [str(item.ref) for item in getattr(merged, "mergeCell", [])]


def _printed(cell: dict[str, Any], formats: list[str]) -> str:
    value = cell["value"]
    if value is None:
        return ""
    if cell["data_type"] == "s" or isinstance(value, str):
        text = str(value)
        style_id = cell["style_id"] or 0
        fmt = formats[style_id] if style_id < len(formats) else None
        return format_value(text, fmt) if fmt and "@" in fmt and fmt != "@" else text
    style_id = cell["style_id"] or 0
    fmt = formats[style_id] if style_id < len(formats) else "General"
    return format_value(value, fmt)
