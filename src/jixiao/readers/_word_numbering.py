"""Word's automatic list numbers (``1.`` ``一、`` ``（二）``), which are printed but not stored in the text.

A heading such as ``一、总体绩效目标`` or a table title ``3.综合业务费绩效目标表`` is often numbered by Word
(``w:numPr`` on the paragraph or on its style), so the number lives in ``word/numbering.xml``, not in the
paragraph. The interpreter needs it (the printed table number, the section headings), so the reader renders
it the way Word prints it: per abstract list, a counter per level, deeper levels restarting when a higher
level advances, ``w:lvlText`` patterns such as ``（%1）`` filled in with each level's number format.
Bullets are not numbers and are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.etree import _Element

__all__ = ["Numbering", "format_number"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_LEVELS = 9
_CJK_DIGITS = "〇一二三四五六七八九"
_CJK_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
    (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"
    legal: bool = False  # w:isLgl: every level's number in decimal


@dataclass
class Numbering:
    """The numbering definitions of one document and the counters while its paragraphs are read."""

    abstract_of: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # abstractNumId -> ilvl -> level
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> ilvl -> start
    style_numbering: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId -> (numId, ilvl)
    counters: dict[str, list[int | None]] = field(default_factory=dict)  # abstractNumId -> per level
    started: set[str] = field(default_factory=set)  # numIds whose start overrides were applied

    @classmethod
    def from_parts(cls, numbering: _Element | None, styles: _Element | None) -> Numbering:
        result = cls()
        if numbering is not None:
            for abstract in numbering.iter(W + "abstractNum"):
                abstract_id = abstract.get(W + "abstractNumId", "")
                result.levels[abstract_id] = {
                    level: definition for level, definition in (_level(lvl) for lvl in abstract.iter(W + "lvl"))
                }
            for num in numbering.iter(W + "num"):
                num_id = num.get(W + "numId", "")
                reference = num.find(W + "abstractNumId")
                if reference is not None:
                    result.abstract_of[num_id] = reference.get(W + "val", "")
                for override in num.iter(W + "lvlOverride"):
                    start = override.find(W + "startOverride")
                    level = _int(override.get(W + "ilvl"), 0)
                    if start is not None:
                        result.overrides.setdefault(num_id, {})[level] = _int(start.get(W + "val"), 1)
        if styles is not None:
            for style in styles.iter(W + "style"):
                num_pr = style.find(f"{W}pPr/{W}numPr")
                if num_pr is not None:
                    num_id, level = _num_pr(num_pr)
                    if num_id:
                        result.style_numbering[style.get(W + "styleId", "")] = (num_id, level)
        return result

    def label(self, paragraph: _Element) -> str:
        """The number Word prints before this paragraph ("" for none), with its separator; advances counters."""
        properties = paragraph.find(W + "pPr")
        if properties is None:
            return ""
        num_pr = properties.find(W + "numPr")
        if num_pr is not None:
            num_id, level = _num_pr(num_pr)
        else:
            style = properties.find(W + "pStyle")
            num_id, level = self.style_numbering.get(style.get(W + "val", "") if style is not None else "", ("", 0))
        abstract_id = self.abstract_of.get(num_id)
        if not num_id or num_id == "0" or abstract_id is None:
            return ""  # numId 0 switches numbering off
        levels = self.levels.get(abstract_id, {})
        definition = levels.get(level)
        if definition is None or definition.fmt in ("bullet", "none"):
            return ""
        counters = self.counters.setdefault(abstract_id, [None] * _MAX_LEVELS)
        if num_id not in self.started:
            self.started.add(num_id)
            for overridden, start in self.overrides.get(num_id, {}).items():
                if 0 <= overridden < _MAX_LEVELS:
                    counters[overridden] = start - 1
        current = counters[level]
        counters[level] = definition.start if current is None else current + 1
        for deeper in range(level + 1, _MAX_LEVELS):
            counters[deeper] = None
        text = definition.text
        for shown in range(_MAX_LEVELS):
            placeholder = f"%{shown + 1}"
            if placeholder not in text:
                continue
            shown_level = levels.get(shown, _Level())
            value = counters[shown] if counters[shown] is not None else shown_level.start
            fmt = "decimal" if definition.legal else shown_level.fmt
            text = text.replace(placeholder, format_number(value or 0, fmt))
        if not text:
            return ""
        # Word puts a tab or space after the number; after punctuation (1.  一、 （二）) it reads as nothing.
        separator = "" if definition.suffix == "nothing" or not text[-1].isalnum() else " "
        return text + separator


def _level(lvl: _Element) -> tuple[int, _Level]:
    def value(name: str, default: str) -> str:
        element = lvl.find(W + name)
        return default if element is None else element.get(W + "val", default)

    level = _int(lvl.get(W + "ilvl"), 0)
    return level, _Level(
        start=_int(value("start", "1"), 1),
        fmt=value("numFmt", "decimal"),
        text=value("lvlText", ""),
        suffix=value("suff", "tab"),
        legal=lvl.find(W + "isLgl") is not None,
    )


def _num_pr(num_pr: _Element) -> tuple[str, int]:
    num_id = num_pr.find(W + "numId")
    level = num_pr.find(W + "ilvl")
    return (
        "" if num_id is None else num_id.get(W + "val", ""),
        0 if level is None else min(_int(level.get(W + "val"), 0), _MAX_LEVELS - 1),
    )


def _int(text: str | None, default: int) -> int:
    try:
        return int(text or "")
    except ValueError:
        return default


def format_number(value: int, fmt: str) -> str:
    """A list number in a Word number format (``decimal``, ``chineseCounting``, ``upperRoman`` …)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCountingThousand"):
        return _chinese(value, _CJK_DIGITS.replace("〇", "零"))
    if fmt == "chineseLegalSimplified":
        return _chinese(value, _CJK_LEGAL, tens="拾", hundreds="佰", thousands="仟")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CJK_DIGITS[int(digit)] for digit in str(value))
    if fmt in ("ideographTraditional",) and 1 <= value <= len(_HEAVENLY_STEMS):
        return _HEAVENLY_STEMS[value - 1]
    if fmt in ("ideographZodiac",) and 1 <= value <= len(_EARTHLY_BRANCHES):
        return _EARTHLY_BRANCHES[value - 1]
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[value - 1] if 1 <= value <= len(_CIRCLED) else str(value)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(0xFF10 + int(digit)) for digit in str(value))
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        letters = _letters(value)
        return letters if fmt == "lowerLetter" else letters.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.lower() if fmt == "lowerRoman" else roman
    return str(value)


def _chinese(value: int, digits: str, *, tens: str = "十", hundreds: str = "百", thousands: str = "千") -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五 (as Word's chineseCounting prints)."""
    if value <= 0 or value >= 10_000:
        return str(value)
    units = ((1000, thousands), (100, hundreds), (10, tens), (1, ""))
    out = ""
    pending_zero = False
    for size, name in units:
        digit = value // size % 10
        if digit == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out += digits[0]
            pending_zero = False
        out += ("" if (size == 10 and digit == 1 and not out and name == "十") else digits[digit]) + name
    return out


def _letters(value: int) -> str:
    """Word's letter numbering repeats the letter: a … z, aa … zz, aaa …"""
    if value <= 0:
        return str(value)
    letter = chr(ord("a") + (value - 1) % 26)
    return letter * ((value - 1) // 26 + 1)


def _roman(value: int) -> str:
    if not 0 < value < 4000:
        return str(value)
    out = ""
    for size, numeral in _ROMAN:
        while value >= size:
            out += numeral
            value -= size
    return out
