"""A department table's task grid (年度主要任务 / 年度重点工作任务): one :class:`~jixiao.model.Task` per row.

The grid's rows carry the block label in their first cell (a merged cell, repeated on every row it
covers). Its header names the columns (任务名称, 主要内容, 预算金额（万元）, 期望达到的目标 …), sometimes over
two rows: an amount heading spanning several columns (预算金额 | 执行数) over 总额 / 财政拨款 / 其他资金
names the group the amounts below it belong to. Columns are found by label (``labels.TASK_COLUMNS``), so a
self-evaluation grid's 执行数 / 分值 / 执行率 / 得分 columns are a few entries there, not a new reader. A row
whose name is 金额合计 / 合计 is the grid's total, not a task. A header label printed beside the grid
(执行率分值（10分） in a column of its own) is kept in ``beside`` for the header reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.interpret import labels
from jixiao.interpret.clean import clean, split_amount
from jixiao.interpret.header import read_label
from jixiao.interpret.stream import Row
from jixiao.model import Task, TaskAmounts

__all__ = ["TaskReader", "is_task_row"]

_FIGURE = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?\s*[%％万元]*$")
_PERCENT = re.compile(r"^([-+]?\d[\d,]*(?:\.\d+)?)\s*[%％]$")
_MIN_HEADER_LABELS = 2  # this many column labels after the block label make a row the grid's header


def is_task_row(row: Row) -> bool:
    """A row of a task grid: its first cell is the block label (年度主要任务, 其他需完成的任务 …)."""
    first = row.cleaned[0] if row.cleaned else ""
    # for speed: every block label ends in 任务 (printed 年 度 主要 任 务 when set vertically, so test one character)
    if "务" not in first or len(first) > labels.MAX_LABEL:
        return False
    key = labels.label_key(first)
    return key in labels.TASK_BLOCK_LABELS or key.endswith(labels.TASK_BLOCK_ENDING)


def _column(text: str, group: str | None) -> str | None:
    """The Task field a header cell names (``budget.total`` for an amount), under its amount group."""
    if not text or len(text) > labels.MAX_LABEL:
        return None
    key = labels.label_key(text)
    amount = labels.TASK_AMOUNT_COLUMNS.get(key)
    if amount is not None:
        return f"{group or 'budget'}.{amount}"
    return labels.TASK_COLUMNS.get(key)


@dataclass
class TaskReader:
    """Feed a department table's rows in order; ``feed`` says whether a row belonged to the task grid."""

    columns: dict[int, str] = field(default_factory=dict)  # grid column -> Task field or ``budget.total`` …
    groups: dict[int, str] = field(default_factory=dict)  # grid column -> amount group (budget | executed)
    tasks: list[Task] = field(default_factory=list)
    totals: dict[str, str] = field(default_factory=dict)  # the 金额合计 row: ``budget.total`` -> amount
    money_unit: str | None = None  # from a bracketed heading: 预算金额（万元）
    beside: list[str] = field(default_factory=list)  # header labels printed in the grid's rows (执行率分值（10分）)
    total_row: dict[str, str] = field(default_factory=dict)  # the 金额合计 row as printed, every column
    group_starts: dict[int, str] = field(default_factory=dict)  # grid column -> group of a one-column heading
    headed: bool = False  # the block label printed as a heading row of its own, the grid's rows below it

    def feed(self, row: Row) -> bool:
        if not is_task_row(row):
            return self.headed and self._under_heading(row)
        if len([text for text in row.cleaned if text]) == 1:
            self.headed = True  # 年度主要任务 across the table: header and task rows follow without it
            return True
        for index in range(1, len(row.texts)):
            text = row.cleaned[index]
            if text and text not in self.beside and (hit := read_label(text)) is not None and hit.kind == "header":
                self.beside.append(text)
        named = [(index, name) for index in range(1, len(row.texts)) if (name := self._named(row, index))]
        if len(named) >= _MIN_HEADER_LABELS:
            self._header(row, named)
            return True
        if self.columns:
            self._task(row)
        return True

    def _under_heading(self, row: Row) -> bool:
        """A row under a heading-row block label: the header (its first cell 任务名称), a task (a figure in
        an amount or score column), the total; any other row ends the grid."""
        named = [(index, name) for index in range(len(row.texts)) if (name := self._named(row, index))]
        first_index, first_name = named[0] if named else (-1, "")
        if (
            len(named) >= _MIN_HEADER_LABELS
            and (first_name == "name" or self.columns)
            and (first_index == 0 or row.cols[first_index] in self.columns)
        ):
            self._header(row, named)
            return True
        if not self.columns or not any(
            _FIGURE.match(row.cleaned[index]) for index, col in enumerate(row.cols) if col in self.columns
        ):
            self.headed = False
            return False
        self._task(row)
        if self.total_row:
            self.headed = False  # the total closes the grid
        return True

    def _named(self, row: Row, index: int) -> str | None:
        col = row.cols[index]
        group = self.groups.get(col)
        if group is None:  # no spans (a text export): the amount heading nearest on the left
            group = next((g for start, g in sorted(self.group_starts.items(), reverse=True) if start <= col), None)
        return _column(row.cleaned[index], group)

    def heading(self, text: str) -> bool:
        """A paragraph printing only the block label (年度主要任务, a text export's one-cell line): the grid
        follows under it."""
        printed = clean(text)
        if printed and len(printed) <= labels.MAX_LABEL and labels.label_key(printed) in labels.TASK_BLOCK_LABELS:
            self.headed = True
            return True
        return False

    def _header(self, row: Row, named: list[tuple[int, str]]) -> None:
        for index, name in named:
            col, span = row.cols[index], row.spans[index]
            note = labels.bracket_note(row.texts[index])
            if note in labels.MONEY_UNITS:
                self.money_unit = self.money_unit or note
            group, dot, _ = name.partition(".")
            if dot and span > 1:  # an amount heading over several columns: the group of the amounts below
                for covered in range(col, col + span):
                    self.groups[covered] = group
            elif dot and labels.label_key(row.cleaned[index]) not in labels.TASK_AMOUNT_COLUMNS:
                self.group_starts[col] = group  # a heading one column wide: its amounts start here
            self.columns[col] = name

    def _task(self, row: Row) -> None:
        printed: dict[str, str] = {}
        for col, name in self.columns.items():
            index = row.covering(col)
            printed[name] = row.texts[index] if index is not None else ""
        name_text = clean(printed.get("name"))
        if labels.label_key(name_text) in labels.TASK_TOTAL_LABELS:
            self.totals = {key: split_amount(text)[0] for key, text in printed.items() if "." in key}
            self.total_row = {key: clean(text) for key, text in printed.items()}
            return
        if not any(clean(text) for key, text in printed.items()):
            return  # 其他需完成的任务（可选填） left empty: no task
        fields: dict[str, object] = {}
        amounts: dict[str, dict[str, str]] = {}
        for key, text in printed.items():
            group, dot, amount = key.partition(".")
            if dot:
                number, unit = split_amount(text)
                amounts.setdefault(group, {})[amount] = number
                if unit:
                    self.money_unit = self.money_unit or unit
            elif key == "rate":  # 97.74% → 97.74, as every rate
                fields[key] = _PERCENT.sub(r"\1", clean(text))
            else:
                fields[key] = clean(text)
        for group, values in amounts.items():
            fields[group] = TaskAmounts(**values)
        self.tasks.append(Task.model_validate(fields))
