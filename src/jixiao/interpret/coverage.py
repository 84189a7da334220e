"""What a table prints under labels the interpreter does not know: the interpreter's side of "nothing lost in
silence".

The readers put every character of a table into a cell; the interpreter reads cells by their labels. A label
it does not know, and what is printed under or beside it, would otherwise be dropped without a word: a
评（扣）分标准 or 是否核心 column of the indicator header, a 市级支出 | 40,624.00 pair beside 项目总额, a 项目概况
row. After a table is read, its indicator header's labels and the label cells of the rows above it are looked
up: a label that is neither known nor a value of the reading is reported, with the cells of its column or
the value beside it. The check goes by labels, not by comparing every cell with every value: it costs a set
lookup per cell.

>>> from jixiao.interpret.stream import Row
>>> from jixiao.model import Indicator, TargetTable
>>> header = Row(["一级指标", "三级指标", "指标值", "是否核心"], [0, 1, 2, 3], [None] * 4, [1] * 4)
>>> row = Row(["产出指标", "办件量", "≥100件", "是"], [0, 1, 2, 3], [None] * 4, [1] * 4)
>>> table = TargetTable(indicators=[Indicator(level1="产出指标", name="办件量", value="≥100件")])
>>> unread_text([header, row], [table])
Unread(columns=[('是否核心', 1)], texts=[])
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter

from pydantic import BaseModel

from jixiao.interpret import labels
from jixiao.interpret.stream import Item, Row
from jixiao.model import Funds, TargetTable

__all__ = ["Unread", "unread_text"]

# Labels of the printed form that name no value of their own: the frame of the table, not its content.
_FRAME_LABELS = frozenset(
    {
        "序号", "编号", "项目", "内容", "单位", "金额", "合计", "小计", "总计", "备注", "指标", "绩效指标",
        "绩效目标", "目标", "年度", "年度目标", "资金", "资金金额", "预算金额", "绩效目标指标",
    }
)  # fmt: skip
_MAX_LABEL = 16  # a label is short; a longer text is a value
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z]")  # a label has a word in it (not -- or ／)
_SHOWN = 24  # characters of an unread text shown in the warning
_HEADER_TEXTS = attrgetter(
    "title", "unit_code", "unit_name", "department", "implementing_unit", "project_code", "project_name",
    "project_attribute", "function", "manager", "manager_phone", "money_unit", "purpose", "midterm_goal",
    "midterm_period", "form_label", "subject", "execution_note", "goals_achieved", "total_max_score",
    "total_score", "grade", "conclusion", "problems", "improvements", "budget_execution_weight",
)  # fmt: skip
_AMOUNTS = attrgetter(*Funds.model_fields)


@dataclass
class Unread:
    """What a table prints under labels no field holds."""

    columns: list[tuple[str, int]] = field(default_factory=list)  # (column label, cells with text under it)
    texts: list[str] = field(default_factory=list)  # unread labels and the values beside them, as printed

    def __bool__(self) -> bool:
        return bool(self.columns or self.texts)

    def describe(self) -> str:
        """One line naming what is unread (Chinese corner quotes around printed text, in any language)."""
        parts = [f"「{label}」({cells})" for label, cells in self.columns]
        parts += [f"「{_short(text)}」" for text in self.texts]
        return " ".join(parts)


def _short(text: str) -> str:
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


@lru_cache(maxsize=16384)  # labels repeat from table to table
def _known(text: str) -> bool:
    """A label the interpreter reads (any of its label tables), one of the form's frame, a line of such a
    label wrapped over two cells (资金支出 / 计划（%）), or a ``label：value`` cell of a known label."""
    head, colon, _ = text.replace(":", "：").partition("：")
    if colon and head and _known(head):
        return True
    key = labels.label_key(text)
    if not key or key in _LABEL_KEYS or key in _FRAME_LABELS or key in _LABEL_PIECES or labels.is_level_term(text):
        return True
    if labels.MONEY_UNIT_LINE.match(text) or labels.YEAR_LINE.match(text):
        return True
    # 专项资金情况（万元）, 年度预算安排（万元）: a funds heading whose bracket gives the money unit
    return labels.bracket_note(text) in labels.MONEY_UNITS


def _label_keys() -> frozenset[str]:
    keys: set[str] = set()
    for name in dir(labels):
        value = getattr(labels, name)
        if isinstance(value, dict):
            keys.update(labels.label_key(k) for k in value if isinstance(k, str))
        elif isinstance(value, frozenset | set | tuple) and all(isinstance(k, str) for k in value):
            keys.update(labels.label_key(k) for k in value)
    return frozenset(keys)


_LABEL_KEYS = _label_keys()
# the first and the last characters of each known label (two at least): what a label wrapped over two cells
# leaves in each
_LABEL_PIECES = frozenset(
    piece for key in _LABEL_KEYS for n in range(2, len(key)) for piece in (key[:n], key[n:]) if len(piece) >= 2
)


def _is_label(text: str) -> bool:
    """Printed like a label (and short): no figure in it (a value such as 卢龙县医疗保障局 passes too, and is
    told apart by the reading holding it)."""
    return _DIGIT.search(text) is None and _WORD.search(text) is not None


def _header_values(tables: Sequence[TargetTable]) -> set[str | None]:
    """The texts a label cell of the header may be: the tables' own fields (a project's name, a task's)."""
    out: set[str | None] = set()
    for table in tables:
        out.update(_HEADER_TEXTS(table))
        out.update(_AMOUNTS(table.funds))
        out.update(table.annual_goals)
        for part in (*table.tasks, *table.execution, *table.fund_management):
            _texts_of(part, out)
    return out


def _texts_of(model: BaseModel, out: set[str | None]) -> None:
    for value in model.__dict__.values():
        if isinstance(value, str):
            out.add(value)
        elif isinstance(value, BaseModel):
            _texts_of(value, out)


def unread_text(items: Sequence[Item], tables: Sequence[TargetTable]) -> Unread:
    """What the items of a table segment print under labels the tables read from them hold nowhere."""
    out = Unread()
    header_at = next(
        (i for i, item in enumerate(items) if isinstance(item, Row) and item.n_labels >= labels.INDICATOR_HEADER_MIN),
        None,
    )
    values: set[str | None] | None = None  # made on the first unknown label (most tables print none)
    for item in items if header_at is None else items[:header_at]:
        if not isinstance(item, Row):
            continue
        cleaned = item.cleaned
        for index, text in enumerate(cleaned):
            if not text or len(text) > _MAX_LABEL or _known(text) or not _is_label(text):
                continue
            if values is None:
                values = _header_values(tables)
            if text in values:
                continue
            out.texts.append(text)
            beside = cleaned[index + 1] if index + 1 < len(cleaned) else ""
            if beside and beside not in values and (len(beside) > _MAX_LABEL or not _known(beside)):
                out.texts.append(beside)
    if header_at is not None:
        out.columns = _unread_columns(items, header_at)
    out.texts = list(dict.fromkeys(out.texts))
    return out


def _unread_columns(items: Sequence[Item], header_at: int) -> list[tuple[str, int]]:
    """The indicator header's labels no column field holds, with the cells printed under each (a header
    repeated on a continuation page goes on counting under its own columns)."""
    counts: dict[str, int] = {}
    unknown: dict[int, str] = {}
    grid = -1
    for item in items[header_at:]:
        if not isinstance(item, Row):
            continue
        if item.n_labels >= labels.INDICATOR_HEADER_MIN:
            grid = item.grid
            unknown = {
                col: text
                for text, col in zip(item.cleaned, item.cols, strict=True)
                if text and not _known(text) and labels.label_key(text) not in labels.PROJECT_COLUMNS
            }
            for text in unknown.values():
                counts.setdefault(text, 0)
        elif unknown and item.grid == grid:
            for text, col in zip(item.cleaned, item.cols, strict=True):
                if text and col in unknown:
                    counts[unknown[col]] += 1
    return list(counts.items())
