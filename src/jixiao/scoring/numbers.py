"""Printed figures as Decimal: amounts, points, scores and rates, and rounding at a printed precision."""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

__all__ = ["HUNDRED", "ZERO", "agrees", "decimals_of", "fmt", "number", "rounded"]

ZERO = Decimal(0)
HUNDRED = Decimal(100)
_QUANTUM = [Decimal(1).scaleb(-n) for n in range(8)]
# Figures lie within 10^±15 (_plausible), so a ratio of two needs at most ~45 digits before the point.
_WIDE = Context(prec=80, rounding=ROUND_HALF_UP)


# The texts that repeat are few (points, scores, --, 100): a bigger memo only holds distinct amounts (65,536
# of them held ~14 MiB for no gain: score_bench peak RSS 50 -> 36 MiB at the same speed with 4,096).
_NUMBERS_LIMIT = 4_096


class _Numbers(dict[str | None, Decimal | None]):
    """The memo behind :data:`number`: printed text → its number, filled on a miss, cleared when full."""

    def __missing__(self, text: str | None) -> Decimal | None:
        """A text not seen yet: parsed here (a plain figure, the common case, without a further call)."""
        if len(self) >= _NUMBERS_LIMIT:
            self.clear()
            self[None] = None
        value: Decimal | None
        if text is None:
            value = None
        elif "_" in text:  # Decimal() reads "1_000" as 1000: not how a table prints a number
            value = _cleaned(text)
        else:
            try:  # Decimal strips surrounding white space itself
                value = Decimal(text)
            except InvalidOperation:
                value = _cleaned(text)
            else:  # _plausible(value), inlined
                if not value.is_finite() or (value and not _LOWEST <= value.adjusted() <= _LIMIT):
                    value = None
        self[text] = value
        return value


_NUMBERS = _Numbers({None: None})

#: The number a cell prints (``"98"``, ``"7.1"``, ``"1,032.99"``, ``"77.13%"``), else None (``"--"``, ``""``,
#: None). A lookup in a memo of the distinct texts: points, scores and ``--`` repeat across rows and tables
#: (about six calls in seven on distinct filings find their text), and this runs ~80 times per table scored
#: and checked. Being the memo's own ``__getitem__``, a call that finds its text runs in C, without a Python
#: frame (a third of the cost of scoring a fund line went to calling a Python number()).
number: Callable[[str | None], Decimal | None] = _NUMBERS.__getitem__


_LIMIT = 15  # the largest decimal exponent of a figure: 10^15 exceeds any budget in any unit
_LOWEST = -_LIMIT  # (a constant: negating _LIMIT on every text parsed showed in the profile)


def _plausible(value: Decimal) -> bool:
    """A figure a table can print: finite, and not astronomically large (``1e999`` reads as a Decimal, but
    scoring it would overflow the arithmetic context)."""
    return value.is_finite() and (not value or _LOWEST <= value.adjusted() <= _LIMIT)


def _cleaned(text: str) -> Decimal | None:
    """The number of a figure printed with separators, a percent sign or surrounding space, else None."""
    cleaned = text.strip().replace(",", "").replace("，", "").rstrip("%％").strip()
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if _plausible(value) else None


def decimals_of(text: str | None) -> int:
    """How many decimals a printed figure shows (``"7.10"`` → 2, ``"9"`` → 0)."""
    if not text:
        return 0
    cleaned = text.strip().rstrip("%％")
    point = cleaned.find(".")
    return 0 if point < 0 else len(cleaned) - point - 1


def rounded(value: Decimal, places: int) -> Decimal:
    """Half-up rounding, as score sheets round (in a context wide enough for any ratio of two figures)."""
    # The arguments by position: quantize() parses keywords at ~2.5 times the cost of the rounding itself.
    return value.quantize(_QUANTUM[places] if 0 <= places <= 7 else _QUANTUM[0 if places < 0 else 7], None, _WIDE)


def agrees(printed_text: str | None, printed: Decimal, computed: Decimal) -> bool:
    """True when the computed figure rounds to the printed one at the precision the document prints
    (``7.7`` agrees with 7.713; ``9.3`` does not agree with 9.375)."""
    return rounded(computed, decimals_of(printed_text)) == printed


def fmt(value: Decimal | None) -> str:
    """A figure for a message: plain notation, no trailing zeros after the point."""
    if value is None:
        return "—"
    text = str(value)
    if "E" in text:  # str() switches to exponent notation for very small or large figures
        text = format(value, "f")
    # Only a text ending in 0 has zeros to strip (neither str() nor "f" ends a figure with its point)
    if text[-1] == "0" and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
