"""The department narrative (部门整体绩效目标, seed 001 第一部分): headings and the text under each."""

from __future__ import annotations

from jixiao.interpret import labels
from jixiao.interpret.clean import clean, ref_span
from jixiao.interpret.stream import Line
from jixiao.model import DepartmentPlan, Section

__all__ = ["read_narrative"]


def read_narrative(lines: list[Line]) -> DepartmentPlan | None:
    """Top-level headings (``一、总体绩效目标``) in order, each with everything under it, cleaned."""
    sections: list[tuple[str, list[str]]] = []
    for line in lines:
        text = clean(line.text)
        if not text:
            continue
        if labels.SECTION_HEADING.match(text):
            sections.append((text, []))
        elif sections:
            sections[-1][1].append(text)
    if not sections:
        return None
    return DepartmentPlan(
        sections=[Section(heading=heading, text=" ".join(body)) for heading, body in sections],
        source_ref=ref_span([line.ref for line in lines]),
    )
