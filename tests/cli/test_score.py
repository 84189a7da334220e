"""``jixiao score``: text and JSON reports, profiles, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from jixiao.cli import app
from tests.scoring._data import GOLD_010

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "tests" / "data" / "seeds"
runner = CliRunner()


def test_text_report_names_printed_and_computed_scores_and_why() -> None:
    result = runner.invoke(app, ["score", str(GOLD_010)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "4 张自评表" in out
    assert "设备完好率: 印出 7.1 · 计算 8.85" in out and "85 ÷ 96 × 10 = 8.85" in out
    assert "使用部门满意率: 印出 9.3 · 计算 9.38" in out
    assert "微信发稿量（篇）: 印出 4 · 计算 5.74" in out
    assert "差 difference -1.75" in out
    assert "总分 total: 印出 printed 90.5" in out and "计算 computed 93.08" in out


def test_json_report_holds_every_table_and_row() -> None:
    result = runner.invoke(app, ["score", str(GOLD_010), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["format"] == "jixiao-scores/1" and data["profile"] == "national"
    tables = data["files"][0]["tables"]
    assert [t["printed_total"] for t in tables] == ["98", "94.7", "98", "90.5"]
    rows = {r["name"]: r for t in tables for r in t["rows"]}
    assert rows["微信发稿量（篇）"]["computed"] == "5.74" and rows["微信发稿量（篇）"]["differs"] is True
    assert rows["来访群众针对接待环境的投诉次数"]["computed"] == "10"


def test_profile_option_changes_the_scores(tmp_path: Path) -> None:
    national = json.loads(runner.invoke(app, ["score", str(GOLD_010), "-f", "json"]).output)
    district = json.loads(runner.invoke(app, ["score", str(GOLD_010), "-f", "json", "-p", "district-s26"]).output)
    assert district["profile"] == "district-s26"
    assert national["files"][0]["tables"][1]["execution"]["computed"] == "7.71"
    assert district["files"][0]["tables"][1]["execution"]["computed"] == "7.71"  # printed 分值 10 wins
    assert district["files"][0]["tables"][1]["execution"]["points"] == "10"


def test_unknown_profile_is_exit_2_with_one_line() -> None:
    result = runner.invoke(app, ["score", str(GOLD_010), "--profile", "atlantis"])
    assert result.exit_code == 2 and "unknown scoring profile" in result.output


def test_file_without_self_evaluation_tables_is_exit_1() -> None:
    (seed,) = SEEDS.glob("003_*.txt")
    result = runner.invoke(app, ["score", str(seed)])
    assert result.exit_code == 1
    assert "no self-evaluation table" in result.output


def test_report_written_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "scores.json"
    result = runner.invoke(app, ["score", str(GOLD_010), "-f", "json", "-o", str(out)])
    assert result.exit_code == 0 and json.loads(out.read_text(encoding="utf-8"))["files"]
