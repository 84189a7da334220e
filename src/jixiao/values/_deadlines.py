"""Deadlines: typed dates (``2024年12月31日之前``), recurrences (``每月25日以前``), durations (``10个工作日内``)."""

from __future__ import annotations

import calendar
import re

from jixiao.model import Deadline
from jixiao.values._lexicon import CN_RUN, DIGIT_RUN, cn_to_decimal

_DEADLINE_OP_AFTER = re.compile(r"(?:前|以前|之前|底|末|止|为止)")
_DEADLINE_OP_BEFORE = re.compile(r"(?:到|至|截至|截止|截止到|截止至|于|不晚于|不迟于|最迟|最晚)$")
# 每月25日以前, 每年12月底前, 次月10日前 (the following month, every month), 每季度末.
_RECURRING = re.compile(
    r"(?:每(?P<every>年|季度|季|月|周|星期)|(?:次|当)(?P<next>月))(?:(?P<month>[0-9]{1,2})月)?"
    r"(?:(?P<day>[0-9]{1,2})[日号]|(?P<end>月底|月末|底|末|初))(?P<after>以前|之前|前)?"
)
# 季末 / 月底 / 季度末 said of no particular quarter or month recur every quarter or month.
_PERIOD_END = re.compile(r"(?<![0-9一二三四五六七八九十第本上下当次])(?P<every>季度|季|月)(?P<end>末|底)")
_DATE = re.compile(
    r"(?<![0-9])(?=(?:19|20)[0-9]{2}年|[0-9]{1,2}(?:-[0-9]{1,2})?月)"
    r"(?:(?P<year>(?:19|20)[0-9]{2})年(?:度)?)?"
    r"(?:(?P<month>[0-9]{1,2})(?:-(?P<month_to>[0-9]{1,2}))?月(?:份)?(?:(?P<day>[0-9]{1,2})[日号])?)?"
    r"(?P<after>底前|末前|以前|之前|前|底|末|中旬|上旬|下旬|初)?"
)
_ISO_DATE = re.compile(
    r"(?<![0-9])(?P<year>(?:19|20)[0-9]{2})(?P<sep>[-/.])(?P<month>[0-9]{1,2})(?P=sep)(?P<day>[0-9]{1,2})(?![0-9])"
)
_YEAR_END = re.compile(r"(?:(?P<year>(?:19|20)[0-9]{2})年?)?(?:年底|年末|年终|年度末|12月底|12月末)")
_HALF_YEAR = re.compile(r"(?P<half>上半年|下半年)(?P<after>前|以前|之前|底|末)?")
_DURATION = re.compile(
    r"(?P<amount>(?<![0-9.])[0-9]++(?:\.[0-9]++)?|"
    + CN_RUN
    + r")(?P<unit>个工作日|工作日|个自然日|自然日|个月|个小时|小时|分钟|"
    r"个季度|季度|个星期|星期|天|日|周|年)(?P<within>内|以内|之内)"
)
_TIME_HINT = re.compile(r"[年月日号季周天内底末前半时]|[0-9][-/.][0-9]{1,2}[-/.][0-9]")
EVERY = {"季度": "季", "星期": "周", "年度": "年", "天": "日"}


def _valid_day(month: str | None, day: str | None) -> bool:
    return (month is None or 1 <= int(month) <= 12) and (day is None or 1 <= int(day) <= 31)


def _month_end(year: int | None, month: int) -> int:
    return calendar.monthrange(year or 2001, month)[1]  # 2001: not a leap year


def _find_date(text: str) -> Deadline | None:
    """The last calendar date the cell names, when the date is what the cell is about."""
    found: Deadline | None = None
    last_year: str | None = None
    only_a_year = DIGIT_RUN.sub("", text).strip("年度。.") in ("", "完成")
    for match in _DATE.finditer(text):
        month, day = match.group("month_to") or match.group("month"), match.group("day")
        if not (match.group("year") or month):
            continue
        year: str | None = match.group("year") or last_year  # 2021年5月和11月份: the second month is in 2021 too
        last_year = year
        after = match.group("after") or ""
        if year and not month and not after and not only_a_year:
            continue  # a year mentioned in a sentence (结清2020年度…医药费) is not a deadline
        if not _valid_day(month, day):
            continue
        if match.start() > 0 and text[match.start() - 1] == "每":
            continue
        op = "<=" if after.startswith(("前", "以前", "之前", "底", "末")) or match.group("month_to") else None
        if _DEADLINE_OP_BEFORE.search(text, max(0, match.start() - 5), match.start()):
            op = "<="
        day_value = int(day) if day else None
        if after.startswith(("底", "末")) and month:
            day_value = _month_end(int(year) if year else None, int(month))
        found = Deadline(
            kind="date",
            op=op,
            year=int(year) if year else None,
            month=int(month) if month else None,
            day=day_value,
            text=match.group(),
        )
    return found


def _recurring(text: str) -> Deadline | None:
    match = _RECURRING.search(text)
    if match is None or not _valid_day(match.group("month"), match.group("day")):
        return None
    end = match.group("end") or ""
    every = match.group("every") or match.group("next")
    month = int(match.group("month")) if match.group("month") else None
    day = int(match.group("day")) if match.group("day") else None
    if month and end.startswith(("底", "末")):
        day = _month_end(None, month)
    return Deadline(
        kind="recurring",
        op="<=" if match.group("after") or end.endswith(("底", "末")) else None,
        every=EVERY.get(every, every),
        month=month,
        day=day,
        text=match.group(),
    )


def _period_end(text: str) -> Deadline | None:
    match = _PERIOD_END.search(text)
    if match is None:
        return None
    return Deadline(
        kind="recurring", op="<=", every=EVERY.get(match.group("every"), match.group("every")), text=match.group()
    )


def _duration(text: str) -> Deadline | None:
    match = _DURATION.search(text)
    if match is None:
        return None
    amount = match.group("amount")
    amount = amount if amount[0].isdigit() else cn_to_decimal(amount)
    if amount is None:
        return None
    return Deadline(
        kind="duration", op="<=", amount=amount, unit=match.group("unit").removeprefix("个"), text=match.group()
    )


def _year_end(text: str) -> Deadline | None:
    match = _YEAR_END.search(text)
    if match is None:
        return None
    year = int(match.group("year")) if match.group("year") else None
    return Deadline(kind="date", op="<=", year=year, month=12, day=31, text=match.group())


def _half_year(text: str) -> Deadline | None:
    match = _HALF_YEAR.search(text)
    if match is None:
        return None
    month = 6 if match.group("half") == "上半年" else 12
    return Deadline(kind="date", op="<=", month=month, day=_month_end(None, month), text=match.group())


def _iso_date(text: str) -> Deadline | None:
    match = _ISO_DATE.search(text)
    if match is None or not _valid_day(match.group("month"), match.group("day")):
        return None
    before = _DEADLINE_OP_BEFORE.search(text, max(0, match.start() - 5), match.start())
    after = _DEADLINE_OP_AFTER.match(text, match.end())
    return Deadline(
        kind="date",
        op="<=" if before or after else None,
        year=int(match.group("year")),
        month=int(match.group("month")),
        day=int(match.group("day")),
        text=match.group(),
    )


# Tried in this order; the first that finds something wins.
_DEADLINE_FINDERS = (_recurring, _period_end, _duration, _year_end, _half_year, _iso_date, _find_date)


def find_deadline(text: str) -> Deadline | None:
    if not _TIME_HINT.search(text):
        return None
    for finder in _DEADLINE_FINDERS:
        deadline = finder(text)
        if deadline is not None:
            return deadline
    return None
