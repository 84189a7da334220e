"""``jixiao export``: write documents as Word, Excel, PDF, HTML, CSV or JSON in a region's layout."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from jixiao.cli._app import app, console
from jixiao.errors import ReadError, WriteError
from jixiao.model import Document

__all__ = ["export", "load_document"]


class Format(StrEnum):
    docx = "docx"
    xlsx = "xlsx"
    pdf = "pdf"
    html = "html"
    csv = "csv"
    json = "json"


def _layout_names() -> list[str]:
    """The registered layouts (``jixiao.writers.layouts``): a new layout module is a new choice."""
    from jixiao.writers.layouts import registered

    return list(registered())


def _layout(value: str) -> str:
    if value not in _layout_names():
        raise typer.BadParameter(f"unknown layout {value!r}; choose one of: {', '.join(_layout_names())}")
    return value


def load_document(path: Path) -> Document:
    """A ``jixiao/1`` JSON file as it is; any other file read and interpreted."""
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ReadError(f"not a readable JSON file: {exc}", path=str(path)) from exc
        if not isinstance(data, dict) or data.get("schema") != "jixiao/1":
            raise ReadError('not a jixiao/1 document (no "schema": "jixiao/1")', path=str(path))
        try:
            return Document.from_dict(data)
        except ValueError as exc:
            first = str(exc).splitlines()[:3]
            raise ReadError("invalid jixiao/1 document: " + " ".join(first), path=str(path)) from exc
    from jixiao.parsing import parse_file  # lazy: readers pull in the format libraries

    return parse_file(path).document


def _target(source: Path, out: Path | None, suffix: str, *, many: bool) -> Path:
    if out is None:
        target = source.with_suffix(suffix)
    elif many or out.is_dir():
        target = out / (source.stem + suffix)
    else:
        target = out
    if target.resolve() == source.resolve():
        raise WriteError("the output would overwrite its input; choose -o", path=str(target))
    return target


@app.command()
def export(
    files: Annotated[list[Path], typer.Argument(help="jixiao/1 .json files or source tables (.docx .xlsx .pdf …)")],
    to: Annotated[Format, typer.Option("--to", "-t", help="output format")] = Format.docx,
    layout: Annotated[
        str,
        typer.Option(
            "--layout",
            "-l",
            parser=_layout,
            metavar="[" + "|".join(_layout_names()) + "]",
            autocompletion=_layout_names,
            help="the printed form (self-evaluation tables print in their own form whatever is chosen)",
        ),
    ] = "national",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="output file, or directory for several inputs")
    ] = None,
    bind: Annotated[
        bool, typer.Option("--bind", help="bind all inputs into one document (第一部分 + 第二部分)")
    ] = False,
    flat_sheet: Annotated[
        bool,
        typer.Option("--flat-sheet/--no-flat-sheet", help="xlsx: end with a one-row-per-indicator sheet for analysts"),
    ] = True,
) -> None:
    """Write each FILE in the chosen format and layout (PDF: one LibreOffice start for all files)."""
    from jixiao.writers import bind as bind_documents
    from jixiao.writers import write, write_pdfs

    suffix = "." + to.value
    documents = [(path, load_document(path)) for path in files]
    if bind and len(documents) > 1:
        if output is None or output.is_dir():
            raise WriteError("--bind needs -o FILE for the bound document", path=str(output or files[0]))
        documents = [(output.with_suffix(".bound"), bind_documents((d for _, d in documents), name=output.name))]
    many = len(documents) > 1
    if many and output is not None and not output.is_dir():
        if output.exists():
            raise WriteError("several inputs need -o to name a directory", path=str(output))
        output.mkdir(parents=True)
    pairs = [(doc, _target(src, output, suffix, many=many)) for src, doc in documents]
    if to is Format.pdf:
        written = write_pdfs(pairs, layout=layout)
    else:
        written = [write(doc, target, to=to.value, layout=layout, flat_sheet=flat_sheet) for doc, target in pairs]
    for path in written:
        console.print(f"wrote {path}", highlight=False)
