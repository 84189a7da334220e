"""The interpreter against the hand-checked gold readings of the seeds (and the same documents as files)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.compare import compare
from jixiao.parsing import parse_bytes, parse_file

DATA = Path(__file__).parents[1] / "data"
SEEDS = sorted((DATA / "seeds").glob("*.txt"))
# 002 is a PDF text export whose side-by-side halves drift by a column; the others read exactly
MIN_F1 = {"000": 1.0, "001": 1.0, "002": 0.99, "003": 1.0}


def _gold(name: str) -> dict:  # type: ignore[type-arg]
    return json.loads((DATA / "gold" / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_seed_reads_as_its_gold(seed: Path) -> None:
    reading = parse_file(seed)
    result = compare(_gold(seed.name), reading.document.to_dict())
    floor = MIN_F1[seed.name[:3]]
    assert result.structure.f1 >= floor, result.structure.mismatches[:10]
    assert result.parse.f1 >= floor, result.parse.mismatches[:10]
    assert reading.warnings == []


@pytest.mark.parametrize(
    "fixture",
    sorted(p for p in (DATA / "fixtures").iterdir() if p.suffix in {".docx", ".pdf", ".xlsx", ".xls"}),
    ids=lambda p: p.name,
)
def test_the_same_documents_as_office_and_pdf_files_read_as_their_gold(fixture: Path) -> None:
    gold = json.loads(Path(f"{fixture}.json").read_text(encoding="utf-8"))
    result = compare(gold, parse_file(fixture).document.to_dict())
    assert result.structure.f1 >= 0.98, result.structure.mismatches[:10]
    assert result.parse.f1 >= 0.98, result.parse.mismatches[:10]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_renaming_a_file_changes_only_the_source_name(seed: Path) -> None:
    original = parse_file(seed).document.to_dict()
    renamed = parse_bytes(seed.read_bytes(), "dir/renamed.dat").document.to_dict()
    assert renamed["source"]["name"] == "renamed.dat"
    renamed["source"]["name"] = original["source"]["name"]
    assert renamed == original


@pytest.mark.parametrize(("first", "second"), [(0, 3), (1, 2), (3, 0), (2, 1)])
def test_two_seeds_joined_into_one_file_yield_the_tables_of_both(first: int, second: int) -> None:
    a, b = SEEDS[first], SEEDS[second]
    joined = parse_bytes(a.read_bytes() + b"\n\n" + b.read_bytes(), "joined.txt")
    expected = parse_file(a).document.tables + parse_file(b).document.tables
    ours = joined.document.tables
    assert [t.project_name for t in ours] == [t.project_name for t in expected]
    assert [len(t.indicators) for t in ours] == [len(t.indicators) for t in expected]
    assert [t.funds for t in ours] == [t.funds for t in expected]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
@pytest.mark.parametrize(
    "encoding",
    ["gb18030", "utf-16", "utf-8-sig", "crlf"],
)
def test_a_copy_in_another_encoding_reads_the_same(seed: Path, encoding: str) -> None:
    text = seed.read_text(encoding="utf-8")
    data = text.replace("\n", "\r\n").encode() if encoding == "crlf" else text.encode(encoding)
    assert parse_bytes(data, seed.name).document == parse_file(seed).document


def test_a_seed_cut_inside_a_table_keeps_the_tables_before_and_names_the_cut_one() -> None:
    seed = next(p for p in SEEDS if p.name.startswith("001"))
    lines = seed.read_text(encoding="utf-8").split("\n")
    cut = next(i for i, line in enumerate(lines) if line.endswith("3.综合业务费绩效目标表")) + 8
    reading = parse_bytes("\n".join(lines[:cut]).encode(), "cut.txt")
    titles = [t.title for t in reading.document.tables]
    assert titles == ["基金监管经费f绩效目标表", "职工医疗保险意外伤害核查费绩效目标表"]
    assert len(reading.warnings) == 1
    assert "3.综合业务费绩效目标表" in reading.warnings[0] and "incomplete" in reading.warnings[0]


def test_a_seed_cut_inside_the_indicator_rows_names_the_cut_table() -> None:
    seed = next(p for p in SEEDS if p.name.startswith("000"))
    lines = seed.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("4.关于拨付"))
    cut = next(i for i in range(start, len(lines)) if "成本指标" in lines[i])
    reading = parse_bytes("\n".join(lines[:cut]).encode(), "cut.txt")
    assert [t.seq for t in reading.document.tables] == [1, 2, 3]
    assert len(reading.warnings) == 1 and "table [3] (4." in reading.warnings[0]
