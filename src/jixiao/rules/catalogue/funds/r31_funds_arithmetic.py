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
            self.finding(tbl, message, message_en, field=field, suggestion=suggestion)
            for message, message_en, field, suggestion in issues
        ]


_AMOUNTS = ("total", *_PARTS, "midterm_total", "midterm_fiscal", "midterm_other", "midterm_carryover")
# One C call on the model's field values: the Funds texts as a tuple (the memo key). Not attrgetter: each
# attribute of a pydantic model passes its __getattr__ hook (~250 instructions; eleven per table).
_amounts = itemgetter(*_AMOUNTS)


@lru_cache(maxsize=4096)
def _issues(amounts: tuple[str | None, ...], tol: Decimal) -> tuple[tuple[str, str, str, str], ...]:
    """(message, message_en, field, suggestion) of every arithmetic problem in the amounts (see _AMOUNTS)."""
    f = dict(zip(_AMOUNTS, amounts, strict=True))
    out: list[tuple[str, str, str, str]] = []
    total = decimal_or_none(f["total"])
    given = [(n, v) for n in _PARTS if (raw := f[n]) and (v := decimal_or_none(raw)) is not None]
    if total is not None and given:
        s = sum((v for _, v in given), Decimal(0))
        if abs(s - total) > tol:
            shown = " + ".join(f"{v}" for _, v in given)
            out.append(
                (
                    f"资金来源合计 {shown} = {s}，不等于项目总额 {total}",
                    f"fund sources {shown} = {s} do not add up to the total {total}",
                    "funds.total",
                    "核对资金来源与总额 (check the sources against the total)",
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
                )
            )
    return tuple(out)
