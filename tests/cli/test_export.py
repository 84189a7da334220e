"""``jixiao export FILE… --to … --layout … -o …``: outputs, naming, binding, and one-line errors."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.cli import app

GOLD = Path(__file__).parents[1] / "data" / "gold"
FIXTURES = Path(__file__).parents[1] / "data" / "fixtures"
runner = CliRunner()


def _gold(tmp_path: Path, name: str) -> Path:
    source = next(GOLD.glob(f"{name}_*.json"))
    target = tmp_path / f"{name}.json"
    shutil.copyfile(source, target)
    return target


def test_export_one_json_to_docx_beside_it(tmp_path: Path) -> None:
    source = _gold(tmp_path, "000")
    result = runner.invoke(app, ["export", str(source), "--to", "docx", "--layout", "tianjin"])
    assert result.exit_code == 0, result.output
    target = tmp_path / "000.docx"
    assert f"wrote {target}" in result.output.replace("\n", "")
    import docx

    document = docx.Document(io.BytesIO(target.read_bytes()))
    assert document.paragraphs[0].text == "1.2022-2024年滨海新区事业人员补充医疗保险费绩效目标表"


def test_export_several_files_into_a_directory(tmp_path: Path) -> None:
    sources = [_gold(tmp_path, n) for n in ("000", "003")]
    out = tmp_path / "out"
    result = runner.invoke(app, ["export", *map(str, sources), "--to", "xlsx", "-o", str(out), "--layout", "chongqing"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["000.xlsx", "003.xlsx"]


def test_export_csv_and_html_and_json(tmp_path: Path) -> None:
    source = _gold(tmp_path, "002")
    for to in ("csv", "html"):
        result = runner.invoke(app, ["export", str(source), "--to", to, "-o", str(tmp_path / f"x.{to}")])
        assert result.exit_code == 0, result.output
    assert (tmp_path / "x.csv").read_text(encoding="utf-8-sig").count("\n") == 1 + 23 + 13 + 12
    assert "中长期指标值" in (tmp_path / "x.html").read_text(encoding="utf-8")
    result = runner.invoke(app, ["export", str(source), "--to", "json", "-o", str(tmp_path / "copy.json")])
    assert result.exit_code == 0 and '"schema": "jixiao/1"' in (tmp_path / "copy.json").read_text(encoding="utf-8")


def test_xlsx_ends_with_the_analysts_sheet_unless_no_flat_sheet(tmp_path: Path) -> None:
    import openpyxl

    source = _gold(tmp_path, "000")
    for option, name in (([], "d.xlsx"), (["--flat-sheet"], "f.xlsx"), (["--no-flat-sheet"], "n.xlsx")):
        result = runner.invoke(app, ["export", str(source), "--to", "xlsx", *option, "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(tmp_path / "d.xlsx").sheetnames[-1] == "指标明细"
    assert openpyxl.load_workbook(tmp_path / "f.xlsx").sheetnames[-1] == "指标明细"
    assert "指标明细" not in openpyxl.load_workbook(tmp_path / "n.xlsx").sheetnames


def test_bind_makes_one_document_of_several(tmp_path: Path) -> None:
    sources = [_gold(tmp_path, n) for n in ("001", "000")]
    target = tmp_path / "year.html"
    result = runner.invoke(app, ["export", *map(str, sources), "--bind", "--to", "html", "-o", str(target)])
    assert result.exit_code == 0, result.output
    html = target.read_text(encoding="utf-8")
    assert html.count('<section class="page') == 1 + 14 + 4
    assert "18.关于拨付和下达2023年" in html


def test_a_source_table_is_parsed_then_exported(tmp_path: Path) -> None:
    source = tmp_path / "cq.xlsx"
    shutil.copyfile(FIXTURES / "003_chongqing.xlsx", source)
    result = runner.invoke(app, ["export", str(source), "--to", "docx", "--layout", "chongqing"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "cq.docx").stat().st_size > 5000


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "json"], "would overwrite its input"),
        (["--bind", "--to", "docx"], "--bind needs -o FILE"),
    ],
)
def test_usage_errors_name_the_file_without_a_traceback(tmp_path: Path, args: list[str], message: str) -> None:
    sources = [_gold(tmp_path, "000")]
    if "--bind" in args:
        sources.append(_gold(tmp_path, "003"))
    if args[-1] == "json":
        args = [*args, "-o", str(sources[0])]
    completed = subprocess.run(
        [sys.executable, "-m", "jixiao", "export", *map(str, sources), *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert completed.returncode == 2
    said = completed.stderr.rstrip("\n")
    assert "\n" not in said  # one line, however long the path: a message is never wrapped in two
    assert said.startswith(f"error: {sources[0]}: ") and message in said and "Traceback" not in said


def test_not_a_jixiao_document_is_a_read_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"tables": []}', encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-m", "jixiao", "export", str(bad), "--to", "docx"], capture_output=True, text=True
    )
    assert completed.returncode == 2
    assert f"{bad}: not a jixiao/1 document" in completed.stderr
    assert not (tmp_path / "bad.docx").exists()


def test_an_error_message_is_printed_as_is_not_as_markup(tmp_path: Path) -> None:
    bad = tmp_path / "[red]table.json"
    bad.write_text('{"tables": []}', encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-m", "jixiao", "export", str(bad), "--to", "docx"], capture_output=True, text=True
    )
    assert completed.returncode == 2
    assert f"error: {bad}: not a jixiao/1 document" in completed.stderr


def test_export_layout_choices_are_the_registered_layouts(tmp_path: Path) -> None:
    from jixiao.writers.layouts import registered

    source = _gold(tmp_path, "000")
    result = runner.invoke(app, ["export", str(source), "--layout", "nowhere"])
    assert result.exit_code != 0
    assert all(name in result.output for name in registered())


def test_export_prints_a_self_evaluation_table_in_its_form_whatever_layout_is_chosen(tmp_path: Path) -> None:
    source = tmp_path / "selfeval.json"
    shutil.copyfile(Path(__file__).parents[1] / "data" / "gold-selfeval" / "010_selfeval_tables.docx.json", source)
    result = runner.invoke(app, ["export", str(source), "--to", "html", "--layout", "tianjin"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "selfeval.html").read_text(encoding="utf-8")
    assert "偏差原因分析及改进措施" in page and "年初预算数" in page and "预算规模及资金用途" not in page
