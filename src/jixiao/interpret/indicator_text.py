"""Indicators written as text in one cell, as some project lists print them.

Two notations are met, both one indicator per numbered item:

- ``1、产出指标：11-数量指标：举办培训；年度指标值：≥20场。2、效益指标：21-社会效益指标：…``;
- coded, ``；`` between fields: ``1、1-产出指标；11-数量指标；汇聚数据量；实施周期指标值:≥10亿条；年度指标值:≥10亿条。``
  (a numeric code before each level name, abbreviated level-2 names such as ``22-社会效益``, an item number
  followed straight by a code, stray spaces as in ``12 -质量指标``).

An item is its level 1 (optional: carried down from the item before), its level 2, its name, then one or two
labelled values (实施周期指标值 / 实施期指标值 → ``overall_value``; 年度指标值 / 指标值 → ``value``). A text is
read only when every item reads so; anything else is left to the other readers (a goal or a note).
"""

from __future__ import annotations

import re

from jixiao.interpret.labels import LEVEL1_TERMS, LEVEL2_TERMS, label_key

__all__ = ["indicators_in_text"]

# a numbered item starts the text or follows a full stop, a semicolon, a line break or a label's colon; its
# number is followed by a non-digit, or straight by a level's code (``1、1-产出指标``), never by a figure
_ITEM = re.compile(r"(?:^|(?<=[。；;\n：:]))\s*\d{1,3}\s*[、.．]\s*(?:(?!\d)|(?=\d{1,4}\s*[-－—–]))")
# a value label: 年度指标值： / 实施周期指标值: / 指标值：
_VALUE_LABEL = re.compile(r"(?P<period>实施周期|实施期|中长期|本年度|年度|本年)?(?:绩效)?指标值\s*[：:]")
_OVERALL = frozenset({"实施周期", "实施期", "中长期"})
_FIELD_SEPARATORS = re.compile(r"\s*[：:；;]\s*")
_CODE = re.compile(r"^\d{1,4}\s*[-－—–]\s*")
_VALUE_END = re.compile(r"[\s；;。，,]+$")
_LEVEL2_AND_NAME = 2  # the fields left of an item once its level 1 is taken


def indicators_in_text(text: str) -> list[dict[str, str | None]]:
    """The indicators a text lists (level1, level2, name, value, overall_value as printed), or []."""
    if _VALUE_LABEL.search(text) is None:  # for speed: a goal or a note never labels a value
        return []
    items = list(_ITEM.finditer(text))
    if not items:
        return []
    ends = [item.start() for item in items[1:]]
    ends.append(len(text))
    found: list[dict[str, str | None]] = []
    for start, end in zip((item.end() for item in items), ends, strict=True):
        indicator = _item(text[start:end].strip())
        if indicator is None:
            return []
        found.append(indicator)
    return found


def _item(text: str) -> dict[str, str | None] | None:
    labelled = list(_VALUE_LABEL.finditer(text))
    if not labelled:
        return None
    head = [_CODE.sub("", field) for field in _FIELD_SEPARATORS.split(text[: labelled[0].start()])]
    fields = [field.strip().rstrip("，,") for field in head if field.strip().rstrip("，,")]
    level1 = fields.pop(0) if len(fields) > _LEVEL2_AND_NAME and label_key(fields[0]) in LEVEL1_TERMS else None
    if len(fields) != _LEVEL2_AND_NAME or not _is_level2(fields[0]):
        return None
    values: dict[str, str | None] = {"value": None, "overall_value": None}
    for index, match in enumerate(labelled):
        stop = labelled[index + 1].start() if index + 1 < len(labelled) else len(text)
        printed = _VALUE_END.sub("", text[match.end() : stop]).strip()
        values["overall_value" if match["period"] in _OVERALL else "value"] = printed
    if values["value"] is None:  # only a period value is printed: it is the target too
        values["value"] = values["overall_value"]
    return {"level1": level1, "level2": fields[0], "name": fields[1], **values}


def _is_level2(text: str) -> bool:
    key = label_key(text)
    # 22-社会效益: an abbreviated level-2 name; a level-1 name stands in where a table prints no level 2
    return key in LEVEL2_TERMS or key in LEVEL1_TERMS or f"{key}指标" in LEVEL2_TERMS
