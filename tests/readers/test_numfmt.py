"""Printed text of spreadsheet values under Excel number formats."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.readers._numfmt import format_value, general


@pytest.mark.parametrize(
    ("value", "fmt", "printed"),
    [
        (37000000, "#,##0.00", "37,000,000.00"),
        (15.0, "0.00", "15.00"),
        (15.0, "General", "15"),
        (15.0, None, "15"),
        (19.76, "General", "19.76"),
        (0.1 + 0.2, "General", "0.3"),
        (2.675, "0.00", "2.68"),  # half-up on the decimal the cell shows, not on the binary float
        (0.25, "0%", "25%"),
        (0.255, "0.0%", "25.5%"),
        (-1234.5, "#,##0.00;[Red]-#,##0.00", "-1,234.50"),
        (-1234.5, "#,##0.00", "-1,234.50"),
        (0, '0.00;-0.00;"-"', "-"),
        (1234567, "#,##0,", "1,235"),
        (170, '0.00"万元"', "170.00万元"),
        (5, "[$¥-804]#,##0.00", "¥5.00"),
        (12345.678, "0.00E+00", "1.23E+04"),
        (1.5, "0.0#", "1.5"),
        (1.0, "0.0#", "1.0"),
        (1.257, "0.0#", "1.26"),
        (95, "0", "95"),
        (7, "000", "007"),
        (45356, "yyyy/m/d", "2024/3/5"),
        (dt.datetime(2024, 3, 5), 'yyyy"年"m"月"d"日"', "2024年3月5日"),
        (dt.datetime(2024, 3, 5, 14, 7), "yyyy-mm-dd hh:mm", "2024-03-05 14:07"),
        (dt.datetime(2024, 3, 5, 14, 7), "h:mm AM/PM", "2:07 PM"),
        (dt.datetime(2024, 12, 31), "General", "2024-12-31"),
        ("文本", "@", "文本"),
        (True, None, "TRUE"),
        (None, "0.00", ""),
        (Decimal("858.50"), "0.0", "858.5"),
    ],
)
def test_values_print_as_their_number_format_shows_them(value: object, fmt: str | None, printed: str) -> None:
    assert format_value(value, fmt) == printed


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_general_prints_integers_exactly(number: int) -> None:
    assert general(number) == str(number)
    assert general(float(number)) == str(number)


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_two_decimal_formats_keep_the_value_and_two_places(number: Decimal) -> None:
    printed = format_value(float(number), "#,##0.00")
    assert Decimal(printed.replace(",", "")) == number
    assert printed.rsplit(".", 1)[1].isdigit() and len(printed.rsplit(".", 1)[1]) == 2
