"""The format-free blocks every layout composes and every format writer renders.

A :class:`Page` holds :class:`Para` and :class:`Table` blocks; a table is a list of :class:`Cell` objects
placed on a column grid with their spans. The helpers here (merged 一级/二级 runs, the indicator grid, 大写
amounts) are shared by the layouts' composers; none of them knows a region.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Literal

from jixiao.model import Indicator, TargetTable, convert_amount
from jixiao.writers._layout import Column, Layout

__all__ = [
    "Block",
    "Cell",
    "Page",
    "Para",
    "Table",
    "amount_in_words",
    "clean_text",
    "goals_text",
    "indicator_columns",
    "indicator_table",
    "is_decimal",
    "level_runs",
    "money",
    "or_empty",
    "spread",
    "unit_text",
]

Role = Literal["label", "head", "value", "text", "plain"]
ParaStyle = Literal["title", "subtitle", "part", "part_name", "heading", "body", "left", "right"]

_DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")
_LINE_BREAKS = re.compile(r"\r\n|[\r\v\f\u2028\u2029]")
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Text every format can hold: line breaks as ``\\n``, a tab as a space, no control characters
    (they are not allowed in XML, and Excel would show them as ``_x000B_``)."""
    if text.isprintable():
        return text
    return _NOT_XML.sub("", _LINE_BREAKS.sub("\n", text).replace("\t", " "))


@dataclass(frozen=True, slots=True)
class Cell:
    row: int
    col: int
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    role: Role = "value"
    number: str | None = None  # a plain decimal to store as a number (Excel), printed as ``text``
    align: Literal["left", "center", "right"] = "center"
    border: bool = True

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


@dataclass(slots=True)
class Table:
    widths: list[float]  # relative column widths
    cells: list[Cell] = field(default_factory=list)
    header_rows: int = 0  # rows repeated on every page (Word) / frozen (Excel)

    @property
    def n_rows(self) -> int:
        return max((c.row + c.rowspan for c in self.cells), default=0)

    @property
    def n_cols(self) -> int:
        return len(self.widths)

    def add(self, row: int, col: int, text: str | None, **kw: object) -> None:
        self.cells.append(Cell(row, col, clean_text(text or ""), **kw))  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Para:
    text: str
    style: ParaStyle = "body"

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", clean_text(self.text).replace("\n", " "))


Block = Para | Table


@dataclass(slots=True)
class Page:
    """What starts on a new page: one target table, or the narrative part."""

    name: str  # a short name (Excel sheet name)
    blocks: list[Block]
    landscape: bool = False


# --------------------------------------------------------------------------------------------- helpers


def is_decimal(text: str | None) -> bool:
    return bool(text) and _DECIMAL.match(text or "") is not None


def amount_in_words(amount: str | None, unit: str | None) -> str:
    """``37000000.00`` 元 → ``人民币叁仟柒佰万元整``; empty when the amount is not a plain number."""
    if not is_decimal(amount) or not unit:
        return ""
    import cn2an  # lazy: only layouts printing 大写 need it

    try:
        yuan = convert_amount(str(amount), unit, "元").quantize(Decimal("0.01"))
    except (ValueError, InvalidOperation):
        return ""
    if yuan < 0:
        return ""
    words: str = cn2an.an2cn(f"{yuan:f}", "rmb")
    return "人民币" + words


def indicator_columns(layout: Layout, indicators: Sequence[Indicator]) -> list[Column]:
    """The layout's columns that this table prints (``only_if`` columns need a non-null field)."""
    return [
        col
        for col in layout.columns
        if not col.only_if or any(getattr(ind, f) is not None for ind in indicators for f in col.only_if)
    ]


def level_runs(values: Sequence[object]) -> list[tuple[int, int]]:
    """Runs of equal, non-empty consecutive values as ``(start, length)``; an empty value is its own run."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(values):
        j = i + 1
        if values[i] not in (None, "", (None, None)):
            while j < len(values) and values[j] == values[i]:
                j += 1
        runs.append((i, j - i))
        i = j
    return runs


def goals_text(goals: Sequence[str], *, numbered: bool) -> str:
    if not numbered:
        return "\n".join(goals)
    return "\n".join(f"{i}.{g}" for i, g in enumerate(goals, 1))


def unit_text(table: TargetTable, sep: str) -> str:
    return sep.join(p for p in (table.unit_code, table.unit_name) if p)


def or_empty(text: str | None) -> str:
    return text or ""


def money(amount: str | None, unit: str | None) -> str:
    """An amount with its unit as one cell prints it (``170万元``); a space and the unit when there is none."""
    return f"{amount}{unit or ''}" if amount else f" {unit or ''}"


def spread(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


# --------------------------------------------------------------------------------------------- indicators


def indicator_table(table: TargetTable, layout: Layout) -> Table:
    columns = indicator_columns(layout, table.indicators)
    out = Table(widths=[c.width for c in columns], header_rows=1)
    for j, col in enumerate(columns):
        out.add(0, j, col.label, role="head")
    inds = table.indicators
    if not inds:
        return out
    level1_runs = level_runs([i.level1 for i in inds])
    level2_runs = level_runs([(i.level1, i.level2) for i in inds])
    starts1 = dict(level1_runs)
    starts2 = dict(level2_runs)
    for j, col in enumerate(columns):
        if col.field is None:
            out.add(1, j, col.fill, rowspan=len(inds), role="label")
            continue
        for k, ind in enumerate(inds):
            row = k + 1
            if col.field in ("level1", "level2"):
                starts = starts1 if col.field == "level1" else starts2
                if k not in starts:
                    continue
                out.add(row, j, getattr(ind, col.field), rowspan=starts[k], role="text")
                continue
            text = getattr(ind, col.field)
            number = text if col.numeric and is_decimal(text) else None
            out.add(row, j, text, role="value", number=number, align=col.align)
    return out
