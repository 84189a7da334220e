"""``jixiao parse`` / ``show`` / ``schema``: output, exit codes, one-line errors, atomic writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.cli import app

DATA = Path(__file__).parents[1] / "data"
SEEDS = sorted((DATA / "seeds").glob("*.txt"))
runner = CliRunner()


def _seed(prefix: str) -> Path:
    return next(p for p in SEEDS if p.name.startswith(prefix))


def test_parse_prints_the_document() -> None:
    result = runner.invoke(app, ["parse", str(_seed("003"))])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["schema"] == "jixiao/1" and document["source"] == {"name": _seed("003").name, "format": "text"}
    assert len(document["tables"]) == 4


def test_parse_json_prints_one_compact_document_per_file() -> None:
    result = runner.invoke(app, ["parse", "--json", str(_seed("000")), str(_seed("002"))])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [json.loads(line)["source"]["name"] for line in lines] == [_seed("000").name, _seed("002").name]


def test_parse_writes_a_file_or_one_file_per_input_into_a_directory(tmp_path: Path) -> None:
    single = tmp_path / "one.json"
    assert runner.invoke(app, ["parse", str(_seed("001")), "-o", str(single)]).exit_code == 0
    assert len(json.loads(single.read_text(encoding="utf-8"))["tables"]) == 14
    folder = tmp_path / "many"
    folder.mkdir()
    assert runner.invoke(app, ["parse", str(_seed("000")), str(_seed("003")), "-o", str(folder)]).exit_code == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{_seed(x).stem}.json" for x in ("000", "003"))


def test_a_failing_file_leaves_nothing_written(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    folder = tmp_path / "out"
    folder.mkdir()
    result = runner.invoke(app, ["parse", str(_seed("000")), str(empty), "-o", str(folder)])
    assert result.exit_code == 2
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (bytes(range(256)) * 8, "binary"),
        (
            "天地玄黄宇宙洪荒日月盈昃辰宿列张\n寒来暑往秋收冬藏闰余成岁律吕调阳\n".encode() * 5,
            "no performance target table",
        ),
    ],
    ids=["empty", "binary", "random-cjk"],
)
def test_unusable_input_gives_one_clear_line_and_exit_2(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    result = runner.invoke(app, ["parse", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: ") and str(path) in line and problem in line
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("keep", [0.5, 0.98], ids=["half", "directory-cut"])
def test_a_truncated_docx_gives_one_line_naming_the_file_as_truncated_or_damaged_and_exit_2(
    tmp_path: Path, keep: float
) -> None:
    data = (DATA / "fixtures" / "002_luan.docx").read_bytes()
    cut = tmp_path / "项目 cut.docx"
    cut.write_bytes(data[: int(len(data) * keep)])  # a download that stopped early: no zip directory at the end
    result = runner.invoke(app, ["parse", str(cut)])
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"error: {cut}") and "truncated or damaged" in line
    assert "not a supported format" not in line and "Traceback" not in result.stderr


def test_the_installed_entry_point_never_shows_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "blob.bin"
    path.write_bytes(os.urandom(4096))
    done = subprocess.run(
        [sys.executable, "-m", "jixiao", "parse", str(path)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_a_cut_file_parses_with_a_warning_and_exit_1(tmp_path: Path) -> None:
    text = _seed("001").read_text(encoding="utf-8")
    cut = tmp_path / "cut.txt"
    cut.write_text(text[: text.index("3.综合业务费绩效目标表") + 60], encoding="utf-8")
    result = runner.invoke(app, ["parse", str(cut)])
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)["tables"]) == 2
    assert "warning: cut.txt: table [2] (3.综合业务费绩效目标表) is incomplete" in result.stderr


def test_check_attaches_the_review_findings() -> None:
    result = runner.invoke(app, ["parse", "--check", str(_seed("000"))])
    assert result.exit_code == 0
    findings = json.loads(result.stdout)["findings"]
    assert findings and {"code", "severity", "message"} <= findings[0].keys()


def test_a_directory_or_jobs_delegates_to_batch_parsing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls: list[tuple[list[Path], int, Path | None]] = []

    def parse_many(paths: list[Path], *, jobs: int, out: Path | None, console: object) -> int:
        calls.append((paths, jobs, out))
        return 1

    monkeypatch.setitem(sys.modules, "jixiao.batch", types.SimpleNamespace(parse_many=parse_many))
    assert runner.invoke(app, ["parse", str(DATA / "seeds")]).exit_code == 1
    assert (
        runner.invoke(app, ["parse", "--jobs", "2", str(_seed("000")), "-o", str(tmp_path / "o.jsonl")]).exit_code == 1
    )
    assert calls == [([DATA / "seeds"], 1, None), ([_seed("000")], 2, tmp_path / "o.jsonl")]


def test_show_summarises_tables_and_trace_adds_refs() -> None:
    plain = runner.invoke(app, ["show", str(_seed("001"))])
    assert plain.exit_code == 0
    assert "基金监管经费f绩效目标表" in plain.stdout and "医保定点医药机构数量" in plain.stdout
    assert "万元" in plain.stdout and "lines" not in plain.stdout
    traced = runner.invoke(app, ["show", "--trace", str(_seed("000"))])
    assert "(lines 2-71)" in traced.stdout and "(lines 31-35)" in traced.stdout


def test_schema_prints_the_json_schema(tmp_path: Path) -> None:
    result = runner.invoke(app, ["schema"])
    assert json.loads(result.stdout)["title"] == "jixiao/1 interchange document"
    target = tmp_path / "s.json"
    assert runner.invoke(app, ["schema", "-o", str(target)]).exit_code == 0
    assert target.read_text(encoding="utf-8") == result.stdout


def test_a_pdf_without_a_text_layer_is_said_to_need_ocr_not_to_lack_a_table(tmp_path: Path) -> None:
    """A scan holds images, no text: "no table found" would send its user looking for the wrong fault."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(2):
        page = pdf.new_page(595, 842)  # A4, nothing on it but what a scan's image would be: no text objects
        page.close()
    path = tmp_path / "扫描件.pdf"
    pdf.save(str(path))
    pdf.close()
    result = runner.invoke(app, ["parse", str(path)])
    assert result.exit_code == 2 and result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"error: {path}") and "no text layer" in line and "OCR" in line
    assert "no performance target table" not in line
