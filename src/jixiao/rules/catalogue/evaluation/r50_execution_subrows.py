from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter

from jixiao.model import ExecutionLine
from jixiao.rules._facts import TableFacts
from jixiao.rules.base import Finding, Scope, Severity
from jixiao.rules.catalogue.evaluation._scored import EvaluationRule
from jixiao.rules.profiles import Profile
from jixiao.scoring.execution import AMOUNT_FIELDS
from jixiao.scoring.numbers import ZERO, fmt

# (field, Chinese, English) in LineFigures.amounts order
_AMOUNTS = tuple(
    zip(
        AMOUNT_FIELDS,
        ("年初预算数", "年中调整数", "全年预算数", "全年执行数", "结余金额"),
        ("the initial budget", "the adjustment", "the adjusted budget", "the amount executed", "the balance"),
        strict=True,
    )
)
_CIRCLED = re.compile(r"^\s*[①②③④⑤⑥⑦⑧⑨⑩]")
_TASK_TOTAL = "金额合计"  # the task grid's total: it repeats the tasks, not the fund lines
_LABEL = attrgetter("label")
_AMOUNTS_OF = attrgetter("amounts")


def _subtotal(label: str) -> bool:
    return "小计" in label


_Groups = tuple[tuple[int, tuple[int, ...]], ...]


def _groups(lines: list[ExecutionLine]) -> _Groups:
    """(total line, its part lines) by the labels: the first line over the subtotals (小计) or, without
    subtotals, over every other line; each subtotal over the circled lines (①②③) under it."""
    return _groups_of(tuple(map(_LABEL, lines)))


@lru_cache(maxsize=256)
def _groups_of(labels: tuple[str, ...]) -> _Groups:
    """:func:`_groups` by the labels alone, once per distinct set of labels: forms print the same few
    (年度资金总额 / 其中：财政拨款 / 上年结转 / 其他资金)."""
    index = [i for i, label in enumerate(labels) if _TASK_TOTAL not in label]
    if len(index) < 2:
        return ()
    top, rest = index[0], tuple(index[1:])
    subtotals = [i for i in rest if _subtotal(labels[i])]
    if not subtotals:
        return ((top, rest),)
    groups: list[tuple[int, list[int]]] = []
    parts: list[int] = []
    current: tuple[int, list[int]] | None = None
    for i in rest:
        if _subtotal(labels[i]):
            current = (i, [])
            groups.append(current)
            parts.append(i)
        elif _CIRCLED.match(labels[i]) and current is not None:
            current[1].append(i)
        else:
            current = None
            parts.append(i)
    return ((top, tuple(parts)), *((i, tuple(kids)) for i, kids in groups if kids))


class Rule_R50(EvaluationRule):
    """The sub-rows of 预算执行情况 (其中：财政拨款 / 上年结转 / 其他资金, 财政资金小计 / ①中央 / ②省级 / ③地方)
    do not add up to their total row.

    **Anti-pattern**::

        年度资金总额 | 全年预算数 180.03
        其中：财政拨款 140.61 | 上年结转 29.42 | 其他资金 0.00

    **Best practice**::

        年度资金总额 | 全年预算数 180.03
        其中：财政拨款 140.61 | 上年结转 39.42 | 其他资金 0.00
    """

    code = "R50"
    name = "selfeval.execution_subrows"
    severity = Severity.ERROR
    scope = Scope.TABLE
    groups = ("all", "selfeval", "core", "completeness")
    source = "table structure [L0, 010]; 小计③=①+② columns of the department funds grid; [I]"
    config_keywords = ("funds_tolerance",)

    def __init__(self, profile: Profile) -> None:
        super().__init__(profile)
        self._tolerance = Decimal(str(profile.threshold("funds_tolerance")))

    def check_table(self, tbl: TableFacts) -> Sequence[Finding] | None:
        lines = tbl.table.execution
        if len(lines) < 2:
            return None
        groups = _groups(lines)
        if not groups:
            return None
        # Plain loops, no comprehensions: Python 3.11 makes a function object and a frame for each one run.
        amounts = list(map(_AMOUNTS_OF, self.scored(tbl).lines))
        out: list[Finding] = []
        for top, parts in groups:
            totals = amounts[top]
            for k, total in enumerate(totals):
                if total is None:
                    continue
                s = ZERO  # the parts added in order, as sum() adds them
                for i in parts:
                    value = amounts[i][k]
                    if value is None:
                        break  # a part without this figure (a dash, a blank): nothing to add up
                    s += value
                else:
                    if abs(s - total) > self._tolerance:
                        field, zh, en = _AMOUNTS[k]
                        out.append(self._found(tbl, lines, top, parts, field, zh, en, s, total))
        return out or None

    def _found(
        self,
        tbl: TableFacts,
        lines: list[ExecutionLine],
        top: int,
        parts: tuple[int, ...],
        field: str,
        zh: str,
        en: str,
        s: Decimal,
        total: Decimal,
    ) -> Finding:
        shown = " + ".join(f"{getattr(lines[i], field)}" for i in parts)
        names = "、".join(lines[i].label.rstrip("：:") for i in parts)
        label = lines[top].label.rstrip("：:")
        summed, printed = fmt(s), fmt(total)  # (once for both languages: fmt costs ~2k instructions)
        return self.finding(
            tbl,
            f"{names}的{zh} {shown} = {summed}，不等于「{label}」的 {printed}",
            f"{en} of {names}: {shown} = {summed}, not the {printed} of '{label}'",
            field=f"execution[{top}].{field}",
            suggestion="核对分项金额与合计 (check the parts against the total)",
        )
