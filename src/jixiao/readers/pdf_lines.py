"""Characters → text lines, and the text of a cell or paragraph made of several lines.

A line is the characters whose vertical centres fall into one band, left to right; a gap wider than
justification spacing becomes a space. Lines of one cell are joined *without* a space where the break was a
soft wrap (CJK and digits), with a space between Latin words or where the text layer kept the space at which
the line wrapped, and with ``\n`` where the line ended early (a break the author typed).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from jixiao.readers.pdf_page import Char

__all__ = ["NO_LINE_START", "Line", "cell_text", "group_lines", "inner_right", "join_wrapped", "soft_wrap"]

# characters that may not start a line (kinsoku): a wrap moves them together with the character before
NO_LINE_START = set("，。、；：？！）」』】》〉〕”’%‰・…—·,.;:!?)]}")
_APART = 0.2  # em: characters whose vertical centres differ by more stand on different lines if they overlap
_NO_LINE_END = set("（「『【《〈〔“‘([{")  # characters that may not end a line


@dataclass(slots=True)
class Line:
    chars: list[Char]
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    gaps: int = 0  # gaps wider than two characters: a row of columns (tab stops, a borderless table)
    space_after: bool = False  # the line ends with a space character (LibreOffice wraps after "; " "， ")

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _is_latin_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _line_text(chars: list[Char]) -> str:
    """The text of one line of characters sorted left to right: gaps wider than justification become spaces."""
    out: list[str] = []
    previous: Char | None = None
    for char in chars:
        text = char["text"]
        if previous is not None:
            gap = char["x0"] - previous["x1"]
            size = char["size"] if char["size"] > previous["size"] else previous["size"]
            # the cheap test first: most characters follow each other without any gap
            if gap > 0.2 * size and gap > 0.2 and out and not out[-1].endswith(" ") and not text.isspace():
                size = max(size, 1.0)
                wide = _is_wide(previous["text"][-1:]) or _is_wide(text[:1])
                if gap > (0.55 * size if wide else 0.2 * size):
                    out.append(" ")
        if text.isspace():
            if out and not out[-1].endswith(" "):
                out.append(" ")
        else:
            out.append(text)
        previous = char
    return "".join(out).strip()


def group_lines(chars: Sequence[Char]) -> list[Line]:
    """Group characters into text lines: a character belongs to a line its vertical centre falls into."""
    ordered = sorted(chars, key=lambda ch: (ch["top"], ch["x0"]))
    groups: list[list[Char]] = []
    bands: list[tuple[float, float]] = []
    for char in ordered:
        middle = (char["top"] + char["bottom"]) / 2
        if groups and bands[-1][0] <= middle <= bands[-1][1]:
            groups[-1].append(char)
            top, bottom = bands[-1]
            bands[-1] = (min(top, char["top"]), max(bottom, char["bottom"]))
        else:
            groups.append([char])
            bands.append((char["top"], char["bottom"]))
    lines: list[Line] = []
    for group in [line for band in groups for line in _untangle(band)]:
        group.sort(key=lambda ch: ch["x0"])
        unique: list[Char] = []
        for char in group:  # fake bold: the same glyph painted twice at almost the same place
            if unique and unique[-1]["text"] == char["text"] and abs(unique[-1]["x0"] - char["x0"]) < 1:
                continue
            unique.append(char)
        visible = [ch for ch in unique if not ch["text"].isspace()]
        if not visible:
            continue
        sizes = sorted(ch["size"] for ch in visible)
        lines.append(
            Line(
                chars=visible,
                text=_line_text(unique),
                x0=visible[0]["x0"],
                x1=max([ch["x1"] for ch in visible]),
                top=min([ch["top"] for ch in visible]),
                bottom=max([ch["bottom"] for ch in visible]),
                size=_median(sizes),
                gaps=sum(1 for a, b in pairwise(visible) if b["x0"] - a["x1"] > 2 * max(a["size"], 1.0)),
                space_after=unique[-1]["text"].isspace(),
            )
        )
    return lines


def _median(ordered: list[float]) -> float:
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _middle(char: Char) -> float:
    return float(char["top"] + char["bottom"]) / 2


def _untangle(group: list[Char]) -> list[list[Char]]:
    """Two lines printed almost on one height (a section heading and a form caption) fall into one band;
    where characters at different heights overlap left to right, the band is two lines: split at the widest
    gap between the characters' vertical centres. Characters of one run overlapping each other (a font
    that states its digits too wide) stand at one height and do not split a line."""
    if len(group) < 2:
        return [group]
    size = _median(sorted(ch["size"] for ch in group))
    middles = [_middle(ch) for ch in group]
    if max(middles) - min(middles) <= _APART * size:
        return [group]  # all at one height: one line (the common case, decided without sorting)
    across = sorted(group, key=lambda ch: ch["x0"])
    tangled = sum(
        1
        for a, b in pairwise(across)
        if b["x0"] < a["x1"] - 0.3 * size and abs(_middle(a) - _middle(b)) > _APART * size
    )
    if tangled < 2:  # one overlap is a sign at another height (``(%)``), not a second line
        return [group]
    down = sorted(group, key=_middle)
    gap, at = max((_middle(b) - _middle(a), index) for index, (a, b) in enumerate(pairwise(down), start=1))
    if gap <= _APART * size or min(at, len(down) - at) < 2:
        return [group]
    return _untangle(down[:at]) + _untangle(down[at:])


def _first_unit_width(line: Line) -> float:
    """Width the first unbreakable piece of a line needs: an opening bracket with what follows it, a run of
    Latin letters, digits and signs (``<4.63``, ``report``), or one CJK character; plus closing punctuation."""
    chars = line.chars
    end = 0
    while end + 1 < len(chars) and chars[end]["text"][:1] in _NO_LINE_END:
        end += 1
    if _is_ascii_word(chars[end]["text"]):
        while end + 1 < len(chars) and _is_ascii_word(chars[end + 1]["text"]):
            if chars[end + 1]["x0"] - chars[end]["x1"] > 0.2 * chars[end]["size"]:
                break
            end += 1
    while end + 1 < len(chars) and chars[end + 1]["text"][:1] in NO_LINE_START:
        end += 1
    return float(chars[end]["x1"] - chars[0]["x0"])


def _is_ascii_word(text: str) -> bool:
    return bool(text) and text.isascii() and text.isprintable() and not text.isspace()


def soft_wrap(line: Line, following: Line, right: float) -> bool:
    """True when ``line`` ended because the next piece of text did not fit before ``right``."""
    free = right - line.x1
    return free <= _first_unit_width(following) + 0.2 * line.size


def join_wrapped(left: str, right: str, *, space: bool = False) -> str:
    """Join two soft-wrapped lines: no space, except between Latin words or where the line ended with a
    space character (``space``: the text layer kept the space at which the line was wrapped)."""
    if not left or not right:
        return left + right
    if space:
        return f"{left} {right}"
    if (_is_latin_letter(left[-1]) or left[-1] in ",.;:!?") and _is_latin_letter(right[0]):
        return left + right if _word_between_ideographs(left, right) else f"{left} {right}"
    return left + right


def _word_between_ideographs(left: str, right: str) -> bool:
    """The Latin letters ending ``left`` and those opening ``right`` are one word set among CJK text with no
    space either side (``及D`` + ``RG运行``): LibreOffice breaks such a word anywhere, like the ideographs
    around it, where a space between two words would stand between Latin text."""
    before = left.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    after = right.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    return bool(before) and bool(after) and _is_wide(before[-1]) and _is_wide(after[0])


def inner_right(lines: list[Line], x0: float, x1: float) -> float:
    """Where a cell's lines may reach on the right: its right edge less the padding its text keeps on the
    left (or the longest line, where text runs closer)."""
    return max(x1 - (min(line.x0 for line in lines) - x0), max(line.x1 for line in lines))


def cell_text(lines: list[Line], x0: float, x1: float) -> str:
    if not lines:
        return ""
    right = inner_right(lines, x0, x1)
    text = lines[0].text
    for previous, line in pairwise(lines):
        if soft_wrap(previous, line, right):
            text = join_wrapped(text, line.text, space=previous.space_after)
        else:
            text = f"{text}\n{line.text}"
    return text
