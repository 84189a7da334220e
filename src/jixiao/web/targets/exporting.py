"""Downloads of stored tables through the core writers (``jixiao.writers``): one table, a selection, a year.

Views pass the stored versions (already restricted to what the user may see); this module turns them into
one jixiao/1 document (``bind`` for several), renders it with ``render_bytes`` and names the file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from django.http import HttpResponse
from django.utils.translation import gettext as _

from jixiao.model import Document
from jixiao.web.organisations.layouts import DEFAULT_LAYOUT
from jixiao.web.organisations.models import Organisation
from jixiao.web.targets import convert
from jixiao.web.targets.models import TargetTable
from jixiao.writers import FORMATS, MEDIA_TYPES, bind, registered, render_bytes

__all__ = [
    "BOUND_FORMATS",
    "ExportRequest",
    "ExportRequestError",
    "attachment",
    "bound_document",
    "default_layout",
    "export_request",
    "render",
    "selection_document",
]

BOUND_FORMATS: tuple[str, ...] = ("docx", "pdf")


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


def render(document: Document, choice: ExportRequest, filename_stem: str, *, fallback: str) -> HttpResponse:
    """The rendered file as a download with its media type and an RFC 5987 file name (``fallback``: ASCII stem)."""
    data = render_bytes(document, to=choice.format, layout=choice.layout)
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
