"""Excel (.xlsx) output with XlsxWriter: one sheet per page of the layout, plus a flat sheet for analysts.

Merged cells become merged ranges; plain decimals (amounts, Chongqing's values and weights) are stored as
numbers with a number format that prints them exactly as the document does (``37000000.00`` → ``0.00``);
column widths follow the layout and row heights are computed from the wrapped text, because Excel and
LibreOffice do not grow a row for wrapped text written by XlsxWriter.
"""

from __future__ import annotations

import io
import itertools
import math
import unicodedata
from collections.abc import Sequence
from typing import Any

from jixiao.errors import WriteError
from jixiao.model import Document
from jixiao.writers._blocks import Cell, Page, Para, Table
from jixiao.writers._flat import flat_header, flat_rows

__all__ = ["render_xlsx", "text_width"]

_CHARS_PER_UNIT = 1.0  # a layout width unit is about one Chinese character
_LINE_HEIGHT = 15.0  # points per line at 10.5 pt
_PADDING = 6.0
_TOTAL_WIDTH = {False: 92.0, True: 150.0}  # sheet width in Excel character units: portrait / landscape A4
_MAX_CELL = 32_767  # characters an Excel cell holds


def text_width(text: str) -> float:
    """Display width in Excel character units: a Chinese (wide) character counts two."""
    return sum(2.0 if unicodedata.east_asian_width(ch) in "WF" else 1.1 for ch in text)


def _lines_needed(text: str, width_units: float) -> int:
    usable = max(width_units - 1.0, 2.0)
    return sum(max(1, math.ceil(text_width(line) / usable)) for line in text.split("\n"))


def _checked(text: str, sheet: Any, row: int, col: int) -> str:
    if len(text) > _MAX_CELL:
        from xlsxwriter.utility import xl_rowcol_to_cell

        place = f"sheet {sheet.name} cell {xl_rowcol_to_cell(row, col)}"
        raise WriteError(f"{len(text)} characters do not fit an Excel cell (at most {_MAX_CELL})", place=place)
    return text


def _num_format(number: str) -> str:
    places = len(number.split(".", 1)[1]) if "." in number else 0
    return "0" if places == 0 else "0." + "0" * places


def render_xlsx(pages: Sequence[Page], document: Document, *, flat_sheet: bool = False) -> bytes:
    import xlsxwriter  # lazy

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    base = {"font_name": "宋体", "font_size": 10.5, "text_wrap": True, "valign": "vcenter"}
    formats: dict[tuple[Any, ...], Any] = {}

    def fmt(**kw: Any) -> Any:
        key = tuple(sorted(kw.items()))
        if key not in formats:
            formats[key] = book.add_format({**base, **kw})
        return formats[key]

    used: set[str] = set()
    for page in pages:
        sheet = book.add_worksheet(_sheet_name(page.name, used))
        sheet.set_paper(9)  # A4
        if page.landscape:
            sheet.set_landscape()
        sheet.fit_to_pages(1, 0)
        sheet.set_margins(left=0.6, right=0.6, top=0.7, bottom=0.7)
        sheet.set_footer("&C- &P -")
        _write_page(sheet, page, fmt)
    if flat_sheet and any(t.indicators for t in document.tables):
        _write_flat(book.add_worksheet(_sheet_name("指标明细", used)), document, fmt)
    book.close()
    return buffer.getvalue()


def _sheet_name(name: str, used: set[str]) -> str:
    clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in name)[:28] or "Sheet"
    candidate, n = clean, 1
    while candidate in used:
        n += 1
        candidate = f"{clean[:25]}_{n}"
    used.add(candidate)
    return candidate


def _write_page(sheet: Any, page: Page, fmt: Any) -> None:
    tables = [b for b in page.blocks if isinstance(b, Table)]
    n_cols = max((t.n_cols for t in tables), default=1)
    # column widths: the widest table sets the grid; narrower tables are stretched over it
    grid = max(tables, key=lambda t: t.n_cols).widths if tables else [1.0]
    total_units = sum(grid)
    scale = _TOTAL_WIDTH[page.landscape] / total_units
    col_widths = [w * scale for w in grid]
    for c, width in enumerate(col_widths):
        sheet.set_column(c, c, width)
    row = 0
    freeze: int | None = None
    for block in page.blocks:
        if isinstance(block, Para):
            style = block.style
            size = 16 if style in ("title", "part", "part_name") else 12 if style == "heading" else 10.5
            font = "黑体" if style in ("title", "part", "part_name", "heading") else "宋体"
            align = {"left": "left", "right": "right", "body": "left", "heading": "left"}.get(style, "center")
            if n_cols > 1:
                text = _checked(block.text, sheet, row, 0)
                sheet.merge_range(row, 0, row, n_cols - 1, text, fmt(font_name=font, font_size=size, align=align))
            else:
                sheet.write_string(
                    row, 0, _checked(block.text, sheet, row, 0), fmt(font_name=font, font_size=size, align=align)
                )
            lines = _lines_needed(block.text, sum(col_widths)) if style == "body" else 1
            sheet.set_row(row, max(size * 1.6, lines * _LINE_HEIGHT + _PADDING))
            row += 1
            continue
        mapping = _column_map(block, col_widths)
        widths = [sum(col_widths[a:b]) for a, b in mapping]
        heights = [_LINE_HEIGHT + _PADDING] * block.n_rows
        for cell in block.cells:
            first, last = mapping[cell.col][0], mapping[cell.col + cell.colspan - 1][1] - 1
            r0, r1 = row + cell.row, row + cell.row + cell.rowspan - 1
            f = _cell_format(cell, fmt)
            if cell.number is not None:
                value: Any = float(cell.number)
                f = _cell_format(cell, fmt, num_format=_num_format(cell.number))
            else:
                value = cell.text
            if r0 != r1 or first != last:
                sheet.merge_range(r0, first, r1, last, "", f)
            if isinstance(value, float):
                sheet.write_number(r0, first, value, f)
            elif not value:
                sheet.write_blank(r0, first, None, f)
            else:
                sheet.write_string(r0, first, _checked(value, sheet, r0, first), f)
            width = sum(widths[cell.col : cell.col + cell.colspan])
            need = _lines_needed(cell.text, width) * _LINE_HEIGHT + _PADDING
            per_row = need / cell.rowspan
            for r in range(cell.row, cell.row + cell.rowspan):
                heights[r] = max(heights[r], per_row)
        for r, h in enumerate(heights):
            sheet.set_row(row + r, min(h, 409))
        if block.header_rows and freeze is None:
            sheet.repeat_rows(row, row + block.header_rows - 1)
            freeze = row + block.header_rows
        row += block.n_rows
    sheet.hide_gridlines(2)


def _column_map(table: Table, grid: list[float]) -> list[tuple[int, int]]:
    """Sheet columns [a, b) that each table column covers, so that a table with fewer columns than the
    sheet's grid keeps its proportions: each boundary goes to the grid boundary nearest in width."""
    n_cols = len(grid)
    if table.n_cols == n_cols:
        return [(c, c + 1) for c in range(n_cols)]
    edges = [0.0, *itertools.accumulate(grid)]
    total, width = sum(table.widths), edges[-1]
    out: list[tuple[int, int]] = []
    start, acc = 0, 0.0
    for i, w in enumerate(table.widths):
        acc += w
        remaining = table.n_cols - i - 1
        if remaining == 0:
            end = n_cols
        else:
            target = acc / total * width
            end = min(range(start + 1, n_cols - remaining + 1), key=lambda k: abs(edges[k] - target))
        out.append((start, end))
        start = end
    return out


def _cell_format(cell: Cell, fmt: Any, num_format: str | None = None) -> Any:
    kw: dict[str, Any] = {"align": cell.align}
    if cell.border:
        kw["border"] = 1
    if cell.role == "head":
        kw.update(font_name="黑体", bg_color="#F2F2F2")
    if num_format:
        kw["num_format"] = num_format
    return fmt(**kw)


def _write_flat(sheet: Any, document: Document, fmt: Any) -> None:
    header = flat_header()
    head = fmt(font_name="黑体", border=1, bg_color="#F2F2F2", align="center")
    cell = fmt(border=1, align="left")
    widths = [max(6.0, min(40.0, text_width(h) + 2)) for h in header]
    for c, h in enumerate(header):
        sheet.write_string(0, c, h, head)
    for r, values in enumerate(flat_rows(document), 1):
        for c, value in enumerate(values):
            sheet.write_string(r, c, _checked(value, sheet, r, c), cell)
            widths[c] = max(widths[c], min(40.0, text_width(value) + 2))
    for c, w in enumerate(widths):
        sheet.set_column(c, c, w)
    sheet.freeze_panes(1, 0)
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.repeat_rows(0)
    sheet.autofilter(0, 0, max(1, sum(len(t.indicators) for t in document.tables)), len(header) - 1)
