"""The import flow: parse uploads (nothing stored), preview them with findings, then create drafts atomically."""

from __future__ import annotations

import json
import logging
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from pydantic import ValidationError

from jixiao.errors import JixiaoError
from jixiao.model import Document, FindingRecord, TargetTable
from jixiao.read_warnings import ReadWarning
from jixiao.web.core.errors import describe_read_error
from jixiao.web.organisations.models import Organisation
from jixiao.web.targets import convert, diffing
from jixiao.web.targets import models as m
from jixiao.web.targets.checks import run_rules, unit_findings
from jixiao.web.targets.fields import TABLE_SPECS
from jixiao.web.targets.permissions import can_create_in
from jixiao.web.targets.services import create_version, find_project, resolve_unit

__all__ = ["ParsedUpload", "PreviewTable", "confirm", "parse_upload", "preview", "preview_fields"]

SESSION_KEY = "jixiao_import"


@dataclass
class ParsedUpload:
    name: str
    document: Document | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)  # the core's (``ReadWarning``: worded in either language)

    @property
    def shown_warnings(self) -> list[str]:
        """The warnings in the page's language (the core words each catalogued warning in English and Chinese)."""
        language = get_language()
        return [w.render(language) if isinstance(w, ReadWarning) else w for w in self.warnings]


@dataclass
class PreviewTable:
    key: str  # "<file>-<table>"
    index: int
    title: str
    unit: Organisation | None
    year: int
    existing: m.Project | None
    next_version: int
    findings: list[FindingRecord]
    indicator_count: int
    problem: str | None  # why it cannot be imported (unit not found / not yours)
    year_from_file: bool = False  # else the year chosen on the form
    unit_from_file: bool = False  # else the unit chosen on the form (or the user's only unit)
    chosen_unit: Organisation | None = None  # the unit chosen on the form, when the file names another
    fields: list[tuple[str, str]] = field(default_factory=list)  # (label, value) of every field the file gave
    indicators: list[str] = field(default_factory=list)  # one line per indicator as parsed

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")


def parse_upload(data: bytes, name: str) -> ParsedUpload:
    """Read one upload by content (the core's detection); a jixiao/1 JSON document is accepted as is."""
    if not data:
        return ParsedUpload(name, error=_("The file is empty."))
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        try:
            return ParsedUpload(name, document=Document.from_dict(json.loads(data.decode("utf-8-sig"))))
        except (ValueError, ValidationError) as exc:
            detail = (
                str(exc)[:300] if (get_language() or "").startswith("en") else _("its fields do not fit the schema")
            )
            return ParsedUpload(name, error=_("Not a valid jixiao/1 JSON document: %(error)s") % {"error": detail})
    try:
        from jixiao.parsing import parse_bytes
    except ImportError:
        return ParsedUpload(name, error=_("The document reader is not installed on this server."))
    try:
        interpretation = parse_bytes(data, name)
    except JixiaoError as exc:
        return ParsedUpload(name, error=describe_read_error(exc))
    except Exception as exc:  # a reader bug must not take the page down; the user sees one clear line
        logging.getLogger(__name__).exception("reading %s failed", name)
        return ParsedUpload(name, error=describe_read_error(exc))
    document = interpretation.document
    if not document.tables:
        return ParsedUpload(
            name, error=_("No target table was found in this file."), warnings=list(interpretation.warnings)
        )
    return ParsedUpload(name, document=document, warnings=list(interpretation.warnings))


def _units_for(user: Any) -> list[Organisation]:
    return [o for o in Organisation.objects.filter(kind="unit") if can_create_in(user, o)]


def preview(
    document: Document, file_index: int, *, user: Any, year: int, fallback: Organisation | None
) -> list[PreviewTable]:
    units = _units_for(user)
    result = []
    for index, table in enumerate(document.tables):
        unit = resolve_unit(table, units, None)
        unit_from_file = unit is not None
        problem = None
        if unit is None:
            if table.unit_code or table.unit_name:
                # the table names a unit: either unknown, or one the user may not file for
                named = resolve_unit(table, list(Organisation.objects.filter(kind="unit")), None)
                problem = _("Not your unit: %(unit)s") % {"unit": table.unit_name or table.unit_code} if named else None
                unit = None if named else fallback
                if unit is None and problem is None:
                    problem = _("Unknown unit: %(unit)s") % {
                        "unit": f"{table.unit_code or ''} {table.unit_name or ''}".strip()
                    }
            else:
                unit = fallback
                if unit is None:
                    problem = _("The table names no unit; choose one.")
        table_year = table.year or year
        existing = find_project(unit, table_year, table.project_code, table.project_name) if unit else None
        next_version = (max((t.version for t in existing.tables.all()), default=0) + 1) if existing else 1
        result.append(
            PreviewTable(
                key=f"{file_index}-{index}",
                index=index,
                title=table.project_name or table.title or f"#{index + 1}",
                unit=unit,
                year=table_year,
                existing=existing,
                next_version=next_version,
                findings=run_rules(table, source_name=document.source.name, source_format=document.source.format)
                + (unit_findings(table, unit) if unit else []),
                indicator_count=len(table.indicators),
                problem=problem,
                year_from_file=table.year is not None,
                unit_from_file=unit_from_file,
                chosen_unit=fallback if unit_from_file and fallback is not None and unit != fallback else None,
                fields=preview_fields(table),
                indicators=[
                    " / ".join(p for p in (i.level1, i.level2, i.name) if p) + (f"：{i.value}" if i.value else "")
                    for i in table.indicators
                ],
            )
        )
    return result


# the readers' places (``paragraph 38 – table 1 r14c17``, ``pages 3-4 table 2``, ``lines 5-9``) in Chinese
_PLACES_ZH = [
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"\bpages (\d+)-(\d+)", r"第\1–\2页"),
        (r"\bpage (\d+)", r"第\1页"),
        (r"\bparagraphs? (\d+)", r"第\1段"),
        (r"\btables (\d+)-(\d+)", r"表\1–\2"),
        (r"\btable (\d+)", r"表\1"),
        (r"\blines (\d+)-(\d+)", r"第\1–\2行"),
        (r"\bline (\d+)", r"第\1行"),
        (r"\br(\d+)c(\d+)\b", r"第\1行第\2列"),
        (r"\br(\d+)\b", r"第\1行"),
    )
]


def place_shown(ref: str, language: str | None) -> str:
    """Where in its file a table was read, in the page's language (the readers word places in English).

    >>> place_shown("paragraph 38 – table 1 r14c17", "zh-hans")
    '第38段 – 表1 第14行第17列'
    >>> place_shown("pages 3-4 table 2", "zh-hans"), place_shown("Sheet1!A1:D9", "zh-hans")
    ('第3–4页 表2', 'Sheet1!A1:D9')
    """
    if not (language or "").lower().startswith("zh"):
        return ref
    for pattern, replacement in _PLACES_ZH:
        ref = pattern.sub(replacement, ref)
    return ref


def preview_fields(table: TargetTable) -> list[tuple[str, str]]:
    """Every field of the table's header, funds and plan that the file gave, labelled (for the preview)."""
    header = convert.header_values(table)
    shown = [(str(spec.label), diffing.shown(header[spec.column])) for spec in TABLE_SPECS]
    shown = [
        (label, place_shown(value, get_language()) if spec.column == "source_ref" else value)
        for spec, (label, value) in zip(TABLE_SPECS, shown, strict=True)
    ]
    plan = "，".join(f"{p.label} {p.percent or ''}".strip() for p in table.spending_plan)
    if plan:
        shown.append((str(_("spending plan")), plan))
    return [(label, value) for label, value in shown if value not in ("", "[]", "{}")]


def stage(session: Any, uploads: Sequence[ParsedUpload], *, year: int, fallback: Organisation | None) -> str:
    """Keep the parsed documents in the session until the user confirms (nothing in the database yet)."""
    batch = uuid.uuid4().hex
    session[SESSION_KEY] = {
        "batch": batch,
        "year": year,
        "fallback": fallback.pk if fallback else None,
        "files": [{"name": u.name, "document": u.document.to_dict()} for u in uploads if u.document is not None],
    }
    return batch


class ImportFailed(Exception):
    pass


def confirm(session: Any, batch: str, selected: set[str], *, user: Any) -> list[m.TargetTable]:
    """Create the selected drafts in one transaction: all of them, or (on any failure) none."""
    staged = session.get(SESSION_KEY)
    if not staged or staged.get("batch") != batch:
        raise ImportFailed(_("This import has expired; upload the files again."))
    fallback = Organisation.objects.filter(pk=staged["fallback"]).first() if staged["fallback"] else None
    created: list[m.TargetTable] = []
    with transaction.atomic():
        for file_index, item in enumerate(staged["files"]):
            document = Document.from_dict(item["document"])
            for entry in preview(document, file_index, user=user, year=staged["year"], fallback=fallback):
                if entry.key not in selected:
                    continue
                if entry.problem or entry.unit is None or not can_create_in(user, entry.unit):
                    raise ImportFailed(entry.problem or _("Not your unit."))
                created.append(
                    create_version(
                        core=document.tables[entry.index],
                        unit=entry.unit,
                        year=entry.year,
                        user=user,
                        source_name=item["name"],
                        source_format=document.source.format,
                        reason=_("imported from %(name)s") % {"name": item["name"]},
                    )
                )
        recheck_created(created, user)
    session.pop(SESSION_KEY, None)
    return created


def recheck_created(created: Sequence[m.TargetTable], user: Any) -> None:
    """NetBox's rule for bulk imports: after saving, every new object must be one the user may edit; else roll back."""
    allowed_ids = set(
        m.TargetTable.objects.restrict(user, "change")
        .filter(pk__in=[t.pk for t in created])
        .values_list("pk", flat=True)
    )
    if allowed_ids != {t.pk for t in created}:
        raise ImportFailed(_("Some of these tables would not be yours to edit; nothing was imported."))
