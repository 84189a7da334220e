"""The stream's quick paths give what the plain ones give: a row cleaned at once, the column -> cell map."""

from __future__ import annotations

import pytest

from jixiao.interpret.clean import clean
from jixiao.interpret.stream import Row, _cleaned


@pytest.mark.parametrize(
    "texts",
    [
        ["一级指标", "二级指标", "≥95%"],
        ["", "a", ""],
        [],
        [" 前导", "b"],
        ["a", "尾随 "],
        ["a |", "b"],
        ["a", "| b"],
        ["两行\n文本", "x"],
        ["a  b", "c"],
        ["<p>x</p>", "[bookmark: y]z"],
        ["全角\u3000空格", "tab\there"],
        ["|", " | "],
    ],
)
def test_a_row_is_cleaned_as_each_of_its_texts_would_be(texts: list[str]) -> None:
    assert _cleaned(texts) == [clean(text) for text in texts]


def test_covering_finds_the_cell_over_each_column_as_a_scan_of_the_row_does() -> None:
    cols, spans = [0, 1, 4, 5], [1, 3, 1, 2]
    row = Row(["a", "b", "c", "d"], cols, [None] * 4, spans)
    assert not row.simple
    for col in range(-2, 10):
        expected = next((i for i, (s, n) in enumerate(zip(cols, spans, strict=True)) if s <= col < s + n), None)
        assert row.covering(col) == expected
