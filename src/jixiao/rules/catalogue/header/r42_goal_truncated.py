from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from jixiao.rules._facts import TableFacts
from jixiao.rules.base import Finding, Rule, Scope, Severity
from jixiao.rules.profiles import Profile

_DANGLING_END = re.compile(
    r"(?:[，、：:,（(“《\-—]|实现|完成|通过|进行|开展|提高|加强|推进|落实|为|对|和|与|及|并|的|在|将|把|使|以|等|从|向|或|包括|其中|以及)$"
)
_PAIRS = (("（", "）"), ("(", ")"), ("《", "》"), ("“", "”"))
_TERMINAL = "。！？；;.!?”」）)》"


class Rule_R42(Rule):
    """A goal text stops in the middle of a sentence.

    **Anti-pattern**: the cell was cut when the text was pasted or the form's length limit was hit::

        年度目标 通过该项目的实施，完成2020年度六安市本级副厅以上干部医疗补助费用筹
        总体目标 ……费用筹集工作内容，实现

    **Best practice**: the goal is a complete statement::

        年度目标 通过该项目的实施，完成81人医疗补助费用筹集，实现补助按时足额发放。
    """

    code = "R42"
    name = "goals.truncated"
    severity = Severity.WARNING
    scope = Scope.TABLE
    groups = ("all", "completeness")
    source = "88号 明确、清晰 [S2]; user reports (Anhui 批复表 [L0, 002])"
    config_keywords = ("truncation_tail",)

    def __init__(self, profile: Profile) -> None:
        super().__init__(profile)
        self._tail_len = int(profile.threshold("truncation_tail"))

    def check_table(self, tbl: TableFacts) -> Sequence[Finding] | None:
        t = tbl.table
        # The verdict depends only on the goal texts: computed once per distinct (goals, 总体目标, 资金用途),
        # so the usual clean table costs one cache look-up and builds no strings.
        cuts = _truncations(tuple(t.annual_goals), t.midterm_goal, t.purpose, self._tail_len)
        if not cuts:
            return None
        return [
            self.finding(
                tbl,
                f"{label}句子不完整（{reason}）：「…{text[-12:]}」",
                f"the {field.split('[')[0].replace('_', ' ')} stops mid-sentence: '…{text[-12:]}'",
                field=field,
                suggestion="补全目标表述 (complete the sentence)",
            )
            for field, label, reason, text in cuts
        ]


@lru_cache(maxsize=8192)
def _truncations(
    goals: tuple[str, ...], midterm_goal: str | None, purpose: str | None, tail_len: int
) -> tuple[tuple[str, str, str, str], ...]:
    """(field, label, reason, stripped text) of every goal text that stops mid-sentence."""
    fields: list[tuple[str, str, str]] = [(f"annual_goals[{i}]", g, "年度目标") for i, g in enumerate(goals)]
    if midterm_goal:
        fields.append(("midterm_goal", midterm_goal, "总体目标"))
    if purpose:
        fields.append(("purpose", purpose, "资金用途"))
    out: list[tuple[str, str, str, str]] = []
    for field, text, label in fields:
        text = text.strip()
        if not text or text[-1] in _TERMINAL:
            continue
        reason = None
        if _DANGLING_END.search(text[-4:]):
            reason = f"以「{text[-2:]}」结尾"
        elif any(text.count(a) > text.count(b) for a, b in _PAIRS):
            reason = "括号或引号未闭合"
        elif len(text) > tail_len:
            tail = text[-tail_len:]
            for other_field, other, _ in fields:
                if other_field == field:
                    continue
                pos = other.find(tail)
                nxt = other[pos + tail_len : pos + tail_len + 1] if pos >= 0 else ""
                if nxt and "\u4e00" <= nxt <= "\u9fff":
                    reason = f"「…{tail}」在其他栏目中还有下文「{nxt}…」"
                    break
        if reason:
            out.append((field, label, reason, text))
    return tuple(out)
