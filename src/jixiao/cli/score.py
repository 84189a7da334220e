"""``jixiao score``: recompute the self-evaluation tables of files and compare with what they print."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.text import Text

from jixiao.cli._app import EXIT_OK, EXIT_UNUSABLE, EXIT_WARNINGS, app, console, err_console
from jixiao.cli.check import _load
from jixiao.errors import JixiaoError
from jixiao.scoring import DEFAULT_SCORING_PROFILE, TableScore, builtin_scoring_profiles, load_scoring_profile
from jixiao.scoring import score_document as _score_document
from jixiao.scoring.numbers import fmt

__all__ = ["score", "scores_json"]


class ScoreFormat(StrEnum):
    text = "text"
    json = "json"


@app.command()
def score(
    files: Annotated[
        list[Path], typer.Argument(help="Files holding 绩效自评表 (any readable format, or jixiao/1 .json).")
    ],
    profile: Annotated[
        str,
        typer.Option(
            "--profile",
            "-p",
            help=f"Scoring profile: {', '.join(builtin_scoring_profiles())}, or a TOML file.",
        ),
    ] = DEFAULT_SCORING_PROFILE,
    output: Annotated[ScoreFormat, typer.Option("--format", "-f", help="text or json.")] = ScoreFormat.text,
    out: Annotated[Path | None, typer.Option("-o", "--out", help="Write the report here instead of stdout.")] = None,
) -> None:
    """Score 绩效自评表: per table the printed and computed total and grade; per row printed, computed and why.

    Exit 1 when a file holds no self-evaluation table."""
    try:
        prof = load_scoring_profile(profile)
        results = [(path, _score_document(_load(path), prof)) for path in files]
    except JixiaoError as exc:
        err_console.print(Text(f"error: {exc}"), highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_UNUSABLE) from exc
    if output is ScoreFormat.json:
        text = json.dumps(scores_json(results, profile=prof.name), ensure_ascii=False, indent=2)
    else:
        text = "\n".join(_text(path, tables) for path, tables in results)
    if out is None:
        if output is ScoreFormat.json:
            typer.echo(text)
        else:
            console.print(Text(text), highlight=False, soft_wrap=True)
    else:
        from jixiao._atomic import write_atomic

        try:
            write_atomic(out, text + "\n", parents=True)
        except JixiaoError as exc:
            err_console.print(Text(f"error: {exc}"), highlight=False, soft_wrap=True)
            raise typer.Exit(EXIT_UNUSABLE) from exc
    empty = [path for path, tables in results if not tables]
    for path in empty:
        err_console.print(Text(f"{path}: no self-evaluation table (绩效自评表) found"), highlight=False, soft_wrap=True)
    raise typer.Exit(EXIT_WARNINGS if empty else EXIT_OK)


def scores_json(results: list[tuple[Path, list[TableScore]]], *, profile: str) -> dict[str, Any]:
    """The machine-readable report: per file, per table, the totals, the grades and every row with its why."""
    return {
        "format": "jixiao-scores/1",
        "profile": profile,
        "files": [{"file": str(path), "tables": [t.to_dict() for t in tables]} for path, tables in results],
    }


def _mark(differs: bool) -> str:
    return "≠" if differs else " "


def _text(path: Path, tables: list[TableScore]) -> str:
    lines = [f"{path}: {len(tables)} 张自评表 (self-evaluation tables)"]
    for t in tables:
        lines.append(f"  表{t.index + 1} {t.title or ''} [{t.profile.name}]")
        lines.append(
            f"    总分 total: 印出 printed {t.printed_total_text or '—'} (各项之和 sum {fmt(t.printed_sum)})"
            f" · 计算 computed {fmt(t.computed_total)}"
        )
        lines.append(
            f"    等级 grade: 印出 printed {t.printed_grade or '—'}"
            f" (按印出总分 by the printed total: {t.grade_of_printed_total or '—'})"
            f" · 计算 computed {t.computed_grade or '—'}"
        )
        exe = t.execution
        if exe is not None:
            zh, en = exe.explain()
            lines.append(
                f"  {_mark(exe.differs)} 预算执行 execution: 印出 {exe.printed_text or '—'} · 计算 {fmt(exe.computed)}"
                f" (分值 {fmt(exe.points)})"
            )
            lines.append(f"        {zh}")
            lines.append(f"        {en}")
        for row in t.rows:
            zh, en = row.explain()
            note = ""
            if row.differs and row.printed is not None and row.computed is not None:
                diff = row.printed - row.computed
                note = f"  差 difference {'+' if diff > 0 else ''}{fmt(diff)}"
            elif row.in_band is False:
                note = "  超出完成程度的分档 outside its band"
            mark = _mark(row.differs or row.in_band is False)
            lines.append(
                f"  {mark} {row.index + 1}. {row.name}: 印出 {row.printed_text or '—'} · 计算 {fmt(row.computed)}"
                f" (分值 {fmt(row.points)}){note}"
            )
            lines.append(f"        {zh}")
            lines.append(f"        {en}")
        if t.warning_ratio is not None or t.yellow:
            zh, en = t.explain_warning()
            flags = (["红 red"] if t.red else []) + ([f"黄 yellow: {t.yellow}"] if t.yellow else [])
            flag = "; ".join(flags) or "无 none"
            lines.append(f"    自评预警 warning: {flag}")
            lines.append(f"        {zh}")
            lines.append(f"        {en}")
    return "\n".join(lines)
