"""Shared test data: the gold reading of the four 项目支出绩效自评表 of 010 (国家信访局 2024 决算)."""

from __future__ import annotations

import json
from pathlib import Path

from jixiao.model import Document, Indicator
from jixiao.values import parse_value

ROOT = Path(__file__).resolve().parents[2]
GOLD_010 = ROOT / "tests" / "data" / "gold-selfeval" / "010_gjxfj_2024_final_accounts.pdf.json"
PDF_010 = ROOT / "tests" / "data" / "real-world" / "010_gjxfj_2024_final_accounts.pdf"


def gold_010() -> Document:
    return Document.from_dict(json.loads(GOLD_010.read_text(encoding="utf-8")))


def row(value: str, actual: str, points: str = "10", score: str | None = None, **fields: str) -> Indicator:
    """An indicator row as the reader gives it: target and actual parsed by jixiao.values."""
    target, done = parse_value(value), parse_value(actual)
    return Indicator(
        name=fields.pop("name", "指标"),
        value=value,
        op=target.op,
        number=target.number,
        unit=target.unit,
        actual=actual,
        actual_number=done.number,
        actual_unit=done.unit,
        max_score=points,
        score=score,
        **fields,
    )
