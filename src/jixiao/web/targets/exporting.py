"""Downloads of stored tables through the core writers (``jixiao.writers``): one table, a selection, a year.

Views pass the stored versions (already restricted to what the user may see); this module turns them into
one jixiao/1 document (``bind`` for several), renders it with ``render_bytes`` and names the file.

Only formats whose converter is on this server are offered (PDF needs LibreOffice); a converter that fails
gives a page saying so, never a server error. A department's year takes each project's approved or published
version; a file holding any table that is not approved is marked (草稿 / 审核中 watermark and a status line).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from jixiao.errors import JixiaoError
from jixiao.model import Document
from jixiao.web.organisations.layouts import DEFAULT_LAYOUT
from jixiao.web.organisations.models import Organisation
from jixiao.web.targets import convert
from jixiao.web.targets.choices import TableStatus
from jixiao.web.targets.models import TargetTable
from jixiao.web.targets.watermark import MARKABLE_FORMATS, Marking, mark
from jixiao.writers import FORMATS, MEDIA_TYPES, bind, docx_for_pdf, registered, render_bytes

__all__ = [
    "BACKGROUND_FORMATS",
    "BOUND_FORMATS",
    "OFFICIAL_STATUSES",
    "ExportRequest",
    "ExportRequestError",
    "ExportSource",
    "attachment",
    "available_formats",
    "bound_document",
    "context",
    "default_layout",
    "export_request",
    "job_params",
    "job_source",
    "marking",
    "render",
    "render_source",
    "selection_document",
    "year_tables",
]

BOUND_FORMATS: tuple[str, ...] = ("docx", "pdf")
# made by a background job, never inside the request: LibreOffice may take longer than gunicorn's timeout
BACKGROUND_FORMATS = frozenset({"pdf"})
# the versions an official print may carry without a mark
OFFICIAL_STATUSES = frozenset({TableStatus.APPROVED, TableStatus.PUBLISHED})
_FORMAT_LABELS = {"docx": "Word (.docx)", "xlsx": "Excel (.xlsx)", "pdf": "PDF", "html": "HTML", "csv": "CSV",
                  "json": "JSON (jixiao/1)"}  # fmt: skip


def converter_missing(fmt: str) -> bool:
    """Whether this server lacks the program the format needs (PDF: LibreOffice)."""
    if fmt != "pdf":
        return False
    from jixiao.writers._pdf import find_soffice

    return find_soffice() is None


def available_formats(formats: Sequence[str] = FORMATS) -> list[str]:
    return [f for f in formats if not converter_missing(f)]


def context(request: HttpRequest) -> dict[str, object]:
    """Template context: the download formats this server can make (the export forms offer only these)."""
    return {
        "export_formats": [(f, _FORMAT_LABELS.get(f, f)) for f in available_formats()],
        "bound_export_formats": [(f, _FORMAT_LABELS.get(f, f)) for f in available_formats(BOUND_FORMATS)],
    }


class ExportRequestError(ValueError):
    """A format or layout the writers do not know (the view answers 400 with the message)."""


@dataclass(frozen=True)
class ExportRequest:
    format: str
    layout: str


def default_layout(units: Sequence[Organisation]) -> str:
    """The layout the units' organisations store (set on the unit or above it); several different: national."""
    ids = {int(part) for unit in units for part in unit.path.strip("/").split("/") if part}
    by_id = {o.pk: o for o in Organisation.objects.filter(pk__in=ids).only("pk", "layout")}
    found = set()
    for unit in units:
        chain = [by_id[int(part)] for part in unit.path.strip("/").split("/") if part and int(part) in by_id]
        found.add(unit.effective_layout(chain))
    return found.pop() if len(found) == 1 else DEFAULT_LAYOUT


def export_request(
    params: Mapping[str, str], *, default_format: str, fallback_layout: str, formats: Sequence[str] = FORMATS
) -> ExportRequest:
    """The chosen format and layout (``?format=&layout=``), checked against the writers' lists."""
    fmt = (params.get("format") or default_format).strip().lower()
    layout = (params.get("layout") or fallback_layout).strip().lower()
    if fmt not in formats:
        raise ExportRequestError(
            _("Unknown format %(value)s; choose one of: %(choices)s") % {"value": fmt, "choices": ", ".join(formats)}
        )
    if converter_missing(fmt):
        raise ExportRequestError(
            _("This server cannot make %(value)s files (LibreOffice is not installed); choose one of: %(choices)s")
            % {"value": fmt.upper(), "choices": ", ".join(available_formats(formats))}
        )
    layouts = registered()
    if layout not in layouts:
        raise ExportRequestError(
            _("Unknown layout %(value)s; choose one of: %(choices)s") % {"value": layout, "choices": ", ".join(layouts)}
        )
    return ExportRequest(fmt, layout)


def selection_document(tables: Sequence[TargetTable], *, name: str) -> Document:
    """Several stored tables as one bound document (renumbered), through the writers' ``bind``."""
    return bind([convert.document_for([table]) for table in tables], name=name)


def bound_document(tables: Sequence[TargetTable], *, name: str) -> Document:
    """A department's year: 第一部分 the department plans (none are stored by the web app), 第二部分 each table."""
    return selection_document(tables, name=name)


def year_tables(visible: QuerySet[TargetTable], organisation: Organisation, year: int) -> list[TargetTable]:
    """A unit's (and those below it) year as printed officially: per project the latest approved or published
    version the user may see, else its current version (which the print then marks)."""
    chosen: dict[int, TargetTable] = {}
    candidates = visible.filter(year=year, unit__path__startswith=organisation.path).order_by("project_id", "-version")
    for table in candidates.filter(status__in=OFFICIAL_STATUSES):
        chosen.setdefault(table.project_id, table)
    for table in candidates.filter(is_current=True).exclude(project_id__in=list(chosen)):
        chosen.setdefault(table.project_id, table)
    return sorted(chosen.values(), key=lambda t: (t.unit.path, t.project.code, t.pk))


_MARK_WORDS: dict[str, str] = {TableStatus.SUBMITTED: "审核中"}


def marking(tables: Sequence[TargetTable]) -> Marking | None:
    """The mark a print of these versions needs: none when every one is approved or published."""
    pending = [t for t in tables if t.status not in OFFICIAL_STATUSES]
    if not pending:
        return None
    words = {_MARK_WORDS.get(t.status, "草稿") for t in pending}
    word = "草稿" if "草稿" in words else "审核中"
    names = [
        f"{t.project.name or t.project.code or t.pk}（第{t.version}版，{TableStatus(t.status).label}）"
        for t in pending[:10]
    ]
    more = f"等{len(pending)}张" if len(pending) > 10 else ""
    line = f"{word}：非正式文本，未经批复——" + "；".join(str(n) for n in names) + more
    return Marking(word, line)


class ExportFailed(Exception):
    """The converter could not make the file (the page says so; nothing half-made is sent)."""


def _render_bytes(document: Document, choice: ExportRequest, marked: Marking | None) -> bytes:
    if marked is None or choice.format not in MARKABLE_FORMATS:
        return render_bytes(document, to=choice.format, layout=choice.layout)
    if choice.format != "pdf":
        return mark(render_bytes(document, to=choice.format, layout=choice.layout), choice.format, marked)
    import tempfile
    from pathlib import Path

    from jixiao.writers._pdf import convert_to_pdf

    # the watermark goes into the Word file LibreOffice prints
    with tempfile.TemporaryDirectory(prefix="jixiao-marked-") as tmp:
        source, target = Path(tmp) / "document.docx", Path(tmp) / "document.pdf"
        source.write_bytes(mark(docx_for_pdf(document, layout=choice.layout), "docx", marked))
        convert_to_pdf([source], [target])
        return target.read_bytes()


def render(
    document: Document,
    choice: ExportRequest,
    filename_stem: str,
    *,
    fallback: str,
    tables: Sequence[TargetTable] = (),
    request: HttpRequest | None = None,
) -> HttpResponse:
    """The rendered file as a download with its media type and an RFC 5987 file name (``fallback``: ASCII stem).

    ``tables``: the stored versions the document holds, to mark a print that is not the approved text. A
    converter failure is answered with a page (503) that says what failed and what to choose instead.
    """
    try:
        data = _render_bytes(document, choice, marking(tables))
    except (JixiaoError, OSError) as exc:
        return failure_page(request, choice, exc)
    media_type = MEDIA_TYPES[choice.format]
    if choice.format == "json":
        media_type = "application/json; charset=utf-8"
    response = HttpResponse(data, content_type=media_type)
    response["Content-Disposition"] = attachment(
        f"{safe_stem(filename_stem)}.{choice.format}", f"{fallback}.{choice.format}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def safe_stem(text: str) -> str:
    """A file-name stem without path separators or control characters (Chinese kept)."""
    cleaned = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    cleaned = re.sub(r'[\\/:*?"<>|]+', "_", cleaned).strip(" .")
    return cleaned[:120] or "jixiao"


def attachment(filename: str, fallback: str) -> str:
    """``attachment; filename="fallback"; filename*=UTF-8''percent-encoded`` (RFC 6266 / RFC 5987)."""
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "_", fallback) or "jixiao"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def failure_page(request: HttpRequest | None, choice: ExportRequest, exc: Exception) -> HttpResponse:
    import logging

    from django.template.loader import render_to_string

    logging.getLogger(__name__).warning("export to %s failed: %s", choice.format, exc)
    others = [f for f in available_formats() if f not in (choice.format, "json", "csv")]
    message = _("The %(format)s file could not be made: the converter failed or took too long. Nothing was sent.") % {
        "format": choice.format.upper()
    }
    body = render_to_string(
        "targets/export_failed.html",
        {"message": message, "others": [_FORMAT_LABELS.get(f, f) for f in others]},
        request=request,
    )
    return HttpResponse(body, status=503)


@dataclass(frozen=True)
class ExportSource:
    """What a background export renders: the document, its format and layout, the stored versions it holds (for
    the mark of a print that is not the approved text) and the file's names (``fallback``: ASCII)."""

    document: Document
    format: str
    layout: str
    filename: str
    fallback: str
    tables: Sequence[TargetTable] = ()


def render_source(source: ExportSource) -> bytes:
    """The file's bytes; a converter failure raises (``JixiaoError`` / ``OSError``) and nothing is kept."""
    return _render_bytes(source.document, ExportRequest(source.format, source.layout), marking(source.tables))


def job_params(
    choice: ExportRequest, *, stem: str, fallback: str, ids: Sequence[int] = (), unit: int | None = None,
    year: int | None = None,
) -> dict[str, object]:  # fmt: skip
    """The parameters of an ``export`` job: one table or a selection (``ids``), or a bound year (``unit``, ``year``)."""
    what = {"what": "bound", "unit": unit, "year": year} if unit is not None else {"what": "tables", "ids": list(ids)}
    return {**what, "format": choice.format, "layout": choice.layout, "stem": stem, "fallback": fallback}


def job_source(owner: object, params: Mapping[str, object]) -> ExportSource | None:
    """An ``export`` job's document, built from what its owner may see when the job runs (None: nothing left)."""
    from django.db.models import Prefetch

    from jixiao.web.targets.models import Indicator

    visible = (
        TargetTable.objects.restrict(owner, "view")
        .select_related("unit", "project")
        .prefetch_related(Prefetch("indicators", queryset=Indicator.objects.order_by("position")), "spending_points")
    )
    fmt, layout = str(params["format"]), str(params["layout"])
    if params["what"] == "bound":
        organisation = Organisation.objects.filter(pk=int(str(params["unit"]))).first()
        if organisation is None:
            return None
        tables = year_tables(visible, organisation, int(str(params["year"])))
        document = bound_document(tables, name=f"{organisation.name} {params['year']}") if tables else None
    else:
        ids = [int(str(i)) for i in params["ids"]]  # type: ignore[attr-defined]
        tables = list(visible.filter(pk__in=ids).order_by("pk"))
        if len(ids) == 1 and tables:
            document = convert.document_for(tables)
        else:
            document = selection_document(tables, name="jixiao-selection") if tables else None
    if document is None:
        return None
    return ExportSource(
        document=document,
        format=fmt,
        layout=layout,
        filename=f"{safe_stem(str(params['stem']))}.{fmt}",
        fallback=f"{params['fallback']}.{fmt}",
        tables=tables,
    )
