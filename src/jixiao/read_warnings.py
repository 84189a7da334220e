"""The warnings the readers and the interpreter emit: a code and arguments, worded in English and in Chinese.

A :class:`ReadWarning` is the English text itself (a ``str``: ``SourceDocument.warnings`` and
``Interpretation.warnings`` stay lists of strings for the CLI, the batch runner and JSON), and it keeps its
code and arguments, so a user interface renders it in Chinese too (``warning.render("zh-hans")``). Every code
is one entry of :data:`CATALOGUE` with both wordings; an argument may itself be a warning (a table's name, the
reason a table was left out), rendered in the same language.

>>> w = ReadWarning("hidden_sheet", sheet="Secret")
>>> w == "Secret: hidden sheet skipped", w.render("zh-hans")
(True, 'Secret：隐藏的工作表，未读取')
>>> name = ReadWarning("table_titled", index=1, title="2.乙项目绩效目标表")
>>> ReadWarning("table_left_out", table=name, problem=ReadWarning("no_indicator_rows")).render("zh-hans")
'表[1]（2.乙项目绩效目标表）未读入：指标表没有行'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["CATALOGUE", "ReadWarning", "Wording"]


@dataclass(frozen=True)
class Wording:
    """One warning's text in both languages (``str.format`` templates over the same arguments)."""

    en: str
    zh: str


CATALOGUE: Mapping[str, Wording] = {
    # readers
    "hidden_sheet": Wording("{sheet}: hidden sheet skipped", "{sheet}：隐藏的工作表，未读取"),
    "pdf_page_unreadable": Wording(
        "page {page}: the page could not be loaded ({detail}); it is not read", "第{page}页无法载入（{detail}），未读取"
    ),
    "pdf_stray_text": Wording(
        "page {page} table {table}: text inside the table's frame but in no cell, read as a paragraph: {text}",
        "第{page}页表{table}：表框内有不在任何单元格中的文字，已作为段落读取：{text}",
    ),
    "pdf_cell_cut": Wording(
        "page {page} table {table}: a cell's text runs to the foot of the page and does not go on on the next: "
        "it may be cut off after …{text}",
        "第{page}页表{table}：单元格文字写到页底，下一页未接续，可能不全（止于……{text}）",
    ),
    "pdf_page_count": Wording(
        "the page tree declares {declared:,} pages but the file holds {held:,} page objects: "
        "only the {declared:,} declared pages are read",
        "页面树声明{declared}页，文件却有{held}个页面对象：只读取声明的{declared}页",
    ),
    "flat_sheet_left_out": Wording(
        "from {where} to the end: the analysts' sheet 指标明细 (one row per indicator, repeating the tables) "
        "printed from a workbook, left out",
        "自{where}至文末：由工作簿打印的分析用表“指标明细”（每行一个指标，重复前面各表），未读入",
    ),
    # the interpreter: how a table is named (its index as ``jixiao show`` numbers the tables, its printed title)
    "table": Wording("table [{index}]", "表[{index}]"),
    "table_titled": Wording("table [{index}] ({title})", "表[{index}]（{title}）"),
    "table_project": Wording("{table} {project}", "{table}「{project}」"),
    # the interpreter: what it left out, and why
    "project_incomplete": Wording(
        "{table} {project} is incomplete and left out: {problem}", "{table}「{project}」不完整，未读入：{problem}"
    ),
    "table_left_out": Wording("{table} is left out: {problem}", "{table}未读入：{problem}"),
    "table_incomplete": Wording("{table} is incomplete and left out: {problem}", "{table}不完整，未读入：{problem}"),
    "table_note": Wording("{table}: {note}", "{table}：{note}"),
    "other_table": Wording(
        "its caption names another kind of table, not a 绩效目标表 or 自评表", "表题是另一种表，不是绩效目标表或自评表"
    ),
    "blank_template": Wording(
        "it is a blank template form (placeholder names such as 指标1： or ……, no values)",
        "是空白模板（指标名称为“指标1：”“……”之类的占位，没有指标值）",
    ),
    "no_indicator_table": Wording(
        "no indicator table (一级指标/二级指标/三级指标 …) follows", "其后没有指标表（一级指标/二级指标/三级指标……）"
    ),
    "no_indicator_rows": Wording("its indicator table has no rows", "指标表没有行"),
    "last_row_without_value": Wording(
        "its last indicator row ({name}) has no value", "最后一行指标（{name}）没有指标值"
    ),
    "missing_level1_groups": Wording(
        "it has no {groups} rows, which every table before it has", "没有此前每张表都有的{groups}行"
    ),
    "no_closing_level1_groups": Wording("it has no 效益指标 or 满意度指标 rows", "没有效益指标或满意度指标行"),
    # the interpreter: what a reader should look at in a table that was read
    "indicators_without_level1": Wording(
        "{count} indicator(s) without 一级指标, first {first!r}", "{count}个指标没有一级指标，第一个是「{first}」"
    ),
    "indicators_without_value": Wording(
        "{count} indicator(s) without a target value, first {first!r}", "{count}个指标没有指标值，第一个是「{first}」"
    ),
    "execution_column_unread": Wording(
        "the execution column {label!r} is not read", "预算执行情况的「{label}」列未读取"
    ),
    "printed_not_read": Wording(
        "{table}: printed but not read (no field holds it): {items}", "{table}：印有但未读取（没有对应的字段）：{items}"
    ),
    "score_summary_unread": Wording(
        "a score summary (一级指标 | 分值 | 得分) below its indicators is not read as indicators",
        "指标下方的分值汇总（一级指标 | 分值 | 得分）不作为指标读取",
    ),
}


def _format(template: str, arguments: Mapping[str, Any], language: str) -> str:
    shown = {
        key: value.render(language) if isinstance(value, ReadWarning) else value for key, value in arguments.items()
    }
    if language != "en":  # Chinese text quotes names itself and prints no Python None
        shown = {key: "" if value is None else value for key, value in shown.items()}
    return template.format(**shown)


def _restore(code: str, arguments: dict[str, Any]) -> ReadWarning:
    return ReadWarning(code, **arguments)


class ReadWarning(str):
    """A warning: its English text, with the ``code`` and ``arguments`` that word it in any language."""

    code: str
    arguments: dict[str, Any]

    def __new__(cls, code: str, **arguments: Any) -> ReadWarning:
        wording = CATALOGUE[code]  # a warning without its two wordings is a programming error
        self = super().__new__(cls, _format(wording.en, arguments, "en"))
        self.code, self.arguments = code, arguments
        return self

    def render(self, language: str | None) -> str:
        """The text in ``language`` (a Django language code: ``zh-hans``, ``zh-cn``, ``en`` …; else English)."""
        if (language or "").lower().startswith("zh"):
            return _format(CATALOGUE[self.code].zh, self.arguments, "zh")
        return str(self)

    def __reduce__(self) -> tuple[Any, ...]:  # worker processes send warnings back pickled
        return (_restore, (self.code, self.arguments))
