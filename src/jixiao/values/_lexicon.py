"""What a target value is read with: normalisation, operator words, figure patterns, Chinese numerals."""

from __future__ import annotations

import re
from functools import lru_cache

import cn2an

# Full-width digits, letters and the symbols of a figure fold to ASCII so that ``≥９５％`` reads as ``≥95%``.
# Chinese punctuation (，；：（）) stays as printed: it is matched as such and labels keep it.
_WIDTH_TABLE = {cp: cp - 0xFEE0 for cp in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))}
_WIDTH_TABLE.update(str.maketrans("％＞＜＝．／＋－～\u3000\u00a0\u2212\u2010\u2011\u2013", "%><=./+-~  ----"))
# White space in a value is layout, not meaning: PDF text breaks words (``≤5个工 作日``, ``≤120万 元``) and
# people pad operators (``≥ 95 %``). It is dropped, except between two digits, where it keeps ``95 98``
# two figures.
_DIGIT_GAP = re.compile(r"(?<=[0-9])\s+(?=[0-9])")
_LAYOUT_SPACE = re.compile(r"(?<![0-9])\s+|\s+(?![0-9])")
# Parts keep a space between two Chinese words as a soft break, so that a 零 noun (零核实投诉) stops there;
# labels and units read across it. A private-use character marks it.
WORD_BREAK = "\ue000"
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


def normalise(text: str, *, word_breaks: bool = False) -> str:
    text = text.translate(_WIDTH_TABLE).replace(WORD_BREAK, "")
    if word_breaks:
        text = _CJK_GAP.sub(WORD_BREAK, text)
    return _LAYOUT_SPACE.sub("", _DIGIT_GAP.sub(" ", text))


# --------------------------------------------------------------------------------------------------
# Operators
# --------------------------------------------------------------------------------------------------


def word_list(text: str) -> list[str]:
    """Space-separated words, so that long word tables stay readable."""
    return text.split()


# Symbols and words that come before the figure, tried longest first so that 不低于 wins over 低于.
_PREFIX_WORDS: dict[str, str] = {
    ">=": ">= => ≥ ≥= ≧ 》= 〉= ≮ 大于等于 大于或等于 高于或等于 多于或等于 不低于 不少于 不小于 不得低于 不得少于 不应低于 至少 最少",
    "<=": "<= =< ≤ ≤= ≦ 《= 〈= ≯ 小于等于 小于或等于 低于或等于 不超过 不高于 不多于 不大于 不得超过 不得高于 不应超过 不超出 最多 至多 控制在",
    ">": "> 大于 高于 超过 多于 超出",
    "<": "< 小于 低于 少于 不足",
    "=": "= == 等于",
}
PREFIX_OPS: tuple[tuple[str, str], ...] = tuple(
    sorted(
        ((word, op) for op, words in _PREFIX_WORDS.items() for word in words.split()), key=lambda item: -len(item[0])
    )
)
PREFIX_OP_RE = re.compile("(?:" + "|".join(re.escape(word) for word, _ in PREFIX_OPS) + r")$")
PREFIX_OP = dict(PREFIX_OPS)
LONGEST_OP = len(PREFIX_OPS[0][0])

# Words after the figure's unit. 内 alone counts only after a duration unit (``10个工作日内``).
# 左右 (about) is read like 约 before the figure: a label, so the figure stays ``=``.
SUFFIX_OPS: dict[str, str] = (
    {word: ">=" for word in ("及以上", "或以上", "以上")}
    | {word: "<=" for word in ("及以下", "或以下", "以下", "以内", "之内")}
    | {"左右": "="}
)
SUFFIX_OP_RE = re.compile("|".join(sorted(SUFFIX_OPS, key=len, reverse=True)))
DURATION_UNITS = frozenset(
    word_list("个工作日 工作日 个自然日 自然日 日 天 周 个星期 星期 个月 年 个小时 小时 分钟 秒 季度 个季度")
)
TIME_UNITS = ("年", "月", "日", "号", "季", "周", "时", "点")
DATE_SUFFIX = re.compile(r"(?:以前|之前|前|底|末|初|止|中旬|上旬|下旬)")

# --------------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------------

NUMBER = r"(?<![0-9])[0-9]+(?:,[0-9]{3})*(?![0-9])(?:\.[0-9]++)?"
DIGIT_RUN = re.compile(NUMBER)
# The single figure of a one-quantity cell: optional sign right after an operator or at the start.
SIGNED = re.compile(r"(?P<sign>-)?(?P<num>" + NUMBER + ")")
FORMULA = re.compile(r"[÷×]")
CLAUSE_BREAK = re.compile(r"[,;、，；]")
UNIT_END = re.compile(r"[,;、，；。.!?！？()（）\[\]【】〔〕<>《》\"“”'‘’ ]")
CLOSING = re.compile(r"[。.,;、，；!?！？ ]*+")
# What may follow the one quantity: closing punctuation, a parenthetical note ((预算数), （含）), and after
# 、 a lone period word that continues the unit (15000元/人、年 is "per person and year").
TRAILER = re.compile(
    r"(?:[。.,;，；!?！？ ]|、(?:[年月日天次人户](?![\u4e00-\u9fff])|$)|[(（\[【〔][^)）\]】〕]*+[)）\]】〕]?)*+"
)

# 95%（含）以上: the comparison word after a note that says the figure itself is included.
INCLUSIVE = re.compile(r"[(（]含[)）](?P<word>以上|以下|以内)")

# Possessive quantifiers and the look-behind keep every search linear, even on a cell of 100,000 numerals.
CN_RUN = r"(?<![零〇一二两三四五六七八九十百千万亿])[〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*+(?:点[零〇一二三四五六七八九]++)?"
_MEASURES = word_list(
    "个百分点 百分点 人次 户次 个工作日 工作日 个月 个小时 小时 分钟 季度 万元 亿元 万人 元 次 个 人 项 类 家 条 份 场 期 批 篇 件 户 名 位 所 座 台 套 "
    "辆 轮 本 处 种 天 日 周 月 年 倍 张 部 间 亩 吨 册 门 组 队 村 例 单 笔 版 幅 栋 块 颗 棵 株 头 只 盏 公里 米"
)
MEASURE_RE = "(?:" + "|".join(sorted(set(_MEASURES), key=len, reverse=True)) + ")"
# 一次性 (one-off), 一年 inside 一年二次 etc. are not quantities of their own.
CN_QUANTITY = re.compile(
    r"百分之(?P<pct>" + CN_RUN + r"|百)|(?P<cn>" + CN_RUN + r")(?P<measure>" + MEASURE_RE + r")(?![性分])"
)
CN_ZERO = re.compile(r"零(?![星售散件部钱用头时点碎])(?P<noun>[\u4e00-\u9fff]{1,6})")
FREQUENCY = re.compile(r"(?:每|一)(?P<period>年度|年|季度|季|月|周|星期|天|日)(?P<count>[0-9]+|" + CN_RUN + r")次")


@lru_cache(maxsize=4096)
def cn_to_decimal(numeral: str) -> str | None:
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


def plain_number(printed: str, negative: bool = False) -> str:
    """``1,250.50`` → ``"1250.50"``: thousands separators out, the rest as printed."""
    number = printed.replace(",", "")
    return "-" + number if negative else number
