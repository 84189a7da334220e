"""Batch parsing: ``jixiao parse DIR --jobs N -o out.jsonl`` over the fixtures and broken files."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from jixiao.batch import FileOutcome, _run, collect_files, parse_many, parse_one
from jixiao.cli import app

FIXTURES = Path(__file__).parent / "data" / "fixtures"
DOCUMENTS = sorted(path for path in FIXTURES.iterdir() if path.suffix != ".json")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The fixture documents and their gold files, a hidden file, and two broken files in a subfolder."""
    root = tmp_path / "filings"
    shutil.copytree(FIXTURES, root)
    (root / ".~lock.000_tianjin.docx#").write_text("lock")
    broken = root / "broken"
    broken.mkdir()
    (broken / "cut.docx").write_bytes((FIXTURES / "002_luan.docx").read_bytes()[:5000])
    (broken / "empty.pdf").write_bytes(b"")
    return root


def gold_count(key: str) -> int:
    total = 0
    for path in DOCUMENTS:
        gold = json.loads(path.with_name(path.name + ".json").read_text(encoding="utf-8"))
        total += len(gold["tables"]) if key == "tables" else sum(len(t["indicators"]) for t in gold["tables"])
    return total


def test_collect_files_walks_sorted_skips_hidden_and_passes_over_other_types(folder: Path) -> None:
    files, passed_over = collect_files([folder])
    names = [path.relative_to(folder).as_posix() for path in files]
    assert names == [*(path.name for path in DOCUMENTS), "broken/cut.docx", "broken/empty.pdf"]
    assert passed_over == len(DOCUMENTS)  # the gold .json beside each document


@pytest.mark.libreoffice
def test_the_cli_parses_a_folder_in_parallel_reports_bad_files_and_exits_1(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "all.jsonl"
    result = CliRunner().invoke(app, ["parse", str(folder), "--jobs", "2", "-o", str(out)])
    print(result.output)
    assert result.exit_code == 1
    assert "cut.docx" in result.output and "empty.pdf" in result.output
    assert "the file is empty" in result.output
    documents = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [d["source"]["name"] for d in documents] == [path.name for path in DOCUMENTS]  # input order
    assert sum(len(d["tables"]) for d in documents) == gold_count("tables")
    assert f"{gold_count('indicators'):,}" in result.output  # the summary's indicator count
    assert not [p for p in out.parent.iterdir() if p.name != out.name]  # no temporary file left


def test_all_good_files_exit_0_and_json_lines_go_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    files = [FIXTURES / "000_tianjin.docx", FIXTURES / "003_chongqing.xlsx"]
    status = parse_many(files, jobs=1, out=None, console=Console(stderr=True))
    lines = capsys.readouterr().out.splitlines()
    assert status == 0
    assert [json.loads(line)["source"]["name"] for line in lines] == ["000_tianjin.docx", "003_chongqing.xlsx"]


def test_nothing_usable_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    out = tmp_path / "out.jsonl"
    assert parse_many([bad], jobs=1, out=out, console=Console(file=open(os.devnull, "w"))) == 2  # noqa: SIM115
    assert out.read_text() == ""
    assert parse_many([tmp_path / "empty-folder"], jobs=1, out=None, console=Console(stderr=True)) == 2


def test_a_missing_file_is_reported_by_name_and_the_run_goes_on() -> None:
    outcome = parse_one("/no/such/file.docx")
    assert outcome.json is None
    assert outcome.error == "no such file"


def crash_on_poison(path: str) -> FileOutcome:
    """A worker that dies the way a segfaulting native library would, on one file."""
    if "poison" in path:
        os._exit(1)
    return FileOutcome(path, json="{}")


def test_a_file_that_kills_its_worker_is_reported_and_the_others_are_parsed() -> None:
    files = [Path(f"/virtual/{name}") for name in ("a.docx", "poison.docx", "b.docx", "c.docx")]
    outcomes: dict[int, FileOutcome] = {}
    _run(files, 2, lambda index, outcome: outcomes.__setitem__(index, outcome), crash_on_poison)
    assert sorted(outcomes) == [0, 1, 2, 3]
    assert outcomes[1].error is not None and "worker process died" in outcomes[1].error
    assert all(outcomes[i].json == "{}" for i in (0, 2, 3))


def test_an_output_folder_is_refused_before_any_work(tmp_path: Path) -> None:
    from jixiao.errors import WriteError

    with pytest.raises(WriteError, match="is a folder"):
        parse_many([FIXTURES / "000_tianjin.docx"], jobs=1, out=tmp_path, console=Console(stderr=True))
