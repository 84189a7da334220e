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
- ``约6类``, ``达到95%`` and ``95%左右`` read as ``=``: 约 and 达到 are labels (the rule allows a label
  before the figure) and 左右 does not change the comparison. ``10余次`` / ``10多家`` read as ``>``.
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

import re
from dataclasses import dataclass, field
from functools import lru_cache

from jixiao.model import Deadline, ValuePart
from jixiao.values._deadlines import find_deadline
from jixiao.values._lexicon import DIGIT_RUN, DURATION_UNITS, PREFIX_OP, normalise
from jixiao.values._parts import find_parts
from jixiao.values._quantity import cn_quantity, one_quantity

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
            op=PREFIX_OP[common.group("op")] if common.group("op") else "=",
            number=common.group("number"),
            unit=common.group("unit"),
        )
    return _read(text)


def _read(text: str) -> ParsedValue:
    """The general reading of a cell (see the module's docstring)."""
    normal = normalise(text)
    if not normal:
        return _EMPTY
    quantity = one_quantity(normal) or (None if DIGIT_RUN.search(normal) else cn_quantity(normal))
    deadline = find_deadline(normal)
    if quantity is not None:
        op, number, unit = quantity
        if deadline is not None and deadline.kind == "duration" and unit.removeprefix("个") != deadline.unit:
            deadline = None
        elif deadline is None and unit in DURATION_UNITS:
            deadline = Deadline(kind="duration", op=op, amount=number, unit=unit.removeprefix("个"), text=normal)
        return ParsedValue(op=op, number=number, unit=unit or None, deadline=deadline)
    return ParsedValue(parts=find_parts(normalise(text, word_breaks=True)), deadline=deadline)


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
    nature_text = normalise(nature) if isinstance(nature, str) else ""
    unit_text = unit.strip() if isinstance(unit, str) and unit.strip() else None
    if nature_text in _QUALITATIVE:
        return _EMPTY
    op = PREFIX_OP.get(nature_text)
    from_value = parse_value(value)
    if op is None:
        if from_value.number is not None and from_value.unit is None and unit_text:
            return ParsedValue(op=from_value.op, number=from_value.number, unit=unit_text, deadline=from_value.deadline)
        return from_value
    if from_value.number is None:
        return ParsedValue(parts=from_value.parts, deadline=from_value.deadline)
    unit_out = unit_text or from_value.unit
    deadline = from_value.deadline
    if unit_out and unit_out in DURATION_UNITS:
        amount, duration_unit = from_value.number, unit_out.removeprefix("个")
        deadline = Deadline(kind="duration", op=op, amount=amount, unit=duration_unit, text=f"{value}{unit_out}")
    return ParsedValue(op=op, number=from_value.number, unit=unit_out, deadline=deadline)
