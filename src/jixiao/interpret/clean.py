"""The interchange spec's text cleaning, and the few readings of printed text every part needs.

Cleaning removes conversion artefacts and folds white space; it rewrites nothing else (brackets,
full-width punctuation and typos stay as printed).
"""

from __future__ import annotations

import re

from jixiao.interpret.labels import MONEY_UNITS

__all__ = ["clean", "ref_span", "split_amount", "split_code", "split_items", "strip_enumerator"]

_ARTEFACTS = re.compile(r"\[bookmark:[^\]]*\]|</?p\s*>|<br\s*/?>", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_MAX_WRAPPED_LABEL = 40
_CJK_WRAP = re.compile(r"(?<=[\u4e00-\u9fff])[ \t]*\n[ \t]*(?=[\u4e00-\u9fff])")
# 1. 1、 1． （一） (1) 一、 ① — a list item's printed number (not a figure such as 1.5)
_ENUMERATOR = re.compile(
    r"^(?:\d{1,3}\s*[.、．](?!\d*%)|[（(]\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[）)]|[一二三四五六七八九十]{1,3}\s*、|[①-⑳])\s*"
)
_AMOUNT = re.compile(r"^([-+]?[\d,，]*\.?\d*)\s*(亿元|万元|千元|元|万)?$")
_CODE_NAME = re.compile(r"^([0-9A-Za-z]{3,})\s*[-－—–]?\s*([^\W\d_(（].*|[(（].*)$", re.DOTALL)
_SPAN = " – "
_LINE_REF = re.compile(r"^lines? (\d+)(?:-(\d+))?$")


def clean(text: str | None) -> str:
    """Remove artefacts, keep every run of white space (line breaks included) as one space, trim; in a text as
    short as a label, a line break between two Chinese characters is a wrap inside a word (服务对象满意度\n指标)
    and leaves none."""
    if not text:
        return ""
    if text.isprintable() and "  " not in text and "<" not in text and "[" not in text and text[0] != " " != text[-1]:
        return text  # already clean (isprintable is False for every space but " ", and for line breaks)
    if "\n" in text and len(text) <= _MAX_WRAPPED_LABEL:  # a label's wrap; a longer text's break may be a new line
        text = _CJK_WRAP.sub("", text)
    return _SPACE.sub(" ", _ARTEFACTS.sub("", text)).strip()


def strip_enumerator(text: str) -> str:
    """``1.为财政…`` → ``为财政…``; ``（一）持续…`` → ``持续…``; other text unchanged."""
    return _ENUMERATOR.sub("", text, count=1)


def has_enumerator(text: str) -> bool:
    return bool(_ENUMERATOR.match(text.strip()))


def split_items(text: str) -> list[str]:
    """A goal cell as list items: a new item at each line starting with an enumerator."""
    items: list[list[str]] = []
    for line in _ARTEFACTS.sub("", text).split("\n"):
        if not line.strip():
            continue
        if not items or has_enumerator(line):
            items.append([line.strip()])
        else:
            items[-1].append(line.strip())
    out = [strip_enumerator(clean(" ".join(item))) for item in items]
    return [item for item in out if item]


def split_amount(text: str) -> tuple[str, str | None]:
    """``2,858.5`` → (``2858.5``, None); ``170万元`` → (``170``, ``万元``); `` 万元`` → ("", ``万元``).

    Text that is not an amount comes back cleaned, unchanged otherwise.
    """
    printed = clean(text)
    match = _AMOUNT.match(printed)
    if not match:
        return printed, None
    number = match.group(1).replace(",", "").replace("，", "")
    unit = match.group(2)
    if unit == "万":
        unit = "万元"
    return number, unit if unit in MONEY_UNITS else None


def split_code(text: str) -> tuple[str | None, str]:
    """``382101天津市…`` → (``382101``, ``天津市…``); ``306001-重庆市…`` likewise; no code → (None, text)."""
    printed = clean(text)
    match = _CODE_NAME.match(printed)
    if not match or not any(ch.isdigit() for ch in match.group(1)):
        return None, printed
    return match.group(1), match.group(2).strip()


def ref_span(refs: list[str | None]) -> str | None:
    """One ref for a run of refs: ``line 12`` … ``line 58`` → ``lines 12-58``; otherwise first–last."""
    first = refs[0] if refs and refs[0] else next((ref for ref in refs if ref), None)
    if first is None:
        return None
    last = refs[-1] or next(ref for ref in reversed(refs) if ref)
    if first.startswith("line ") and last.startswith("line ") and first[5:].isdigit() and last[5:].isdigit():
        # the text reader's refs, the most common case, answered before the general splitting (for speed)
        low, high = int(first[5:]), int(last[5:])
        if low == high:
            return first
        return f"lines {low}-{high}" if low < high else f"lines {high}-{low}"
    first, last = first.split(_SPAN)[0], last.split(_SPAN)[-1]  # spans of spans: keep the ends
    if not (first.startswith("line") and last.startswith("line")):  # a sheet's or page's refs: no regex needed
        return first if first == last else f"{first}{_SPAN}{last}"
    if first.startswith("line ") and last.startswith("line ") and first[5:].isdigit() and last[5:].isdigit():
        low, high = sorted((int(first[5:]), int(last[5:])))  # the text reader's refs: the common case
        return first if low == high else f"lines {low}-{high}"
    a, b = _LINE_REF.match(first), _LINE_REF.match(last)
    if a and b:
        numbers = [int(x) for m in (a, b) for x in m.groups() if x]
        low, high = min(numbers), max(numbers)
        return f"line {low}" if low == high else f"lines {low}-{high}"
    return first if first == last else f"{first}{_SPAN}{last}"
