from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from jixiao.rules import _text as T
from jixiao.rules._facts import TableFacts
from jixiao.rules.base import Finding, Rule, Scope, Severity


def _norm(label: str) -> str:
    return label.replace("满意率", "满意度")


@lru_cache(maxsize=8192)
def _statements(text: str) -> tuple[tuple[str, str, str, float, str | None], ...]:
    """(printed label, normalised label, statement, number, op) of each percentage stated in a goal text,
    once per distinct label; parsed once per distinct text (goal texts recur across tables)."""
    found: list[tuple[str, str, str, float, str | None]] = []
    seen: set[str] = set()
    for fig in T.PERCENT_FIGURE.finditer(text):
        start = fig.start()
        m = T.STATEMENT_HEAD_REVERSED.match(text[max(0, start - 40) : start][::-1])
        if m is None:
            continue
        printed_label = m.group("label")[::-1]
        label = _norm(printed_label)
        if label in seen:
            continue
        seen.add(label)
        op = T.OPS.get((m.group("op") or "")[::-1], None)
        if fig.group("after") == "以上":
            op = ">="
        elif fig.group("after") in ("以下", "以内"):
            op = "<="
        statement = text[start - m.end("label") : fig.end()]
        found.append((printed_label, label, statement, float(fig.group("num")), op))
    return tuple(found)


@lru_cache(maxsize=8192)
def _candidates(label: str, names: tuple[str, ...]) -> tuple[int, ...]:
    """Positions of the rows whose name (key) matches a goal statement's label, once per distinct table."""
    found: list[int] = []
    for i, key in enumerate(names):
        name = _norm(key)
        if not name:
            continue
        if name in label or (len(label) >= 4 and label in name) or _same_ending(name, label):
            found.append(i)
    return tuple(found)


def _same_ending(a: str, b: str) -> bool:
    """Whether the two texts end in the same 4 or more characters (one slice comparison, no loop)."""
    return len(a) >= 4 and len(b) >= 4 and a[-4:] == b[-4:]


class Rule_R24(Rule):
    """A percentage stated in the annual goal has no matching indicator.

    **Anti-pattern**: the goal promises a figure the indicators do not carry, or carry differently::

        年度目标 ……医保网安全正常使用率=100%，满意度≥95%。
        三级指标 医保网安全正常使用率 = 98 %

    **Best practice**: every figure in the goal reappears as an indicator with the same comparator and value::

        三级指标 医保网安全正常使用率 = 100 %;  服务对象满意度 ≥ 95 %
    """

    code = "R24"
    name = "goals.indicator_alignment"
    severity = Severity.WARNING
    scope = Scope.TABLE
    groups = ("all", "relevance")
    source = "88号 相关性审核 (indicators set for the declared target) [S2]; Chongqing goal text [L0, 003]"

    def check_table(self, tbl: TableFacts) -> Sequence[Finding] | None:
        text = "；".join(tbl.table.annual_goals)
        if "%" not in text and "％" not in text:
            return None
        statements = _statements(text)
        if not statements:
            return None
        out: list[Finding] = []
        indicators = tbl.indicators
        # name keys are shared strings from the facts cache (hashes computed once): a cheap memo key
        names = tuple([ind.name_key for ind in indicators])
        for printed_label, label, statement, num, op in statements:
            candidates = [indicators[i] for i in _candidates(label, names)]
            if not candidates:
                out.append(
                    self.finding(
                        tbl,
                        f"年度目标中的「{statement}」没有对应的绩效指标",
                        f"the goal states '{statement}' but no indicator carries it",
                        field="annual_goals",
                        severity=Severity.INFO,
                        suggestion=f"增设指标「{printed_label}」，指标值 {statement[len(printed_label) :].strip()} "
                        "(add the indicator)",
                    )
                )
                continue
            if any(c.num == num and (op is None or c.op is None or c.op == op) for c in candidates):
                continue
            first = candidates[0]
            out.append(
                self.finding(
                    tbl,
                    f"年度目标写「{statement}」，指标「{first.name}」却为「{first.value}」",
                    f"the goal states '{statement}' but indicator '{first.name}' says '{first.value}'",
                    ind=first,
                    field="value",
                    suggestion="使目标与指标值一致 (make the goal and the indicator agree)",
                )
            )
        return out
