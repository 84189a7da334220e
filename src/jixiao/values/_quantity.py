"""One quantity: the interchange spec's ``op`` / ``number`` / ``unit`` of a cell that states exactly one."""

from __future__ import annotations

import re

from jixiao.values._lexicon import (
    CLAUSE_BREAK,
    CLOSING,
    CN_QUANTITY,
    CN_RUN,
    CN_ZERO,
    DATE_SUFFIX,
    DIGIT_RUN,
    DURATION_UNITS,
    FORMULA,
    INCLUSIVE,
    LONGEST_OP,
    MEASURE_RE,
    PREFIX_OP,
    PREFIX_OP_RE,
    PREFIX_OPS,
    SIGNED,
    SUFFIX_OP_RE,
    SUFFIX_OPS,
    TIME_UNITS,
    TRAILER,
    UNIT_END,
    cn_to_decimal,
    plain_number,
)


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
    is_time_unit = unit.removeprefix("个")[:1] in TIME_UNITS
    return is_time_unit and bool(DATE_SUFFIX.match(tail_words))


def split_unit(segment: str) -> tuple[str, str | None, str]:
    """Split the text after the figure into (unit, op from a suffix word, words after that)."""
    match = SUFFIX_OP_RE.search(segment)
    if match:
        return segment[: match.start()], SUFFIX_OPS[match.group()], segment[match.end() :]
    for word in ("之内", "内"):
        index = segment.find(word)
        if index > 0 and segment[:index] in DURATION_UNITS:
            return segment[:index], "<=", segment[index + len(word) :]
    for index in range(len(segment)):  # a date word (前, 底 …) right after a time unit ends the unit
        if segment[index] in "前底末初止" and index > 0 and segment[index - 1] in "年月日号季周时点":
            return segment[:index], None, segment[index:]
        if segment.startswith(("以前", "之前"), index) and index > 0:
            return segment[:index], None, segment[index:]
    return segment, None, ""


def _has_cn_figure(text: str) -> bool:
    return bool(CN_QUANTITY.search(text) or CN_ZERO.search(text))


def one_quantity(text: str) -> tuple[str, str, str] | None:
    """The spec's reading of a cell that states one quantity in Arabic digits, else None."""
    runs = DIGIT_RUN.findall(text)
    if len(runs) != 1:
        return None
    match = SIGNED.search(text)
    if match is None:  # pragma: no cover - findall found a run
        return None
    prefix = text[: match.start()]
    negative = match.group("sign") is not None
    op_match = PREFIX_OP_RE.search(prefix, max(0, len(prefix) - LONGEST_OP))
    op = PREFIX_OP[op_match.group()] if op_match else None
    label = prefix[: op_match.start()] if op_match else prefix
    if negative and label and not op_match:
        label, negative = label + "-", False  # a dash inside a label is not a sign
    if CLAUSE_BREAK.search(label) or label.endswith(("-", "~")) or _has_cn_figure(label):
        return None  # a second statement or a range before the figure
    if FORMULA.search(label) or (label[-1:].isascii() and (label[-1:].isalpha() or label[-1:] == ".")):
        return None  # a formula (…÷…×100%), a code (A0201) or a broken decimal (.5) is not a target quantity
    after = text[match.end() :]
    if after[:1] in ("余", "多"):  # 10余次: more than ten
        op, after = op or ">", after[1:]
    end = UNIT_END.search(after)
    segment, trailer = (after[: end.start()], after[end.start() :]) if end else (after, "")
    unit, suffix_op, tail_words = split_unit(segment)
    number = match.group("num")
    if _is_date(number, unit, label, tail_words):
        return None
    if tail_words and (_has_cn_figure(tail_words) or DATE_SUFFIX.match(tail_words)):
        return None
    if suffix_op is not None:
        if op is not None and op != suffix_op:
            return None  # ≥95%以内 contradicts itself
        op = suffix_op
    inclusive = INCLUSIVE.match(trailer)
    if inclusive and not suffix_op and not tail_words:  # 95%（含）以上
        suffix_op, trailer = SUFFIX_OPS[inclusive.group("word")], trailer[inclusive.end() :]
        if op is not None and op != suffix_op:
            return None
        op = suffix_op
    if not TRAILER.fullmatch(trailer):
        return None
    return op or "=", plain_number(number, negative), unit


_CN_WHOLE = re.compile(
    r"(?P<op>" + "|".join(re.escape(w) for w, _ in PREFIX_OPS) + r")?"
    r"(?:百分之(?P<pct>" + CN_RUN + r"|百)|(?P<cn>" + CN_RUN + r")(?P<measure>" + MEASURE_RE + r"))"
    r"(?P<suffix>及以上|或以上|以上|及以下|或以下|以下|以内|之内|内)?"
)


def cn_quantity(text: str) -> tuple[str, str, str] | None:
    """A cell written wholly as a Chinese-numeral quantity: 百分之九十五, 两次, 不低于百分之九十五."""
    match = _CN_WHOLE.fullmatch(CLOSING.sub("", text[::-1], count=1)[::-1])
    if match is None:
        return None
    number = cn_to_decimal(match.group("pct") or match.group("cn"))
    if number is None:
        return None
    unit = "%" if match.group("pct") else match.group("measure")
    suffix = match.group("suffix")
    if suffix == "内" and unit not in DURATION_UNITS:
        return None
    if _is_date(number, unit, "", suffix or ""):
        return None
    op = PREFIX_OP.get(match.group("op") or "")
    suffix_op = SUFFIX_OPS.get(suffix or "", "<=" if suffix else None)
    if op and suffix_op and op != suffix_op:
        return None
    return op or suffix_op or "=", number, unit
