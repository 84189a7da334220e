"""预算执行情况: each fund line's rate recomputed as executed ÷ adjusted budget, and the execution score.

The scored line is the one that prints its points (分值 / 权重), usually the first (年度资金总额 / 合计); its
score is rate × points under the profile (proportional with a full-marks rate and a cap, or banded).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from operator import itemgetter

from jixiao.model import ExecutionLine, TargetTable
from jixiao.scoring.numbers import HUNDRED, ZERO, agrees, fmt, number, rounded
from jixiao.scoring.profiles import ScoringProfile

__all__ = ["AMOUNT_FIELDS", "ExecutionScore", "LineFigures", "line_rate", "score_execution"]

# Everything scoring reads of a fund line: its figures, then its label. Read from the line's field dict
# (vars()), cheaper than attribute access on a pydantic model; also the line's part of the memo key of a
# table's scoring (:func:`jixiao.scoring.tables.score_table`), which reads the figures from these tuples.
LINE_FIELDS = itemgetter(
    "initial_budget",
    "adjustment",
    "adjusted_budget",
    "executed",
    "rate",
    "balance",
    "balance_rate",
    "max_score",
    "score",
    "label",
)
LineTexts = tuple[str | None, ...]


#: the amount columns of a fund line that sub-rows add up in (LineFigures.amounts order)
AMOUNT_FIELDS = ("initial_budget", "adjustment", "adjusted_budget", "executed", "balance")


class LineFigures:
    """A fund line's printed figures as Decimal (None where not a number), read once per table, and its rate
    recomputed as executed ÷ budget (percent; None without both figures or at a zero budget)."""

    __slots__ = (
        "adjusted_budget",
        "adjustment",
        "amounts",
        "balance",
        "balance_rate",
        "budget",
        "computed_rate",
        "executed",
        "initial_budget",
        "max_score",
        "rate",
        "score",
    )

    def __init__(self, line: ExecutionLine | LineTexts) -> None:
        """``line``: the fund line, or its :data:`LINE_FIELDS` as read already (the memo key's tuple)."""
        texts = line if type(line) is tuple else LINE_FIELDS(vars(line))
        initial, adjustment, adjusted, executed, rate, balance, balance_rate, max_score, score = map(number, texts[:9])
        self.initial_budget = initial
        self.adjustment = adjustment
        self.adjusted_budget = adjusted
        self.executed = executed
        self.rate = rate
        self.balance = balance
        self.balance_rate = balance_rate
        self.max_score = max_score
        self.score = score
        #: The amounts that add up across lines, in :data:`AMOUNT_FIELDS` order
        self.amounts = (initial, adjustment, adjusted, executed, balance)
        budget = adjusted if texts[2] is not None else initial  # adjusted_budget printed
        self.budget = budget
        self.computed_rate = None if executed is None or not budget else executed / budget * HUNDRED


def line_rate(line: ExecutionLine) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """(rate in percent, executed, budget) of a fund line: 全年执行数 ÷ 全年预算数 (the adjusted budget, else
    the initial one when no adjusted budget is printed); the rate is None when either is missing or the
    budget is 0."""
    executed = number(line.executed)
    budget = number(line.adjusted_budget) if line.adjusted_budget is not None else number(line.initial_budget)
    if executed is None or budget is None or budget == ZERO:
        return None, executed, budget
    return executed / budget * HUNDRED, executed, budget


@dataclass(slots=True)
class ExecutionScore:
    """The execution score of a table."""

    line: int  # index into table.execution
    label: str
    points: Decimal
    points_printed: bool  # False: the profile's default points (the table prints none)
    printed: Decimal | None
    printed_text: str | None
    rate: Decimal | None  # percent, recomputed (else the printed rate)
    rate_printed: bool  # True when the rate could not be recomputed and the printed one was used
    executed: Decimal | None
    budget: Decimal | None
    computed: Decimal | None
    formula: str  # full | proportional | banded | none
    full_at: Decimal
    share: Decimal | None = None  # banded: the band's share of the points

    @property
    def differs(self) -> bool:
        if self.printed is None or self.computed is None:
            return False
        return not agrees(self.printed_text, self.printed, self.computed)

    def explain(self) -> tuple[str, str]:
        if self.rate is None:
            return (
                "未计算：预算数或执行数缺失（或预算数为 0）",
                "not computed: no budget or execution figure (or a zero budget)",
            )
        pts, p = fmt(self.points), fmt(self.computed)
        rate = fmt(rounded(self.rate, 2))  # each figure formatted once (fmt is the costly part)
        if self.rate_printed:
            rate_zh = f"{rate}%（按印出的执行率）"
            rate_en = f"{rate}% (the printed rate)"
        else:
            rate_zh = f"{fmt(self.executed)} ÷ {fmt(self.budget)} = {rate}%"
            rate_en = rate_zh
        if self.formula == "full":
            full_at = fmt(self.full_at)
            return (
                f"预算执行率 {rate_zh}，达到 {full_at}%，得满分 {pts}",
                f"budget execution {rate_en}, at least {full_at}%: full {pts} points",
            )
        if self.formula == "banded":
            share = fmt(self.share)
            return (
                f"预算执行率 {rate_zh}，所在档次得分值的 {share}：{share} × {pts} = {p}",
                f"budget execution {rate_en}, its band scores {share} of the points: {share} × {pts} = {p}",
            )
        capped = " (capped at the points)" if self.computed == self.points else ""
        return (
            f"预算执行率 {rate_zh}，{rate}% × {pts} = {p}" + ("（不超过分值）" if capped else ""),
            f"budget execution {rate_en}, {rate}% × {pts} = {p}{capped}",
        )


def score_execution(
    table: TargetTable, profile: ScoringProfile, figures: list[LineFigures] | None = None
) -> ExecutionScore | None:
    """The execution score of the line that prints its points (else the first line, at the profile's default
    points); None when the table has no execution block. ``figures``: the lines' figures, when already read."""
    lines = table.execution
    if not lines:
        return None
    if figures is None:
        figures = [LineFigures(line) for line in lines]
    chosen, points = 0, None
    for i, fig in enumerate(figures):
        if fig.max_score is not None:
            chosen, points = i, fig.max_score
            break
    line, fig = lines[chosen], figures[chosen]
    points_printed = points is not None
    if points is None:
        points = profile.execution_points
    rate = fig.computed_rate
    rate_printed = False
    if rate is None:
        rate = fig.rate
        rate_printed = rate is not None
    score = ExecutionScore(
        chosen,
        line.label,
        points,
        points_printed,
        fig.score,
        line.score,
        rate,
        rate_printed,
        fig.executed,
        fig.budget,
        None,
        "none",
        profile.execution_full_at,
    )
    if rate is None or points < ZERO:  # no rate, or misprinted negative points: nothing to compute
        return score
    if profile.execution_method == "banded":
        share = next((s for bound, s in profile.execution_bands if rate >= bound), ZERO)
        score.share = share
        score.computed, score.formula = rounded(share * points, profile.decimals), "banded"
    elif rate >= profile.execution_full_at:
        score.computed, score.formula = points, "full"
    else:
        value = rounded(rate / HUNDRED * points, profile.decimals)
        if profile.execution_cap and value > points:
            value = points
        score.computed, score.formula = (value if value > ZERO else ZERO), "proportional"
    return score
