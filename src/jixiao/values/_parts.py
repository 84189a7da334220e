"""Parts: every figure of a cell that the spec's three fields cannot express, with the label before it."""

from __future__ import annotations

import re

from jixiao.model import ValuePart
from jixiao.values._deadlines import EVERY
from jixiao.values._lexicon import (
    CN_RUN,
    CN_ZERO,
    FREQUENCY,
    LONGEST_OP,
    MEASURE_RE,
    NUMBER,
    PREFIX_OP,
    PREFIX_OP_RE,
    UNIT_END,
    WORD_BREAK,
    cn_to_decimal,
    plain_number,
    word_list,
)
from jixiao.values._quantity import split_unit

_PART = re.compile(
    # not figures: ISO dates and times, codes (A0201, PM2.5), enumerators (1、 2. （3）)
    r"(?P<skip>(?<![0-9])(?:19|20)[0-9]{2}[-/.][0-9]{1,2}[-/.][0-9]{1,2}(?: ?[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?"
    r"|(?<=[A-Za-z])[0-9]+(?:\.[0-9]+)?"
    r"|(?:^|(?<=[,;，；。:：]))(?:[0-9]{1,2}[、.]|[(（][0-9]{1,2}[)）])(?![0-9])"
    r"|(?<=[\u4e00-\u9fff])[0-9]{1,2}\.(?=[\u4e00-\u9fff])"
    r"|(?:19|20)[0-9]{2}(?:-(?:19|20)?[0-9]{2})?(?:年|全年)(?:度)?(?:[0-9]{1,2}(?:-[0-9]{1,2})?月(?:份)?"
    r"(?:[0-9]{1,2}[日号])?)?|(?<![0-9.])[0-9]{1,2}(?:-[0-9]{1,2})?月(?:份)?(?:[0-9]{1,2}[日号])?(?![0-9])"
    r"|(?<=月)[0-9]{1,2}[日号])"
    r"|(?P<freq>(?:每|一)(?:年度|年|季度|季|月|周|星期|天|日)(?:[0-9]+|" + CN_RUN + r")次)"
    r"|(?P<num>" + NUMBER + r")(?P<more>余|多)?(?:(?P<unit1>%|‰)?(?:-|~|至|到)(?P<upper>" + NUMBER + r"))?"
    r"|百分之(?P<pct>" + CN_RUN + r"|百)"
    r"|(?P<cn>" + CN_RUN + r")(?P<measure>" + MEASURE_RE + r")(?![性分])"
    r"|" + CN_ZERO.pattern.replace("(?P<noun>", "(?P<zero_noun>")
)
# In parts (beyond the spec) the unit is the unit word only: 大于90%得满分 → %, not %得满分.
_UNIT_WORDS = word_list(
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
    match = PREFIX_OP_RE.search(label, max(0, len(label) - LONGEST_OP))
    if match:
        return label[: match.start()], PREFIX_OP[match.group()]
    return label, None


def _printed_length(printed: str, length: int) -> int:
    """How much of ``printed`` holds its first ``length`` characters once word breaks are taken out."""
    seen = 0
    for index, char in enumerate(printed):
        if seen == length:
            return index
        if char != WORD_BREAK:
            seen += 1
    return len(printed)


def _read_figure(text: str, match: re.Match[str], op: str | None) -> tuple[ValuePart, int] | None:
    """The figure a ``_PART`` match found (label left empty) and where its unit ends."""
    end = match.end()
    upper: str | None = None
    unit: str | None
    if match.group("num"):
        number: str | None = plain_number(match.group("num"))
        following = _PART.search(text, end)
        limit = following.start() if following else len(text)
        stop = UNIT_END.search(text, end, limit)
        printed = text[end : stop.start() if stop else limit]
        segment = printed.replace(WORD_BREAK, "")
        unit_text, suffix_op, words_after = split_unit(segment)
        unit_word = _UNIT_WORD.match(unit_text)
        if unit_word and unit_word.end() < len(unit_text):
            unit_text, suffix_op = unit_word.group(), None
            end += _printed_length(printed, unit_word.end())
        else:
            end += _printed_length(printed, len(segment) - len(words_after))
        if match.group("upper"):
            upper, op = plain_number(match.group("upper")), None
            unit = unit_text or match.group("unit1") or None
        else:
            unit = unit_text or None
            if suffix_op and (suffix_op != "=" or not op):  # 左右 (about) does not undo a printed ≥
                op = suffix_op
            op = op or (">" if match.group("more") else "=")
    elif match.group("freq"):
        frequency = FREQUENCY.fullmatch(match.group())
        if frequency is None:  # pragma: no cover - _PART's freq branch is FREQUENCY
            return None
        count, period = frequency.group("count"), frequency.group("period")
        number = count if count[0].isdigit() else cn_to_decimal(count)
        unit, op = f"次/{EVERY.get(period, period)}", op or "="
    elif match.group("pct"):
        number, unit, op = cn_to_decimal(match.group("pct")), "%", op or "="
    elif match.group("cn"):
        number, unit, op = cn_to_decimal(match.group("cn")), match.group("measure"), op or "="
    else:  # 零投诉: none of them
        number, unit, op = "0", None, "="
    if number is None:
        return None
    return ValuePart(op=op, number=number, upper=upper, unit=unit, text=""), end


def find_parts(text: str) -> list[ValuePart]:
    """Every figure in the cell with the label before it; dates are skipped (they feed ``deadline``)."""
    parts: list[ValuePart] = []
    previous_end = 0
    for match in _PART.finditer(text):
        if match.group("skip"):
            previous_end = match.end()
            continue
        clause_start = _LABEL_BREAK.match(text, previous_end, match.start())
        label_start = clause_start.end() if clause_start else previous_end
        label, op = _part_op(text[label_start : match.start()].replace(WORD_BREAK, ""))
        figure = _read_figure(text, match, op)
        if figure is None:
            continue
        part, end = figure
        part.label = match.group("zero_noun") or label.strip(_LABEL_TRIM) or None
        part.text = text[label_start:end].replace(WORD_BREAK, "").strip().lstrip("(（[【〔")
        parts.append(part)
        previous_end = end
    return parts
