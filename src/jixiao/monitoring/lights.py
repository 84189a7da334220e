"""Traffic lights of 绩效运行监控, each with its reason in Chinese and English.

Execution: 执行数 ÷ 调整后预算 against the time share of the year (month ÷ 12); the ratio of the two in the
profile's bands (national: < 60% red, 60–80% yellow, ≥ 80% green).

Indicators, by direction (:func:`jixiao.scoring.direction_of`):

- 正向 (≥ / >): progress against target × month ÷ 12 in the same bands; blue above ``blue_above`` % of the
  *annual* target (the target was set too low); red at zero progress. Percentages (满意度, 合格率) are levels,
  not accumulations: unless the profile sets ``prorate_percent`` they are compared with the full target.
- 反向 (≤ / <: costs, durations, complaint counts): a ceiling, compared with the annual target itself, since a
  ceiling reached early is already broken whether the figure accumulates or not: at or under it green, above
  it by up to ``negative_margin`` % yellow, beyond red.
- A zero target (``投诉 0 次``, ``事故 ≤ 0``) is green only at zero, red otherwise.
- ``=`` targets take the 正向 bands while below the target (no blue) and are red once above it.
- Rows without figures (定性, a 完成 wording, an empty progress) take the unit's 完成目标可能性:
  确定能 green, 有可能 yellow, 完全不可能 red; with none of these they are grey (not assessed).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from jixiao.model import ExecutionLine, Indicator
from jixiao.monitoring.profiles import MonitoringProfile, load_monitoring_profile
from jixiao.scoring.numbers import HUNDRED, ZERO, fmt, number, rounded
from jixiao.scoring.rows import direction_of
from jixiao.values import parse_value

__all__ = ["Colour", "Light", "execution_light", "indicator_light", "on_track_colour"]

_TWELVE = Decimal(12)
_PERCENT_UNITS = {"%", "％", "百分比"}


class Colour(StrEnum):
    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"
    BLUE = "blue"
    GREY = "grey"

    @property
    def zh(self) -> str:
        return {"red": "红灯", "yellow": "黄灯", "green": "绿灯", "blue": "蓝灯", "grey": "未评"}[self.value]


@dataclass(frozen=True)
class Light:
    """One light: its colour, the ratio it was judged on (percent, None where no figure), and its reason."""

    colour: Colour
    ratio: Decimal | None
    reason_zh: str
    reason_en: str

    def explain(self) -> tuple[str, str]:
        return f"{self.colour.zh}：{self.reason_zh}", f"{self.colour.value}: {self.reason_en}"


def _band(ratio: Decimal, profile: MonitoringProfile) -> Colour:
    if ratio < profile.red_below:
        return Colour.RED
    if ratio < profile.green_from:
        return Colour.YELLOW
    return Colour.GREEN


def _bands_text(profile: MonitoringProfile) -> tuple[str, str]:
    low, high = fmt(profile.red_below), fmt(profile.green_from)
    return (
        f"低于 {low}% 红灯，{low}%–{high}% 黄灯，{high}% 及以上绿灯",
        f"below {low}% red, {low}–{high}% yellow, {high}% and above green",
    )


def _check_month(month: int) -> Decimal:
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1 to 12, not {month}")
    return Decimal(month) / _TWELVE


def execution_light(line: ExecutionLine, month: int, profile: str | MonitoringProfile = "national") -> Light:
    """The light of one fund line at the end of ``month`` (1–12)."""
    prof = load_monitoring_profile(profile)
    share = _check_month(month)
    budget = number(line.adjusted_budget) if line.adjusted_budget else number(line.initial_budget)
    executed = number(line.executed)
    if executed is None:
        return Light(Colour.GREY, None, "未填执行数", "no execution figure entered")
    if budget is None or budget <= ZERO:
        return Light(
            Colour.GREY, None, "无调整后预算数，无法计算执行率", "no adjusted budget: the rate cannot be computed"
        )
    rate = executed / budget * HUNDRED
    expected = share * HUNDRED
    ratio = rate / expected * HUNDRED
    zh_bands, en_bands = _bands_text(prof)
    colour = _band(ratio, prof)
    return Light(
        colour,
        rounded(ratio, 2),
        f"执行率 {fmt(rounded(rate, 2))}%（{fmt(executed)} ÷ {fmt(budget)}），时间进度 {fmt(rounded(expected, 2))}%"
        f"（{month} ÷ 12），执行进度为时间进度的 {fmt(rounded(ratio, 2))}%；{zh_bands}",
        f"execution rate {fmt(rounded(rate, 2))}% ({fmt(executed)} / {fmt(budget)}) against a time share of "
        f"{fmt(rounded(expected, 2))}% ({month} / 12): {fmt(rounded(ratio, 2))}% of the time share; {en_bands}",
    )


def on_track_colour(text: str | None) -> Colour | None:
    """The colour a 完成目标可能性 wording stands for (完全不可能 before 可能: the longer wording first)."""
    if not text:
        return None
    if "不可能" in text or "无法" in text:
        return Colour.RED
    if "确定" in text or "肯定" in text:
        return Colour.GREEN
    if "可能" in text:
        return Colour.YELLOW
    return None


def _progress(ind: Indicator) -> tuple[Decimal | None, str | None]:
    if not ind.progress:
        return None, None
    parsed = parse_value(ind.progress)
    value = number(parsed.number) if parsed.number is not None else None
    return value, parsed.unit


def indicator_light(ind: Indicator, month: int, profile: str | MonitoringProfile = "national") -> Light:
    """The light of one indicator row: its ``progress`` (当前完成值) against its annual target at ``month``."""
    prof = load_monitoring_profile(profile)
    share = _check_month(month)
    target = number(ind.number) if ind.number is not None else None
    progress, progress_unit = _progress(ind)
    direction = direction_of(ind)
    if target is None or progress is None or direction is None:
        return _qualitative(ind)
    unit = (ind.unit or "").strip()
    if (
        progress_unit
        and unit
        and progress_unit.strip() != unit
        and not (progress_unit in _PERCENT_UNITS and unit in _PERCENT_UNITS)
    ):
        light = _qualitative(ind)
        return Light(
            light.colour,
            None,
            f"完成值单位“{progress_unit}”与指标值单位“{unit}”不同，未按数值比较；{light.reason_zh}",
            f"progress unit {progress_unit!r} differs from the target unit {unit!r}: not compared; {light.reason_en}",
        )
    t, p = fmt(target), fmt(progress)
    if target == ZERO:
        if progress == ZERO:
            return Light(Colour.GREEN, None, "目标值为 0，当前完成值为 0", "the target is zero and so is the progress")
        return Light(
            Colour.RED, None, f"目标值为 0，当前完成值为 {p}，已偏离目标", f"the target is zero but the progress is {p}"
        )
    if direction == "negative":
        return _ceiling(target, progress, prof, t, p)
    percent = unit in _PERCENT_UNITS or (progress_unit or "") in _PERCENT_UNITS
    prorate = prof.prorate_percent or not percent
    expected = target * share if prorate else target
    zh_bands, en_bands = _bands_text(prof)
    of_target = progress / target * HUNDRED
    if progress == ZERO:
        return Light(Colour.RED, ZERO, f"当前完成值为 0（年度目标 {t}）", f"no progress yet (annual target {t})")
    if direction == "positive" and of_target > prof.blue_above:
        return Light(
            Colour.BLUE,
            rounded(of_target, 2),
            f"当前完成值 {p} 已达全年目标 {t} 的 {fmt(rounded(of_target, 2))}%，超过 {fmt(prof.blue_above)}%，目标可能设定偏低",
            f"progress {p} is {fmt(rounded(of_target, 2))}% of the annual target {t}, above "
            f"{fmt(prof.blue_above)}%: the target may have been set too low",
        )
    ratio = progress / expected * HUNDRED
    if direction == "equal" and progress > target:
        return Light(
            Colour.RED,
            rounded(ratio, 2),
            f"当前完成值 {p} 已超过应等于的目标 {t}",
            f"progress {p} exceeds the exact target {t}",
        )
    how_zh = (
        f"按时间进度应完成 {fmt(rounded(expected, 4))}（{t} × {month} ÷ 12）"
        if prorate
        else f"比率类指标按全年目标 {t} 比较"
    )
    how_en = (
        f"expected by now {fmt(rounded(expected, 4))} ({t} x {month} / 12)"
        if prorate
        else f"a rate, compared with the full target {t}"
    )
    return Light(
        _band(ratio, prof),
        rounded(ratio, 2),
        f"当前完成值 {p}，{how_zh}，完成进度 {fmt(rounded(ratio, 2))}%；{zh_bands}",
        f"progress {p}, {how_en}: {fmt(rounded(ratio, 2))}%; {en_bands}",
    )


def _ceiling(target: Decimal, progress: Decimal, prof: MonitoringProfile, t: str, p: str) -> Light:
    ratio = rounded(progress / target * HUNDRED, 2)
    margin = fmt(prof.negative_margin)
    if progress <= target:
        return Light(
            Colour.GREEN, ratio, f"反向指标：当前值 {p} 未超过目标上限 {t}", f"ceiling: {p} is within the target {t}"
        )
    limit = target * (HUNDRED + prof.negative_margin) / HUNDRED
    if progress <= limit:
        return Light(
            Colour.YELLOW,
            ratio,
            f"反向指标：当前值 {p} 超过目标上限 {t}，但未超过 {margin}%",
            f"ceiling: {p} exceeds the target {t} by no more than {margin}%",
        )
    return Light(
        Colour.RED,
        ratio,
        f"反向指标：当前值 {p} 超过目标上限 {t} 的 {margin}% 以上",
        f"ceiling: {p} exceeds the target {t} by more than {margin}%",
    )


def _qualitative(ind: Indicator) -> Light:
    colour = on_track_colour(ind.on_track)
    if colour is None:
        return Light(
            Colour.GREY,
            None,
            "无可比较的数值，也未填完成目标可能性",
            "no figures to compare and no likelihood of completion entered",
        )
    return Light(
        colour,
        None,
        f"按填报的完成目标可能性“{ind.on_track}”",
        f"from the likelihood of completion entered ({ind.on_track!r})",
    )
