"""Write ``jixiao/1`` documents as the official documents, in each region's layout.

::

    from jixiao.writers import write, render_bytes, write_pdfs

    write(document, "out.docx", to="docx", layout="lulong")        # -> Path, written atomically
    data = render_bytes(document, to="xlsx", layout="chongqing")    # bytes for a web response
    write_pdfs([(doc1, "a.pdf"), (doc2, "b.pdf")], layout="tianjin")  # one LibreOffice start for all
    html_fragment(document, layout="luan")                          # the web app's table page
    bind([doc1, doc2])                                              # a department's whole year, one document

Formats: ``docx`` ``xlsx`` ``pdf`` ``html`` ``csv`` ``json``. Layouts are registered objects, one module each
under :mod:`jixiao.writers.layouts` (``registered()``, ``get_layout(name)``; :data:`LAYOUTS` is the same
mapping): the target forms ``national`` (every field), ``tianjin``, ``lulong``, ``luan``, ``chongqing`` and the
self-evaluation forms ``selfeval_project`` (项目支出绩效自评表), ``selfeval_transfer`` (转移支付绩效自评表) and
``selfeval_department`` (部门整体支出绩效自评表).
Each table is printed in the chosen layout when that layout prints tables of its ``kind``/``subject``, else in
the first registered layout that does. ``csv`` and ``json`` ignore the layout.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path

from jixiao._atomic import write_atomic
from jixiao.errors import WriteError
from jixiao.model import Document, TargetTable
from jixiao.writers.layouts import LAYOUTS, Layout, get_layout, registered

__all__ = [
    "FORMATS",
    "LAYOUTS",
    "MEDIA_TYPES",
    "Layout",
    "bind",
    "docx_for_pdf",
    "html_fragment",
    "registered",
    "render_bytes",
    "write",
    "write_pdfs",
]

FORMATS: tuple[str, ...] = ("docx", "xlsx", "pdf", "html", "csv", "json")

MEDIA_TYPES: dict[str, str] = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


def _check(document: Document, to: str, layout: str, path: str | None = None) -> Layout:
    if not isinstance(document, Document):
        raise WriteError(f"not a jixiao/1 document: {type(document).__name__}", path=path)
    if to not in FORMATS:
        raise WriteError(f"unknown format {to!r}; known: {', '.join(FORMATS)}", path=path)
    try:
        return get_layout(layout)
    except KeyError as exc:
        raise WriteError(str(exc.args[0]), path=path) from None


def _title(document: Document) -> str:
    return document.tables[0].title or "" if document.tables else document.source.name


def render_bytes(document: Document, *, to: str, layout: str = "national", flat_sheet: bool = True) -> bytes:
    """The document rendered in memory (for a web response). ``pdf`` starts LibreOffice once.

    An .xlsx ends with the analysts' one-row-per-indicator sheet ``指标明细`` unless ``flat_sheet=False``
    (then the workbook holds only the layout's sheets); the interpreter leaves that sheet out, so the
    workbook reads back as the document either way.
    """
    chosen = _check(document, to, layout)
    if to == "json":
        return document.to_json().encode("utf-8")
    if to == "csv":
        from jixiao.writers._csv import render_csv

        return render_csv(document)
    if to == "pdf":
        with tempfile.TemporaryDirectory(prefix="jixiao-out-") as tmp:
            target = Path(tmp) / "document.pdf"
            write_pdfs([(document, target)], layout=layout)
            return target.read_bytes()
    from jixiao.writers._compose import compose

    pages = compose(document, chosen)
    if to == "docx":
        from jixiao.writers._docx import render_docx

        return render_docx(pages, title=_title(document))
    if to == "xlsx":
        from jixiao.writers._xlsx import render_xlsx

        return render_xlsx(pages, document, flat_sheet=flat_sheet)
    from jixiao.writers._html import render_html

    return render_html(pages, title=_title(document))


def write(
    document: Document, path: str | Path, *, to: str | None = None, layout: str = "national", flat_sheet: bool = True
) -> Path:
    """Write ``document`` to ``path`` (format from ``to`` or the suffix) atomically; returns the path.

    An .xlsx gets the analysts' one-row-per-indicator sheet after the layout's sheets unless ``flat_sheet=False``.
    """
    target = Path(path)
    fmt = to or target.suffix.lstrip(".").lower()
    _check(document, fmt, layout, str(target))
    if fmt == "pdf":
        return write_pdfs([(document, target)], layout=layout)[0]
    try:
        data = render_bytes(document, to=fmt, layout=layout, flat_sheet=flat_sheet)
    except WriteError as exc:
        exc.path = exc.path or str(target)
        raise
    return write_atomic(target, data)


def write_pdfs(
    pairs: Iterable[tuple[Document, str | Path]], *, layout: str = "national", timeout: float | None = None
) -> list[Path]:
    """Write many documents as PDF with **one** LibreOffice start (Word first, then one batch conversion)."""
    from jixiao.writers._pdf import DEFAULT_TIMEOUT, convert_to_pdf

    items = [(doc, Path(p)) for doc, p in pairs]
    if not items:
        return []
    for doc, target in items:
        _check(doc, "pdf", layout, str(target))
        if not target.parent.is_dir():
            raise WriteError("the directory does not exist", path=str(target))
    with tempfile.TemporaryDirectory(prefix="jixiao-docx-") as tmp:
        sources = []
        for i, (doc, _) in enumerate(items):
            source = Path(tmp) / f"{i:05d}.docx"
            source.write_bytes(docx_for_pdf(doc, layout=layout))
            sources.append(source)
        limit = timeout if timeout is not None else DEFAULT_TIMEOUT + 2.0 * len(items)
        return convert_to_pdf(sources, [t for _, t in items], timeout=limit)


def html_fragment(document: Document, *, layout: str = "national") -> str:
    """The document's pages as an HTML fragment for a web page (styles: ``jixiao.writers._html.stylesheet()``).

    The same template as the printable .html export; every text is escaped, so the result may be marked safe.
    """
    from jixiao.writers._compose import compose
    from jixiao.writers._html import render_html

    pages = compose(document, _check(document, "html", layout))
    return render_html(pages, title=_title(document), fragment=True).decode("utf-8")


def docx_for_pdf(document: Document, *, layout: str = "national") -> bytes:
    """The Word file that LibreOffice turns into the PDF (no-break spaces in cells, see ``render_docx``)."""
    from jixiao.writers._compose import compose
    from jixiao.writers._docx import render_docx

    return render_docx(compose(document, _check(document, "docx", layout)), title=_title(document), for_pdf=True)


def bind(documents: Iterable[Document], *, name: str = "bound") -> Document:
    """Several documents as one bound document (a department's whole year, like seed 001).

    Department plans come first (第一部分), then every table in order, renumbered ``1.``, ``2.`` … where the
    source numbered them.
    """
    docs = list(documents)
    plans = [plan for doc in docs for plan in doc.department_plans]
    tables: list[TargetTable] = []
    for doc in docs:
        for table in doc.tables:
            seq = len(tables) + 1 if table.seq is not None else None
            tables.append(table.model_copy(update={"seq": seq}))
    source = {"name": name, "format": docs[0].source.format if docs else "text"}
    return Document.model_validate({"source": source, "department_plans": plans, "tables": tables})
