"""Printed figures as Decimal: amounts, points, scores and rates, and rounding at a printed precision."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

__all__ = ["HUNDRED", "ZERO", "agrees", "decimals_of", "fmt", "number", "rounded"]

ZERO = Decimal(0)
HUNDRED = Decimal(100)
_QUANTUM = [Decimal(1).scaleb(-n) for n in range(8)]
# Figures lie within 10^±15 (_plausible), so a ratio of two needs at most ~45 digits before the point.
_WIDE = Context(prec=80, rounding=ROUND_HALF_UP)


_NUMBERS: dict[str, Decimal | None] = {}
_NUMBERS_LIMIT = 65_536
_UNSEEN = object()  # dict.get's default: cheaper than catching KeyError on a text not seen yet


def number(text: str | None) -> Decimal | None:
    """The number a cell prints (``"98"``, ``"7.1"``, ``"1,032.99"``, ``"77.13%"``), else None (``"--"``, ``""``).

    Memoised per distinct text (a plain dict, cleared when full): points, scores and ``--`` repeat across
    rows and tables (about six calls in seven on distinct filings find their text), and this runs several
    times per row."""
    if text is None:
        return None
    value = _NUMBERS.get(text, _UNSEEN)
    if value is _UNSEEN:
        if len(_NUMBERS) >= _NUMBERS_LIMIT:
            _NUMBERS.clear()
        value = _NUMBERS[text] = _parse(text)
    return value  # type: ignore[return-value]


_LIMIT = 15  # the largest decimal exponent of a figure: 10^15 exceeds any budget in any unit


def _plausible(value: Decimal) -> bool:
    """A figure a table can print: finite, and not astronomically large (``1e999`` reads as a Decimal, but
    scoring it would overflow the arithmetic context)."""
    return value.is_finite() and (not value or -_LIMIT <= value.adjusted() <= _LIMIT)


def _parse(text: str) -> Decimal | None:
    if "_" not in text:  # Decimal() reads "1_000" as 1000: not how a table prints a number
        try:  # the common case: a plain figure (Decimal strips surrounding white space itself)
            value = Decimal(text)
        except InvalidOperation:
            pass
        else:
            return value if _plausible(value) else None
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
    return value.quantize(_QUANTUM[min(max(places, 0), 7)], context=_WIDE)


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
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"
