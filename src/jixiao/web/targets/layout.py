"""The official layout's row spans and the findings/comments attached to each row, computed once per page."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["LayoutRow", "layout_rows"]


@dataclass
class LayoutRow:
    indicator: Any
    level1_span: int = 0  # 0: the cell is covered by the row above
    level2_span: int = 0
    findings: list[Any] = field(default_factory=list)
    comments: list[Any] = field(default_factory=list)

    @property
    def worst(self) -> str | None:
        order = {"error": 3, "warning": 2, "info": 1}
        return max((f.severity for f in self.findings), key=lambda s: order.get(s, 0), default=None)


def layout_rows(
    indicators: Sequence[Any], findings: Iterable[Any] = (), comments: Iterable[Any] = ()
) -> list[LayoutRow]:
    rows = [LayoutRow(indicator) for indicator in indicators]
    by_position = {i: row for i, row in enumerate(rows)}
    by_id = {row.indicator.pk: row for row in rows}
    for finding in findings:
        if finding.indicator_position is not None and finding.indicator_position in by_position:
            by_position[finding.indicator_position].findings.append(finding)
    for comment in comments:
        if comment.indicator_id in by_id:
            by_id[comment.indicator_id].comments.append(comment)
    # merge equal level-1 cells, and equal level-2 cells within one level-1 block, as the printed table does
    spans: dict[int, int] = defaultdict(int)
    start1 = start2 = 0
    for i, row in enumerate(rows):
        if i == 0 or row.indicator.level1 != rows[start1].indicator.level1:
            start1 = start2 = i
        elif row.indicator.level2 != rows[start2].indicator.level2:
            start2 = i
        spans[start1] += 1
        rows[start1].level1_span = spans[start1]
        rows[start2].level2_span += 1
    return rows
