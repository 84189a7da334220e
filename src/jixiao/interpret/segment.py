"""Cutting the stream into the department narrative and one segment per target table.

A table starts at a title (``1.xxx绩效目标表``, ``部门预算财政支出绩效目标批复表``), or, untitled, at a
project label (项目名称, 预算项目 …) once the current table has indicator rows. The narrative starts at
``部门整体绩效目标`` and runs to the next ``第X部分`` or table title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.interpret import labels
from jixiao.interpret.clean import clean, strip_enumerator
from jixiao.interpret.stream import Item, Line, Row
from jixiao.read_warnings import ReadWarning

__all__ = ["Segments", "TableSegment", "Title", "is_score_summary", "read_form_label", "read_title", "segment"]

_TRAILING_NOTE = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")
_SEQ = re.compile(r"^(\d{1,3})\s*[.、．]")
# a form label printed before the title, on its line or the line above: 表14, 表十一, 附表2：, 预算12表
_FORM_LABEL = re.compile(
    r"^((?:附件|附表|表)\s*(?:\d{1,3}(?:\s*[-－]\s*\d{1,3})?|[一二三四五六七八九十百]{1,4})"
    r"|(?:部门)?预算\s*\d{1,3}(?:\s*[-－]\s*\d{1,3})?\s*表)\s*[:：.、．]?\s*"
)
_TABLE_STARTERS = frozenset({"project_name", "project", "project_code"})
_MAX_TITLE = 200
_MAX_FORM_LABEL = 12
_FORM_LABEL_STARTS = frozenset("附表预部")
_TITLE_ENDINGS = tuple(labels.TITLE_ENDINGS)
_WIDTH_TOLERANCE = 2  # text exports trim trailing empty cells, so widths of one table differ a little


@dataclass(slots=True)
class Title:
    text: str
    seq: int | None
    kind: str
    ref: str | None
    form_label: str | None = None  # 表14, 预算12表: printed before the title, not part of it


@dataclass
class TableSegment:
    title: Title | None
    items: list[Item] = field(default_factory=list)
    has_indicator_header: bool = False
    indicator_rows: int = 0
    header_grid: int = -1
    header_width: int = 0
    many_projects: bool = False  # its indicator header names a project column (one table, many projects)
    closed: bool = False  # a grid of another shape followed the indicators: the table has ended
    notes: list[str] = field(default_factory=list)  # what reading it left unread, for a warning


@dataclass
class Segments:
    narratives: list[list[Line]] = field(default_factory=list)
    tables: list[TableSegment] = field(default_factory=list)


def read_title(text: str, ref: str | None = None) -> Title | None:
    """A table title, or None: ``1.基金监管经费f绩效目标表`` → seq 1, ``基金监管经费f绩效目标表``."""
    printed = clean(text)
    if not printed or len(printed) > _MAX_TITLE:
        return None
    labelled = _FORM_LABEL.match(printed)  # 表14 / 附表3： before the title
    if labelled:
        printed = printed[labelled.end() :]
    if "：" in printed or ":" in printed:  # 年度目标：…: a label and its value, not a title
        return None
    bare = _TRAILING_NOTE.sub("", printed)
    if not bare.endswith(_TITLE_ENDINGS):  # for speed: one C call turns away the most texts
        return None
    kind = next((k for ending, k in labels.TITLE_ENDINGS.items() if bare.endswith(ending)), None)
    if kind is None:
        return None
    if kind == "project_target" and any(marker in bare for marker in labels.DEPARTMENT_TITLE_MARKERS):
        kind = "department_target"
    match = _SEQ.match(printed)
    seq = int(match.group(1)) if match else None
    title = strip_enumerator(printed) if match else printed
    form_label = labelled.group(1).replace(" ", "") if labelled else None
    return Title(text=title, seq=seq, kind=kind, ref=ref, form_label=form_label)


def read_form_label(text: str) -> str | None:
    """A line holding only a form label (``表十一``, ``预算12表``), as printed without spaces, or None."""
    printed = clean(text)
    if len(printed) > _MAX_FORM_LABEL or printed[:1] not in _FORM_LABEL_STARTS:  # for speed: most lines
        return None
    labelled = _FORM_LABEL.match(printed)
    return labelled.group(1).replace(" ", "") if labelled and labelled.end() == len(printed) else None


def _starts_table(text: str) -> bool:
    key = labels.label_key(text)
    if labels.HEADER_LABELS.get(key) in _TABLE_STARTERS:
        return True
    for sep in ("：", ":"):
        head, found, _ = text.partition(sep)
        if found and labels.HEADER_LABELS.get(labels.label_key(head)) in _TABLE_STARTERS:
            return True
    return False


def _names_projects(row: Row) -> bool:
    """An indicator header with a project-name column: one long table holding many projects."""
    return any(
        labels.PROJECT_COLUMNS.get(labels.label_key(text)) == "project_name"
        for text in row.cleaned
        if text and len(text) <= labels.MAX_LABEL
    )


def is_score_summary(row: Row) -> bool:
    """The header of a score summary: a 一级指标 column and a 得分 column, but no indicator name column."""
    keys = {labels.label_key(text) for text in row.cleaned if text and len(text) <= labels.MAX_COLUMN_LABEL}
    return "一级指标" in keys and bool(keys & labels.SCORE_SUMMARY_KEYS) and not keys & labels.NAME_COLUMN_KEYS


def _another_grid(row: Row, table: TableSegment) -> bool:
    """A row of a grid shaped unlike the indicator table's (a page's continuation keeps its columns)."""
    return row.grid != table.header_grid and abs(row.width - table.header_width) >= _WIDTH_TOLERANCE


def segment(items: list[Item]) -> Segments:
    cutter = _Cutter()
    for item in items:
        if isinstance(item, Line):
            cutter.line(item)
        else:
            cutter.row(item)
    return cutter.out


class _Cutter:
    """Walks the stream once, keeping the open table segment or narrative."""

    def __init__(self) -> None:
        self.out = Segments()
        self.table: TableSegment | None = None
        self.narrative: list[Line] | None = None
        self.form_label: str | None = None  # the form label of the line just before, for a title that follows

    def start(self, title: Title | None) -> TableSegment:
        if title is not None and title.form_label is None:
            title.form_label = self.form_label
        self.form_label = None
        self.narrative = None
        self.table = TableSegment(title=title)
        self.out.tables.append(self.table)
        return self.table

    def line(self, item: Line) -> None:
        text = clean(item.text)
        if not text:
            return
        title = read_title(text, item.ref)
        if title is not None:
            self.start(title)
            return
        if labels.OTHER_CAPTION.match(text):  # a report's 表1：…表 over a table of another kind
            self.start(Title(text=text, seq=None, kind="other", ref=item.ref))
            return
        form_label = read_form_label(text)
        self.form_label = form_label  # kept for a title on the next line only
        if form_label is not None and self.narrative is None:
            if self.table is not None and not self.table.closed:
                self.table.items.append(item)
        elif self.narrative is None and self.table is None and labels.label_key(text) in labels.NARRATIVE_START:
            self.narrative = []
            self.out.narratives.append(self.narrative)
        elif self.narrative is not None:
            if labels.PART_HEADING.match(labels.label_key(text)):
                self.narrative = None
            else:
                self.narrative.append(item)
        elif self.table is not None:
            if self.table.indicator_rows and item.first and _starts_table(text):
                self.start(None).items.append(item)
            elif not self.table.closed:
                self.table.items.append(item)

    def row(self, item: Row) -> None:
        self.narrative = None
        filled = list(filter(None, item.cleaned))  # the non-empty texts
        if len(filled) == 1 and (title := read_title(filled[0])) is not None:
            title.ref = item.ref
            self.start(title)
            return
        if len(filled) == 1 and (form_label := read_form_label(filled[0])) is not None:
            self.form_label = form_label  # a spreadsheet's 预算12表 cell above its title row
        elif filled:
            self.form_label = None
        table = self.table
        if table is None or (table.indicator_rows and filled and _starts_table(filled[0])):
            table = self.start(None)
        elif (
            table.indicator_rows
            and item.n_labels >= labels.INDICATOR_HEADER_MIN
            and not table.many_projects
            and _names_projects(item)
        ):
            table = self.start(None)  # a long table of many projects right under a table's indicators
        elif table.has_indicator_header and _another_grid(item, table):
            table.closed = True
        if table.closed:
            if item.n_labels < labels.INDICATOR_HEADER_MIN:
                return  # rows of some other table that has no title or labels of its own
            table = self.start(None)
        if item.n_labels and table.has_indicator_header and is_score_summary(item):
            # 一级指标 | 分值 | 得分 | 得分率 over 决策 / 过程 / 产出 / 效益 / 合计: points per group, not indicators
            table.closed = True
            table.notes.append(ReadWarning("score_summary_unread"))
            return
        if item.n_labels >= labels.INDICATOR_HEADER_MIN:
            table.has_indicator_header = True
            if table.header_grid < 0:
                table.header_grid, table.header_width = item.grid, item.width
                table.many_projects = _names_projects(item)
        elif table.has_indicator_header:
            table.indicator_rows += 1
        table.items.append(item)
