from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache
from operator import itemgetter

from jixiao.rules._facts import TableFacts, decimal_or_none
from jixiao.rules.base import Finding, Rule, Scope, Severity
from jixiao.rules.profiles import Profile

# the sources of a total: 财政拨款 + 上年结转 + 其他资金 (and the finer sources some regions print)
_PARTS = ("fiscal", "carryover", "other", "fiscal_special_account", "unit_funds", "social_funds", "bank_loan")


class Rule_R31(Rule):
    """The fund sources do not add up to the total, or the mid-term total is below the annual one.

    **Anti-pattern**::

        预算数 60 | 其中：财政资金 50 | 其他资金 5
        中期资金总额 50 | 年度资金总额 60

    **Best practice**::

        预算数 60 | 其中：财政资金 55 | 其他资金 5;  中期资金总额 180 | 年度资金总额 60
    """

    code = "R31"
    name = "funds.arithmetic"
    severity = Severity.ERROR
    scope = Scope.FUNDS
    groups = ("all", "core", "completeness")
    source = "table structure [L0]; [I]"
    config_keywords = ("funds_tolerance",)

    def __init__(self, profile: Profile) -> None:
        super().__init__(profile)
        self._tolerance = Decimal(str(profile.threshold("funds_tolerance")))

    def check_table(self, tbl: TableFacts) -> Sequence[Finding] | None:
        # The verdict depends only on the printed amounts: worked out once per distinct set of amounts
        # (Decimal arithmetic and message strings are the slow part; most tables add up).
        issues = _issues(_amounts(tbl.table.funds.__dict__), self._tolerance)
        if not issues:
            return None
        return [
            self.finding(tbl, message, message_en, field=field, suggestion=suggestion, severity=severity)
            for message, message_en, field, suggestion, severity in issues
        ]


_AMOUNTS = ("total", *_PARTS, "midterm_total", "midterm_fiscal", "midterm_other", "midterm_carryover")
# One C call on the model's field values: the Funds texts as a tuple (the memo key). Not attrgetter: each
# attribute of a pydantic model passes its __getattr__ hook (~250 instructions; eleven per table).
_amounts = itemgetter(*_AMOUNTS)
_Issue = tuple[str, str, str, str, Severity | None]  # message, message_en, field, suggestion, severity


@lru_cache(maxsize=4096)
def _issues(amounts: tuple[str | None, ...], tol: Decimal) -> tuple[_Issue, ...]:
    """(message, message_en, field, suggestion, severity) of every arithmetic problem in the amounts."""
    f = dict(zip(_AMOUNTS, amounts, strict=True))
    out: list[_Issue] = []
    total = decimal_or_none(f["total"])
    given = [(n, v) for n in _PARTS if (raw := f[n]) and (v := decimal_or_none(raw)) is not None]
    if total is not None and given:
        s = sum((v for _, v in given), Decimal(0))
        shown = " + ".join(f"{v}" for _, v in given)
        if s - total > tol or (total - s > tol and f["fiscal"] is not None and f["other"] is not None):
            out.append(
                (
                    f"资金来源合计 {shown} = {s}，不等于项目总额 {total}",
                    f"fund sources {shown} = {s} do not add up to the total {total}",
                    "funds.total",
                    "核对资金来源与总额 (check the sources against the total)",
                    None,
                )
            )
        elif total - s > tol:
            # 财政拨款 or 其他资金 is not printed at all (a form with a 资金总额 | 其他资金 row only): the
            # rest of the total may be the source left out, so the shortfall is noted, not judged
            out.append(
                (
                    f"资金来源只列出 {shown} = {s}，少于总额 {total}（未列示的来源无从核对）",
                    f"the sources printed, {shown} = {s}, fall short of the total {total} (a source is not printed)",
                    "funds.total",
                    "列出全部资金来源 (print every source of the total)",
                    Severity.INFO,
                )
            )
    midterm = decimal_or_none(f["midterm_total"])
    if midterm is not None:
        if total is not None and midterm + tol < total:
            out.append(
                (
                    f"中期资金总额 {midterm} 小于年度资金总额 {total}",
                    f"the mid-term total {midterm} is below the annual total {total}",
                    "funds.midterm_total",
                    "核对中期与年度资金 (check the mid-term total)",
                    None,
                )
            )
        mparts = [
            v
            for v in (
                decimal_or_none(f["midterm_fiscal"]),
                decimal_or_none(f["midterm_carryover"]),
                decimal_or_none(f["midterm_other"]),
            )
            if v is not None
        ]
        if mparts and abs(sum(mparts, Decimal(0)) - midterm) > tol:
            out.append(
                (
                    f"中期资金来源合计 {sum(mparts, Decimal(0))} 不等于中期资金总额 {midterm}",
                    f"mid-term sources {sum(mparts, Decimal(0))} do not add up to the mid-term total {midterm}",
                    "funds.midterm_total",
                    "核对中期资金来源 (check the mid-term sources)",
                    None,
                )
            )
    return tuple(out)
