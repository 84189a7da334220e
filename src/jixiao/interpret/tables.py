"""One table segment → one :class:`~jixiao.model.TargetTable`, and whether it is complete."""

from __future__ import annotations

import re
from typing import Any

from jixiao.interpret import evaluation, labels
from jixiao.interpret.clean import clean, ref_span, split_amount, split_code, split_items
from jixiao.interpret.evaluation import EvaluationReader
from jixiao.interpret.header import HeaderReader
from jixiao.interpret.indicator_text import indicators_in_text
from jixiao.interpret.indicators import (
    Columns,
    ProjectPart,
    printed_text,
    read_indicators,
    read_projects,
    read_text_indicators,
)
from jixiao.interpret.segment import TableSegment, Title
from jixiao.interpret.stream import Line, Row
from jixiao.interpret.tasks import TaskReader
from jixiao.model import Funds, Indicator, SpendingPoint, TargetTable
from jixiao.read_warnings import ReadWarning

__all__ = ["BLANK_TEMPLATE", "cut_off", "is_blank_template", "oddities", "read_table", "table_name"]

OTHER_TABLE = ReadWarning("other_table")
BLANK_TEMPLATE = ReadWarning("blank_template")
# a template's placeholder for a name: 指标1：, 目标2, ……, ...
_PLACEHOLDER = re.compile(r"^(?:(?:指标|目标)\s*\d{0,2}\s*[:：]?|[.…。·]{2,}|…+)$")

# The level-1 groups every project table has; one without a single 效益 or 满意度 row has lost its end.
_STANDARD_LEVEL1 = frozenset({"产出指标", "效益指标", "满意度指标"})
_CLOSING_LEVEL1 = frozenset({"效益指标", "满意度指标"})


def table_name(segment: TableSegment, index: int) -> ReadWarning:
    """How warnings name a table: ``table [index]`` as ``jixiao show`` numbers the document's tables (the
    index a table left out would have had), with its printed title."""
    if segment.title is not None:
        seq = f"{segment.title.seq}." if segment.title.seq is not None else ""
        return ReadWarning("table_titled", index=index, title=f"{seq}{segment.title.text}")
    return ReadWarning("table", index=index)


def read_table(segment: TableSegment) -> tuple[list[TargetTable], str | None]:
    """The segment's table (the tables of a long table holding many projects), or none and the reason it
    is left out (nothing but a title, no indicators …)."""
    if segment.title is not None and segment.title.kind == "other":
        return [], OTHER_TABLE
    header_at = next(
        (
            i
            for i, item in enumerate(segment.items)
            if isinstance(item, Row) and item.n_labels >= labels.INDICATOR_HEADER_MIN
        ),
        None,
    )
    head = segment.items if header_at is None else segment.items[:header_at]
    reader = HeaderReader()
    task_grid = TaskReader()
    header_row = segment.items[header_at] if header_at is not None else None
    columns = Columns.from_header(header_row) if isinstance(header_row, Row) else None
    title = segment.title
    evaluated = title is not None and title.kind == "self_evaluation"
    # a 监控表 by its title, or by its indicator columns (1-7月执行情况, 全年预计完成情况, 完成目标可能性)
    monitoring = (title is not None and title.kind == "monitoring") or (
        not evaluated and columns is not None and bool(labels.MONITORING_MARKS & columns.fields.keys())
    )
    # a monitoring table is read like a self-evaluation: its execution block, its goals
    evaluating = evaluated or monitoring or (columns is not None and columns.self_evaluation)
    assessor = EvaluationReader() if evaluating else None
    paragraph: list[str] = []
    for item in head:
        if isinstance(item, Row) and task_grid.feed(item):
            continue
        if isinstance(item, Line) and task_grid.heading(item.text):
            continue  # 年度主要任务 on a line of its own: the task grid follows
        if isinstance(item, Line):
            if item.first and paragraph:
                reader.feed_paragraph("\n".join(paragraph))
                paragraph = []
            paragraph.append(item.text)
            continue
        if paragraph:
            reader.feed_paragraph("\n".join(paragraph))
            paragraph = []
        if assessor is not None and assessor.take(item):
            continue  # the execution block, 预期目标 | 实际完成情况 …: self-evaluation fields
        reader.feed_row(item)
    if paragraph:
        reader.feed_paragraph("\n".join(paragraph))
    for text in task_grid.beside:
        reader.feed_paragraph(text)
    if not evaluating:  # a self-evaluation's task totals are execution, not funds
        _task_totals(reader, task_grid)
    elif assessor is not None and task_grid.total_row:
        assessor.task_total(task_grid.total_row)
    printed = {
        "kind": _kind(monitoring=monitoring, evaluating=evaluating, title=title),
        "seq": title.seq if title else None,
        "form_label": title.form_label if title else None,
        "title": title.text if title else None,
        "money_unit": reader.resolved_money_unit()
        or (assessor.money_unit if assessor is not None else None)
        or task_grid.money_unit,
        "tasks": task_grid.tasks,
        **reader.fields,
    }
    if title is not None:
        _fill_from_title(printed, title.text)
    if header_at is None:  # no indicator grid: the indicators may be written as text in one cell
        tables = _tables_of_text_indicators(segment, reader, printed)
        return tables, None if tables else ReadWarning("no_indicator_table")
    header = segment.items[header_at]
    assert isinstance(header, Row) and columns is not None
    body = segment.items[header_at + 1 :]
    if body and isinstance(body[0], Row) and body[0].n_labels >= labels.INDICATOR_HEADER_MIN:
        columns.add_header_row(body[0])  # a header printed over two rows
    if assessor is not None:
        printed["subject"] = evaluation.subject_of(title.text if title else None)
        body = assessor.closing(body, columns.fields.get("score"))  # 总分, 评价等级 … are not indicators
    projects = read_projects(columns, body)
    if projects is not None:
        if not projects:
            return [], ReadWarning("no_indicator_rows")
        if all(is_blank_template(part.indicators) for part in projects):
            return [], BLANK_TEMPLATE
        return [_project_table(printed, part) for part in projects], None
    indicators = read_indicators(header, body, columns=columns)
    if not indicators:
        unfilled = any(isinstance(item, Row) and any(item.cleaned) for item in body)
        return [], BLANK_TEMPLATE if unfilled else ReadWarning("no_indicator_rows")
    if is_blank_template(indicators):
        return [], BLANK_TEMPLATE
    source_ref = ref_span([title.ref if title else None, segment.items[0].ref, segment.items[-1].ref])
    if assessor is not None:
        fields, indicators = assessor.finish(indicators)
        printed.update(fields)
        segment.notes.extend(assessor.notes)
    goals = reader.annual_goals + (assessor.annual_goals if assessor is not None else [])
    return [_one_table(reader, printed, indicators, source_ref, goals)], None


def _kind(*, monitoring: bool, evaluating: bool, title: Title | None) -> str:
    if monitoring:
        return "monitoring"
    if evaluating:
        return "self_evaluation"
    return title.kind if title is not None else "project_target"


# the table's year: one that opens the title, or the year of a department's table (…局2026年部门整体…);
# a year elsewhere belongs to a project's name (关于拨付和下达2023年…补助资金绩效目标表)
_TITLE_YEAR = re.compile(r"^\s*((?:19|20)\d{2})\s*年|((?:19|20)\d{2})\s*年度?部门")
_TITLE_NOTE = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")
_TITLE_PROJECT = re.compile(r"^(?:(?:19|20)\d{2}\s*年度?)?(?P<name>.+?)项目(?:支出)?绩效目标(?:申报|批复|审核)?表$")
# what is left of a title naming a kind of table, not a project (部门预算项目…, 市级一般性项目…)
_NOT_A_PROJECT = ("预算", "部门", "单位", "一般性", "重点", "专项", "其他", "一级", "二级", "支出", "整体")


def is_blank_template(indicators: list[Indicator]) -> bool:
    """Indicators of a form published unfilled: placeholder names (指标1：, ……) and not one value."""
    if any(indicator.value or indicator.overall_value for indicator in indicators):
        return False
    return any(_PLACEHOLDER.match(clean(indicator.name)) for indicator in indicators)


def _task_totals(reader: HeaderReader, task_grid: TaskReader) -> None:
    """A target table's 金额合计 of its tasks is its funds where no other total is printed."""
    for key, amount in task_grid.totals.items():
        group, _, name = key.partition(".")
        if group == "budget" and name in {"total", "fiscal", "other"}:
            reader.funds.values.setdefault(name, amount)


def _fill_from_title(printed: dict[str, Any], title: str) -> None:
    """The year a title prints (``2022年部门…``), and the project a title alone names (``XX项目绩效目标表``)."""
    if printed.get("year") is None and (year := _TITLE_YEAR.search(title)):
        printed["year"] = int(year.group(1) or year.group(2))
    if printed["kind"] != "project_target" or printed.get("project_name"):
        return
    match = _TITLE_PROJECT.match(_TITLE_NOTE.sub("", title))
    name = match.group("name").strip() if match else ""
    if len(name) > 1 and not name.endswith(_NOT_A_PROJECT):
        printed["project_name"] = name


def _one_table(
    reader: HeaderReader,
    printed: dict[str, Any],
    indicators: list[Indicator],
    source_ref: str | None,
    goals: list[str] | None = None,
) -> TargetTable:
    """The table of one project: what its header printed, and its indicators."""
    return TargetTable(
        funds=reader.funds.build(),
        spending_plan=[SpendingPoint(label=label, percent=percent) for label, percent in reader.spending_plan],
        annual_goals=reader.annual_goals if goals is None else goals,
        indicators=indicators,
        source_ref=source_ref,
        **printed,
    )


def _tables_of_text_indicators(
    segment: TableSegment, reader: HeaderReader, printed: dict[str, Any]
) -> list[TargetTable]:
    """Tables whose indicators are written as text: a list of projects under a header naming a project
    column and a 绩效指标 column (a table per row), or one table with such a cell or paragraph."""
    project_header: tuple[dict[str, int], int] | None = None
    parts: list[ProjectPart] = []
    found: list[Indicator] = []
    for item in segment.items:
        if isinstance(item, Line):
            found = found or read_text_indicators(indicators_in_text(item.paragraph), item.ref)
            continue
        if project_header is None:
            project_header = _project_header(item)
            if project_header is not None:
                continue
        else:
            columns, text_col = project_header
            if listed := indicators_in_text(printed_text(item, text_col)):
                fields = {name: printed_text(item, col) for name, col in columns.items()}
                parts.append(ProjectPart(fields, read_text_indicators(listed, item.ref), [item.ref]))
            continue
        if not found:
            for index, text in enumerate(item.texts):
                if item.cleaned[index] and (listed := indicators_in_text(text)):
                    found = read_text_indicators(listed, item.refs[index])
                    break
    if parts:
        return [_project_table(printed, part) for part in parts]
    if not found:
        return []
    return [_one_table(reader, printed, found, ref_span([segment.items[0].ref, segment.items[-1].ref]))]


def _project_header(row: Row) -> tuple[dict[str, int], int] | None:
    """The project columns and the 绩效指标 column of a project list whose indicators are text."""
    columns = Columns.from_header(row).project
    text_col = next(
        (
            row.cols[index]
            for index, text in enumerate(row.cleaned)
            if text and len(text) <= labels.MAX_LABEL and labels.label_key(text) in labels.INDICATOR_TEXT_LABELS
        ),
        None,
    )
    return (columns, text_col) if "project_name" in columns and text_col is not None else None


def _project_table(printed: dict[str, Any], part: ProjectPart) -> TargetTable:
    """One project of a long table holding many: the fields printed above the table, then its own."""
    fields = dict(printed)
    funds: dict[str, str] = {}
    goals: list[str] = []
    for name, text in part.fields.items():
        if not clean(text):
            continue
        if name.startswith("funds."):
            amount, unit = split_amount(text)
            funds[name.removeprefix("funds.")] = amount
            if unit and not fields.get("money_unit"):
                fields["money_unit"] = unit
        elif name == "annual_goals":
            goals = split_items(text)
        elif name == "project_name" and fields["kind"] == "department_target":
            fields["unit_name"] = clean(text)  # a department's table names its units, not projects
        elif name == "project_name":
            code, project = split_code(text)
            fields["project_name"] = project
            if code and not part.fields.get("project_code"):
                fields["project_code"] = code
        else:
            fields[name] = clean(text)
    return TargetTable(
        funds=Funds(**funds),
        annual_goals=goals,
        indicators=part.indicators,
        source_ref=ref_span(part.refs),
        **fields,
    )


def cut_off(last: TargetTable, before: list[TargetTable]) -> str | None:
    """Why the document's last table looks cut off (a truncated file), or None.

    Its last row has a name but no value while every other row has one; or it lacks one of the
    standard level-1 groups (产出/效益/满意度) that every table before it has; or, alone, it has
    neither 效益 nor 满意度 indicators.
    """
    rows = last.indicators
    if len(rows) > 1 and rows[-1].name and not rows[-1].value and all(row.value for row in rows[:-1]):
        return ReadWarning("last_row_without_value", name=rows[-1].name)
    groups = {labels.label_key(row.level1 or "") for row in rows} & _STANDARD_LEVEL1
    if before:
        common = set.intersection(
            *({labels.label_key(row.level1 or "") for row in table.indicators} for table in before)
        )
        missing = sorted(common & _STANDARD_LEVEL1 - groups)
        if missing:
            return ReadWarning("missing_level1_groups", groups="/".join(missing))
    elif last.kind == "project_target" and not groups & _CLOSING_LEVEL1:
        return ReadWarning("no_closing_level1_groups")
    return None


def oddities(table: TargetTable) -> list[ReadWarning]:
    """What a reader should look at in a table that was read: indicators without a level or a value."""
    notes = []
    unplaced = [i.name for i in table.indicators if not i.level1]
    if unplaced:
        notes.append(ReadWarning("indicators_without_level1", count=len(unplaced), first=unplaced[0]))
    empty = [i.name for i in table.indicators if i.name and not i.value]
    if empty:
        notes.append(ReadWarning("indicators_without_value", count=len(empty), first=empty[0]))
    return notes
