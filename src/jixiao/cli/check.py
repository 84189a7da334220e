"""``jixiao check`` (review files against the rule catalogue) and ``jixiao rules`` (list the catalogue)."""

from __future__ import annotations

import json
import re
from collections import Counter
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from jixiao.cli._app import EXIT_OK, EXIT_UNUSABLE, EXIT_WARNINGS, app, console, report_error
from jixiao.errors import JixiaoError, ReadError
from jixiao.model import Document
from jixiao.rules import (
    DEFAULT_PROFILE,
    Finding,
    Profile,
    Severity,
    catalogue_markdown,
    follows_2020_levels,
    load_profile,
    profile_for,
    registry,
    review,
    select_rules,
    suggested_grade,
)

__all__ = ["check", "findings_json", "findings_sarif", "rules"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_LINES = re.compile(r"lines?\s+(\d+)(?:\s*-\s*(\d+))?")


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def _load(path: Path) -> Document:
    """A jixiao/1 JSON document as is; any other file through the readers."""
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ReadError(f"not a jixiao/1 JSON document ({exc})", path=str(path)) from exc
        if isinstance(data, dict) and data.get("schema") == "jixiao/1":
            try:
                return Document.from_dict(data)
            except ValueError as exc:
                raise ReadError(f"invalid jixiao/1 document: {exc}", path=str(path)) from exc
    from jixiao.parsing import parse_file  # lazy: the readers pull in the format libraries

    return parse_file(path).document


@app.command()
def check(
    files: Annotated[list[Path], typer.Argument(help="Files to review (any readable format, or jixiao/1 .json).")],
    profile: Annotated[
        str | None,
        typer.Option(
            "--profile",
            "-p",
            help=f"Built-in profile name or a TOML file; default by the document's year (else {DEFAULT_PROFILE}).",
        ),
    ] = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="text, json or sarif (2.1.0).")
    ] = OutputFormat.text,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Exit 1 when a finding is at least this severe.")
    ] = FailOn.error,
    select: Annotated[
        list[str] | None, typer.Option("--select", help="Only these rules (code, name or group); repeatable.")
    ] = None,
    exclude: Annotated[
        list[str] | None, typer.Option("--exclude", help="Skip these rules (code, name or group); repeatable.")
    ] = None,
    out: Annotated[Path | None, typer.Option("-o", "--out", help="Write the report here instead of stdout.")] = None,
) -> None:
    """Review 绩效目标表 against the rules: where, why, the rule and the fix (exit 1 at --fail-on)."""
    try:
        given = load_profile(profile) if profile is not None else None
        select_rules(select, exclude)  # unknown selectors fail before any file is read
        documents = {path: _load(path) for path in files}
        used = {path: _profile_used(given, document) for path, document in documents.items()}
        results = [
            (path, review(document, profile=used[path][0], select=select, exclude=exclude))
            for path, document in documents.items()
        ]
    except JixiaoError as exc:
        report_error(exc)
        raise typer.Exit(EXIT_UNUSABLE) from exc

    if output is OutputFormat.text and out is None:
        for path, findings in results:
            _print_text(path, findings, profile_note=used[path][1])
    else:
        if output is OutputFormat.json:
            names = {path: prof.name for path, (prof, _) in used.items()}
            shared = next(iter(names.values())) if len(set(names.values())) == 1 else None
            report = findings_json(results, profile=shared, profiles=names)
            text = json.dumps(report, ensure_ascii=False, indent=2)
        elif output is OutputFormat.sarif:
            text = json.dumps(findings_sarif(results, documents), ensure_ascii=False, indent=2)
        else:
            text = "\n".join(_plain_text(path, findings) for path, findings in results)
        if out is None:
            typer.echo(text)
        else:
            from jixiao._atomic import write_atomic

            try:
                write_atomic(out, text + "\n", parents=True)
            except JixiaoError as exc:
                report_error(exc)
                raise typer.Exit(EXIT_UNUSABLE) from exc
    raise typer.Exit(_exit_code(results, fail_on))


def _profile_used(given: Profile | None, document: Document) -> tuple[Profile, str]:
    """The profile a document is reviewed by, and how it was chosen (said in the report)."""
    if given is not None:
        return given, f"profile {given.name}"
    name, year = profile_for(document)
    if year is None:
        reason = "no year printed"
    elif follows_2020_levels(document):
        reason = f"the year {year}, and 成本指标 is set under 产出指标 as before 2021"
    else:
        reason = f"chosen by the year {year}"
    return load_profile(name), f"profile {name} ({reason}; --profile to choose)"


def _exit_code(results: list[tuple[Path, list[Finding]]], fail_on: FailOn) -> int:
    if fail_on is FailOn.never:
        return EXIT_OK
    threshold = Severity(fail_on.value).rank
    failing = any(f.severity.rank >= threshold for _, findings in results for f in findings)
    return EXIT_WARNINGS if failing else EXIT_OK


# -- text ------------------------------------------------------------------------------------------


def _table_label(f: Finding) -> str:
    if f.table is None:
        return "文档 (document)"
    number = f"表{f.table + 1}" + (
        f" (第{f.table_seq}号)" if f.table_seq is not None and f.table_seq != f.table + 1 else ""
    )
    return f"{number} {f.table_title or ''}".strip()


def _place(f: Finding) -> str:
    parts = []
    if f.indicator is not None:
        parts.append(f"第{f.indicator + 1}行 {f.indicator_name or ''}".strip())
    if f.field:
        parts.append(f.field)
    return " · ".join(parts) or "表头 (header)"


def _summary(findings: list[Finding]) -> str:
    counts = Counter(f.severity for f in findings)
    return (
        f"{counts[Severity.ERROR]} error, {counts[Severity.WARNING]} warning, {counts[Severity.INFO]} info; "
        f"建议审核结果 (suggested grade): {suggested_grade(findings)}"
    )


def _print_text(path: Path, findings: list[Finding], *, profile_note: str | None = None) -> None:
    console.print(Text(f"{path}: {_summary(findings)}", style="bold"), highlight=False)
    if profile_note:
        console.print(Text(f"  {profile_note}", style="dim"), highlight=False)
    current: tuple[int | None, ...] | None = None
    for f in findings:
        key = (f.table,)
        if key != current:
            current = key
            console.print(Text(f"  {_table_label(f)}", style="bold blue"), highlight=False)
        line = Text("    ")
        line.append(f"{f.severity.value:<7} ", style=_STYLE[f.severity])
        line.append(f"{f.code} ", style="bold")
        line.append(f"{_place(f)}: ", style="dim")
        line.append(f.message)
        console.print(line, highlight=False)
        console.print(Text(f"            {f.message_en}", style="dim"), highlight=False)
        if f.suggestion:
            console.print(Text(f"            → {f.suggestion}", style="green"), highlight=False)


def _plain_text(path: Path, findings: list[Finding]) -> str:
    lines = [f"{path}: {_summary(findings)}"]
    for f in findings:
        lines.append(
            f"{path}: {_table_label(f)}: {_place(f)}: {f.severity.value} {f.code}: {f.message} ({f.message_en})"
        )
        if f.suggestion:
            lines.append(f"    → {f.suggestion}")
    return "\n".join(lines)


# -- json ------------------------------------------------------------------------------------------


def findings_json(
    results: list[tuple[Path, list[Finding]]],
    *,
    profile: str | None,
    profiles: dict[Path, str] | None = None,
) -> dict[str, Any]:
    """The machine-readable report: per file, a summary and every finding with its JSON path.

    ``profile`` is the profile of every file (None when files were reviewed by different ones, as
    ``profiles`` says per file)."""
    files = []
    for path, findings in results:
        counts = Counter(f.severity.value for f in findings)
        files.append(
            {
                "file": str(path),
                "profile": profiles[path] if profiles and path in profiles else profile,
                "summary": {
                    "error": counts["error"],
                    "warning": counts["warning"],
                    "info": counts["info"],
                    "suggested_grade": suggested_grade(findings),
                },
                "findings": [{**f.to_dict(), "path": f.path} for f in findings],
            }
        )
    return {"format": "jixiao-findings/1", "profile": profile, "files": files}


# -- sarif -----------------------------------------------------------------------------------------


def findings_sarif(
    results: list[tuple[Path, list[Finding]]], documents: dict[Path, Document] | None = None
) -> dict[str, Any]:
    """A SARIF 2.1.0 log: one run, the catalogue as the driver's rules, one result per finding.

    With the reviewed ``documents``, findings on rows that name their source lines get a region."""
    from jixiao import __version__

    rules = registry()
    index = {rule.code: i for i, rule in enumerate(rules)}
    driver_rules = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary()},
            "fullDescription": {"text": rule.doc()},
            "help": {"text": f"{rule.summary()}\n\nSource: {rule.source}"},
            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
            "properties": {"tags": list(rule.groups), "scope": rule.scope.value, "source": rule.source},
        }
        for rule in rules
    ]
    artifacts = [{"location": {"uri": path.as_posix()}} for path, _ in results]
    sarif_results: list[dict[str, Any]] = []
    for artifact_index, (path, findings) in enumerate(results):
        for f in findings:
            physical: dict[str, Any] = {"artifactLocation": {"uri": path.as_posix(), "index": artifact_index}}
            region = _region(f, (documents or {}).get(path))
            if region:
                physical["region"] = region
            logical = {"fullyQualifiedName": f.path or "document", "kind": "member"}
            name = f.indicator_name or f.table_title
            if name:
                logical["name"] = name
            result: dict[str, Any] = {
                "ruleId": f.code,
                "ruleIndex": index[f.code],
                "level": _SARIF_LEVEL[f.severity],
                "message": {"text": f"{f.message} ({f.message_en})"},
                "locations": [{"physicalLocation": physical, "logicalLocations": [logical]}],
                "properties": {
                    "table": f.table,
                    "indicator": f.indicator,
                    "field": f.field,
                    "tableTitle": f.table_title,
                    "suggestion": f.suggestion,
                },
            }
            sarif_results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "jixiao",
                        "version": __version__,
                        "rules": driver_rules,
                    }
                },
                "artifacts": artifacts,
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
            }
        ],
    }


def _region(f: Finding, document: Document | None) -> dict[str, int] | None:
    """A line region when the source reference names lines (text sources: ``lines 119-123``)."""
    if document is None or f.table is None or f.table >= len(document.tables):
        return None
    table = document.tables[f.table]
    ref = table.source_ref
    if f.indicator is not None and f.indicator < len(table.indicators):
        ref = table.indicators[f.indicator].source_ref or ref
    if not ref:
        return None
    m = _LINES.search(ref)
    if not m:
        return None
    start = int(m.group(1))
    return {"startLine": start, "endLine": int(m.group(2) or start)}


# -- rules -----------------------------------------------------------------------------------------


@app.command()
def rules(
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print docs/rules.md (generated from the catalogue).")
    ] = False,
    profile: Annotated[str | None, typer.Option("--profile", "-p", help="Show which rules a profile disables.")] = None,
) -> None:
    """List the review rules: code, name, severity, scope, groups and summary."""
    if markdown:
        typer.echo(catalogue_markdown(), nl=False)
        return
    try:
        prof = load_profile(profile) if profile else None
    except JixiaoError as exc:
        report_error(exc)
        raise typer.Exit(EXIT_UNUSABLE) from exc
    table = Table(title="jixiao review rules (智能审核)", show_lines=False)
    for column in ("code", "name", "severity", "scope", "groups", "summary"):
        table.add_column(column, overflow="fold")
    for rule in registry():
        severity = rule.severity if prof is None else prof.severity_for(rule.code, rule.severity)
        enabled = prof is None or prof.enabled(rule.code)
        table.add_row(
            rule.code if enabled else f"{rule.code} (off)",
            rule.name,
            f"[{_STYLE[severity]}]{severity.value}[/]",
            rule.scope.value,
            ", ".join(g for g in rule.groups if g != "all"),
            escape(rule.summary()),
        )
    console.print(table)
