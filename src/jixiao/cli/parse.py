"""``jixiao parse``, ``jixiao show`` and ``jixiao schema``: files in, ``jixiao/1`` documents out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from jixiao._atomic import write_atomic
from jixiao.cli._app import EXIT_OK, EXIT_UNUSABLE, EXIT_WARNINGS, app, console, err_console, report_error
from jixiao.errors import JixiaoError
from jixiao.model import Document, TargetTable, json_schema

__all__ = ["parse", "schema", "show"]

FilesArg = Annotated[
    list[Path], typer.Argument(help="Files to read (.docx .doc .xlsx .xls .pdf .html .txt).", show_default=False)
]


def _fail(exc: JixiaoError) -> typer.Exit:
    report_error(exc)
    return typer.Exit(EXIT_UNUSABLE)


def _read_all(files: list[Path], *, check: bool, profile: str | None) -> tuple[list[tuple[Path, Document]], list[str]]:
    """Every file parsed (all or nothing), with the warnings of each prefixed by its file name."""
    from jixiao.parsing import parse_file  # lazy: readers pull in the format libraries

    documents: list[tuple[Path, Document]] = []
    warnings: list[str] = []
    for path in files:
        reading = parse_file(path)
        if check:
            from jixiao.rules import profile_for, review

            findings = review(reading.document, profile=profile or profile_for(reading.document)[0])
            reading.document.findings = [finding.to_record() for finding in findings]
        documents.append((path, reading.document))
        warnings.extend(f"{path.name}: {warning}" for warning in reading.warnings)
    return documents, warnings


@app.command()
def parse(
    files: FilesArg,
    compact: Annotated[bool, typer.Option("--json", help="Compact JSON, one document per line (JSON Lines).")] = False,
    out: Annotated[
        Path | None, typer.Option("-o", "--out", help="Write here instead of stdout (a directory for several files).")
    ] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Parse in N processes (batch mode).")] = None,
    check: Annotated[bool, typer.Option("--check", help="Attach review findings to each document.")] = False,
    profile: Annotated[str | None, typer.Option("--profile", help="Review profile for --check.")] = None,
) -> None:
    """Read files and print their jixiao/1 documents (exit 1 when read with warnings)."""
    if jobs is not None or any(path.is_dir() for path in files):
        try:
            from jixiao.batch import parse_many
        except ImportError as exc:
            raise _fail(JixiaoError(f"batch parsing is not available here ({exc})")) from exc
        try:
            status = parse_many(list(files), jobs=jobs or 1, out=out, console=console)
        except JixiaoError as exc:  # the output cannot be written (a folder, a full disk)
            raise _fail(exc) from exc
        raise typer.Exit(status)
    try:
        documents, warnings = _read_all(files, check=check, profile=profile)
        indent = None if compact else 2
        if out is None:
            for _, document in documents:
                typer.echo(document.to_json(indent=indent))
        elif len(documents) == 1 and not out.is_dir():
            write_atomic(out, documents[0][1].to_json(indent=indent) + "\n", parents=True)
        else:
            for path, document in documents:
                write_atomic(out / f"{path.stem}.json", document.to_json(indent=indent) + "\n", parents=True)
    except JixiaoError as exc:
        raise _fail(exc) from exc
    for warning in warnings:
        err_console.print(Text(f"warning: {warning}"), highlight=False, soft_wrap=True)
    raise typer.Exit(EXIT_WARNINGS if warnings else EXIT_OK)


@app.command()
def show(
    files: FilesArg,
    trace: Annotated[bool, typer.Option("--trace", help="Show where each table and indicator was read.")] = False,
) -> None:
    """Print a readable summary of each file's tables and indicators."""
    try:
        documents, warnings = _read_all(files, check=False, profile=None)
    except JixiaoError as exc:
        raise _fail(exc) from exc
    for _, document in documents:
        _show_document(document, trace=trace)
    for warning in warnings:
        err_console.print(Text(f"warning: {warning}"), highlight=False, soft_wrap=True)
    raise typer.Exit(EXIT_WARNINGS if warnings else EXIT_OK)


@app.command()
def schema(
    out: Annotated[Path | None, typer.Option("-o", "--out", help="Write the schema to this file.")] = None,
) -> None:
    """Print the JSON Schema of the jixiao/1 interchange document."""
    text = schema_text()
    if out is None:
        typer.echo(text, nl=False)
        return
    try:
        write_atomic(out, text, parents=True)
    except JixiaoError as exc:
        raise _fail(exc) from exc


def schema_text() -> str:
    """The schema exactly as stored in ``schema/jixiao-1.schema.json``."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


# -- the summary ----------------------------------------------------------------------------------


def _show_document(document: Document, *, trace: bool) -> None:
    console.rule(Text(f"{document.source.name} ({document.source.format})"))
    for plan in document.department_plans:
        _say(Text("部门整体绩效目标", style="bold"))
        for section in plan.sections:
            _say(Text(f"  {section.heading}: ", style="cyan") + Text(_short(section.text, 80)))
    for index, table in enumerate(document.tables):
        _show_table(index, table, trace=trace)
    if not document.tables:
        console.print("no target tables")


def _show_table(index: int, table: TargetTable, *, trace: bool) -> None:
    seq = f"{table.seq}." if table.seq is not None else ""
    heading = Text(f"[{index}] {seq}{table.title or '(untitled)'}", style="bold")
    if trace and table.source_ref:
        heading.append(f"  ({table.source_ref})", style="dim")
    _say(heading)
    unit = " ".join(part for part in (table.unit_code, table.unit_name) if part)
    facts = [
        ("单位", unit),
        ("主管部门", table.department),
        ("实施单位", table.implementing_unit),
        ("项目", " ".join(part for part in (table.project_code, table.project_name) if part)),
        ("年度", str(table.year) if table.year else None),
    ]
    for label, value in facts:
        if value:
            _say(Text(f"  {label}: ", style="cyan") + Text(value))
    funds = [(name, amount) for name, amount in table.funds.model_dump().items() if amount not in (None, "")]
    if funds:
        money = ", ".join(f"{name} {amount}" for name, amount in funds)
        _say(Text("  资金: ", style="cyan") + Text(f"{money} ({table.money_unit or '?'})"))
    if table.spending_plan:
        plan = ", ".join(f"{point.label} {point.percent}%" for point in table.spending_plan)
        _say(Text("  支出计划: ", style="cyan") + Text(plan))
    if table.midterm_goal:
        period = f" ({table.midterm_period})" if table.midterm_period else ""
        _say(Text(f"  总体目标{period}: ", style="cyan") + Text(_short(table.midterm_goal, 100)))
    for goal in table.annual_goals:
        _say(Text("  年度目标: ", style="cyan") + Text(_short(goal, 100)))
    for indicator in table.indicators:
        levels = " / ".join(part for part in (indicator.level1, indicator.level2) if part)
        line = (
            Text(f"    {levels} / ", style="dim")
            + Text(f"{indicator.name or ''}: ")
            + Text(indicator.value or "", style="bold")
        )
        if indicator.op is not None:
            reading = " ".join(part for part in (indicator.op, indicator.number, indicator.unit) if part)
            line.append(f"  [{reading}]", style="green")
        if trace and indicator.source_ref:
            line.append(f"  ({indicator.source_ref})", style="dim")
        _say(line)
    console.print()


def _say(line: Text) -> None:
    console.print(line, soft_wrap=True, highlight=False)


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
