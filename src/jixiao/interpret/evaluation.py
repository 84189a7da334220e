"""The parts of a self-evaluation table (绩效自评表) or a monitoring table (绩效运行监控表) that a target table
does not print.

``spec/self-evaluation.md``: the 预算执行情况 block (one :class:`~jixiao.model.ExecutionLine` per fund line,
columns by their labels), 预期目标 beside 实际完成情况, 资金管理情况 (transfer payments), the 总分 row and the
closing label | value rows (评价等级, 评价结论, 存在问题, 改进措施), points printed in level-1 cells
(``产出指标（50分）``) and the actual value of an indicator read like its target.

Everything is found by labels, as in the rest of :mod:`jixiao.interpret`; the table's header rows are offered
to :meth:`EvaluationReader.take` first, and what it does not take goes to the header reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from jixiao.interpret import labels
from jixiao.interpret.clean import clean, split_amount, split_items
from jixiao.interpret.header import read_label
from jixiao.interpret.stream import Item, Row
from jixiao.model import ExecutionLine, FundManagementItem, Indicator
from jixiao.read_warnings import ReadWarning
from jixiao.values import parse_value

__all__ = ["EvaluationReader", "actual_reading", "column_field", "execution_key", "goal_items", "subject_of"]

_NUMBER = re.compile(r"^[-+]?\d[\d,，]*(?:\.\d+)?\s*(?:%|％|分|万元|万|元)?$")
_DASH = re.compile(r"^[-—–－─]+$")
_PERCENT = re.compile(r"^\s*([-+]?\d[\d,]*(?:\.\d+)?)\s*[%％]\s*$")
_AMOUNT_FIELDS = frozenset({"initial_budget", "adjustment", "adjusted_budget", "executed", "balance"})
_RATE_FIELDS = frozenset({"rate", "balance_rate"})
# an item's number printed mid-line after the item before it ended (``…素质。2.做好…``, a PDF's joined lines)
_INLINE_ITEM = re.compile(r"(?<=[。；;])\s*(?=\d{1,3}[.、．](?!\d)|目标\s*\d{1,3}\s*[:：])")
# items headed by a label the list reader keeps as text: 目标1：…, 一是…
_LABELLED_ITEM = re.compile(r"^\s*(?:目标\s*\d{1,3}\s*[:：]|[一二三四五六七八九十]{1,3}是)")
_POINTS = re.compile(r"^(\d+(?:\.\d+)?)\s*分$")
_FUND_ITEM_COLUMNS = {"情况说明": "description", "存在问题和改进措施": "problems", "存在问题及改进措施": "problems"}


def execution_key(text: str) -> str:
    """``年初预算安排金额①`` → ``年初预算安排金额``; ``小计③=①+②`` → ``小计``; ``全年预算数(A)`` → ``全年预算数``."""
    return labels.label_key(labels.CIRCLED.sub("", text))


def column_field(key: str) -> str | None:
    """The indicator field of a column only self-evaluations or monitoring tables print (实际完成值, 得分,
    偏差原因分析, 1-7月执行情况, 全年预计完成情况, 纠偏措施 …)."""
    return labels.EVALUATION_COLUMNS.get(key) or labels.MONITORING_COLUMNS.get(key)


def subject_of(title: str | None) -> str:
    """What a self-evaluation evaluates, by its title: a department, a transfer payment, else a project."""
    for marker, subject in labels.SUBJECT_MARKERS:
        if title and marker in title:
            return subject
    return "project"


def actual_reading(actual: str | None, measure_unit: str | None) -> dict[str, str | None]:
    """``actual_number`` and ``actual_unit`` of a printed actual, by the rule that reads a target value."""
    reading = parse_value(actual)
    unit = reading.unit
    if reading.number is not None and unit is None and measure_unit:
        unit = measure_unit
    return {"actual_number": reading.number, "actual_unit": unit}


def goal_items(text: str) -> list[str]:
    """The goals of a 预期目标 cell: numbered items (the number dropped), or one per line where every line
    starts 目标N： or 一是/二是 (kept as printed)."""
    text = _INLINE_ITEM.sub("\n", text)
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) > 1 and all(_LABELLED_ITEM.match(line) for line in lines):
        return [clean(line) for line in lines]
    return split_items(text)


def _is_figure(text: str) -> bool:
    """A number (``180.61``, ``100.00%``, ``3359.62万``) or a dash placeholder (``--``)."""
    return bool(_NUMBER.match(text) or _DASH.match(text))


def _amount(name: str, text: str) -> str:
    if name in _RATE_FIELDS:
        match = _PERCENT.match(text)
        return match.group(1).replace(",", "") if match else text
    if name in _AMOUNT_FIELDS and not _DASH.match(text):
        return split_amount(text)[0]
    return text


@dataclass
class _Block:
    """An open block of the head: its columns, and the column of its row labels."""

    kind: str  # execution | goals | fund_management
    columns: dict[str, int]
    label_col: int | None = None


@dataclass
class EvaluationReader:
    """Feed the rows of a self-evaluation's head to :meth:`take`, the rows after its indicators to
    :meth:`closing`; then :meth:`finish` gives the table fields."""

    execution: list[dict[str, Any]] = field(default_factory=list)
    fund_management: list[FundManagementItem] = field(default_factory=list)
    annual_goals: list[str] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)
    block: _Block | None = None
    money_unit: str | None = None  # printed in the execution block's section label
    execution_points: str | None = None  # 预算执行情况（10分）: the execution's points, where no 分值 column
    notes: list[str] = field(default_factory=list)  # what was printed but not read, for a warning

    # -- the head ------------------------------------------------------------------------------------
    def take(self, row: Row) -> bool:
        """Whether the row belongs to the evaluation (and is read here, not by the header reader).

        The money unit printed in the execution header (项目资金（万元）, 全年预算数（万元）) is read here too.
        """
        if self._execution_header(row) or self._goals_header(row) or self._fund_management_header(row):
            return True
        if self.block is not None:
            if self._continue_block(row):
                return True
            self.block = None
        return self._label_value(row, head=True)

    def _execution_header(self, row: Row) -> bool:
        columns: dict[str, int] = {}
        first = None
        for index, text in enumerate(row.cleaned):
            if not text or len(text) > labels.MAX_LABEL:
                continue
            key = execution_key(text)
            if key in labels.TASK_GRID_MARKS:
                return False
            name = labels.EXECUTION_COLUMNS.get(key)
            if name is not None and name not in columns:
                columns[name] = row.cols[index]
                first = index if first is None else first
            elif name is None and key in labels.EXECUTION_NOTE_COLUMNS:
                columns["note"] = row.cols[index]
        if len(columns) < labels.EXECUTION_HEADER_MIN or first is None or first == 0:
            return False
        self.block = _Block("execution", columns, label_col=row.cols[first - 1])
        read = set(columns.values())
        for index in range(first, len(row.cleaned)):
            if row.cleaned[index] and row.cols[index] not in read:
                self.notes.append(ReadWarning("execution_column_unread", label=row.cleaned[index]))
        for index, text in enumerate(row.cleaned):  # 项目资金（万元）, 全年预算数（万元）, 预算执行情况（10分）
            note = (labels.bracket_note(text) or "") if len(text) <= labels.MAX_LABEL else ""
            if note in labels.MONEY_UNITS:
                self.money_unit = self.money_unit or note
            elif index < first and (points := _POINTS.match(note)) and "max_score" not in columns:
                self.execution_points = points.group(1)
        return True

    def _goals_header(self, row: Row) -> bool:
        expected = achieved = None
        for index, text in enumerate(row.cleaned):
            key = labels.label_key(text) if text and len(text) <= labels.MAX_LABEL else ""
            # the last of each: a row label (总体目标完成情况) may come before the column labels
            if key in labels.EXPECTED_GOAL_LABELS:
                expected = row.cols[index]
            elif key in labels.ACHIEVED_GOAL_LABELS:
                achieved = row.cols[index]
        if expected is None or achieved is None:
            return False
        self.block = _Block("goals", {"expected": expected, "achieved": achieved})
        return True

    def _fund_management_header(self, row: Row) -> bool:
        columns: dict[str, int] = {}
        for index, text in enumerate(row.cleaned):
            name = _FUND_ITEM_COLUMNS.get(labels.label_key(text)) if text and len(text) <= labels.MAX_LABEL else None
            if name is not None:
                columns.setdefault(name, row.cols[index])
        if "description" not in columns:
            return False
        first = min(columns.values())
        label_index = row.covering(first - 1) if first > 0 else None
        label_col = row.cols[label_index] if label_index is not None else None
        self.block = _Block("fund_management", columns, label_col=label_col)
        return True

    def _continue_block(self, row: Row) -> bool:
        block = self.block
        assert block is not None
        if block.kind == "execution":
            return self._execution_line(row, block)
        if block.kind == "goals":
            return self._goals_line(row, block)
        return self._fund_item(row, block)

    def _execution_line(self, row: Row, block: _Block) -> bool:
        label_index = _row_label(row, block)
        if label_index is None:
            return False
        values: dict[str, Any] = {}
        figures = others = 0
        for name, col in block.columns.items():
            index = row.covering(col)
            if index is None or index == label_index:
                continue
            text = row.cleaned[index]
            if name != "note" and text:
                figures += _is_figure(text)
                others += not _is_figure(text)
            values[name] = _amount(name, text) if name != "note" else text
        # a line with figures, or a fund line left empty (a form published unfilled)
        if others or not (figures or labels.FUND_LINE.search(row.cleaned[label_index])):
            return False
        note = values.pop("note", None)
        if note and not self.fields.get("execution_note"):
            self.fields["execution_note"] = note
        self.execution.append({"label": row.cleaned[label_index], **values})
        return True

    def _goals_line(self, row: Row, block: _Block) -> bool:
        expected, achieved = row.covering(block.columns["expected"]), row.covering(block.columns["achieved"])
        if expected is None or achieved is None or expected == achieved:
            return False
        if any(text and _label_of_row(text) for text in (row.cleaned[expected], row.cleaned[achieved])):
            return False
        self.annual_goals.extend(goal_items(row.texts[expected]))
        # items one per line, whether the line breaks survived or not (a PDF's text joins them)
        done = clean(_INLINE_ITEM.sub("\n", row.texts[achieved]))
        if done:
            previous = self.fields.get("goals_achieved")
            self.fields["goals_achieved"] = f"{previous} {done}" if previous else done
        return True

    def _fund_item(self, row: Row, block: _Block) -> bool:
        description = row.covering(block.columns["description"])
        label_index = _row_label(row, block)
        if description is None or label_index is None or description == label_index:
            return False
        item = row.cleaned[label_index]
        if not item or _label_of_row(item) or read_label(item) is not None:
            return False
        problems_col = block.columns.get("problems")
        problems = row.covering(problems_col) if problems_col is not None else None
        self.fund_management.append(
            FundManagementItem(
                item=item,
                description=row.cleaned[description],
                problems=row.cleaned[problems] if problems is not None and problems != description else None,
            )
        )
        return True

    def task_total(self, printed: dict[str, str]) -> None:
        """A department's task grid total (金额合计) is an execution line, ahead of the funds grid's."""
        line = {
            "label": printed.get("name", ""),
            "adjusted_budget": _amount("adjusted_budget", printed.get("budget.total", "")) or None,
            "executed": _amount("executed", printed.get("executed.total", "")) or None,
        }
        for name in ("max_score", "rate", "score"):
            if name in printed:
                line[name] = _amount(name, printed[name])
        self.execution.insert(0, line)

    # -- label | value rows (评价等级, 总分 …) --------------------------------------------------------
    def _label_value(self, row: Row, *, head: bool) -> bool:
        """A row of label | value pairs (评价结论 | …; 总分值 | 30 | 评价总分（S） | 27.77 | 评价等级 | 优)."""
        filled = [index for index, text in enumerate(row.cleaned) if text]
        if not filled:
            return False
        first = _label_of_row(row.cleaned[filled[0]])
        if first is None or (head and first == "total"):
            return False
        pairs: list[tuple[str, list[str]]] = []
        for index in filled:
            text = row.cleaned[index]
            name = _label_of_row(text)
            if name is not None:
                pairs.append((name, []))
            elif text != row.cleaned[filled[0]]:
                pairs[-1][1].append(text)
        for name, values in pairs:
            self._set(name, values)
        return True

    def _set(self, name: str, values: list[str]) -> None:
        if name == "total":  # 总分 | 100 | 98: the points, then the score
            figures = [text for text in values if _is_figure(text)]
            if len(figures) >= 2:
                self.fields.setdefault("total_max_score", figures[0])
                self.fields.setdefault("total_score", figures[1])
            elif figures:
                self.fields.setdefault("total_score", figures[0])
        elif not values:
            self.fields.setdefault(name, "")
        else:
            self.fields.setdefault(name, values[0] if name.startswith("total") else clean(" ".join(values)))

    # -- after the indicators ------------------------------------------------------------------------
    def closing(self, rows: list[Item], score_col: int | None) -> list[Item]:
        """The rows under the indicator header without the closing rows (总分, 评价等级 …), which are read."""
        kept: list[Item] = []
        awaited: list[tuple[str, int]] = []  # a row of labels only: (field, column) of the values below
        for item in rows:
            if not isinstance(item, Row):
                kept.append(item)
                continue
            if awaited:
                for name, col in awaited:
                    index = item.covering(col)
                    self._set(name, [item.cleaned[index]] if index is not None and item.cleaned[index] else [])
                awaited = []
                continue
            if labelled := _labels_only(item):
                awaited = labelled
                continue
            if not self._closing_row(item, score_col):
                kept.append(item)
        return kept

    def _closing_row(self, row: Row, score_col: int | None) -> bool:
        filled = [index for index, text in enumerate(row.cleaned) if text]
        if not filled or _label_of_row(row.cleaned[filled[0]]) is None:
            return False
        if _label_of_row(row.cleaned[filled[0]]) == "total" and score_col is not None:
            # one number under the points or the score column: which one, by the column
            label_index = filled[0]
            figures = [i for i in filled[1:] if i != label_index and _is_figure(row.cleaned[i])]
            if len(figures) == 1:
                key = "total_score" if row.covering(score_col) == figures[0] else "total_max_score"
                self.fields.setdefault(key, row.cleaned[figures[0]])
                return True
        return self._label_value(row, head=False)

    # -- the table -----------------------------------------------------------------------------------
    def finish(self, indicators: list[Indicator]) -> tuple[dict[str, Any], list[Indicator]]:
        """The table fields read, and the indicators with points taken out of their level-1 cells and labels
        out of their names."""
        points: dict[str, str] = {}
        out: list[Indicator] = []
        for indicator in indicators:
            update: dict[str, Any] = {}
            if indicator.level1 and (match := labels.LEVEL_POINTS.match(indicator.level1)):
                update["level1"] = match.group("name")
                points.setdefault(match.group("name"), match.group("points"))
            if indicator.name and (label := labels.NAME_LABEL.match(indicator.name)):
                update["name"] = indicator.name[label.end() :]
            out.append(indicator.model_copy(update=update) if update else indicator)
        fields = dict(self.fields)
        if self.execution and self.execution_points is not None:
            # the points go to the line that prints the execution score, else the first
            scored = next((line for line in self.execution if line.get("score")), self.execution[0])
            scored["max_score"] = self.execution_points
        fields["execution"] = [ExecutionLine(**line) for line in self.execution]
        fields["fund_management"] = self.fund_management
        fields["level1_max_scores"] = points or None
        return fields, out


def _row_label(row: Row, block: _Block) -> int | None:
    """The cell that labels a row of a block: the last filled cell left of the block's first column (text
    exports spread a merged label column over two), else the cell under the header's label column."""
    first = min(block.columns.values())
    label = None
    for index, col in enumerate(row.cols):
        if col + row.spans[index] > first:
            break
        if row.cleaned[index]:
            label = index
    if label is None and block.label_col is not None:
        label = row.covering(block.label_col)
    return label


def _labels_only(row: Row) -> list[tuple[str, int]]:
    """The closing labels of a row that prints nothing else (总分值 | 评价总分（S） | 评价等级), their values in
    the row below; else nothing."""
    found: list[tuple[str, int]] = []
    for index, text in enumerate(row.cleaned):
        if not text:
            continue
        name = _label_of_row(text)
        if name is None or name == "total":
            return []
        found.append((name, row.cols[index]))
    return found if len(found) >= 2 else []


def _label_of_row(text: str) -> str | None:
    if len(text) > labels.MAX_LABEL:
        return None
    key = labels.label_key(text)
    if labels.TOTAL_PAIR.match(key):
        return "total"
    return labels.CLOSING_LABELS.get(key)
