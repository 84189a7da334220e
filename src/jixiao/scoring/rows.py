"""One indicator row scored from its target, its actual, its points and its direction.

Quantitative rows (a comparator, a target number and an actual number in the same unit) are recomputed with
the profile's 正向/反向 formula; 定性 rows keep the printed score, which must sit in the band of their 完成
wording (达成 / 部分达成 / 未达成). Every result explains itself in Chinese and English (:meth:`RowScore.explain`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from operator import itemgetter

from jixiao.model import Indicator
from jixiao.scoring.numbers import ZERO, agrees, fmt, number, rounded
from jixiao.scoring.profiles import ScoringProfile

__all__ = ["RowScore", "direction_of", "score_row", "wording_band"]

_ONE, _TWO = Decimal(1), Decimal(2)  # (Decimal constants: an int operand is converted on every use)
#: The methods scored by a formula (:attr:`RowScore.quantitative`)
QUANTITATIVE_METHODS = frozenset({"positive", "negative", "equal"})
_PERCENT_UNITS = {"%": "%", "％": "%", "百分比": "%"}
_OP_TEXT = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}
_DIRECTION_OF_OP: dict[str | None, str] = {
    ">=": "positive",
    ">": "positive",
    "<=": "negative",
    "<": "negative",
    "=": "equal",
}


def direction_of(ind: Indicator) -> str | None:
    """``positive`` (正向), ``negative`` (反向), ``equal`` or None: the printed 指标方向性 first, then the
    comparator (≤ and < mark cost, time and complaint-count targets as 反向)."""
    return _direction(ind.direction, ind.op)


def _direction(printed: str | None, op: str | None) -> str | None:
    if printed:
        if "反向" in printed or "逆向" in printed:
            return "negative"
        if "正向" in printed:
            return "positive"
    return _DIRECTION_OF_OP.get(op)


def wording_band(text: str | None, profile: ScoringProfile) -> str | None:
    """The 定性 band a 完成 wording names (``部分达成年度指标并具有一定效果`` → 部分达成), else None."""
    if not text:
        return None
    # 完成 / 达到 say the same as 达成 (未完成 = 未达成, 部分完成 = 部分达成)
    for candidate in (text, text.replace("完成", "达成").replace("达到", "达成")):
        for wording, _low, _high in profile.qualitative:  # longest first: 部分达成 before 达成
            if wording in candidate:
                return wording
    return None


def _unit(text: str | None) -> str:
    unit = (text or "").strip()
    return _PERCENT_UNITS.get(unit, unit)


@dataclass(slots=True)
class RowScore:
    """The verdict on one indicator row (figures as Decimal; ``computed`` None when it cannot be scored)."""

    index: int
    name: str
    method: str  # positive | negative | equal | qualitative | unscored
    points: Decimal | None
    printed: Decimal | None
    printed_text: str | None
    computed: Decimal | None
    met: bool | None = None  # the actual meets the target by its comparator (quantitative rows)
    target: Decimal | None = None
    actual: Decimal | None = None
    op: str | None = None
    unit: str = ""
    formula: str = ""  # which branch of the formula applied: met | proportional | linear | ratio | zero | beyond
    band: str | None = None  # 定性: the band its wording names
    band_low: Decimal | None = None  # 定性: the band in points
    band_high: Decimal | None = None
    reason: str = ""  # unscored: why

    @property
    def quantitative(self) -> bool:
        """Scored by a formula (positive, negative, equal), not kept as printed (qualitative) nor unscored.

        A property, not a field set in ``__post_init__``: rows are made far more often than this is read."""
        return self.method in QUANTITATIVE_METHODS

    @property
    def differs(self) -> bool:
        """The printed score disagrees with the computed one (at the printed precision)."""
        printed, computed = self.printed, self.computed
        if printed is None or computed is None or printed == computed or self.method not in QUANTITATIVE_METHODS:
            return False
        return not agrees(self.printed_text, printed, computed)

    @property
    def in_band(self) -> bool | None:
        """定性 rows: whether the printed score sits in its wording's band (None when nothing to compare)."""
        if self.band_low is None or self.band_high is None or self.printed is None:
            return None
        return self.band_low <= self.printed <= self.band_high

    def explain(self) -> tuple[str, str]:
        """(Chinese, English): the formula with its figures."""
        if self.method == "unscored":
            return f"未计算：{self.reason}", f"not computed: {_REASONS_EN.get(self.reason, self.reason)}"
        pts = fmt(self.points)
        if self.method == "qualitative":
            printed = fmt(self.printed)
            kept = f"定性指标，保留自评得分 {printed}"
            kept_en = f"qualitative row: the printed score {printed} is kept"
            if self.band is None:
                return kept + "（完成情况未写明达成程度）", kept_en + " (the actual names no degree of achievement)"
            low, high = fmt(self.band_low), fmt(self.band_high)
            zh = f"{kept}；「{self.band}」对应分值的 {low}–{high} 分"
            en = f"{kept_en}; '{self.band}' allows {low}–{high} of {pts} points"
            return zh, en
        # each figure formatted once (fmt is the costly part of an explanation)
        target, actual = fmt(self.target), fmt(self.actual)
        shown_target = f"{_OP_TEXT.get(self.op or '', '')}{target}{self.unit}"
        shown_actual = f"{actual}{self.unit}"
        direction, direction_en = _DIRECTION_WORDS[self.method]
        head = f"{direction}指标，目标 {shown_target}，实际 {shown_actual}"
        head_en = f"{direction_en} target {shown_target}, actual {shown_actual}"
        formula = self.formula
        if formula == "met":
            return f"{head}：达到目标，得满分 {pts}", f"{head_en}: target met, full {pts} points"
        p = fmt(self.computed)
        if formula == "proportional":
            return (
                f"{head}：未达目标，{actual} ÷ {target} × {pts} = {p}",
                f"{head_en}: missed, {actual} ÷ {target} × {pts} = {p}",
            )
        if formula == "linear":
            return (
                f"{head}：超过目标，(1 − ({actual} − {target}) ÷ {target}) × {pts} = {p}",
                f"{head_en}: exceeded, (1 − ({actual} − {target}) ÷ {target}) × {pts} = {p}",
            )
        if formula == "ratio":
            return (
                f"{head}：超过目标，{target} ÷ {actual} × {pts} = {p}",
                f"{head_en}: exceeded, {target} ÷ {actual} × {pts} = {p}",
            )
        if formula == "beyond":
            return (
                f"{head}：达到或超过目标的两倍，得 0 分",
                f"{head_en}: at or beyond twice the target, 0 points",
            )
        return f"{head}：未达目标，得 0 分", f"{head_en}: target missed, 0 points"


_DIRECTION_WORDS = {"positive": ("正向", "positive"), "negative": ("反向", "negative"), "equal": ("等于", "equality")}
_REASONS_EN = {
    "未印分值": "no points printed",
    "分值为负": "the points are negative",
    "目标值无数字": "the target holds no number",
    "实际完成值无数字": "the actual holds no number",
    "单位不一致": "the target and the actual are in different units",
}


_new_row_score = object.__new__

# The fields a row is scored from (the cells it prints), read in one C call from the model's field dict
# (vars()): attribute access on a pydantic model passes its __getattr__ hook and costs several times a dict
# lookup. Everything scoring reads of a row, so also the row's part of the memo key of a table's scoring
# (:func:`jixiao.scoring.tables.score_table`), which scores from these very tuples.
ROW_FIELDS = itemgetter(
    "max_score", "score", "name", "op", "direction", "number", "actual_number", "unit", "actual_unit", "actual"
)
RowTexts = tuple[str | None, ...]


def score_row(index: int, ind: Indicator, profile: ScoringProfile) -> RowScore:
    """Score one indicator row under the profile."""
    return score_row_texts(index, ROW_FIELDS(vars(ind)), profile)


def score_row_texts(index: int, texts: RowTexts, profile: ScoringProfile) -> RowScore:
    """:func:`score_row` from the row's :data:`ROW_FIELDS`, as read already."""
    # The hot path of scoring (once per row): locals, and rounding only where a formula divides.
    max_score, printed_text, name, op, direction, target_text, actual_text, unit, actual_unit, actual_cell = texts
    points = number(max_score)
    printed = number(printed_text)
    name = name or ""
    if points is None:
        return RowScore(index, name, "unscored", None, printed, printed_text, None, reason="未印分值")
    if points < ZERO:  # a misprint: no formula gives a score out of negative points
        return RowScore(index, name, "unscored", points, printed, printed_text, None, reason="分值为负")
    method = _direction(direction, op) if direction else _DIRECTION_OF_OP.get(op)
    target = number(target_text) if op else None
    if method is None or target is None:
        return _qualitative(index, name, actual_cell, points, printed, printed_text, profile)
    actual = number(actual_text)
    if actual is None:
        if wording_band(actual_cell, profile) is not None:
            return _qualitative(index, name, actual_cell, points, printed, printed_text, profile)
        return RowScore(index, name, "unscored", points, printed, printed_text, None, reason="实际完成值无数字")
    unit = unit or ""
    actual_unit = actual_unit or ""
    if unit != actual_unit:
        unit, actual_unit = _unit(unit), _unit(actual_unit)
        if actual_unit and unit and actual_unit != unit:
            return RowScore(index, name, "unscored", points, printed, printed_text, None, reason="单位不一致")
    if method == "negative":
        met = actual < target if op == "<" else actual <= target
        if met:
            computed, formula = points, "met"
        else:
            computed, formula = _negative(actual, target, points, profile)
    elif method == "equal" and not target:
        met = actual <= ZERO
        computed, formula = (points, "met") if met else (ZERO, "zero")
    else:  # 正向, and 等于 with a non-zero target (scored as 正向)
        met = actual > target if op == ">" else actual >= target
        if met:
            computed, formula = points, "met"
        elif profile.positive_method == "zero" or target <= ZERO:
            computed, formula = ZERO, "zero"
        else:
            computed = _bounded(actual / target * points, points, profile)
            # a strict comparator missed by nothing (> 4 with 4) still scores full
            formula = "met" if actual == target else "proportional"
    # The common result, made without the dataclass __init__: calling a class with a Python __init__ goes
    # through type_call and a fresh interpreter frame (~3.9k instructions a row against ~2.6k for these
    # stores). Every field is set, as __init__ would (a slot left unset would raise on reading).
    row = _new_row_score(RowScore)
    row.index = index
    row.name = name
    row.method = method
    row.points = points
    row.printed = printed
    row.printed_text = printed_text
    row.computed = computed
    row.met = met
    row.target = target
    row.actual = actual
    row.op = op
    row.unit = unit or actual_unit
    row.formula = formula
    row.band = None
    row.band_low = None
    row.band_high = None
    row.reason = ""
    return row


def _negative(actual: Decimal, target: Decimal, points: Decimal, profile: ScoringProfile) -> tuple[Decimal, str]:
    """A 反向 row above its target, under the profile's method."""
    method = profile.negative_method
    if method == "zero" or target <= ZERO:
        return ZERO, "zero"
    if method == "ratio":
        return (_bounded(target / actual * points, points, profile) if actual > ZERO else points), "ratio"
    if actual >= target * _TWO:
        return ZERO, "beyond"
    return _bounded((_ONE - (actual - target) / target) * points, points, profile), "linear"


def _bounded(value: Decimal, points: Decimal, profile: ScoringProfile) -> Decimal:
    """Rounded to the profile's decimals, never below 0 nor above the points."""
    value = rounded(value, profile.decimals)
    if value < ZERO:
        return ZERO
    return points if value > points else value


def _qualitative(
    index: int,
    name: str,
    actual_cell: str | None,
    points: Decimal,
    printed: Decimal | None,
    printed_text: str | None,
    profile: ScoringProfile,
) -> RowScore:
    row = RowScore(index, name, "qualitative", points, printed, printed_text, printed)
    band = wording_band(actual_cell, profile)
    if band is not None:
        bounds = profile.band(band)
        if bounds is not None:
            row.band = band
            row.band_low, row.band_high = bounds[0] * points, bounds[1] * points
    return row
