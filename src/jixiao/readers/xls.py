"""Read a legacy .xls (BIFF) workbook into a :class:`~jixiao.grid.SourceDocument`.

xlrd with ``formatting_info=True`` gives the merged ranges and each cell's XF record, hence its number
format; values are rebuilt as printed exactly as for .xlsx (:mod:`jixiao.readers._numfmt`), dates from the
workbook's date mode. An encrypted workbook (a BIFF ``FILEPASS`` record, or an encrypted OOXML package in
an OLE2 container) is refused as password-protected. Each visible sheet becomes paragraphs and grids
(:mod:`jixiao.readers._sheets`); refs read ``Sheet1!B7``.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from jixiao.errors import LimitExceeded, ReadError
from jixiao.grid import SourceDocument
from jixiao.read_warnings import ReadWarning
from jixiao.readers._guards import OLE2_MAGIC, Deadline, check_size, ole_streams
from jixiao.readers._numfmt import format_value, general
from jixiao.readers._sheets import Merge, sheet_blocks

if TYPE_CHECKING:
    from jixiao.readers.limits import Limits

__all__ = ["read_xls"]

# xlrd cell types
_EMPTY, _TEXT, _NUMBER, _DATE, _BOOLEAN, _ERROR, _BLANK = range(7)
_ERRORS = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!", 0x2A: "#N/A"}


def _too_many_cells(path: str, sheet: str, row: int, limit: int) -> LimitExceeded:
    return LimitExceeded(
        f"workbook has more than the limit of {limit:,} cells", path=path, place=f"{sheet} row {row + 1}"
    )


def read_xls(data: bytes, name: str, limits: Limits) -> SourceDocument:
    """Every visible sheet of an .xls workbook as paragraphs and grids, values as printed."""
    check_size(data, name, limits)
    if not data.startswith(OLE2_MAGIC):
        raise ReadError("not an .xls workbook (no OLE2 compound-file header)", path=name)
    try:
        import xlrd
        from xlrd.compdoc import CompDoc
    except ImportError as exc:  # pragma: no cover - declared in the formats extra
        raise ReadError("reading .xls needs xlrd (pip install 'jixiao[formats]')", path=name) from exc
    try:
        compdoc: Any = CompDoc(data, logfile=io.StringIO())
        streams = {entry.name for entry in compdoc.dirlist}
    except Exception:  # a broken header: xlrd raises its own CompDocError and plain IndexError/struct errors
        compdoc, streams = None, set(ole_streams(data))
    if {"EncryptionInfo", "EncryptedPackage"} & streams:
        raise ReadError("password-protected: the workbook is encrypted; save it without a password", path=name)
    deadline = Deadline(name, limits.max_seconds)
    if compdoc is not None:
        fast = _read_fast(compdoc, data, name, limits, deadline)
        if fast is not None:
            return fast

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
                document.warnings.append(ReadWarning("hidden_sheet", sheet=sheet.name))
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
                        raise _too_many_cells(name, sheet.name, r, limits.max_cells)
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


# The fast path: python-calamine reads the cell values (its Rust BIFF reader is ~20x quicker than xlrd's),
# and one pass over the BIFF8 records, here, gives what calamine does not: each cell's XF record (number
# format and borders), the merged ranges (as xlrd reads them) and the sheets' visibility. Anything it does
# not handle exactly as the xlrd path does (BIFF5, dates, error values, a value calamine types otherwise
# than the record) returns None, and the workbook is read by xlrd.

_BOF, _EOF, _FILEPASS, _DATEMODE, _FORMAT, _XF, _BOUNDSHEET = 0x0809, 0x000A, 0x002F, 0x0022, 0x041E, 0x00E0, 0x0085
_NUMBER, _RK, _MULRK, _LABELSST, _LABEL, _RSTRING = 0x0203, 0x027E, 0x00BD, 0x00FD, 0x0204, 0x00D6
_FORMULA, _BOOLERR, _BLANKREC, _MULBLANK, _MERGEDCELLS = 0x0006, 0x0205, 0x0201, 0x00BE, 0x00E5
# what a record holds: a number (printed by its format), a string, a formula (by its cached result), a bool
_NUM, _STR, _FORM, _BOOL = range(4)
_KIND = {_NUMBER: _NUM, _RK: _NUM, _LABELSST: _STR, _LABEL: _STR, _RSTRING: _STR, _FORMULA: _FORM, _BOOLERR: _BOOL}


class _Quiet:
    verbosity = 0
    logfile = None


def _workbook_stream(compdoc: Any) -> bytes | None:
    mem, base, length = compdoc.locate_named_stream("Workbook")
    if mem is None:
        return None  # BIFF5 and older ("Book"): xlrd
    return bytes(mem[base : base + length])


def _biff_string(data: bytes, pos: int) -> str:
    """A BIFF8 unicode string with a 16-bit length at ``pos`` (FORMAT); raises on rich/extended forms."""
    (length,) = struct.unpack_from("<H", data, pos)
    flags = data[pos + 2]
    if flags & 0x0C:
        raise ValueError("rich or extended string")
    start = pos + 3
    if flags & 1:
        return data[start : start + 2 * length].decode("utf-16-le")
    return data[start : start + length].decode("latin-1")


def _records(stream: bytes, pos: int) -> Iterator[tuple[int, int, int]]:
    """(type, start of data, length) of the records of the substream starting at ``pos``, nested ones skipped."""
    unpack = struct.unpack_from
    end = len(stream)
    depth = 0
    while pos + 4 <= end:
        rtype, length = unpack("<HH", stream, pos)
        start = pos + 4
        pos = start + length
        if rtype == _BOF:
            depth += 1
            if depth > 1:
                continue
        elif rtype == _EOF:
            depth -= 1
            if depth <= 0:
                return
            continue
        if depth == 1:
            yield rtype, start, length


def _read_fast(compdoc: Any, data: bytes, name: str, limits: Limits, deadline: Deadline) -> SourceDocument | None:
    try:
        from python_calamine import CalamineWorkbook
        from xlrd.formatting import FDT, is_date_format_string, std_format_code_types, std_format_strings
    except ImportError:  # pragma: no cover - both in the formats extra
        return None
    try:
        stream = _workbook_stream(compdoc)
        if stream is None or len(stream) < 8:
            return None
        rtype, _, version = struct.unpack_from("<HHH", stream, 0)
        if rtype != _BOF or version != 0x0600:
            return None
        # workbook globals: number formats, XF records (format key, bordered), sheets
        user_formats: dict[int, str] = {}
        xf_format: list[int] = []
        xf_bordered: list[bool] = []
        sheets: list[tuple[int, int, str]] = []
        unpack = struct.unpack_from
        for rtype, start, _length in _records(stream, 0):
            if rtype == _XF:
                xf_format.append(unpack("<H", stream, start + 2)[0])
                xf_bordered.append(bool(unpack("<I", stream, start + 10)[0] & 0xFFFF))
            elif rtype == _FORMAT:
                user_formats[unpack("<H", stream, start)[0]] = _biff_string(stream, start + 2)
            elif rtype == _BOUNDSHEET:
                offset, visibility, kind = unpack("<IBB", stream, start)
                if kind != 0:
                    return None  # chart or macro sheets: xlrd knows how it counts them
                sheets.append((offset, visibility, _sheet_name(stream, start + 6)))
            elif rtype in (_FILEPASS, _DATEMODE) and (rtype == _FILEPASS or unpack("<H", stream, start)[0]):
                return None  # encrypted (xlrd says so), or the 1904 date system (dates go to xlrd anyway)
        # the printable format of each XF: None where a number under it is a date or the key is unknown
        formats: dict[int, str | None] = {}
        for key, text in user_formats.items():
            formats[key] = None if is_date_format_string(_Quiet, text) else text
        for key, ftype in std_format_code_types.items():
            if key not in formats:
                formats[key] = None if ftype == FDT else (std_format_strings.get(key) or "General")
        number_format = [formats.get(key) for key in xf_format]

        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        if [sheet_name for _, _, sheet_name in sheets] != list(book.sheet_names):
            return None
        document = SourceDocument(name=name, format="xls")
        cells_seen = 0
        max_cells = limits.max_cells
        for index, (offset, visibility, sheet_name) in enumerate(sheets):
            if visibility:
                document.warnings.append(ReadWarning("hidden_sheet", sheet=sheet_name))
                continue
            found = _sheet_records(stream, offset)
            if found is None:
                return None
            cells, merges, nrows = found
            if nrows > limits.max_rows:
                raise LimitExceeded(
                    f"sheet has {nrows:,} rows, more than the limit of {limits.max_rows:,}", path=name, place=sheet_name
                )
            values: list[list[Any]] = book.get_sheet_by_index(index).to_python(skip_empty_area=False)
            texts: dict[tuple[int, int], str] = {}
            ruled: set[tuple[int, int]] = set()
            for position, kind, xf_index in cells:  # in record order: by row, as BIFF stores them
                r, c = position
                value = values[r][c]
                cls = type(value)
                if cls is str:
                    if kind != _STR and kind != _FORM:
                        return None
                    text = value
                elif cls is float or cls is int:
                    if kind != _NUM and kind != _FORM:
                        return None
                    fmt = number_format[xf_index]
                    if fmt is None:
                        return None
                    text = general(float(value)) if fmt == "General" else format_value(float(value), fmt)
                elif cls is bool:
                    if kind != _BOOL and kind != _FORM:
                        return None
                    text = "TRUE" if value else "FALSE"
                else:
                    return None
                if not text:
                    continue
                cells_seen += 1
                if cells_seen > max_cells:
                    raise _too_many_cells(name, sheet_name, r, max_cells)
                texts[position] = text
                if xf_bordered[xf_index]:
                    ruled.add(position)
            document.blocks.extend(
                sheet_blocks(sheet_name, texts, merges, path=name, max_cells=limits.max_cells, ruled=ruled)
            )
            deadline.check(sheet_name)
    except (LimitExceeded, ReadError):
        raise
    except Exception:  # anything unexpected: the xlrd path reads it, or names what is wrong
        return None
    return document


def _sheet_name(stream: bytes, pos: int) -> str:
    """A BOUNDSHEET name: an 8-bit length, a flags byte, then the characters."""
    length, flags = stream[pos], stream[pos + 1]
    start = pos + 2
    if flags & 1:
        return stream[start : start + 2 * length].decode("utf-16-le")
    return stream[start : start + length].decode("latin-1")


_HEAD = struct.Struct("<HH").unpack_from  # a record's type and length; a row and column
_CELL = struct.Struct("<HHH").unpack_from  # row, column, XF index
_RANGE = struct.Struct("<HHHH").unpack_from  # first row, last row, first column, last column
_XF_INDEX = struct.Struct("<H").unpack_from


def _sheet_records(
    stream: bytes, offset: int
) -> tuple[list[tuple[tuple[int, int], int, int]], list[Merge], int] | None:
    """The non-blank cells ((row, col), kind, XF index), the merged ranges and the row count of one sheet;
    None where a cell holds an error value (xlrd prints those). Nested substreams (charts) are skipped."""
    head, cell, span, xf_at = _HEAD, _CELL, _RANGE, _XF_INDEX
    cells: list[tuple[tuple[int, int], int, int]] = []
    add = cells.append
    merges: list[Merge] = []
    nrows = 0
    kinds = _KIND
    end = len(stream)
    pos = offset
    depth = 0
    while pos + 4 <= end:
        rtype, length = head(stream, pos)
        start = pos + 4
        pos = start + length
        kind = kinds.get(rtype)
        if kind is not None:
            if depth != 1:
                continue
            r, c, xf_index = cell(stream, start)
            if r >= nrows:
                nrows = r + 1
            if kind == _FORM:
                if stream[start + 12] == 0xFF and stream[start + 13] == 0xFF:
                    result = stream[start + 6]
                    if result == 2:  # an error value
                        return None
                    if result == 3:  # an empty string
                        continue
            elif kind == _BOOL and stream[start + 7]:
                return None
            add(((r, c), kind, xf_index))
        elif rtype in (_MULBLANK, _BLANKREC):
            if depth == 1:
                r = head(stream, start)[0]
                if r >= nrows:
                    nrows = r + 1
        elif rtype == _MULRK:
            if depth != 1:
                continue
            r, c = head(stream, start)
            if r >= nrows:
                nrows = r + 1
            for i in range((length - 6) // 6):
                add(((r, c + i), _NUM, xf_at(stream, start + 4 + 6 * i)[0]))
        elif rtype == _MERGEDCELLS:
            if depth != 1:
                continue
            (count,) = xf_at(stream, start)
            for i in range(count):
                rlo, rhi, clo, chi = span(stream, start + 2 + 8 * i)
                merges.append(Merge(rlo, clo, rhi + 1, chi + 1))
        elif rtype == _BOF:
            depth += 1
        elif rtype == _EOF:
            depth -= 1
            if depth <= 0:
                break
    return cells, merges, nrows
