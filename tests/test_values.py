"""The target-value parser: gold readings, the spec's examples, notations met in the wild, properties."""

from __future__ import annotations

import json
import re
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from jixiao import values
from jixiao.model import Deadline, ValuePart
from jixiao.values import ParsedValue, parse_columns, parse_value

GOLD = Path(__file__).parent / "data" / "gold"
PLAIN_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def _gold_indicators() -> list[Any]:
    cases = []
    for path in sorted(GOLD.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        for t, table in enumerate(document["tables"]):
            for i, indicator in enumerate(table["indicators"]):
                case_id = f"{path.name[:3]}-t{t}-i{i}-{indicator['value']}"
                cases.append(pytest.param(indicator, id=case_id))
    return cases


GOLD_INDICATORS = _gold_indicators()


def _reading(parsed: ParsedValue) -> tuple[str | None, str | None, str | None]:
    return parsed.op, parsed.number, parsed.unit


def test_gold_files_are_present() -> None:
    assert len(GOLD_INDICATORS) >= 198


@pytest.mark.parametrize("indicator", GOLD_INDICATORS)
def test_gold_reading_is_reproduced(indicator: dict[str, Any]) -> None:
    if indicator["nature"] is not None:
        # Chongqing style: the gold unit is what the 度量单位 column held.
        parsed = parse_columns(indicator["nature"], indicator["value"], indicator["unit"])
    else:
        parsed = parse_value(indicator["value"])
    assert _reading(parsed) == (indicator["op"], indicator["number"], indicator["unit"])


# The interchange spec's table and rules, and the brief's examples.
SPEC_EXAMPLES = [
    ("≥4550人次", ">=", "4550", "人次"),
    (">=95%", ">=", "95", "%"),
    ("95%以上", ">=", "95", "%"),
    ("不低于95%", ">=", "95", "%"),
    ("≤3万元", "<=", "3", "万元"),
    ("《=858.5万（预算数）", "<=", "858.5", "万"),
    ("不超过3万元", "<=", "3", "万元"),
    ("50人以内", "<=", "50", "人"),
    ("<4.63万元", "<", "4.63", "万元"),
    ("人均年支出<4.63万元。", "<", "4.63", "万元"),
    (">38万人", ">", "38", "万人"),
    ("100%", "=", "100", "%"),
    ("47100人", "=", "47100", "人"),
    ("757元/人", "=", "757", "元/人"),
    ("5万元", "=", "5", "万元"),
    ("6人", "=", "6", "人"),
    ("20人。", "=", "20", "人"),
    ("10个工作日内", "<=", "10", "个工作日"),
    ("离休干部医疗费个人自付率<5%", "<", "5", "%"),
    ("37,000,000.00元", "=", "37000000.00", "元"),
    ("有效减轻", None, None, None),
    ("及时保障", None, None, None),
    ("2024年", None, None, None),
    ("2021年10月前", None, None, None),
    ("每月25日以前", None, None, None),
    ("2024年12月31日之前", None, None, None),
    ("低保人员补助342元/人，五保人员补助380元/人", None, None, None),
    ("94%-98%", None, None, None),
    ("10-15项", None, None, None),
]


@pytest.mark.parametrize(("text", "op", "number", "unit"), SPEC_EXAMPLES)
def test_spec_examples(text: str, op: str | None, number: str | None, unit: str | None) -> None:
    assert _reading(parse_value(text)) == (op, number, unit)


WILD_NOTATIONS = [
    ("≧90%", ">=", "90", "%"),
    ("＝100%", "=", "100", "%"),
    ("≦5天", "<=", "5", "天"),
    ("≥９５％", ">=", "95", "%"),
    (" ≥ 95 % ", ">=", "95", "%"),
    ("≤25微克/立方米", "<=", "25", "微克/立方米"),
    ("≥330 台（套）", ">=", "330", "台"),
    ("≤2134.87 万元", "<=", "2134.87", "万元"),
    ("≥3项", ">=", "3", "项"),
    ("约6类", "=", "6", "类"),
    ("10余次", ">", "10", "次"),
    ("10多家", ">", "10", "家"),
    ("95%及以上", ">=", "95", "%"),
    ("95%（含）以上", ">=", "95", "%"),
    ("95%左右", "=", "95", "%"),
    ("达到95%", "=", "95", "%"),
    ("100%完成", "=", "100", "%完成"),  # the spec: the unit runs up to punctuation
    ("5%以下", "<=", "5", "%"),
    ("大于等于90%", ">=", "90", "%"),
    ("高于80%", ">", "80", "%"),
    ("低于3%", "<", "3", "%"),
    ("控制在10%以内", "<=", "10", "%"),
    ("满意度不低于90%", ">=", "90", "%"),
    ("增长率≥-5%", ">=", "-5", "%"),
    ("30个工作日内审核支付", "<=", "30", "个工作日"),
    ("3个月内", "<=", "3", "个月"),
    ("15000元/人、年", "=", "15000", "元/人"),
    ("年底前完成", None, None, None),
    ("优良中低差", None, None, None),
    ("是否及时", None, None, None),
    ("长期", None, None, None),
    ("6月底前", None, None, None),
    ("第3季度", None, None, None),
    ("满意率95%以上、零核实投诉", None, None, None),
    ("≥95%以内", None, None, None),
    ("≥.5", None, None, None),
    ("≥95%（含95%）", None, None, None),
    ("2020全年50万元。", None, None, None),
    ("做好2020-2021年度离休干部医疗保障工作。", None, None, None),
]


@pytest.mark.parametrize(("text", "op", "number", "unit"), WILD_NOTATIONS)
def test_notations_met_in_the_wild(text: str, op: str | None, number: str | None, unit: str | None) -> None:
    assert _reading(parse_value(text)) == (op, number, unit)


# Cells met in the real published PDFs (/work/shared/real-world), where text extraction breaks words.
REAL_WORLD_PDF_CELLS = [
    ("≤5个工 作日", "<=", "5", "个工作日"),
    ("≤120万 元", "<=", "120", "万元"),
    ("1000平 方米", "=", "1000", "平方米"),
    ("≥330台 套", ">=", "330", "台套"),
    ("区县（市）信访事项及时受理率达95%以上", ">=", "95", "%"),
    ("每周不少于3次", ">=", "3", "次"),
    ("≦60", "<=", "60", None),
    ("-11.97%", "=", "-11.97", "%"),
    ("400条以上", ">=", "400", "条"),
    ("A020204多功能一体机", None, None, None),  # a procurement code, not a quantity
    ("细颗粒物(PM2.5)年均浓度", None, None, None),
    ("10、卫生健康支出", None, None, None),
    ("实际拨付档次与考核评价档次一致的单位数 量 ÷ 拨付经费单位总数 ×100%", None, None, None),
    ("区县（市）信访事项及时受理率9 5%以上得满分，每低1个百分点减 0.2分。", None, None, None),
    ("2026-04-30 08:00:00", None, None, None),
]


@pytest.mark.parametrize(("text", "op", "number", "unit"), REAL_WORLD_PDF_CELLS)
def test_cells_from_published_pdfs(text: str, op: str | None, number: str | None, unit: str | None) -> None:
    assert _reading(parse_value(text)) == (op, number, unit)


def test_scoring_rules_give_parts_with_bare_units() -> None:
    parts = _parts("大于90%得满分，每低一个百分点减0.2分。")
    assert [(p.get("label"), p["op"], p["number"], p.get("unit")) for p in parts] == [
        (None, ">", "90", "%"),
        ("每低", "=", "1", "个百分点"),
        ("减", "=", "0.2", "分"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "A02010104台式计算机",
        "10、卫生健康支出",
        "（2）公务用车运行费",
        "由两部分组成：1.机关食堂包厨费2.机关食堂伙食补助费。",
    ],
)
def test_codes_and_enumerators_are_not_parts(text: str) -> None:
    assert parse_value(text).parts == []


CHINESE_NUMERALS = [
    ("百分之九十五", "=", "95", "%"),
    ("不低于百分之九十五", ">=", "95", "%"),
    ("百分之九十五以上", ">=", "95", "%"),
    ("百分之九十九点五", "=", "99.5", "%"),
    ("两次", "=", "2", "次"),
    ("百分之百", "=", "100", "%"),
    ("两个以上", ">=", "2", "个"),
    ("十二个", "=", "12", "个"),
    ("三个工作日内", "<=", "3", "个工作日"),
    ("一年二次", None, None, None),  # a frequency: see test_frequency_is_a_part
    ("除特殊情况每月一次全面检查", None, None, None),  # a numeral inside a sentence: gold says not parsed
    ("十二月", None, None, None),  # a calendar month, not twelve months
    ("一次性补助", None, None, None),
    ("统一缴费时间到9月底", None, None, None),
]


@pytest.mark.parametrize(("text", "op", "number", "unit"), CHINESE_NUMERALS)
def test_chinese_numerals_state_a_quantity_only_on_their_own(
    text: str, op: str | None, number: str | None, unit: str | None
) -> None:
    assert _reading(parse_value(text)) == (op, number, unit)


def test_nothing_to_read_gives_the_empty_reading() -> None:
    for text in (None, "", "   ", "\u3000"):
        assert parse_value(text) == ParsedValue()


def _parts(text: str) -> list[dict[str, Any]]:
    return [part.model_dump(exclude_none=True) for part in parse_value(text).parts]


def test_several_figures_become_labelled_parts() -> None:
    assert _parts("低保人员补助342元/人，五保人员补助380元/人，贫困人口补助266元/人。") == [
        {"label": "低保人员补助", "op": "=", "number": "342", "unit": "元/人", "text": "低保人员补助342元/人"},
        {"label": "五保人员补助", "op": "=", "number": "380", "unit": "元/人", "text": "五保人员补助380元/人"},
        {"label": "贫困人口补助", "op": "=", "number": "266", "unit": "元/人", "text": "贫困人口补助266元/人"},
    ]


def test_comparisons_keep_their_op_in_parts() -> None:
    parts = _parts("全市职工医保参保人数>38万人; 居民医保参保人数>508万人")
    assert [(p["label"], p["op"], p["number"], p["unit"]) for p in parts] == [
        ("全市职工医保参保人数", ">", "38", "万人"),
        ("居民医保参保人数", ">", "508", "万人"),
    ]


@pytest.mark.parametrize(
    ("text", "number", "upper", "unit"),
    [
        ("94%-98%", "94", "98", "%"),
        ("10-15项", "10", "15", "项"),
        ("94-98%", "94", "98", "%"),
        ("3至5家", "3", "5", "家"),
    ],
)
def test_a_range_is_one_part_with_an_upper_end(text: str, number: str, upper: str, unit: str) -> None:
    assert parse_value(text).parts == [ValuePart(number=number, upper=upper, unit=unit, text=text)]


def test_satisfaction_and_zero_complaints_are_two_parts() -> None:
    assert _parts("满意率95%以上、零核实投诉") == [
        {"label": "满意率", "op": ">=", "number": "95", "unit": "%", "text": "满意率95%以上"},
        {"label": "核实投诉", "op": "=", "number": "0", "text": "零核实投诉"},
    ]


def test_a_space_between_statements_ends_a_zero_noun_but_not_a_unit() -> None:
    parts = _parts("满意率95%以上、零核实投诉 满意率95%以上、零核实投诉")
    assert [(p["label"], p["number"]) for p in parts] == [("满意率", "95"), ("核实投诉", "0")] * 2
    assert _parts("门诊补助1000平 方米，住院补助2000平方米")[0]["unit"] == "平方米"


def test_words_around_figures_in_a_long_cell_become_labels() -> None:
    parts = _parts("门诊及住院：目录内报销100%，目录外报销90%；特殊检查，报销95%")
    assert [(p["label"], p["number"], p["unit"]) for p in parts] == [
        ("门诊及住院：目录内报销", "100", "%"),
        ("目录外报销", "90", "%"),
        ("报销", "95", "%"),
    ]


def test_dates_are_not_parts() -> None:
    assert _parts("2020全年50万元。") == [{"op": "=", "number": "50", "unit": "万元", "text": "50万元"}]
    assert _parts("2021年5月和11月份。") == []


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [
        ("一年二次", "2", "次/年"),
        ("每月一次", "1", "次/月"),
        ("一季度三次", "3", "次/季"),
        ("满意率95%，每年2次", "2", "次/年"),
    ],
)
def test_frequency_is_a_part(text: str, number: str, unit: str) -> None:
    assert (parse_value(text).parts[-1].number, parse_value(text).parts[-1].unit) == (number, unit)


def test_frequency_in_arabic_digits_is_one_quantity() -> None:
    # one run of digits after a label: the spec's rule reads 每季度2次 as = 2 次
    assert _reading(parse_value("每季度2次")) == ("=", "2", "次")


def test_one_quantity_has_no_parts() -> None:
    assert parse_value("≥95%").parts == []
    assert parse_value("百分之九十五").parts == []


DEADLINES = [
    ("2024年12月31日之前", Deadline(kind="date", op="<=", year=2024, month=12, day=31, text="2024年12月31日之前")),
    ("2021年10月前", Deadline(kind="date", op="<=", year=2021, month=10, text="2021年10月前")),
    ("2024年", Deadline(kind="date", year=2024, text="2024年")),
    ("每月25日以前", Deadline(kind="recurring", op="<=", every="月", day=25, text="每月25日以前")),
    ("每月月底", Deadline(kind="recurring", op="<=", every="月", text="每月月底")),
    ("季末组织专家评审; 恶性肿瘤即时申报。", Deadline(kind="recurring", op="<=", every="季", text="季末")),
    ("10个工作日内", Deadline(kind="duration", op="<=", amount="10", unit="工作日", text="10个工作日内")),
    ("三个工作日内", Deadline(kind="duration", op="<=", amount="3", unit="工作日", text="三个工作日内")),
    (
        "本地联网即时结算，异地30个工作日内审核支付。",
        Deadline(kind="duration", op="<=", amount="30", unit="工作日", text="30个工作日内"),
    ),
    ("年底前完成", Deadline(kind="date", op="<=", month=12, day=31, text="年底")),
    ("年底", Deadline(kind="date", op="<=", month=12, day=31, text="年底")),
    ("2024年底前", Deadline(kind="date", op="<=", year=2024, month=12, day=31, text="2024年底")),
    ("统一缴费时间到9月底", Deadline(kind="date", op="<=", month=9, day=30, text="9月底")),
    ("2024年2月底", Deadline(kind="date", op="<=", year=2024, month=2, day=29, text="2024年2月底")),
    ("12月31日前", Deadline(kind="date", op="<=", month=12, day=31, text="12月31日前")),
    ("上半年", Deadline(kind="date", op="<=", month=6, day=30, text="上半年")),
    ("每年12月底前", Deadline(kind="recurring", op="<=", every="年", month=12, day=31, text="每年12月底前")),
    ("次月10日前", Deadline(kind="recurring", op="<=", every="月", day=10, text="次月10日前")),
    ("每季度末", Deadline(kind="recurring", op="<=", every="季", text="每季度末")),
    ("不晚于2026年10月31日", Deadline(kind="date", op="<=", year=2026, month=10, day=31, text="2026年10月31日")),
    ("2026-04-30 08:00:00", Deadline(kind="date", year=2026, month=4, day=30, text="2026-04-30")),
    ("次年2月 份前", Deadline(kind="date", op="<=", month=2, text="2月份前")),
    # several dates: the last one, by which everything is done; a range ends at its upper month
    ("2021年5月和11月份。", Deadline(kind="date", year=2021, month=11, text="11月份")),
    ("2021年5-7月", Deadline(kind="date", op="<=", year=2021, month=7, text="2021年5-7月")),
]


@pytest.mark.parametrize(("text", "deadline"), DEADLINES)
def test_deadlines_are_typed(text: str, deadline: Deadline) -> None:
    assert parse_value(text).deadline == deadline


@pytest.mark.parametrize(
    "text",
    [
        "≥95%",
        "有效减轻",
        "除特殊情况每月一次全面检查",
        "每月99日",
        "结清2020年度定点医疗机构离休干部医药费，并部分支付2021年离休医药费",
        "次月支付",
    ],
)
def test_no_deadline_where_the_cell_names_no_time_target(text: str) -> None:
    assert parse_value(text).deadline is None


COLUMNS = [
    (("≥", "95", "%"), (">=", "95", "%")),
    (("=", "100", "%"), ("=", "100", "%")),
    (("＝", "100", "%"), ("=", "100", "%")),
    (("≧", "90", "%"), (">=", "90", "%")),
    (("≦", "3", "万元"), ("<=", "3", "万元")),
    (("大于等于", "95", "%"), (">=", "95", "%")),
    (("<", "5", "%"), ("<", "5", "%")),
    ((" ≥ ", " 780,000 ", "人数"), (">=", "780000", "人数")),
    (("≥", "９５", "%"), (">=", "95", "%")),
    (("定性", "2", None), (None, None, None)),
    (("定性", "优良中低差", ""), (None, None, None)),
    (("≥", "优良中低差", "%"), (None, None, None)),
    (("≥", "95%", None), (">=", "95", "%")),
    ((None, "≥95%", None), (">=", "95", "%")),
    ((None, "95", "%"), ("=", "95", "%")),
    (("定量", "≤10", "天"), ("<=", "10", "天")),
    ((None, None, None), (None, None, None)),
]


@pytest.mark.parametrize(("columns", "reading"), COLUMNS)
def test_columns_give_op_number_and_unit(
    columns: tuple[str | None, str | None, str | None], reading: tuple[str | None, str | None, str | None]
) -> None:
    assert _reading(parse_columns(*columns)) == reading


def test_duration_columns_give_a_deadline() -> None:
    deadline = parse_columns("≤", "10", "个工作日").deadline
    assert deadline is not None
    assert (deadline.kind, deadline.op, deadline.amount, deadline.unit) == ("duration", "<=", "10", "工作日")


# ---------------------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------------------

NOTATION_ALPHABET = st.sampled_from(
    list("0123456789０１２３.,，-~～%％≥≤≧≦<>=＝《》（）()、；;。: 年月日号每个工作内以上下前底末第约余多")
    + list("一二两三十百千万零点百分之次人元项家天周季度满意率投诉不低于超过以内\u3000\n\t")
)
ANY_TEXT = st.one_of(st.text(), st.text(alphabet=NOTATION_ALPHABET, max_size=40))


def _all_numbers(parsed: ParsedValue) -> list[str]:
    numbers = [parsed.number] + [n for part in parsed.parts for n in (part.number, part.upper)]
    return [n for n in numbers if n is not None]


@given(ANY_TEXT)
@example("百分之")
@example("≥-")
@example("1,000,")
@example("每月99日以前")
@example("2024年13月")
@example("九" * 40 + "次")
def test_any_text_is_read_without_error(text: str) -> None:
    parsed = parse_value(text)
    assert isinstance(parsed, ParsedValue)
    assert parsed.op in (None, ">=", "<=", ">", "<", "=")
    assert (parsed.op is None) == (parsed.number is None)


@given(ANY_TEXT)
def test_every_number_is_a_plain_decimal_string(text: str) -> None:
    for number in _all_numbers(parse_value(text)):
        assert PLAIN_DECIMAL.fullmatch(number), number
        Decimal(number)


@given(st.one_of(st.none(), ANY_TEXT), st.one_of(st.none(), ANY_TEXT), st.one_of(st.none(), ANY_TEXT))
def test_any_columns_are_read_without_error(nature: str | None, value: str | None, unit: str | None) -> None:
    parsed = parse_columns(nature, value, unit)
    assert all(PLAIN_DECIMAL.fullmatch(number) for number in _all_numbers(parsed))


OPS = {"≥": ">=", ">=": ">=", "≤": "<=", "<=": "<=", ">": ">", "<": "<", "=": "=", "": "="}
UNITS = [
    "%",
    "人",
    "人次",
    "万元",
    "元",
    "元/人",
    "家",
    "项",
    "条",
    "个",
    "次",
    "万人",
    "微克/立方米",
    "个工作日",
    "台",
]
NUMBERS = st.builds(
    lambda whole, fraction: whole + (f".{fraction}" if fraction else ""),
    st.from_regex(r"0|[1-9][0-9]{0,8}", fullmatch=True),
    st.one_of(st.just(""), st.from_regex(r"[0-9]{1,4}", fullmatch=True)),
)


@given(st.sampled_from(sorted(OPS)), NUMBERS, st.sampled_from(UNITS))
def test_op_number_unit_round_trips(symbol: str, number: str, unit: str) -> None:
    assert _reading(parse_value(f"{symbol}{number}{unit}")) == (OPS[symbol], number, unit)


WORD_OPS = {"不低于": ">=", "不少于": ">=", "大于等于": ">=", "不超过": "<=", "不高于": "<=", "高于": ">", "低于": "<"}
SUFFIX_OPS = {"以上": ">=", "及以上": ">=", "以内": "<=", "以下": "<="}


@given(
    st.sampled_from(["", "满意率", "参保人数", "人均支出"]),
    st.sampled_from(sorted(WORD_OPS)),
    st.booleans(),
    NUMBERS,
    st.sampled_from(UNITS),
    st.sampled_from(["", "。", "（预算数）"]),
)
def test_worded_comparison_round_trips(
    label: str, word: str, negative: bool, number: str, unit: str, closing: str
) -> None:
    signed = f"-{number}" if negative else number
    text = f"{label}{word}{signed}{unit}{closing}"
    assert _reading(parse_value(text)) == (WORD_OPS[word], signed, unit)


@given(st.sampled_from(sorted(SUFFIX_OPS)), NUMBERS, st.sampled_from(UNITS))
def test_comparison_word_after_the_unit_round_trips(word: str, number: str, unit: str) -> None:
    assert _reading(parse_value(f"{number}{unit}{word}")) == (SUFFIX_OPS[word], number, unit)


FULL_WIDTH = str.maketrans("0123456789%<>=.", "０１２３４５６７８９％＜＞＝．")


@given(st.sampled_from(sorted(OPS)), NUMBERS, st.sampled_from(UNITS), st.sampled_from([" ", "\u3000", "  ", "\t"]))
def test_whitespace_and_full_width_do_not_change_the_reading(symbol: str, number: str, unit: str, space: str) -> None:
    plain = f"{symbol}{number}{unit}"
    variants = [
        f"{space}{plain}{space}",
        f"{symbol}{space}{number}{space}{unit}",
        plain.translate(FULL_WIDTH),
        f"{space}{symbol}{space}{number}{unit}".translate(FULL_WIDTH),
    ]
    for variant in variants:
        assert parse_value(variant) == parse_value(plain), variant


@given(ANY_TEXT)
def test_reading_is_stable(text: str) -> None:
    assert parse_value(text) == parse_value(text)
    assert parse_value(text) == parse_value(f" {text} ")


@given(
    st.sampled_from(["", "≥", "≤", ">=", "<=", ">", "<", "=", "≧", "≦"]),
    st.one_of(NUMBERS, st.from_regex(r"0[0-9]{1,3}", fullmatch=True)),
    st.sampled_from(["", "%", "人次", "万人", "万元", "元/人", "人", "元", "家", "项", "条", "个", "次", "年", "天"]),
)
def test_common_shapes_read_as_the_general_rule_does(symbol: str, number: str, unit: str) -> None:
    text = f"{symbol}{number}{unit}"
    assert parse_value(text) == values._read(text)


@pytest.mark.parametrize("piece", ["1", "1,", "九", "2024年", "一次", "满意率95%以上、零核实投诉 ", "平 方米1", "≥"])
def test_hostile_long_cells_are_read_in_linear_time(piece: str) -> None:
    text = piece * (30_000 // len(piece))
    started = time.process_time()
    parse_value(text)
    parse_columns("≥", text, text)
    # linear work takes well under a second here; a quadratic pattern would take minutes
    assert time.process_time() - started < 20
