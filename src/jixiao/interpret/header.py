"""The part of a target table above its indicators: identity fields, funds, purpose, plan and goals.

Labels are found wherever they are printed: as a cell (``项目名称`` | value), as ``label：value`` in a
cell or a paragraph (Chongqing), or as a row label whose values sit in the next row (资金支出计划,
预算及资金用途, 总体目标/年度目标 side by side). A value is the next non-empty cell after its label, up to
the next label; a label with no value is a field the source left empty (``""``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from jixiao.interpret import labels
from jixiao.interpret.clean import clean, split_amount, split_code, split_items
from jixiao.interpret.funds import FundsReader
from jixiao.interpret.stream import Item, Line, Row

__all__ = ["HeaderReader", "LabelHit", "read_label"]

_PERIOD = re.compile(r"^\d{4}\s*[-—–~至]\s*\d{4}年?$")
_MIN_UNIT_CODE = 5  # an unlabelled ``382101天津市…`` line is a unit only with a code this long
_COLONS = re.compile("[：:]")
_PERCENT = re.compile(r"^\s*([\d.]+)\s*[%％]?\s*$")
_POINTS = re.compile(r"^(\d+(?:\.\d+)?)\s*分?$")


class LabelHit(NamedTuple):
    """A label read in a text (a named tuple, not a frozen dataclass: one is made per label-and-value cell,
    and a tuple is quicker to make)."""

    kind: str  # header | fund | money | purpose | spending | goal | midterm_goal
    field: str | None
    value: str | None = None  # the inline value of ``label：value``
    note: str | None = None  # the bracketed note, e.g. 万元 in 项目资金（万元）


def _whole_label(text: str) -> LabelHit | None:
    return _label_of(text) if len(text) <= labels.MAX_LABEL else None


@lru_cache(maxsize=4096)
def _label_of(text: str) -> LabelHit | None:
    key = labels.label_key(text)
    bracketed = "(" in text or "（" in text
    if not key or key not in labels.ALL_HEADER_KEYS:
        if bracketed and key.endswith(labels.MONEY_SECTION_ENDINGS):
            note = labels.bracket_note(text)
            if note in labels.MONEY_UNITS:  # 专项资金情况（万元）: a section naming the money unit
                return LabelHit("money", None, note=note)
        return None
    note = labels.bracket_note(text) if bracketed else None
    if key in labels.HEADER_LABELS:
        return LabelHit("header", labels.HEADER_LABELS[key], note=note)
    if key in labels.FUND_LABELS:
        return LabelHit("fund", labels.FUND_LABELS[key], note=note)
    if key in labels.MONEY_SECTION_LABELS:
        return LabelHit("money", None, note=note)
    if key in labels.PURPOSE_LABELS:
        return LabelHit("purpose", "purpose", note=note)
    if key in labels.SPENDING_PLAN_LABELS:
        return LabelHit("spending", "spending_plan", note=note)
    if key in labels.GOAL_LABELS:
        return LabelHit("goal", "annual_goals", note=note)
    if key in labels.MIDTERM_GOAL_LABELS:
        return LabelHit("midterm_goal", "midterm_goal", note=note)
    return None


def read_label(text: str) -> LabelHit | None:
    """The label a printed text is or starts with (``其中：财政资金：170万元`` → fund ``fiscal``, ``170万元``)."""
    stripped = text.strip()
    if not stripped:
        return None
    hit = _whole_label(stripped)
    if hit is not None:
        return hit
    head = stripped[: labels.MAX_LABEL + 1]
    if "：" not in head and ":" not in head:
        return None
    for colon in _COLONS.finditer(head):
        hit = _whole_label(stripped[: colon.start()])
        if hit is not None:
            return LabelHit(hit.kind, hit.field, stripped[colon.end() :], hit.note)
    return None


def _looks_like_label(text: str) -> bool:
    """A short text ending as field labels do (实施期限, 联系人, 项目属性): never another label's value."""
    return len(text) <= _MAX_LOOSE_LABEL and text.endswith(_LABEL_ENDINGS)


_MAX_LOOSE_LABEL = 8
_LABEL_ENDINGS = ("期限", "名称", "编码", "代码", "电话", "负责人", "联系人", "经办人", "时间", "周期", "属性", "类型")


def _joined_label(first: Row, second: Row) -> str | None:
    head, tail = first.cleaned[0] if first.cleaned else "", second.cleaned[0] if second.cleaned else ""
    if not head or not tail or read_label(tail) is not None:
        return None
    joined = head + tail
    hit = _whole_label(joined)
    return joined if hit is not None else None


def _relabelled(row: Row, label: str) -> Row:
    return Row(texts=[label, *row.texts[1:]], cols=row.cols, refs=row.refs, spans=row.spans, unit_hint=row.unit_hint)


@dataclass
class _Awaiting:
    col: int
    kind: str


@dataclass
class HeaderReader:
    """Feed the header rows and paragraphs in order; read ``fields``, ``funds`` and the money unit after."""

    fields: dict[str, Any] = field(default_factory=dict)
    funds: FundsReader = field(default_factory=FundsReader)
    annual_goals: list[str] = field(default_factory=list)
    spending_labels: list[tuple[int, str]] = field(default_factory=list)
    spending_plan: list[tuple[str, str]] = field(default_factory=list)
    money_unit: str | None = None  # printed as such: 单位：元, 项目资金（万元）
    unit_hint: str | None = None  # printed outside the table by the reader's account
    awaiting: list[_Awaiting] = field(default_factory=list)
    unlabelled: Row | None = None  # the last row, when it held no label at all

    # -- paragraphs -----------------------------------------------------------------------------
    def feed_paragraph(self, text: str) -> None:
        printed = clean(text)
        if not printed:
            return
        if match := labels.YEAR_LINE.match(printed):
            self.fields.setdefault("year", int(match.group(1)))
            return
        if match := labels.MONEY_UNIT_LINE.match(printed.replace(" ", "")):
            self.money_unit = self.money_unit or match.group(1)
            return
        hit = read_label(text)
        self.awaiting = []
        if hit is not None:
            self._apply(hit, hit.value, col=0)
            return
        # an unlabelled line such as ``382101天津市滨海新区医疗保障局 单位：元``
        if match := labels.MONEY_UNIT_ANYWHERE.search(printed):
            self.money_unit = self.money_unit or match.group(1)
            printed = (printed[: match.start()] + printed[match.end() :]).strip()
        self._unit_orphan(printed)

    # -- rows -----------------------------------------------------------------------------------
    def feed_row(self, row: Row) -> None:
        if row.unit_hint and not self.unit_hint:
            self.unit_hint = row.unit_hint
        previous, self.unlabelled = self.unlabelled, None
        if previous is not None and (joined := _joined_label(previous, row)) is not None:
            # a row label wrapped over two rows by the reader (资金支出 | 计划（%）): read both under it
            self.feed_row(_relabelled(previous, joined))
            self.feed_row(_relabelled(row, joined))
            return
        texts = row.texts
        hits = [(index, hit) for index, text in enumerate(texts) if row.cleaned[index] and (hit := read_label(text))]
        if not hits:
            if self.awaiting:
                self._continuation(row)
            else:
                self._orphans(row, set())
                self.unlabelled = row if row.cleaned and row.cleaned[0] else None
            return
        awaited = {(a.col, a.kind) for a in self.awaiting}
        if awaited and all((row.cols[index], hit.kind) in awaited for index, hit in hits):
            self._continuation(row)  # a merged row label (预算及资金用途, 总体目标) repeated by the reader
            return
        self.awaiting = []
        used = {index for index, _ in hits}
        for position, (index, hit) in enumerate(hits):
            if hit.kind == "spending":  # the rest of the row names the columns of the plan
                used.update(range(index + 1, len(texts)))
                self.spending_labels = [
                    (row.cols[i], row.cleaned[i]) for i in range(index + 1, len(texts)) if row.cleaned[i]
                ]
                self.awaiting.append(_Awaiting(row.cols[index], "spending"))
                continue
            value = hit.value
            if value is None:  # the next filled cell before the next label
                stop = hits[position + 1][0] if position + 1 < len(hits) else len(texts)
                at = next((i for i in range(index + 1, stop) if row.cleaned[i]), None)
                if at is not None and at > index + 1 and _looks_like_label(row.cleaned[at]):
                    at = None  # ``主管部门 | | 实施期限``: the empty cell is the value, not the next label
                if at is not None:
                    value = texts[at]
                    used.add(at)
            self._apply(hit, value, col=row.cols[index])
        self._orphans(row, used)

    def _continuation(self, row: Row) -> None:
        awaiting, self.awaiting = self.awaiting, []
        for index, text in enumerate(row.texts):
            printed = row.cleaned[index]
            if not printed or read_label(text) is not None:
                continue
            col = row.cols[index]
            target = max((a for a in awaiting if a.col <= col), key=lambda a: a.col, default=awaiting[0])
            if target.kind == "spending":
                continue
            self._apply_awaited(target.kind, text)
        if any(a.kind == "spending" for a in awaiting):
            self._spending_values(row)

    def _spending_values(self, row: Row) -> None:
        for col, label in self.spending_labels:
            index = row.covering(col)
            text = row.cleaned[index] if index is not None else ""
            match = _PERCENT.match(text)
            self.spending_plan.append((label, match.group(1) if match else text))

    def _apply_awaited(self, kind: str, text: str) -> None:
        if kind == "purpose":
            self.fields.setdefault("purpose", clean(text))
        elif kind == "goal":
            self.annual_goals.extend(split_items(text))
        elif kind == "midterm_goal":
            self.fields.setdefault("midterm_goal", clean(text))

    def _orphans(self, row: Row, used: set[int]) -> None:
        """Unlabelled cells: a ``382101天津市…`` unit line, a ``单位：元`` line."""
        for index, printed in enumerate(row.cleaned):
            if index in used or not printed:
                continue
            compact = printed.replace(" ", "")
            # for speed, the regex only where it can match: every money-unit line holds 单位
            if "单位" in compact and (match := labels.MONEY_UNIT_LINE.match(compact)):
                self.money_unit = self.money_unit or match.group(1)
                continue
            self._unit_orphan(printed)

    def _unit_orphan(self, printed: str) -> None:
        if "unit_name" in self.fields or self.fields.get("project_name"):
            return
        if not "0" <= printed[:1] <= "9":  # for speed: a unit code is all digits, so the text starts with one
            return
        code, name = split_code(printed)
        if code and code.isdigit() and len(code) >= _MIN_UNIT_CODE and name:
            self.fields["unit_code"], self.fields["unit_name"] = code, name

    # -- one label and its value ------------------------------------------------------------------
    def _apply(self, hit: LabelHit, value: str | None, *, col: int) -> None:
        if hit.note and hit.note in labels.MONEY_UNITS:
            self.money_unit = self.money_unit or hit.note
        if hit.kind == "header":
            if not clean(value) and hit.note and (points := _POINTS.match(hit.note)):
                value = points.group(1)  # 执行率分值（10分）: the points are printed in the label's bracket
            self._header(hit.field or "", value)
        elif hit.kind == "fund":
            amount, unit = split_amount(value or "")
            self.funds.set(hit.field or "", amount, col)
            if unit:
                self.funds.value_units.append(unit)
        elif hit.kind == "purpose":
            if value is not None and clean(value):
                self.fields.setdefault("purpose", clean(value))
            else:
                self.awaiting.append(_Awaiting(col, "purpose"))
        elif hit.kind == "goal":
            if value is not None and clean(value):
                self.annual_goals.extend(split_items(value))
            else:
                self.awaiting.append(_Awaiting(col, "goal"))
        elif hit.kind == "midterm_goal":
            printed = clean(value)
            if printed and _PERIOD.match(printed):
                self.fields.setdefault("midterm_period", printed)
                self.awaiting.append(_Awaiting(col, "midterm_goal"))
            elif printed:
                self.fields.setdefault("midterm_goal", printed)
            else:
                self.awaiting.append(_Awaiting(col, "midterm_goal"))

    def _header(self, name: str, value: str | None) -> None:
        printed = clean(value)
        if "单位" in printed and (match := labels.MONEY_UNIT_ANYWHERE.search(printed)) and match.start() > 0:
            # ``西安市医疗保障局 金额单位：万元`` on one line: the value stops before the money unit
            self.money_unit = self.money_unit or match.group(1)
            printed = printed[: match.start()].strip()
        if name == "unit":
            if printed in labels.MONEY_UNITS:
                self.money_unit = self.money_unit or printed
            elif printed and "unit_name" not in self.fields:
                code, unit_name = split_code(printed)
                self.fields["unit_name"] = unit_name
                if code or "unit_code" not in self.fields:
                    self.fields["unit_code"] = code
            return
        if name == "project":
            code, project_name = split_code(printed)
            self.fields.setdefault("project_code", code)
            self.fields.setdefault("project_name", project_name)
            return
        if self.fields.get(name) is None:  # a unit's line may have left its code None
            self.fields[name] = printed

    # -- results --------------------------------------------------------------------------------
    def feed(self, item: Item) -> None:
        if isinstance(item, Row):
            self.feed_row(item)
        elif isinstance(item, Line):
            self.feed_paragraph(item.text)

    def resolved_money_unit(self) -> str | None:
        return self.money_unit or (self.funds.value_units[0] if self.funds.value_units else None) or self.unit_hint
