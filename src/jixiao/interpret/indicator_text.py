"""Indicators written as text in one cell, as some project lists print them.

``1、产出指标：11-数量指标：举办培训；年度指标值：≥20场。2、效益指标：21-社会效益指标：…`` holds one
indicator per numbered item: its level 1, its level 2 (after an optional code), its name, and after a
value label (指标值, 年度指标值 …) its value. A text is read only when every item reads so; anything else
is left to the other readers (it is a goal or a note, not indicators).
"""

from __future__ import annotations

import re

from jixiao.interpret.labels import LEVEL1_TERMS, LEVEL2_TERMS, label_key

__all__ = ["indicators_in_text"]

# a numbered item starts the text or follows a full stop, a semicolon, a line break or a label's colon
_ITEM = re.compile(r"(?:^|(?<=[。；;\n：:]))\s*\d{1,3}\s*[、.．]\s*(?!\d)")
_INDICATOR = re.compile(
    r"^(?:(?P<level1>[^：:；;。\d]{2,12}?)\s*[：:]\s*)?"  # 产出指标：
    r"(?:\d{1,4}\s*[-－—–]\s*)?(?P<level2>[^：:；;。\d]{2,16}?)\s*[：:]\s*"  # 11-数量指标：
    r"(?P<name>[^：:；;]+?)\s*[；;，,]\s*"  # 举办培训；
    r"(?:本?年度?|本年)?(?:绩效)?指标值\s*[：:]\s*(?P<value>.*?)\s*[。；;]?\s*$",  # 年度指标值：≥20场。
    re.DOTALL,
)
_VALUE_LABEL = re.compile(r"指标值\s*[：:]")


def indicators_in_text(text: str) -> list[dict[str, str | None]]:
    """The indicators a text lists (level1, level2, name, value as printed), or [] when it lists none."""
    if _VALUE_LABEL.search(text) is None:  # for speed: a goal or a note never labels a value
        return []
    items = list(_ITEM.finditer(text))
    if not items:
        return []
    ends = [item.start() for item in items[1:]]
    ends.append(len(text))
    found: list[dict[str, str | None]] = []
    for start, end in zip((item.end() for item in items), ends, strict=True):
        match = _INDICATOR.match(text[start:end].strip())
        if match is None:
            return []
        level1, level2 = match["level1"], match["level2"]
        if level1 is not None and label_key(level1) not in LEVEL1_TERMS:
            return []
        if label_key(level2) not in LEVEL2_TERMS and label_key(level2) not in LEVEL1_TERMS:
            return []
        found.append(
            {"level1": level1, "level2": level2, "name": match["name"].strip(), "value": match["value"].strip()}
        )
    return found
