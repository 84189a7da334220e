"""The text reader: both table notations, every encoding Word and Notepad write, refs, bad input."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from jixiao.errors import LimitExceeded, ReadError
from jixiao.grid import Grid, Paragraph
from jixiao.readers.limits import Limits
from jixiao.readers.text import decode_text, read_text

SEEDS = Path(__file__).parents[1] / "data" / "seeds"

SEED_PATHS = sorted(SEEDS.glob("*.txt"))


def _grids(text: str) -> list[Grid]:
    return [b for b in read_text(text.encode(), "t.txt").blocks if isinstance(b, Grid)]


def test_cell_per_line_rows_are_split_at_blank_lines_and_merged_cells_stay_blank() -> None:
    text = "1.某项目绩效目标表\n\t项目名称\n\t某项目\n\n\t\n\t质量指标\n\t100%\n"
    doc = read_text(text.encode(), "t.txt")
    title, grid = doc.blocks
    assert isinstance(title, Paragraph) and title.text == "1.某项目绩效目标表"
    assert isinstance(grid, Grid)
    assert grid.row_texts() == [["项目名称", "某项目"], ["", "质量指标", "100%"]]
    assert grid.rows[1][2].ref == "line 7"
    assert grid.ref == "lines 2-7"


def test_a_cell_continues_on_lines_without_a_tab() -> None:
    (grid,) = _grids("\t绩效目标\n\t1.第一项；\n2.第二项。\n")
    assert grid.rows[0][1].text == "1.第一项；\n2.第二项。"


def test_a_line_starting_with_a_space_ends_the_table() -> None:
    doc = read_text("\t一级指标\n\t≥85%\n 2.下一个绩效目标表\n\t项目名称\n".encode(), "t.txt")
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Grid", "Paragraph", "Grid"]
    assert isinstance(doc.blocks[1], Paragraph) and doc.blocks[1].text.strip() == "2.下一个绩效目标表"


def test_row_per_line_cells_are_tab_separated_and_a_leading_tab_is_an_empty_cell() -> None:
    (grid,) = _grids("项目名称\t某项目\t\t\n\t其中: 财政拨款\t180.0\n")
    assert grid.row_texts() == [["项目名称", "某项目"], ["", "其中: 财政拨款", "180.0"]]


def test_paragraph_lines_stay_together_until_a_blank_line() -> None:
    doc = read_text("单位信息：306001-重庆市某局\n(本级)\n\n主管部门：306-重庆市某局\n".encode(), "t.txt")
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert texts == ["单位信息：306001-重庆市某局\n(本级)", "主管部门：306-重庆市某局"]
    assert doc.blocks[0].ref == "lines 1-2"  # type: ignore[union-attr]


def test_bookmark_artefacts_are_removed() -> None:
    doc = read_text("[bookmark: _Toc_1]1.某项目绩效目标表\n".encode(), "t.txt")
    assert doc.blocks[0].text == "1.某项目绩效目标表"  # type: ignore[union-attr]


@pytest.mark.parametrize("seed", SEED_PATHS, ids=lambda p: p.name[:3])
@pytest.mark.parametrize(
    "encode",
    [
        lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
        lambda s: s.encode("gb18030"),
        lambda s: s.encode("utf-16"),  # Word's "Unicode text": UTF-16 LE with a BOM
        lambda s: s.encode("utf-16-be"),
        lambda s: s.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf8-bom", "gb18030", "utf16-bom", "utf16be-no-bom", "crlf"],
)
def test_every_encoding_decodes_to_the_same_text(seed, encode) -> None:  # type: ignore[no-untyped-def]
    text = seed.read_text(encoding="utf-8")
    assert decode_text(encode(text), seed.name) == text


def test_binary_data_is_refused() -> None:
    with pytest.raises(ReadError, match="binary"):
        read_text(bytes(range(256)) * 4, "x.bin")


def test_undecodable_bytes_are_refused_with_the_offset() -> None:
    with pytest.raises(ReadError, match="offset"):
        read_text("项目名称".encode() + b"\xff\xfe\xfd\x81\x30" * 3, "x.txt")


def test_blank_text_is_refused() -> None:
    with pytest.raises(ReadError, match="no text"):
        read_text(b" \n\n\t\n", "x.txt")


def test_the_row_limit_applies_to_lines() -> None:
    with pytest.raises(LimitExceeded, match="lines"):
        read_text(b"a\n" * 50, "x.txt", Limits(max_rows=10))


def test_a_row_per_line_copied_from_a_web_page_reads_like_tab_separated_text() -> None:
    text = "1.某项目绩效目标表\n项目名称 | 某项目 |||\n一级指标 | 二级指标 | 三级指标 | 指标值 |\n产出指标 | 数量指标 | 培训 | ≥5次 |\n"
    (grid,) = _grids(text)
    assert grid.row_texts() == [
        ["项目名称", "某项目"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "培训", "≥5次"],
    ]
    assert grid.rows[2][3].ref == "line 4"


def test_a_cell_per_line_copied_from_a_web_page_reads_like_the_tab_notation() -> None:
    text = "1.某项目绩效目标表\n项目名称 |\n某项目 |\n\n |\n质量指标 |\n100% |\n"
    (grid,) = _grids(text)
    assert grid.row_texts() == [["项目名称", "某项目"], ["", "质量指标", "100%"]]


def test_pipe_separated_text_reads_into_a_target_table() -> None:
    from jixiao.parsing import parse_bytes

    rows = [
        "某培训项目绩效目标表",
        "项目名称 | 某培训项目 |||",
        "年度资金总额 | 20 | 单位 | 万元 |",
        "一级指标 | 二级指标 | 三级指标 | 指标值 |",
        "产出指标 | 数量指标 | 培训人次 | ≥50人次 |",
        "效益指标 | 社会效益指标 | 便利度 | 显著提升 |",
        "满意度指标 | 服务对象满意度指标 | 满意度 | ≥90% |",
    ]
    (table,) = parse_bytes("\n".join(rows).encode(), "web.txt").document.tables
    assert (table.project_name, table.funds.total, table.money_unit) == ("某培训项目", "20", "万元")
    assert [(i.name, i.value) for i in table.indicators[:1]] == [("培训人次", "≥50人次")]
