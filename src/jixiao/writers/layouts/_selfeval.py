"""What the self-evaluation layouts share: the indicator rows with 实际完成值 / 分值 / 得分, the totals.

The labels are those the published 绩效自评表 print (国家信访局 2024 决算, pp. 28–34), so that the
interpreter reads a written table back by the same labels as a published one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from jixiao.model import Indicator, TargetTable
from jixiao.writers._blocks import Block, Para, Table, goals_text, is_decimal, level_runs
from jixiao.writers._layout import Layout

__all__ = [
    "INDICATOR_HEAD",
    "RowCells",
    "body_with_year_line",
    "evaluation_cells",
    "goals_lines",
    "indicator_rows",
    "percent",
    "project_rows",
    "scored",
    "text_rows",
]

#: The indicator header of the central 项目支出绩效自评表, in print order.
INDICATOR_HEAD = (
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
)

# a goal that carries its own enumerator (目标1：…, 1.…, （一）…) is printed as it is; others are numbered
_ENUMERATED = re.compile(r"^(目标\s*\d+|\d+\s*[.、．]|[（(][一二三四五六七八九十\d]+[）)])")


def goals_lines(goals: Sequence[str]) -> str:
    """预期目标 as printed: one goal a line, numbered ``1.`` unless each goal already carries its number."""
    numbered = not (goals and all(_ENUMERATED.match(goal) for goal in goals))
    return goals_text(goals, numbered=numbered)


def project_rows(out: Table, table: TargetTable, n: int) -> int:
    """The two rows that open a project's 自评表 and 监控表 on ``n`` columns: 项目名称, and 主管部门 / 实施单位;
    returns the next row."""
    out.add(0, 0, "项目名称", colspan=2, role="label")
    out.add(0, 2, table.project_name, colspan=n - 2)
    out.add(1, 0, "主管部门", colspan=2, role="label")
    out.add(1, 2, table.department, colspan=3)
    out.add(1, 5, "实施单位", role="label")
    out.add(1, 6, table.implementing_unit, colspan=n - 6)
    return 2


def percent(rate: str | None) -> str | None:
    """A rate (percent number without ``%``) as printed: ``100.00`` → ``100.00%``; a dash stays a dash."""
    return f"{rate}%" if is_decimal(rate) else rate


def scored(text: str | None) -> str | None:
    """The number to store for a points or amount cell (Excel), or ``None`` for text and dashes."""
    return text if is_decimal(text) else None


def _level1_text(level1: str | None, points: dict[str, str] | None) -> str | None:
    if level1 is None or not points or level1 not in points:
        return level1
    return f"{level1}（{points[level1]}分）"


#: The cells of an indicator row after its level cells: (text, a points column stored as a number in Excel,
#: alignment), one per column.
RowCells = Callable[[Indicator], Sequence[tuple[str | None, bool, str]]]


def evaluation_cells(ind: Indicator) -> Sequence[tuple[str | None, bool, str]]:
    """三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 of a self-evaluation row."""
    return (
        (ind.name, False, "left"),
        (ind.value, False, "center"),
        (ind.actual, False, "center"),
        (ind.max_score, True, "center"),
        (ind.score, True, "center"),
        (ind.deviation, False, "left"),
    )


def indicator_rows(
    out: Table,
    r: int,
    table: TargetTable,
    cols: Sequence[tuple[int, int] | None],
    cells: RowCells = evaluation_cells,
) -> int:
    """The indicators from row ``r``, one ``(column, span)`` per column of the form (``None``: a column the
    form does not print, whose values are all null): 一级, 二级, then one per entry of ``cells``; returns the
    next row.

    一级 and 二级 cells are merged over their runs; a level-1 cell prints its points where the table has them
    (``产出指标（50分）``).
    """
    inds = table.indicators
    starts1 = dict(level_runs([i.level1 for i in inds]))
    starts2 = dict(level_runs([(i.level1, i.level2) for i in inds]))
    for k, ind in enumerate(inds):
        row = r + k
        level1, level2 = cols[0], cols[1]
        if k in starts1 and level1 is not None:
            text = _level1_text(ind.level1, table.level1_max_scores)
            out.add(row, level1[0], text, colspan=level1[1], rowspan=starts1[k], role="text")
        if k in starts2 and level2 is not None:
            out.add(row, level2[0], ind.level2, colspan=level2[1], rowspan=starts2[k], role="text")
        for place, (text, points, align) in zip(cols[2:], cells(ind), strict=True):
            if place is not None:
                out.add(row, place[0], text, colspan=place[1], number=scored(text) if points else None, align=align)
    return r + len(inds)


def text_rows(out: Table, r: int, table: TargetTable, width: int) -> int:
    """偏差原因 (of the execution), 评价等级, 评价结论, 存在问题, 改进措施 where the table has them: a label and
    the text across."""
    for label, text in (("偏差原因", table.execution_note), ("评价等级", table.grade), ("评价结论", table.conclusion),
                        ("存在问题", table.problems), ("改进措施", table.improvements)):  # fmt: skip
        if text is not None:
            out.add(r, 0, label, colspan=2, role="label")
            out.add(r, 2, text, colspan=width - 2, align="left" if label != "评价等级" else "center")
            r += 1
    return r


def body_with_year_line(grid: Callable[[TargetTable], Table]) -> Callable[[TargetTable, Layout], Sequence[Block]]:
    """A self-evaluation form's body: the year line ``（2024年度）`` under the title, then the form's grid."""

    def body(table: TargetTable, layout: Layout) -> Sequence[Block]:
        year = [Para(f"（{table.year}{layout.text('year')}）", "subtitle")] if table.year is not None else []
        return [*year, grid(table)]

    return body
