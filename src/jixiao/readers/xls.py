"""Read a legacy .xls (BIFF) workbook into a :class:`~jixiao.grid.SourceDocument`.

xlrd with ``formatting_info=True`` gives the merged ranges and each cell's XF record, hence its number
format; values are rebuilt as printed exactly as for .xlsx (:mod:`jixiao.readers._numfmt`), dates from the
workbook's date mode. An encrypted workbook (a BIFF ``FILEPASS`` record, or an encrypted OOXML package in
an OLE2 container) is refused as password-protected. Each visible sheet becomes paragraphs and grids
(:mod:`jixiao.readers._sheets`); refs read ``Sheet1!B7``.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from jixiao.errors import LimitExceeded, ReadError
from jixiao.grid import SourceDocument
from jixiao.readers._guards import OLE2_MAGIC, Deadline, check_size, ole_streams
from jixiao.readers._numfmt import format_value
from jixiao.readers._sheets import Merge, sheet_blocks

if TYPE_CHECKING:
    from jixiao.readers.limits import Limits

__all__ = ["read_xls"]

# xlrd cell types
_EMPTY, _TEXT, _NUMBER, _DATE, _BOOLEAN, _ERROR, _BLANK = range(7)
_ERRORS = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!", 0x2A: "#N/A"}


def read_xls(data: bytes, name: str, limits: Limits) -> SourceDocument:
    """Every visible sheet of an .xls workbook as paragraphs and grids, values as printed."""
    check_size(data, name, limits)
    if not data.startswith(OLE2_MAGIC):
        raise ReadError("not an .xls workbook (no OLE2 compound-file header)", path=name)
    streams = set(ole_streams(data))
    if {"EncryptionInfo", "EncryptedPackage"} & streams:
        raise ReadError("password-protected: the workbook is encrypted; save it without a password", path=name)
    deadline = Deadline(name, limits.max_seconds)
    try:
        import xlrd
    except ImportError as exc:  # pragma: no cover - declared in the formats extra
        raise ReadError("reading .xls needs xlrd (pip install 'jixiao[formats]')", path=name) from exc

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True, logfile=io.StringIO())
    except xlrd.XLRDError as exc:
        message = str(exc)
        if "encrypt" in message.lower():
            raise ReadError(
                "password-protected: the workbook is encrypted; save it without a password", path=name
            ) from exc
        raise ReadError(f"not a readable .xls workbook ({message})", path=name) from exc
    except Exception as exc:  # xlrd raises struct/index/assertion errors on corrupt BIFF
        raise ReadError(f"not a readable .xls workbook ({type(exc).__name__}: {exc})", path=name) from exc

    formats = {key: fmt.format_str for key, fmt in book.format_map.items()}
    bordered = [_bordered(xf) for xf in book.xf_list]  # per XF record, once: cells share a few dozen records
    document = SourceDocument(name=name, format="xls")
    cells_seen = 0
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            if sheet.visibility:
                document.warnings.append(f"{sheet.name}: hidden sheet skipped")
                book.unload_sheet(index)
                continue
            if sheet.nrows > limits.max_rows:
                raise LimitExceeded(
                    f"sheet has {sheet.nrows:,} rows, more than the limit of {limits.max_rows:,}",
                    path=name,
                    place=sheet.name,
                )
            texts: dict[tuple[int, int], str] = {}
            ruled: set[tuple[int, int]] = set()
            for r in range(sheet.nrows):
                if r % 1024 == 1023:
                    deadline.check(f"{sheet.name} row {r + 1}")
                types = sheet.row_types(r)
                values = sheet.row_values(r)
                for c, (ctype, value) in enumerate(zip(types, values, strict=False)):
                    if ctype in (_EMPTY, _BLANK):
                        continue
                    xf_index = sheet.cell_xf_index(r, c)
                    text = _printed(book, xf_index, ctype, value, formats)
                    if not text:
                        continue
                    cells_seen += 1
                    if cells_seen > limits.max_cells:
                        raise LimitExceeded(
                            f"workbook has more than the limit of {limits.max_cells:,} cells",
                            path=name,
                            place=f"{sheet.name} row {r + 1}",
                        )
                    texts[(r, c)] = text
                    if bordered[xf_index]:
                        ruled.add((r, c))
            merges = [Merge(rlo, clo, rhi, chi) for rlo, rhi, clo, chi in sheet.merged_cells]
            document.blocks.extend(
                sheet_blocks(sheet.name, texts, merges, path=name, max_cells=limits.max_cells, ruled=ruled)
            )
            book.unload_sheet(index)
            deadline.check(sheet.name)
    except (LimitExceeded, ReadError):
        raise
    except Exception as exc:
        raise ReadError(f"broken worksheet ({type(exc).__name__}: {exc})", path=name) from exc
    finally:
        book.release_resources()
    return document


def _bordered(xf: Any) -> bool:
    border = xf.border
    return bool(border.left_line_style or border.right_line_style or border.top_line_style or border.bottom_line_style)


def _printed(book: Any, xf_index: int, ctype: int, value: Any, formats: dict[int, str]) -> str:
    if ctype == _TEXT:
        return str(value)
    if ctype == _BOOLEAN:
        return "TRUE" if value else "FALSE"
    if ctype == _ERROR:
        return _ERRORS.get(int(value), "#ERROR")
    xf = book.xf_list[xf_index]
    fmt = formats.get(xf.format_key, "General")
    if ctype == _DATE:
        from xlrd import xldate

        try:
            moment = xldate.xldate_as_datetime(value, book.datemode)
        except (xldate.XLDateError, OverflowError, ValueError):
            return format_value(value, "General")
        return format_value(moment, fmt)
    return format_value(value, fmt)
