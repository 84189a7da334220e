"""Nothing a table prints is dropped in silence: what the labels do not know is named in a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.parsing import parse_bytes, parse_file

DATA = Path(__file__).parents[1] / "data"
NOT_READ = "printed but not read"

TABLE = """1.医保经办能力提升项目绩效目标表
项目名称\t医保经办能力提升\t主管部门\t某县医疗保障局
项目总额\t30.00\t其中：财政资金\t30.00
年度目标\t提升医保经办能力，群众办事更便捷。
一级指标\t二级指标\t三级指标\t指标值\t{extra_header}
产出指标\t数量指标\t培训人次\t≥50人次\t{extra_1}
效益指标\t社会效益指标\t政策知晓率\t≥95%\t{extra_2}
满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t{extra_3}
"""


def _warnings(text: str) -> list[str]:
    return [w for w in parse_bytes(text.encode("utf-8"), "table.txt").warnings if NOT_READ in w]


def test_a_table_read_whole_gives_no_such_warning() -> None:
    assert _warnings(TABLE.format(extra_header="备注", extra_1="", extra_2="", extra_3="")) == []


def test_a_column_no_field_holds_is_named_with_its_cells() -> None:
    found = _warnings(TABLE.format(extra_header="是否核心", extra_1="是", extra_2="否", extra_3="是"))
    assert len(found) == 1 and "「是否核心」(3)" in found[0], found


def test_a_label_and_amount_the_labels_do_not_know_are_named() -> None:
    text = TABLE.format(extra_header="备注", extra_1="", extra_2="", extra_3="").replace(
        "项目总额\t30.00", "项目总额\t30.00\t市级支出\t24.00"
    )
    (found,) = _warnings(text)
    assert "「市级支出」" in found and "「24.00」" in found


@pytest.mark.parametrize(
    "name",
    [
        "000_tianjin.docx",
        "001_lulong.docx",
        "002_luan.docx",
        "003_chongqing.xlsx",
        "001_lulong.doc",
        "003_chongqing.xls",
    ],
)
def test_the_seeds_are_read_whole(name: str) -> None:
    assert [w for w in parse_file(DATA / "fixtures" / name).warnings if NOT_READ in w] == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "named"),
    [
        ("007_changsha_xfj_2026_budget.pdf", "「评（扣）分标准」"),  # a scoring-standard column
        ("013_chongqing_swj_2026_budget.pdf", "「是否核心」"),  # 是/否 on every indicator row
        ("013_chongqing_swj_2026_budget.pdf", "「补助区县」"),  # a split of 当年预算 the model has no field for
        ("009_quanzhou_zfb_2026_budget.pdf", "「基本支出」"),  # the department budget by economic kind
    ],
)
def test_published_tables_name_what_no_field_holds(name: str, named: str) -> None:
    found = [w for w in parse_file(DATA / "real-world" / name).warnings if NOT_READ in w]
    assert any(named in w for w in found), found
