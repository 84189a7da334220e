"""Precompiled patterns and small text helpers shared by the rules (no value parsing here: that is
:mod:`jixiao.values`; these only classify words)."""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = [
    "COUNT_UNITS",
    "DATE_WORDS",
    "DOC_REF",
    "MONEY_FACTORS",
    "MONEY_IN_TEXT",
    "ODD_COMPARATOR",
    "ODD_COMPARATORS",
    "PERCENT_FIGURE",
    "PER_UNIT_NAME",
    "SENTENCE_MARK",
    "SENTENCE_PUNCT",
    "SENTENCE_PUNCT_CHARS",
    "STATEMENT_HEAD_REVERSED",
    "TASK_VERBS",
    "TOTAL_COST_NAME",
    "VAGUE_WORDS",
    "YEAR",
    "YEAR_RANGE",
    "key",
    "key_uncached",
    "money_factor",
    "not_applicable",
]

# 元 per unit (float is enough for comparisons; exact sums use Decimal in the funds rules).
MONEY_FACTORS: dict[str, float] = {"元": 1.0, "千元": 1e3, "万元": 1e4, "万": 1e4, "亿元": 1e8, "亿": 1e8}

COUNT_UNITS = frozenset(
    {"人", "人次", "家", "次", "个", "份", "条", "项", "户", "件", "场", "期", "批", "名", "万人", "人数"}
)

_PUNCT_CHARS = " \t\r\n\u3000，。；：、,.;:!?！？“”\"'‘’（）()【】[]《》〔〕<>-—…·/"
# Deleting with a character-class regex is ~2.5x faster than str.translate on CJK text (translate looks
# every character up in a dict); the result is the same: every character of _PUNCT_CHARS removed.
_PUNCT = re.compile("[" + re.escape(_PUNCT_CHARS) + "]+")
_TRAILING_NOTE = re.compile(r"[（(][^（）()]{0,12}[）)]$")


def key(text: str | None) -> str:
    """A comparison key: no trailing note such as ``（%）``, no white space or punctuation."""
    if not text:
        return ""
    return _key(text)


def key_uncached(text: str | None) -> str:
    """:func:`key` without the memo, for callers that keep their own per-text cache (the facts cache):
    a second memo there only costs an insertion and an eviction per new text."""
    if not text:
        return ""
    if text.isalnum():
        # No character of _PUNCT_CHARS, white space or bracket is a letter or digit: nothing to remove. Most
        # names and descriptions (85 % on the check bench) take this path, one C loop instead of a regex
        # substitution (~3,500 instructions on a 15-character name).
        return text
    text = text.strip()
    if text[-1:] in ("）", ")"):
        text = _TRAILING_NOTE.sub("", text)
    return _PUNCT.sub("", text)


# 8,192 texts, like the rules' other per-text memos: the callers read goals, purposes and descriptions, long
# texts; 65,536 of them held tens of MiB on distinct documents, where a memo hits nothing anyway.
_key = lru_cache(maxsize=8_192)(key_uncached)


def money_factor(unit: str | None) -> tuple[float | None, str | None]:
    """(元 per unit, per-what denominator) for a money unit such as ``万元`` or ``元/人``; (None, None) otherwise."""
    if not unit:
        return None, None
    base, _, per = unit.partition("/")
    factor = MONEY_FACTORS.get(base.strip())
    if factor is None:
        return None, None
    return factor, (per.strip() or None)


# Comparators printed in a non-standard way (rules.md §9.2) and their standard form.
ODD_COMPARATORS = {"《=": "≤", "=《": "≤", "》=": "≥", "=》": "≥", "≧": "≥", "≦": "≤", "=<": "≤", "=>": "≥"}
ODD_COMPARATOR = re.compile("|".join(re.escape(k) for k in ODD_COMPARATORS))
MONEY_IN_TEXT = re.compile(r"\d(?:[\d,.]*)\s*(?:亿元|万元|千元|元|万(?![人户次个家件]))")
DATE_WORDS = re.compile(
    r"\d{4}\s*年|\d{1,2}\s*月|\d{1,2}\s*日|月底|月末|月初|年底|年末|年初|年中|季末|季度|上半年|下半年|每[年季月周日天]|次月|"
    r"工作日|日内|天内|小时|之前|以前|及时率|完成率|办结率|即时|实时|当日|当天|当月|当年"
)
YEAR = re.compile(r"(\d{4})\s*年")
YEAR_RANGE = re.compile(r"(\d{4})\s*[-—~至到]\s*(\d{4})\s*年?")
PER_UNIT_NAME = re.compile(r"均价|单价|人均|均值|平均|每人|每户|每次|每台|每件|单位成本|标准")
TOTAL_COST_NAME = re.compile(r"总成本|项目成本|总投入|总额|预算|资金|经费|费用|支出|金额")
DOC_REF = re.compile(r"[\u4e00-\u9fff]{1,10}\s*[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号|《[^》]{4,}》")
VAGUE_WORDS = re.compile(r"有效|提高|提升|加强|明显|显著|稳步|逐步|进一步|确保|保障|有所|改善|增强|促进|维持|正常")
TASK_VERBS = re.compile(r"做好|确保|开展|落实|推进|加强|探索|严格")
SENTENCE_PUNCT_CHARS = "，。；;,"
SENTENCE_PUNCT = re.compile("[" + SENTENCE_PUNCT_CHARS + "]")
# A task verb or a sentence mark (what makes a name read as a sentence, rule R22), every branch a literal: re
# then skips to the positions where one of their first characters stands (a character-class branch disables
# that skip: ~2.8 times the instructions per name).
SENTENCE_MARK = re.compile("|".join([TASK_VERBS.pattern, *map(re.escape, SENTENCE_PUNCT_CHARS)]))
OPS = {
    ">=": ">=",
    "≥": ">=",
    "≧": ">=",
    "不低于": ">=",
    "不少于": ">=",
    "达到": ">=",
    "<=": "<=",
    "≤": "<=",
    "≦": "<=",
    "不超过": "<=",
    "不高于": "<=",
    ">": ">",
    "＞": ">",
    "<": "<",
    "＜": "<",
    "=": "=",
    "＝": "=",
    "为": "=",
    "在": "=",
}

# A quantified statement with a percentage in a goal text: 医保网安全正常使用率=100%, 满意度≥95%, 覆盖率100%.
# Found from the figure (PERCENT_FIGURE) backwards: STATEMENT_HEAD_REVERSED is matched, anchored, against the
# reversed text just before the figure (an optional comparator, then a label ending in 率/度/比例), which
# costs one anchored match per figure instead of a search with backtracking.
PERCENT_FIGURE = re.compile(r"(?P<num>\d+(?:\.\d+)?)\s*(?:%|％)(?P<after>以上|以下|以内)?")
STATEMENT_HEAD_REVERSED = re.compile(
    r"\s*(?P<op>"
    + "|".join(re.escape(op[::-1]) for op in sorted(OPS, key=len, reverse=True))
    + r")?\s*(?P<label>(?:率|度|例比)[\u4e00-\u9fffA-Za-z]{1,28})"
)


# What a row prints where nothing applies (a group the project has no indicator in): 无, 不适用, 不涉及, a dash.
NOT_APPLICABLE = frozenset({"无", "不适用", "不涉及", "无此项", "/", "-", "--", "—", "——"})


def not_applicable(name: str | None, value: str | None) -> bool:
    """A row printing 无 / 不适用 as its value or its name (不适用生态效益指标): nothing to judge as a value."""
    name_text, value_text = (name or "").strip(), (value or "").strip()
    return value_text in NOT_APPLICABLE or name_text in NOT_APPLICABLE or name_text.startswith("不适用")
