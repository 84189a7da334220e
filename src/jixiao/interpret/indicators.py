"""Indicator rows: columns found by their header labels, level 1/2 carried down merged rows.

Two layouts:

- one indicator per row, each column named by the header (一级指标 二级指标 三级指标 … 指标值);
- side by side (``中长期指标值`` beside ``本年度指标值``, each half with its own 二级/三级指标): a row holds
  the indicator twice. Text exports shift such rows by a column here and there, so the halves are
  found by the indicator name printed in both, not by position.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter

from jixiao.interpret import evaluation, labels
from jixiao.interpret.stream import Item, Row
from jixiao.model import Indicator
from jixiao.values import parse_columns, parse_value

__all__ = [
    "Columns",
    "ProjectPart",
    "printed_text",
    "read_indicators",
    "read_projects",
    "read_text_indicators",
    "split_levels",
]

# A table's indicators validated in one call: half the cost of ``Indicator(**fields)`` one by one.
_INDICATORS = TypeAdapter(list[Indicator])
_TEXT_FIELDS: tuple[str, ...] = ("description", "basis", "nature", "history", "weight", "weight_this_year", "direction")
_TEXT_FIELDS += (
    "overall_value",
    "remark",
    "actual",
    "max_score",
    "score",
    "deviation",
    "progress",
    "forecast",
    "on_track",
    "measures",
)  # from actual: self-evaluation; from progress: monitoring


@dataclass
class Columns:
    """Header label → grid column; ``mirror`` holds the second (this-year) half of a side-by-side table."""

    fields: dict[str, int] = field(default_factory=dict)
    mirror: dict[str, int] = field(default_factory=dict)
    project: dict[str, int] = field(default_factory=dict)  # a many-project table's own columns (项目名称 …)
    width: int = 0
    combined: int | None = None  # a 绩效指标 column printing the three levels run together, where no name column is

    @classmethod
    def from_header(cls, row: Row) -> Columns:
        keys = [labels.label_key(text) for text in row.texts]
        has_this_year = any(key in labels.THIS_YEAR_VALUE_KEYS for key in keys)
        out = cls(width=len(row.texts))
        for index, key in enumerate(keys):
            name = labels.INDICATOR_COLUMNS.get(key) or evaluation.column_field(key)
            if name is None:
                if key in labels.PROJECT_COLUMNS:
                    out.project.setdefault(labels.PROJECT_COLUMNS[key], row.cols[index])
                elif key in labels.INDICATOR_TEXT_LABELS and out.combined is None:
                    out.combined = row.cols[index]
                continue
            if name == "value" and key in labels.PLAIN_VALUE_KEYS and has_this_year:
                name = "overall_value"
            col = row.cols[index]
            if name in out.fields and name in {"level2", "name"}:
                out.mirror[name] = col
            else:
                out.fields.setdefault(name, col)
        if labels.EVALUATION_MARKS & out.fields.keys():  # a self-evaluation: its points column is max_score
            for name in labels.POINTS_FIELDS & out.fields.keys():
                out.fields.setdefault("max_score", out.fields.pop(name))
        return out

    @property
    def self_evaluation(self) -> bool:
        return bool(labels.EVALUATION_MARKS & self.fields.keys())

    def add_header_row(self, row: Row) -> None:
        """A header's second row (项目总额 | 其中：财政资金 | 其他资金 under a funds heading spanning both rows)."""
        for index, text in enumerate(row.texts):
            if not text or len(text) > labels.MAX_LABEL:
                continue
            key, col = labels.label_key(text), row.cols[index]
            if key in labels.PROJECT_COLUMNS:
                name = labels.PROJECT_COLUMNS[key]
                if col not in self.project.values() or name.startswith("funds."):
                    # under a heading cell that spans columns, the second row names each column
                    self.project = {field: at for field, at in self.project.items() if at != col or field == name}
                    self.project.setdefault(name, col)
            elif (field_name := labels.INDICATOR_COLUMNS.get(key)) is not None:
                self.fields.setdefault(field_name, col)

    @property
    def side_by_side(self) -> bool:
        return "name" in self.mirror

    @property
    def many_projects(self) -> bool:
        """One long table of many projects: a project-name column beside the indicator columns."""
        return "project_name" in self.project and not self.side_by_side


class _Levels:
    """Level 1/2 carried down; a level-2 cell cut by a page break (可持续 | 影响指标) is joined back."""

    def __init__(self) -> None:
        self.level1 = ""
        self.level2 = ""
        self.made: list[dict[str, Any]] = []  # indicator fields, made into models at the end

    def update(self, level1: str, level2: str) -> None:
        if not level1 and level2 and level2 != self.level2:
            parent = labels.LEVEL1_BY_LEVEL2.get(level2) or labels.LEVEL1_BY_LEVEL2.get(labels.label_key(level2))
            if parent is not None and labels.label_key(self.level1) != parent:
                level1 = parent  # the row's level-1 cell was not read: its level 2 names the group
        if level1 and level1 != self.level1:
            self.level1 = level1
            self.level2 = level2
            return
        if not level2:
            return
        joined = self.level2 + level2
        if self.level2 and not labels.is_level_term(self.level2) and labels.label_key(joined) in labels.LEVEL2_TERMS:
            for indicator in self.made:
                if indicator["level2"] == self.level2:
                    indicator["level2"] = joined
            level2 = joined
        self.level2 = level2


def _is_label_like(text: str) -> bool:
    """A level term, a fragment of one (服务对象满意, 可持续, 影响指标) or a block label (绩效指标)."""
    if len(text) > labels.MAX_LABEL:
        return False
    key = labels.label_key(text)
    return key in labels.INDICATOR_BLOCK_LABELS or key in labels.LEVEL_TERMS_AND_FRAGMENTS


def _classify_levels(cells: list[str]) -> tuple[str, str]:
    """Level 1 and 2 among a row's label cells, by vocabulary (positions shift in text exports)."""
    seen: list[str] = []
    for text in cells:
        if text and text not in seen and labels.label_key(text) not in labels.INDICATOR_BLOCK_LABELS:
            seen.append(text)
    level1 = level2 = ""
    for index, text in enumerate(seen):
        key = labels.label_key(text)
        followed = index + 1 < len(seen)
        if key in labels.LEVEL1_TERMS and (key not in labels.LEVEL1_OF or followed) and not level1 and not level2:
            level1 = text
        elif not level2:
            level2 = text
    return level1, level2


def read_indicators(
    header: Row, rows: list[Item], *, parse: bool = True, columns: Columns | None = None
) -> list[Indicator]:
    """The indicators of the rows under an indicator header (``columns``: the header's, if read already)."""
    columns = columns or Columns.from_header(header)
    levels = _Levels()
    read_row = _side_by_side if columns.side_by_side else _one_per_row
    for row in _body(rows):
        _read_row(row, columns, levels, read_row, parse=parse)
    return _INDICATORS.validate_python(levels.made)


@dataclass
class ProjectPart:
    """One project's share of a table that holds many: its own fields as printed, and its indicators."""

    fields: dict[str, str]  # TargetTable field (``funds.total`` for a Funds amount) -> the printed text
    indicators: list[Indicator]
    refs: list[str | None]  # of its rows, first to last


def read_projects(columns: Columns, rows: list[Item], *, parse: bool = True) -> list[ProjectPart] | None:
    """The projects of one long table holding many (None for a table of one project).

    Each run of rows under one project name (printed in a merged cell, or repeated, or only on its first
    row) is a project; a row naming a project but holding no indicator (a unit's subtotal row) yields none.
    """
    if not columns.many_projects:
        return None
    name_col = columns.project["project_name"]
    parts: list[tuple[dict[str, str], _Levels, list[str | None]]] = []
    current = ""  # the project name, cleaned, of the rows being read
    for row in _body(rows):
        name = _cell(row, name_col)
        if name and name != current:
            fields = {field_name: printed_text(row, col) for field_name, col in columns.project.items()}
            parts.append((fields, _Levels(), []))
            current = name
        if not parts:
            continue  # rows before the first project (合计)
        _, levels, refs = parts[-1]
        if _read_row(row, columns, levels, _one_per_row, parse=parse):
            refs.append(row.ref)
    return [
        ProjectPart(fields=fields, indicators=_INDICATORS.validate_python(levels.made), refs=refs)
        for fields, levels, refs in parts
        if levels.made
    ]


def read_text_indicators(found: list[dict[str, str | None]], ref: str | None) -> list[Indicator]:
    """Indicators listed as text in one cell (:func:`~jixiao.interpret.indicator_text.indicators_in_text`),
    their values parsed, level 1 carried down to items that print only their level 2."""
    made: list[dict[str, Any]] = []
    level1: str | None = None
    for item in found:
        level1 = item["level1"] or level1
        reading = parse_value(item["value"])
        made.append(
            {
                "level1": level1,
                "level2": item["level2"],
                "name": item["name"] or "",
                "value": item["value"],
                "overall_value": item.get("overall_value"),
                "source_ref": ref,
                "op": reading.op,
                "number": reading.number,
                "unit": reading.unit,
                "deadline": reading.deadline,
                "parts": list(reading.parts),
            }
        )
    return _INDICATORS.validate_python(made)


def _body(rows: list[Item]) -> list[Row]:
    """The rows of an indicator table, without the header repeated after a page break."""
    return [row for row in rows if isinstance(row, Row) and row.n_labels < labels.INDICATOR_HEADER_MIN]


def _read_row(
    row: Row,
    columns: Columns,
    levels: _Levels,
    read_row: Callable[[Row, Columns, _Levels], dict[str, Any] | None],
    *,
    parse: bool,
) -> bool:
    """Read one row into ``levels.made``; whether it held an indicator."""
    indicator = read_row(row, columns, levels)
    if indicator is None:
        return False
    indicator["level1"], indicator["level2"] = levels.level1 or None, levels.level2 or None
    indicator["source_ref"] = row.ref
    if parse:
        _parse(indicator, row, columns)
    levels.made.append(indicator)
    return True


def _cell(row: Row, col: int | None) -> str | None:
    if col is None:
        return None
    index = row.covering(col)
    return row.cleaned[index] if index is not None else ""


def printed_text(row: Row, col: int) -> str:
    """The text of the cell covering grid column ``col`` as printed, line breaks kept (a goal's items)."""
    index = row.covering(col)
    return row.texts[index] if index is not None else ""


def _same_cell(row: Row, first: int | None, second: int | None) -> bool:
    if first is None or second is None:
        return False
    index = row.covering(first)
    return index is not None and index == row.covering(second)


def split_levels(text: str) -> tuple[str, str, str]:
    """``产出指标数量指标参保人参保意愿调查样本`` → level 1, level 2 and name, by the level vocabulary."""
    level1 = next((term for term in _LEVEL1_LONGEST if text.startswith(term)), "")
    rest = text[len(level1) :].lstrip()
    level2 = next((term for term in _LEVEL2_LONGEST if rest.startswith(term)), "")
    return level1, level2, rest[len(level2) :].lstrip()


_LEVEL1_LONGEST = sorted(labels.LEVEL1_TERMS, key=len, reverse=True)
_LEVEL2_LONGEST = sorted(labels.LEVEL2_TERMS, key=len, reverse=True)


def _one_per_row(row: Row, columns: Columns, levels: _Levels) -> dict[str, Any] | None:
    if columns.combined is not None and "name" not in columns.fields:
        return _run_together(row, columns, levels)
    level1 = _cell(row, columns.fields.get("level1")) or ""
    level2 = _cell(row, columns.fields.get("level2")) or ""
    if labels.label_key(level1) in labels.INDICATOR_BLOCK_LABELS:
        level1 = ""
    key1 = labels.label_key(level1)
    if level1 and key1 not in labels.LEVEL1_TERMS and key1 in labels.LEVEL2_TERMS and not level2:
        level1, level2 = "", level1  # a level-2 term shifted into the level-1 column
    elif key1 in labels.LEVEL1_OF and not level2:
        level1, level2 = labels.LEVEL1_OF[key1] if not levels.level1 else "", level1
    levels.update(level1, level2)
    name = _cell(row, columns.fields.get("name")) or ""
    value = _cell(row, columns.fields.get("value"))
    if not name and not value:
        return None
    if name and _same_cell(row, columns.fields.get("name"), columns.fields.get("value")):
        return None  # one cell across the row (总分, a note): not an indicator
    indicator: dict[str, Any] = {"name": name, "value": value}
    for field_name in _TEXT_FIELDS:
        if field_name in columns.fields:
            indicator[field_name] = _cell(row, columns.fields[field_name])
    return indicator


def _run_together(row: Row, columns: Columns, levels: _Levels) -> dict[str, Any] | None:
    """A row whose 绩效指标 cell prints level 1, level 2 and name as one text."""
    level1, level2, name = split_levels(_cell(row, columns.combined) or "")
    levels.update(level1, level2)
    value = _cell(row, columns.fields.get("value"))
    if not name and not value:
        return None
    indicator: dict[str, Any] = {"name": name, "value": value}
    for field_name in _TEXT_FIELDS:
        if field_name in columns.fields:
            indicator[field_name] = _cell(row, columns.fields[field_name])
    return indicator


def _side_by_side(row: Row, columns: Columns, levels: _Levels) -> dict[str, Any] | None:
    cells = row.cleaned
    distance = columns.mirror["name"] - columns.fields["name"]
    # a row printed short lost cells at its start (the merged level columns), not at its end
    expected = columns.fields["name"] - max(0, columns.width - len(cells))
    pair = _name_pair(cells, distance, expected)
    if pair is None:
        level1, level2 = _classify_levels([c for c in cells if _is_label_like(c)])
        levels.update(level1, level2)
        return None
    left, right = pair
    label_cells = [c for c in cells[:left] + cells[left + 2 : right] if c]
    level1, level2 = _classify_levels(label_cells)
    levels.update(level1, level2)
    overall = cells[left + 1] if left + 1 < right else ""
    value = cells[right + 1] if right + 1 < len(cells) else ""
    return {"name": cells[left], "value": value, "overall_value": overall}


def _name_pair(cells: list[str], distance: int, expected: int) -> tuple[int, int] | None:
    """The two columns holding the indicator name: equal texts, ``distance`` apart, nearest ``expected``.

    Texts any distance apart count only when none are ``distance`` apart.
    """

    def named(i: int, j: int) -> bool:
        return bool(cells[i]) and cells[i] == cells[j] and not _is_label_like(cells[i])

    exact = [(i, i + distance) for i in range(len(cells) - distance) if named(i, i + distance)] if distance > 0 else []
    if not exact:
        first: dict[str, int] = {}  # each text's first column: one pass, not every pair
        for j, text in enumerate(cells):
            if text in first and named(first[text], j):
                exact.append((first[text], j))
            first.setdefault(text, j)
    if not exact:
        return None
    return min(exact, key=lambda pair: (abs(pair[0] - expected), pair[0]))


def _parse(indicator: dict[str, Any], row: Row, columns: Columns) -> None:
    if "nature" in columns.fields or "measure_unit" in columns.fields:  # a unit column fills a value's unit
        unit = _cell(row, columns.fields.get("measure_unit"))
        reading = parse_columns(indicator.get("nature"), indicator["value"], unit)
    else:
        reading = parse_value(indicator["value"])
    indicator.update(op=reading.op, number=reading.number, unit=reading.unit, deadline=reading.deadline)
    indicator["parts"] = list(reading.parts)
    if "actual" in indicator:
        indicator.update(evaluation.actual_reading(indicator["actual"], _cell(row, columns.fields.get("measure_unit"))))
