"""Compose a document into pages of paragraphs and merged-cell tables, the same for every output format.

The result is format-free: a :class:`Page` holds :class:`Para` and :class:`Table` blocks; a table is a
list of :class:`Cell` objects placed on a column grid with their spans. The Word, Excel and HTML writers
render these pages; none of them knows a region.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Literal

from jixiao.model import DepartmentPlan, Document, Indicator, TargetTable, convert_amount
from jixiao.writers.layouts import Column, Layout

__all__ = ["Cell", "Page", "Para", "Table", "clean_text", "compose", "indicator_columns", "level_runs"]

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


def _goals_text(goals: Sequence[str], *, numbered: bool) -> str:
    if not numbered:
        return "\n".join(goals)
    return "\n".join(f"{i}.{g}" for i, g in enumerate(goals, 1))


def _title(table: TargetTable, layout: Layout) -> str:
    title = table.title if table.title is not None else (table.project_name or "") + layout.default_title
    if layout.numbered_title and table.seq is not None:
        return f"{table.seq}.{title}"
    return title


def _unit(table: TargetTable, sep: str) -> str:
    return sep.join(p for p in (table.unit_code, table.unit_name) if p)


def _v(text: str | None) -> str:
    return text or ""


def _spread(total: int, parts: int) -> list[int]:
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


# --------------------------------------------------------------------------------------------- headers


def _header_tianjin(table: TargetTable, layout: Layout, *, with_code: bool) -> Table:
    # one label column and twelve value units, so that any spending plan of up to twelve points fits
    out = Table(widths=[5.5] + [2.6] * 12)
    unit = table.money_unit or ""
    out.add(0, 0, _unit(table, ""), colspan=9, role="plain", align="left", border=False)
    out.add(0, 9, f"{layout.label('money_unit')}{unit}" if unit else "", colspan=4, role="plain", align="right",
            border=False)  # fmt: skip
    r = 1
    if with_code:
        out.add(r, 0, layout.label("project_code"), role="label")
        out.add(r, 1, table.project_code, colspan=4, align="left")
        out.add(r, 5, layout.label("project_name"), colspan=2, role="label")
        out.add(r, 7, table.project_name, colspan=6, align="left")
    else:
        out.add(r, 0, layout.label("project_name"), role="label")
        out.add(r, 1, table.project_name, colspan=12, align="left")
    r += 1
    funds = table.funds
    out.add(r, 0, layout.label("budget"), rowspan=2, role="label")
    out.add(r, 1, layout.label("total"), colspan=2, role="label")
    out.add(r, 3, funds.total, colspan=2, number=funds.total if is_decimal(funds.total) else None)
    out.add(r, 5, layout.label("fiscal"), colspan=3, role="label")
    out.add(r, 8, funds.fiscal, colspan=2, number=funds.fiscal if is_decimal(funds.fiscal) else None)
    out.add(r, 10, layout.label("other"), colspan=2, role="label")
    out.add(r, 12, funds.other, number=funds.other if is_decimal(funds.other) else None)
    out.add(r + 1, 1, table.purpose, colspan=12, align="left")
    r += 2
    plan = table.spending_plan
    if with_code and plan:
        out.add(r, 0, layout.label("spending_plan"), rowspan=2, role="label")
        col = 1
        for point, span in zip(plan[:12], _spread(12, min(len(plan), 12)), strict=True):
            out.add(r, col, point.label, colspan=span, role="label")
            out.add(r + 1, col, f"{point.percent}%" if point.percent else "", colspan=span)
            col += span
        r += 2
    out.add(r, 0, layout.label("goals"), role="label")
    out.add(r, 1, _goals_text(table.annual_goals, numbered=True), colspan=12, align="left")
    return out


def _header_luan(table: TargetTable, layout: Layout) -> Table:
    out = Table(widths=[4.5, 5, 5, 5, 5])
    f = table.funds
    r = 0
    for key, value in (
        ("project_name", table.project_name),
        ("implementing_unit", table.implementing_unit),
        ("project_attribute", table.project_attribute),
    ):
        out.add(r, 0, layout.label(key), role="label")
        out.add(r, 1, value, colspan=4, align="left")
        r += 1
    unit = f"（{table.money_unit}）" if table.money_unit else ""
    out.add(r, 0, layout.label("funds_block") + unit, rowspan=3, role="label")
    rows = (
        ("midterm_total", f.midterm_total, "annual_total", f.total),
        ("midterm_fiscal", f.midterm_fiscal, "annual_fiscal", f.fiscal),
        ("midterm_other", f.midterm_other, "annual_other", f.other),
    )
    for k, (l1, v1, l2, v2) in enumerate(rows):
        out.add(r + k, 1, layout.label(l1), role="label", align="left")
        out.add(r + k, 2, v1, number=v1 if is_decimal(v1) else None)
        out.add(r + k, 3, layout.label(l2), role="label", align="left")
        out.add(r + k, 4, v2, number=v2 if is_decimal(v2) else None)
    r += 3
    out.add(r, 0, layout.label("midterm_goal"), rowspan=2, role="label")
    out.add(r, 1, table.midterm_period, colspan=2, role="label")
    out.add(r, 3, layout.label("annual_goals"), colspan=2, role="label")
    out.add(r + 1, 1, table.midterm_goal, colspan=2, align="left")
    out.add(r + 1, 3, _goals_text(table.annual_goals, numbered=len(table.annual_goals) > 1), colspan=2, align="left")
    return out


def _money(amount: str | None, unit: str | None) -> str:
    return f"{amount}{unit or ''}" if amount else f" {unit or ''}"


def _header_chongqing(table: TargetTable, layout: Layout, widths: list[float]) -> Table:
    # the eleven columns of the indicator table: A-E | F-K, A-C | D-H | I-K, A-C | D-E | F-H | I-K
    out = Table(widths=list(widths))
    f = table.funds
    mu = table.money_unit
    unit = "-".join(p for p in (table.unit_code, table.unit_name) if p)
    project = "-".join(p for p in (table.project_code, table.project_name) if p)
    out.add(0, 0, f"{layout.label('unit')}：{unit}", colspan=5, role="plain", align="left")
    out.add(0, 5, f"{layout.label('project')}：{project}", colspan=6, role="plain", align="left")
    out.add(1, 0, f"{layout.label('function')}：{_v(table.function)}", colspan=5, role="plain", align="left")
    out.add(1, 5, f"{layout.label('department')}：{_v(table.department)}", colspan=6, role="plain", align="left")
    out.add(2, 0, f"{layout.label('manager')}：{_v(table.manager)}", colspan=3, role="plain", align="left")
    out.add(2, 3, f"{layout.label('project_total')}：{_money(f.total, mu)}", colspan=5, role="plain", align="left")
    weight = _v(table.budget_execution_weight)
    out.add(2, 8, f"{layout.label('budget_execution_weight')}：{weight}", colspan=3, role="plain", align="left")
    phone = _v(table.manager_phone)
    out.add(3, 0, f"{layout.label('manager_phone')}：{phone}", colspan=3, role="plain", align="left")
    out.add(3, 3, f"{layout.label('project_fiscal')}：{_money(f.fiscal, mu)}", colspan=5, role="plain",
            align="left")  # fmt: skip
    out.add(3, 8, "", colspan=3, role="plain")
    goals = _goals_text(table.annual_goals, numbered=len(table.annual_goals) > 1)
    out.add(4, 0, f"{layout.label('annual_goals')}：{goals}", colspan=11, role="plain", align="left")
    spans = ((0, 3, "fiscal_special_account"), (3, 2, "unit_funds"), (5, 3, "social_funds"), (8, 3, "bank_loan"))
    for col, span, key in spans:
        text = f"{layout.label(key)}：{_money(getattr(f, key), mu)}"
        out.add(5, col, text, colspan=span, role="plain", align="left")
    return out


def _header_national(table: TargetTable, layout: Layout) -> Table:
    # label | value (5 units) | label (3 units) | value (4 units): two items a row, long texts across
    out = Table(widths=[5.5] + [2.6] * 12)
    f = table.funds
    unit = "-".join(p for p in (table.unit_code, table.unit_name) if p)
    pairs: list[tuple[str, str | None, bool]] = []  # (label, value, is_amount)

    def item(label: str, value: str | None, *, amount: bool = False, present: bool | None = None) -> None:
        if value is not None if present is None else present:
            pairs.append((label, value, amount))

    item(layout.label("unit"), unit, present=table.unit_code is not None or table.unit_name is not None)
    for key in ("department", "implementing_unit", "project_code", "project_name", "project_attribute",
                "function", "manager", "manager_phone", "budget_execution_weight"):  # fmt: skip
        item(layout.label(key), getattr(table, key))
    r = 0

    def flush() -> None:
        nonlocal r
        for k in range(0, len(pairs), 2):
            chunk = pairs[k : k + 2]
            (l1, v1, a1) = chunk[0]
            out.add(r, 0, l1, role="label")
            out.add(r, 1, v1, colspan=5 if len(chunk) == 2 else 12, align="left",
                    number=v1 if a1 and is_decimal(v1) else None)  # fmt: skip
            if len(chunk) == 2:
                (l2, v2, a2) = chunk[1]
                out.add(r, 6, l2, colspan=3, role="label")
                out.add(r, 9, v2, colspan=4, align="left", number=v2 if a2 and is_decimal(v2) else None)
            r += 1
        pairs.clear()

    flush()
    unit_suffix = f"（{table.money_unit}）" if table.money_unit else ""
    midterm = (f.midterm_total, f.midterm_fiscal, f.midterm_other)
    if any(v is not None for v in midterm):
        out.add(r, 0, layout.label("funds_block") + unit_suffix, rowspan=3, role="label")
        rows = (
            ("midterm_total", f.midterm_total, "annual_total", f.total),
            ("midterm_fiscal", f.midterm_fiscal, "annual_fiscal", f.fiscal),
            ("midterm_other", f.midterm_other, "annual_other", f.other),
        )
        for k, (l1, v1, l2, v2) in enumerate(rows):
            out.add(r + k, 1, layout.label(l1), colspan=3, role="label", align="left")
            out.add(r + k, 4, v1, colspan=3, number=v1 if is_decimal(v1) else None)
            out.add(r + k, 7, layout.label(l2), colspan=3, role="label", align="left")
            out.add(r + k, 10, v2, colspan=3, number=v2 if is_decimal(v2) else None)
        r += 3
    elif any(v is not None for v in (f.total, f.fiscal, f.other)):
        cells = [(k, v) for k, v in (("total", f.total), ("fiscal", f.fiscal), ("other", f.other)) if v is not None]
        out.add(r, 0, layout.label("budget") + unit_suffix, role="label")
        col = 1
        for key, value in cells:
            out.add(r, col, layout.label(key), colspan=2, role="label")
            out.add(r, col + 2, value, colspan=2, number=value if is_decimal(value) else None)
            col += 4
        if col < 13:
            out.add(r, col, "", colspan=13 - col, role="plain")
        r += 1
    for key in ("fiscal_special_account", "unit_funds", "social_funds", "bank_loan"):
        item(layout.label(key) + unit_suffix, getattr(f, key), amount=True)
    words = amount_in_words(f.total, table.money_unit) if layout.amount_in_words else ""
    if words:
        item(layout.label("in_words"), words)
    flush()
    if table.purpose is not None:
        out.add(r, 0, layout.label("purpose"), role="label")
        out.add(r, 1, table.purpose, colspan=12, align="left")
        r += 1
    plan = table.spending_plan
    if plan:
        out.add(r, 0, layout.label("spending_plan"), rowspan=2, role="label")
        col = 1
        for point, span in zip(plan[:12], _spread(12, min(len(plan), 12)), strict=True):
            out.add(r, col, point.label, colspan=span, role="label")
            out.add(r + 1, col, f"{point.percent}%" if point.percent else "", colspan=span)
            col += span
        r += 2
    if table.midterm_goal is not None or table.midterm_period is not None:
        # as the 批复表 prints it: 总体目标 | period | 年度目标, then both texts side by side
        out.add(r, 0, layout.label("midterm_goal"), rowspan=2, role="label")
        out.add(r, 1, table.midterm_period, colspan=6, role="label")
        out.add(r, 7, layout.label("annual_goals"), colspan=6, role="label")
        out.add(r + 1, 1, table.midterm_goal, colspan=6, align="left")
        goals = _goals_text(table.annual_goals, numbered=len(table.annual_goals) > 1)
        out.add(r + 1, 7, goals, colspan=6, align="left")
        return out
    out.add(r, 0, layout.label("goals"), role="label")
    out.add(r, 1, _goals_text(table.annual_goals, numbered=True), colspan=12, align="left")
    return out


# --------------------------------------------------------------------------------------------- pages


def _table_page(table: TargetTable, layout: Layout, index: int) -> Page:
    blocks: list[Block] = [Para(_title(table, layout), "title")]
    indicators = indicator_table(table, layout)
    form = layout.header
    if form in ("tianjin", "lulong"):
        header = _header_tianjin(table, layout, with_code=form == "lulong")
    elif form == "luan":
        if table.year is not None:
            blocks.append(Para(f"（{table.year}{layout.label('year')}）", "subtitle"))
        filer = layout.label("filer")
        blocks.append(Para(f"{filer}：{table.unit_name}" if table.unit_name else filer, "left"))
        header = _header_luan(table, layout)
    elif form == "chongqing":
        header = _header_chongqing(table, layout, indicators.widths)
    else:
        if table.year is not None:
            blocks.append(Para(f"（{table.year}{layout.label('year')}）", "subtitle"))
        if table.money_unit:
            blocks.append(Para(f"{layout.label('money_unit')}{table.money_unit}", "right"))
        header = _header_national(table, layout)
    blocks += [header, indicators]
    name = table.project_code[-6:] if form == "chongqing" and table.project_code else f"{index + 1}"
    return Page(name=name, blocks=blocks, landscape=layout.landscape)


# split narrative text into paragraphs before sub-item enumerators only: ``一、`` starts a section heading
_ENUMERATOR = re.compile(r" (?=(?:（[一二三四五六七八九十]+）|\d+、))")


def _plan_blocks(plan: DepartmentPlan, layout: Layout) -> list[Block]:
    blocks: list[Block] = []
    if layout.header == "national" and (plan.unit_name or plan.year):
        blocks.append(Para(" ".join(p for p in (plan.unit_name, f"{plan.year}年度" if plan.year else None) if p),
                           "subtitle"))  # fmt: skip
    for section in plan.sections:
        blocks.append(Para(section.heading, "heading"))
        blocks.extend(Para(text, "body") for text in _ENUMERATOR.split(section.text) if text)
    return blocks


def compose(document: Document, layout: Layout) -> list[Page]:
    """The document's pages in ``layout``: the narrative part (when the layout prints one), then each table."""
    pages: list[Page] = []
    parts = layout.parts_titles if layout.narrative and document.department_plans else None
    if parts:
        blocks: list[Block] = [Para(parts[0], "part"), Para(parts[1], "part_name")]
        for plan in document.department_plans:
            blocks.extend(_plan_blocks(plan, layout))
        pages.append(Page(name=parts[1], blocks=blocks, landscape=False))
    for i, table in enumerate(document.tables):
        page = _table_page(table, layout, i)
        if parts and i == 0:
            page.blocks[0:0] = [Para(parts[2], "part"), Para(parts[3], "part_name")]
        pages.append(page)
    return pages


def pages_text(pages: Iterable[Page]) -> str:
    """All the text of the pages, one block a line (for tests and previews)."""
    out: list[str] = []
    for page in pages:
        for block in page.blocks:
            if isinstance(block, Para):
                out.append(block.text)
            else:
                out.extend(c.text for c in block.cells)
    return "\n".join(out)
