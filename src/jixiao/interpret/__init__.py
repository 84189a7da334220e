"""The interpreter: any :class:`~jixiao.grid.SourceDocument` → one ``jixiao/1`` document.

One label-driven pass serves every format and region: the stream of rows and paragraphs is cut into
the department narrative and table segments (:mod:`.segment`), each table's header is read by its
labels (:mod:`.header`, :mod:`.funds`) and its indicators by their column labels (:mod:`.indicators`).
All label knowledge lives in :mod:`.labels`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.errors import InterpretError
from jixiao.grid import Grid, SourceDocument
from jixiao.interpret.coverage import unread_text
from jixiao.interpret.flat_sheet import without_flat_sheets
from jixiao.interpret.narrative import read_narrative
from jixiao.interpret.segment import TableSegment, segment
from jixiao.interpret.stream import Row, flatten
from jixiao.interpret.tables import BLANK_TEMPLATE, OTHER_TABLE, cut_off, oddities, read_table, table_name
from jixiao.model import Document, Source, TargetTable
from jixiao.read_warnings import ReadWarning

__all__ = ["Interpretation", "interpret"]

_FORMATS = {"text", "docx", "doc", "xlsx", "xls", "pdf", "html"}


@dataclass
class Interpretation:
    document: Document
    warnings: list[str] = field(default_factory=list)


def _is_group_heading(segment: TableSegment, following: list[TableSegment]) -> bool:
    """A title with no table of its own (only page numbers and the like) before the next title."""
    has_rows = any(isinstance(item, Row) for item in segment.items)
    return not has_rows and bool(following) and following[0].title is not None


def interpret(src: SourceDocument) -> Interpretation:
    """Read the target tables (and any department narrative) of a source document.

    Oddities become warnings; a document with nothing recognisable raises :class:`InterpretError`.
    """
    src = without_flat_sheets(src)  # the analysts' sheet repeats the tables
    warnings = list(src.warnings)
    parts = segment(flatten(src))
    plans = [plan for lines in parts.narratives if (plan := read_narrative(lines)) is not None]
    tables: list[TargetTable] = []
    for index, table_segment in enumerate(parts.tables):
        read, problem = read_table(table_segment)
        if read and index == len(parts.tables) - 1 and (problem := cut_off(read[-1], tables + read[:-1])):
            if len(read) > 1:  # the last project of a long table: the others stand
                name = table_name(table_segment, len(tables) + len(read) - 1)
                warnings.append(
                    ReadWarning("project_incomplete", table=name, project=read[-1].project_name, problem=problem)
                )
            read = read[:-1]
        if not read:
            if _is_group_heading(table_segment, parts.tables[index + 1 :]):
                continue  # ``2.其他一级项目绩效目标表`` over the tables that follow it
            if problem in (BLANK_TEMPLATE, OTHER_TABLE):
                warnings.append(
                    ReadWarning("table_left_out", table=table_name(table_segment, len(tables)), problem=problem)
                )
            elif table_segment.title is not None or table_segment.has_indicator_header:
                warnings.append(
                    ReadWarning("table_incomplete", table=table_name(table_segment, len(tables)), problem=problem)
                )
            continue
        name = table_name(table_segment, len(tables))
        warnings.extend(ReadWarning("table_note", table=name, note=note) for note in table_segment.notes)
        unread = unread_text(table_segment.items, read)
        if unread:
            warnings.append(ReadWarning("printed_not_read", table=name, items=unread.describe()))
        for table in read:  # one, or the projects of a long table holding many
            name = table_name(table_segment, len(tables))
            if len(read) > 1:
                name = ReadWarning("table_project", table=name, project=table.project_name)
            warnings.extend(ReadWarning("table_note", table=name, note=note) for note in oddities(table))
            tables.append(table)
    if not tables and not plans:
        if src.format == "pdf" and not _holds_text(src):
            raise InterpretError(_NO_TEXT_LAYER, path=src.name)
        raise InterpretError(
            "no performance target table found (no 绩效目标表 title, no 项目名称/一级指标 labels)", path=src.name
        )
    fmt = src.format if src.format in _FORMATS else "text"
    document = Document(source=Source(name=src.name, format=fmt), department_plans=plans, tables=tables)
    return Interpretation(document=document, warnings=warnings)


#: Why a PDF without any text reads as nothing, said apart from "no table found": a scan is the usual case, and
#: its fix (OCR, or the original file) is not the fix of a file that holds other tables.
_NO_TEXT_LAYER = (
    "the PDF holds no text layer (pages of images only, a scan?): jixiao reads a PDF's text; "
    "run it through OCR first (e.g. ocrmypdf) or read the Word or Excel original"
)


def _holds_text(src: SourceDocument) -> bool:
    for block in src.blocks:
        if isinstance(block, Grid):
            if any(cell.text.strip() for row in block.rows for cell in row):
                return True
        elif block.text.strip():
            return True
    return False
