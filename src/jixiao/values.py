"""Reading a target value: ``≥95%`` → ``>=`` ``95`` ``%``.

Two entry points, both total (they return for any input and never raise):

- :func:`parse_value` reads one printed cell (指标值) by the interchange spec's rule, section
  "Parsing a target value": a cell is parsed only when it states one quantity.
- :func:`parse_columns` reads a Chongqing-style row whose comparator (指标性质), figure (指标值) and unit
  (度量单位) sit in columns of their own.

Beyond the spec's three fields, a :class:`ParsedValue` carries

- ``parts``: every figure of a cell that the three fields cannot express (two figures, a range such as
  ``94%-98%``, a frequency such as ``一年二次``). It is empty when ``op`` is set, because then the cell is
  exactly that one quantity;
- ``deadline``: a typed date (``2024年12月31日之前``), recurrence (``每月25日以前``) or duration
  (``10个工作日内``).

Choices the spec leaves open, made here once:

- A cell written wholly in Chinese numerals (``百分之九十五``, ``两次``, ``不低于百分之九十五``) is parsed like
  its Arabic twin. Chinese numerals inside a longer sentence (``除特殊情况每月一次全面检查``) only feed
  ``parts``: the spec's rule counts runs of *digits*, and the gold readings depend on it.
- ``约6类`` and ``95%左右`` read as ``=`` (``约``, ``达到`` are labels, as the rule says); ``10余次`` /
  ``10多家`` read as ``>``.
- Words after the unit stay in it (the spec: "up to punctuation"), so ``100%完成`` has the unit ``%完成``;
  an operator word ends the unit (``30个工作日内审核支付`` → ``<=`` ``30`` ``个工作日``).
- ``以下`` reads as ``<=`` (in Chinese usage 以上/以下/以内 include the figure itself).
- ``N月`` without ``个`` is a calendar month (not parsed), ``N个月`` a duration; ``N日内`` is a duration,
  ``N日前`` a day of the month.
- Deadlines: ``前/以前/之前/底/末/到/截至`` make the deadline op ``<=``; ``年底`` is 12-31 without a year;
  ``N月底`` takes the month's last day (February: 28 unless a leap year is printed); a cell naming several
  dates (``2021年5月和11月份``, ``2021年5-7月``) gets the last one, the point by which all is done.

Results are cached and shared between calls: treat them as read-only.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from functools import lru_cache

import cn2an

from jixiao.model import Deadline, ValuePart

__all__ = ["ParsedValue", "parse_columns", "parse_value"]


@dataclass(frozen=True, slots=True)
class ParsedValue:
    """What a target value says: one comparison (``op number unit``), its parts, and its deadline."""

    op: str | None = None
    number: str | None = None
    unit: str | None = None
    parts: list[ValuePart] = field(default_factory=list)
    deadline: Deadline | None = None


_EMPTY = ParsedValue()

# --------------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------------

# Full-width digits, letters and the symbols of a figure fold to ASCII so that ``≥９５％`` reads as ``≥95%``.
# Chinese punctuation (，；：（）) stays as printed: it is matched as such and labels keep it.
_WIDTH_TABLE = {cp: cp - 0xFEE0 for cp in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))}
_WIDTH_TABLE.update(str.maketrans("％＞＜＝．／＋－～\u3000\u00a0\u2212\u2010\u2011\u2013", "%><=./+-~  ----"))
# White space in a value is layout, not meaning: PDF text breaks words (``≤5个工 作日``, ``≤120万 元``) and
# people pad operators (``≥ 95 %``). It is dropped, except between two digits, where it keeps ``95 98``
# two figures.
_DIGIT_GAP = re.compile(r"(?<=[0-9])\s+(?=[0-9])")
_LAYOUT_SPACE = re.compile(r"(?<![0-9])\s+|\s+(?![0-9])")


def _normalise(text: str) -> str:
    return _LAYOUT_SPACE.sub("", _DIGIT_GAP.sub(" ", text.translate(_WIDTH_TABLE)))


# --------------------------------------------------------------------------------------------------
# Operators
# --------------------------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


# Symbols and words that come before the figure, tried longest first so that 不低于 wins over 低于.
_PREFIX_WORDS: dict[str, str] = {
    ">=": ">= => ≥ ≥= ≧ 》= 〉= ≮ 大于等于 大于或等于 高于或等于 多于或等于 不低于 不少于 不小于 不得低于 不得少于 不应低于 至少 最少",
    "<=": "<= =< ≤ ≤= ≦ 《= 〈= ≯ 小于等于 小于或等于 低于或等于 不超过 不高于 不多于 不大于 不得超过 不得高于 不应超过 不超出 最多 至多 控制在",
    ">": "> 大于 高于 超过 多于 超出",
    "<": "< 小于 低于 少于 不足",
    "=": "= == 等于",
}
_PREFIX_OPS: tuple[tuple[str, str], ...] = tuple(
    sorted(
        ((word, op) for op, words in _PREFIX_WORDS.items() for word in words.split()), key=lambda item: -len(item[0])
    )
)
_PREFIX_OP_RE = re.compile("(?:" + "|".join(re.escape(word) for word, _ in _PREFIX_OPS) + r")$")
_PREFIX_OP = dict(_PREFIX_OPS)
_LONGEST_OP = len(_PREFIX_OPS[0][0])

# Words after the figure's unit. 内 alone counts only after a duration unit (``10个工作日内``).
# 左右 (about) is read like 约 before the figure: a label, so the figure stays ``=``.
_SUFFIX_OPS: dict[str, str] = (
    {word: ">=" for word in ("及以上", "或以上", "以上")}
    | {word: "<=" for word in ("及以下", "或以下", "以下", "以内", "之内")}
    | {"左右": "="}
)
_SUFFIX_OP_RE = re.compile("|".join(sorted(_SUFFIX_OPS, key=len, reverse=True)))
_DURATION_UNITS = frozenset(
    _words("个工作日 工作日 个自然日 自然日 日 天 周 个星期 星期 个月 年 个小时 小时 分钟 秒 季度 个季度")
)
_TIME_UNITS = ("年", "月", "日", "号", "季", "周", "时", "点")
_DATE_SUFFIX = re.compile(r"(?:以前|之前|前|底|末|初|止|中旬|上旬|下旬)")

# --------------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------------

_NUMBER = r"(?<![0-9])[0-9]+(?:,[0-9]{3})*(?![0-9])(?:\.[0-9]++)?"
_DIGIT_RUN = re.compile(_NUMBER)
# The single figure of a one-quantity cell: optional sign right after an operator or at the start.
_SIGNED = re.compile(r"(?P<sign>-)?(?P<num>" + _NUMBER + ")")
_FORMULA = re.compile(r"[÷×]")
_CLAUSE_BREAK = re.compile(r"[,;、，；]")
_UNIT_END = re.compile(r"[,;、，；。.!?！？()（）\[\]【】〔〕<>《》\"“”'‘’ ]")
_CLOSING = re.compile(r"[。.,;、，；!?！？ ]*+")
# What may follow the one quantity: closing punctuation, a parenthetical note ((预算数), （含）), and after
# 、 a lone period word that continues the unit (15000元/人、年 is "per person and year").
_TRAILER = re.compile(
    r"(?:[。.,;，；!?！？ ]|、(?:[年月日天次人户](?![\u4e00-\u9fff])|$)|[(（\[【〔][^)）\]】〕]*+[)）\]】〕]?)*+"
)

# Possessive quantifiers and the look-behind keep every search linear, even on a cell of 100,000 numerals.
_INCLUSIVE = re.compile(r"[(（]含[)）](?P<word>以上|以下|以内)")
_CN_RUN = r"(?<![零〇一二两三四五六七八九十百千万亿])[〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*+(?:点[零〇一二三四五六七八九]++)?"
_MEASURES = _words(
    "个百分点 百分点 人次 户次 个工作日 工作日 个月 个小时 小时 分钟 季度 万元 亿元 万人 元 次 个 人 项 类 家 条 份 场 期 批 篇 件 户 名 位 所 座 台 套 "
    "辆 轮 本 处 种 天 日 周 月 年 倍 张 部 间 亩 吨 册 门 组 队 村 例 单 笔 版 幅 栋 块 颗 棵 株 头 只 盏 公里 米"
)
_MEASURE_RE = "(?:" + "|".join(sorted(set(_MEASURES), key=len, reverse=True)) + ")"
# 一次性 (one-off), 一年 inside 一年二次 etc. are not quantities of their own.
_CN_QUANTITY = re.compile(
    r"百分之(?P<pct>" + _CN_RUN + r")|(?P<cn>" + _CN_RUN + r")(?P<measure>" + _MEASURE_RE + r")(?![性分])"
)
_CN_ZERO = re.compile(r"零(?![星售散件部钱用头时点碎])(?P<noun>[\u4e00-\u9fff]{1,6})")
_FREQUENCY = re.compile(r"(?:每|一)(?P<period>年度|年|季度|季|月|周|星期|天|日)(?P<count>[0-9]+|" + _CN_RUN + r")次")


@lru_cache(maxsize=4096)
def _cn_to_decimal(numeral: str) -> str | None:
    """``九十五`` → ``"95"``, ``九十五点五`` → ``"95.5"``; None for what cn2an cannot read."""
    whole, _, fraction = numeral.partition("点")
    whole = "一百" if whole == "百" else whole  # 百分之百
    try:
        integer = cn2an.cn2an(whole, "normal")
    except Exception:  # cn2an signals unreadable numerals with assorted exception types
        return None
    if not isinstance(integer, int):
        return None
    if not fraction:
        return str(integer)
    digits = "".join(str("零一二三四五六七八九".find(ch)) if ch != "〇" else "0" for ch in fraction)
    return f"{integer}.{digits}" if "-" not in digits else None


def _plain_number(printed: str, negative: bool = False) -> str:
    """``1,250.50`` → ``"1250.50"``: thousands separators out, the rest as printed."""
    number = printed.replace(",", "")
    return "-" + number if negative else number


# --------------------------------------------------------------------------------------------------
# One quantity (the spec's op / number / unit)
# --------------------------------------------------------------------------------------------------


def _is_date(number: str, unit: str, label: str, tail_words: str) -> bool:
    """True when the figure is a calendar date, month or year rather than a quantity."""
    if label.endswith("第"):
        return True  # an ordinal (第3季度) is not a quantity
    if unit.startswith("年") and len(number) == 4 and number.isdigit():
        return True
    if unit.startswith("月") and number.isdigit() and 1 <= int(number) <= 12:
        return True  # 3月, 3月内: a calendar month; a span of months is written 3个月
    if unit.startswith(("日", "号")) and label.endswith("月"):
        return True
    is_time_unit = unit.removeprefix("个")[:1] in _TIME_UNITS
    return is_time_unit and bool(_DATE_SUFFIX.match(tail_words))


def _split_unit(segment: str) -> tuple[str, str | None, str]:
    """Split the text after the figure into (unit, op from a suffix word, words after that)."""
    match = _SUFFIX_OP_RE.search(segment)
    if match:
        return segment[: match.start()], _SUFFIX_OPS[match.group()], segment[match.end() :]
    for word in ("之内", "内"):
        index = segment.find(word)
        if index > 0 and segment[:index] in _DURATION_UNITS:
            return segment[:index], "<=", segment[index + len(word) :]
    for index in range(len(segment)):  # a date word (前, 底 …) right after a time unit ends the unit
        if segment[index] in "前底末初止" and index > 0 and segment[index - 1] in "年月日号季周时点":
            return segment[:index], None, segment[index:]
        if segment.startswith(("以前", "之前"), index) and index > 0:
            return segment[:index], None, segment[index:]
    return segment, None, ""


def _has_cn_figure(text: str) -> bool:
    return bool(_CN_QUANTITY.search(text) or _CN_ZERO.search(text))


def _one_quantity(text: str) -> tuple[str, str, str] | None:
    """The spec's reading of a cell that states one quantity in Arabic digits, else None."""
    runs = _DIGIT_RUN.findall(text)
    if len(runs) != 1:
        return None
    match = _SIGNED.search(text)
    if match is None:  # pragma: no cover - findall found a run
        return None
    prefix = text[: match.start()]
    negative = match.group("sign") is not None
    op_match = _PREFIX_OP_RE.search(prefix, max(0, len(prefix) - _LONGEST_OP))
    op = _PREFIX_OP[op_match.group()] if op_match else None
    label = prefix[: op_match.start()] if op_match else prefix
    if negative and label and not op_match:
        label, negative = label + "-", False  # a dash inside a label is not a sign
    if _CLAUSE_BREAK.search(label) or label.endswith(("-", "~")) or _has_cn_figure(label):
        return None  # a second statement or a range before the figure
    if _FORMULA.search(label) or (label[-1:].isascii() and (label[-1:].isalpha() or label[-1:] == ".")):
        return None  # a formula (…÷…×100%), a code (A0201) or a broken decimal (.5) is not a target quantity
    after = text[match.end() :]
    if after[:1] in ("余", "多"):  # 10余次: more than ten
        op, after = op or ">", after[1:]
    end = _UNIT_END.search(after)
    segment, trailer = (after[: end.start()], after[end.start() :]) if end else (after, "")
    unit, suffix_op, tail_words = _split_unit(segment)
    number = match.group("num")
    if _is_date(number, unit, label, tail_words):
        return None
    if tail_words and (_has_cn_figure(tail_words) or _DATE_SUFFIX.match(tail_words)):
        return None
    if suffix_op is not None:
        if op is not None and op != suffix_op:
            return None  # ≥95%以内 contradicts itself
        op = suffix_op
    inclusive = _INCLUSIVE.match(trailer)
    if inclusive and not suffix_op and not tail_words:  # 95%（含）以上
        suffix_op, trailer = _SUFFIX_OPS[inclusive.group("word")], trailer[inclusive.end() :]
        if op is not None and op != suffix_op:
            return None
        op = suffix_op
    if not _TRAILER.fullmatch(trailer):
        return None
    return op or "=", _plain_number(number, negative), unit


_CN_WHOLE = re.compile(
    r"(?P<op>" + "|".join(re.escape(w) for w, _ in _PREFIX_OPS) + r")?"
    r"(?:百分之(?P<pct>" + _CN_RUN + r"|百)|(?P<cn>" + _CN_RUN + r")(?P<measure>" + _MEASURE_RE + r"))"
    r"(?P<suffix>及以上|或以上|以上|及以下|或以下|以下|以内|之内|内)?"
)


def _cn_quantity(text: str) -> tuple[str, str, str] | None:
    """A cell written wholly as a Chinese-numeral quantity: 百分之九十五, 两次, 不低于百分之九十五."""
    match = _CN_WHOLE.fullmatch(_CLOSING.sub("", text[::-1], count=1)[::-1])
    if match is None:
        return None
    number = _cn_to_decimal(match.group("pct") or match.group("cn"))
    if number is None:
        return None
    unit = "%" if match.group("pct") else match.group("measure")
    suffix = match.group("suffix")
    if suffix == "内" and unit not in _DURATION_UNITS:
        return None
    if _is_date(number, unit, "", suffix or ""):
        return None
    op = _PREFIX_OP.get(match.group("op") or "")
    suffix_op = _SUFFIX_OPS.get(suffix or "", "<=" if suffix else None)
    if op and suffix_op and op != suffix_op:
        return None
    return op or suffix_op or "=", number, unit


# --------------------------------------------------------------------------------------------------
# Deadlines
# --------------------------------------------------------------------------------------------------

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
    + _CN_RUN
    + r")(?P<unit>个工作日|工作日|个自然日|自然日|个月|个小时|小时|分钟|"
    r"个季度|季度|个星期|星期|天|日|周|年)(?P<within>内|以内|之内)"
)
_TIME_HINT = re.compile(r"[年月日号季周天内底末前半时]|[0-9][-/.][0-9]{1,2}[-/.][0-9]")
_EVERY = {"季度": "季", "星期": "周", "年度": "年", "天": "日"}


def _valid_day(month: str | None, day: str | None) -> bool:
    return (month is None or 1 <= int(month) <= 12) and (day is None or 1 <= int(day) <= 31)


def _month_end(year: int | None, month: int) -> int:
    return calendar.monthrange(year or 2001, month)[1]  # 2001: not a leap year


def _find_date(text: str) -> Deadline | None:
    """The last calendar date the cell names, when the date is what the cell is about."""
    found: Deadline | None = None
    last_year: str | None = None
    only_a_year = _DIGIT_RUN.sub("", text).strip("年度。.") in ("", "完成")
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
        every=_EVERY.get(every, every),
        month=month,
        day=day,
        text=match.group(),
    )


def _period_end(text: str) -> Deadline | None:
    match = _PERIOD_END.search(text)
    if match is None:
        return None
    return Deadline(
        kind="recurring", op="<=", every=_EVERY.get(match.group("every"), match.group("every")), text=match.group()
    )


def _duration(text: str) -> Deadline | None:
    match = _DURATION.search(text)
    if match is None:
        return None
    amount = match.group("amount")
    amount = amount if amount[0].isdigit() else _cn_to_decimal(amount)
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


def _find_deadline(text: str) -> Deadline | None:
    if not _TIME_HINT.search(text):
        return None
    for finder in _DEADLINE_FINDERS:
        deadline = finder(text)
        if deadline is not None:
            return deadline
    return None


# --------------------------------------------------------------------------------------------------
# Parts (every figure of a cell the spec's fields cannot express)
# --------------------------------------------------------------------------------------------------

_PART = re.compile(
    # not figures: ISO dates and times, codes (A0201, PM2.5), enumerators (1、 2. （3）)
    r"(?P<skip>(?<![0-9])(?:19|20)[0-9]{2}[-/.][0-9]{1,2}[-/.][0-9]{1,2}(?: ?[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?"
    r"|(?<=[A-Za-z])[0-9]+(?:\.[0-9]+)?"
    r"|(?:^|(?<=[,;，；。:：]))(?:[0-9]{1,2}[、.]|[(（][0-9]{1,2}[)）])(?![0-9])"
    r"|(?<=[\u4e00-\u9fff])[0-9]{1,2}\.(?=[\u4e00-\u9fff])"
    r"|(?:19|20)[0-9]{2}(?:-(?:19|20)?[0-9]{2})?(?:年|全年)(?:度)?(?:[0-9]{1,2}(?:-[0-9]{1,2})?月(?:份)?"
    r"(?:[0-9]{1,2}[日号])?)?|(?<![0-9.])[0-9]{1,2}(?:-[0-9]{1,2})?月(?:份)?(?:[0-9]{1,2}[日号])?(?![0-9])"
    r"|(?<=月)[0-9]{1,2}[日号])"
    r"|(?P<freq>(?:每|一)(?:年度|年|季度|季|月|周|星期|天|日)(?:[0-9]+|" + _CN_RUN + r")次)"
    r"|(?P<num>" + _NUMBER + r")(?P<more>余|多)?(?:(?P<unit1>%|‰)?(?:-|~|至|到)(?P<upper>" + _NUMBER + r"))?"
    r"|百分之(?P<pct>" + _CN_RUN + r"|百)"
    r"|(?P<cn>" + _CN_RUN + r")(?P<measure>" + _MEASURE_RE + r")(?![性分])"
    r"|" + _CN_ZERO.pattern.replace("(?P<noun>", "(?P<zero_noun>")
)
# In parts (beyond the spec) the unit is the unit word only: 大于90%得满分 → %, not %得满分.
_UNIT_WORDS = _words(
    "个百分点 百分点 个工作日 工作日 个自然日 自然日 个月 个小时 小时 分钟 秒 季度 人次 户次 件次 辆次 架次 台套 平方公里 平方米 立方米 "
    "公里 千米 米 千克 公斤 克 吨 亩 元 人 户 件 次 个 项 类 家 条 份 场 期 批 篇 名 位 所 座 台 套 辆 轮 本 处 种 天 日 周 月 年 倍 张 "
    "部 间 册 门 组 队 村 例 笔 版 幅 栋 块 棵 株 头 只 盏 起 分 级 床 课时 学时"
)
_UNIT_ALTERNATIVES = "|".join(sorted(_UNIT_WORDS, key=len, reverse=True))
_UNIT_WORD = re.compile(
    rf"%|‰|℃|[A-Za-z]+(?:/[A-Za-z0-9]+)?|(?:[万亿千百十])?(?:微克|毫克)?(?:{_UNIT_ALTERNATIVES})(?:/(?:{_UNIT_ALTERNATIVES}))?"
)
_LABEL_BREAK = re.compile(r".*[,;、，；。 ]")
_LABEL_TRIM = ":：-~ ()（）[]【】〔〕"


def _part_op(label: str) -> tuple[str, str | None]:
    match = _PREFIX_OP_RE.search(label, max(0, len(label) - _LONGEST_OP))
    if match:
        return label[: match.start()], _PREFIX_OP[match.group()]
    return label, None


def _read_figure(text: str, match: re.Match[str], op: str | None) -> tuple[ValuePart, int] | None:
    """The figure a ``_PART`` match found (label left empty) and where its unit ends."""
    end = match.end()
    upper: str | None = None
    unit: str | None
    if match.group("num"):
        number: str | None = _plain_number(match.group("num"))
        following = _PART.search(text, end)
        limit = following.start() if following else len(text)
        stop = _UNIT_END.search(text, end, limit)
        segment = text[end : stop.start() if stop else limit]
        unit_text, suffix_op, words_after = _split_unit(segment)
        unit_word = _UNIT_WORD.match(unit_text)
        if unit_word and unit_word.end() < len(unit_text):
            unit_text, suffix_op = unit_word.group(), None
            end += unit_word.end()
        else:
            end += len(segment) - len(words_after)
        if match.group("upper"):
            upper, op = _plain_number(match.group("upper")), None
            unit = unit_text or match.group("unit1") or None
        else:
            unit = unit_text or None
            if suffix_op and (suffix_op != "=" or not op):  # 左右 (about) does not undo a printed ≥
                op = suffix_op
            op = op or (">" if match.group("more") else "=")
    elif match.group("freq"):
        frequency = _FREQUENCY.fullmatch(match.group())
        if frequency is None:  # pragma: no cover - _PART's freq branch is _FREQUENCY
            return None
        count, period = frequency.group("count"), frequency.group("period")
        number = count if count[0].isdigit() else _cn_to_decimal(count)
        unit, op = f"次/{_EVERY.get(period, period)}", op or "="
    elif match.group("pct"):
        number, unit, op = _cn_to_decimal(match.group("pct")), "%", op or "="
    elif match.group("cn"):
        number, unit, op = _cn_to_decimal(match.group("cn")), match.group("measure"), op or "="
    else:  # 零投诉: none of them
        number, unit, op = "0", None, "="
    if number is None:
        return None
    return ValuePart(op=op, number=number, upper=upper, unit=unit, text=""), end


def _find_parts(text: str) -> list[ValuePart]:
    """Every figure in the cell with the label before it; dates are skipped (they feed ``deadline``)."""
    parts: list[ValuePart] = []
    previous_end = 0
    for match in _PART.finditer(text):
        if match.group("skip"):
            previous_end = match.end()
            continue
        clause_start = _LABEL_BREAK.match(text, previous_end, match.start())
        label_start = clause_start.end() if clause_start else previous_end
        label, op = _part_op(text[label_start : match.start()])
        figure = _read_figure(text, match, op)
        if figure is None:
            continue
        part, end = figure
        part.label = match.group("zero_noun") or label.strip(_LABEL_TRIM) or None
        part.text = text[label_start:end].strip().lstrip("(（[【〔")
        parts.append(part)
        previous_end = end
    return parts


# --------------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------------


# The shapes most cells take (≥95%, 100%, 47100人, ≤3万元), read without the general machinery; a test
# holds them to the general reading.
_COMMON = re.compile(
    r"(?P<op>>=|<=|[≥≤><=≧≦])?(?P<number>(?:0|[1-9][0-9]*)(?:\.[0-9]+)?)"
    r"(?P<unit>%|人次|万人|万元|元/人|人|元|家|项|条|个|份|件|台|套|名|所|户|篇|期|场|次)?"
)


# Values repeat across millions of indicators (≥95%, 100%); long cells are rare and not worth keeping.
_CACHED_LENGTH = 200


@lru_cache(maxsize=65536)
def _parse(text: str) -> ParsedValue:
    common = _COMMON.fullmatch(text)
    if common is not None:
        return ParsedValue(
            op=_PREFIX_OP[common.group("op")] if common.group("op") else "=",
            number=common.group("number"),
            unit=common.group("unit"),
        )
    return _read(text)


def _read(text: str) -> ParsedValue:
    """The general reading of a cell (see the module's docstring)."""
    normal = _normalise(text)
    if not normal:
        return _EMPTY
    quantity = _one_quantity(normal) or (None if _DIGIT_RUN.search(normal) else _cn_quantity(normal))
    deadline = _find_deadline(normal)
    if quantity is not None:
        op, number, unit = quantity
        if deadline is not None and deadline.kind == "duration" and unit.removeprefix("个") != deadline.unit:
            deadline = None
        elif deadline is None and unit in _DURATION_UNITS:
            deadline = Deadline(kind="duration", op=op, amount=number, unit=unit.removeprefix("个"), text=normal)
        return ParsedValue(op=op, number=number, unit=unit or None, deadline=deadline)
    return ParsedValue(parts=_find_parts(normal), deadline=deadline)


def parse_value(text: str | None) -> ParsedValue:
    """Read a printed target value by the interchange spec's rule.

    >>> reading = parse_value("≥4550人次")
    >>> reading.op, reading.number, reading.unit
    ('>=', '4550', '人次')
    >>> parse_value("《=858.5万（预算数）").unit
    '万'
    >>> parse_value("2024年12月31日之前").op is None
    True
    """
    if not text or not isinstance(text, str):
        return _EMPTY
    return _parse(text) if len(text) <= _CACHED_LENGTH else _read(text)


_QUALITATIVE = ("定性", "定性指标")


def parse_columns(nature: str | None, value: str | None, unit: str | None) -> ParsedValue:
    """Read a Chongqing-style row: op from 指标性质, number from 指标值, unit from 度量单位.

    A 定性 row is not parsed. When 指标性质 holds no comparator (empty, ``定量``), the value cell is read on
    its own and the unit column fills in a missing unit.
    """
    nature_text = _normalise(nature) if isinstance(nature, str) else ""
    unit_text = unit.strip() if isinstance(unit, str) and unit.strip() else None
    if nature_text in _QUALITATIVE:
        return _EMPTY
    op = _PREFIX_OP.get(nature_text)
    from_value = parse_value(value)
    if op is None:
        if from_value.number is not None and from_value.unit is None and unit_text:
            return ParsedValue(op=from_value.op, number=from_value.number, unit=unit_text, deadline=from_value.deadline)
        return from_value
    if from_value.number is None:
        return ParsedValue(parts=from_value.parts, deadline=from_value.deadline)
    unit_out = unit_text or from_value.unit
    deadline = from_value.deadline
    if unit_out and unit_out in _DURATION_UNITS:
        amount, duration_unit = from_value.number, unit_out.removeprefix("个")
        deadline = Deadline(kind="duration", op=op, amount=amount, unit=duration_unit, text=f"{value}{unit_out}")
    return ParsedValue(op=op, number=from_value.number, unit=unit_out, deadline=deadline)
