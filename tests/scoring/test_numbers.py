"""Printed figures read as numbers: plain, with separators or a percent sign, or not a number at all."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.scoring import numbers
from jixiao.scoring.numbers import number


def test_a_printed_figure_reads_as_its_number_and_a_placeholder_as_none() -> None:
    assert number("7.10") == Decimal("7.10") and number(" 98 ") == Decimal(98)
    assert number("77.13%") == Decimal("77.13") and number("1,032.99") == Decimal("1032.99")
    assert number(None) is None and number("--") is None and number("") is None and number("NaN") is None


def test_a_text_read_again_gives_the_same_number() -> None:
    assert number("123.45") is number("123.45")


def test_the_memo_of_texts_is_cleared_when_full_and_answers_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(numbers, "_NUMBERS_LIMIT", 4)
    numbers._NUMBERS.clear()  # None is no longer held: it is read as None all the same
    assert [number(f"{i}.5") for i in range(10)] == [Decimal(f"{i}.5") for i in range(10)]
    assert len(numbers._NUMBERS) <= 4
    assert number(None) is None and number("--") is None
