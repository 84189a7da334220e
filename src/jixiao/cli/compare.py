"""``jixiao compare``: score readings against hand-checked gold readings (field-level P/R/F1)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.text import Text

from jixiao.cli._app import EXIT_UNUSABLE, app, console, report_error
from jixiao.compare import Comparison, compare
from jixiao.errors import JixiaoError, ReadError

__all__ = ["compare_command"]


@app.command("compare")
def compare_command(
    files: Annotated[list[Path], typer.Argument(help="Files to read and score.", show_default=False)],
    gold: Annotated[
        Path | None,
        typer.Option("--gold", help="Gold folder or file; default: FILE.json beside each file, else gold/NAME.json."),
    ] = None,
    mismatches: Annotated[int, typer.Option("--mismatches", "-m", help="Show this many mismatches per file.")] = 0,
) -> None:
    """Read each file and print its structure, parse (and evaluation) precision, recall and F1 against its gold reading."""
    from jixiao.parsing import parse_file  # lazy: readers pull in the format libraries

    for path in files:
        try:
            expected = _load_gold(_gold_path(path, gold))
            result = compare(expected, parse_file(path).document.to_dict())
        except JixiaoError as exc:
            report_error(exc)
            raise typer.Exit(EXIT_UNUSABLE) from exc
        console.print(Text(_line(path, result)), soft_wrap=True, highlight=False)
        for miss in result.mismatches[:mismatches]:
            console.print(
                Text(f"    {miss.path}: gold {miss.gold!r}, read {miss.ours!r}"), soft_wrap=True, highlight=False
            )


def _line(path: Path, result: Comparison) -> str:
    s, p, e = result.structure, result.parse, result.evaluation
    line = (
        f"{path.name}: structure P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f}  "
        f"parse P={p.precision:.3f} R={p.recall:.3f} F1={p.f1:.3f}"
    )
    if e.true_positives or e.false_positives or e.false_negatives:
        line += f"  evaluation P={e.precision:.3f} R={e.recall:.3f} F1={e.f1:.3f}"
    return line


def _gold_path(path: Path, gold: Path | None) -> Path:
    if gold is not None and not gold.is_dir():
        return gold
    candidates = (
        [gold / f"{path.name}.json"]
        if gold is not None
        else [Path(f"{path}.json"), path.parent.parent / "gold" / f"{path.name}.json"]
    )
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise ReadError("no gold reading found (looked for " + ", ".join(str(c) for c in candidates) + ")", path=str(path))


def _load_gold(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReadError(f"not a readable gold file: {exc}", path=str(path)) from exc
    if not isinstance(data, dict) or data.get("schema") != "jixiao/1":
        raise ReadError('not a jixiao/1 document (no "schema": "jixiao/1")', path=str(path))
    return data
