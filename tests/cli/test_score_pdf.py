"""End to end on the published 决算 (010): ``jixiao check`` and ``jixiao score`` read the PDF's four
项目支出绩效自评表 and report the printed defects and the recomputed scores (issue #12 acceptance)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from jixiao.cli import app
from tests.scoring._data import PDF_010, ROOT

runner = CliRunner()
SELFEVAL = ROOT / "tests" / "data" / "gold-selfeval"


@pytest.fixture(scope="module")
def check_010() -> list[dict[str, object]]:
    result = runner.invoke(app, ["check", str(PDF_010), "--format", "json"])
    assert result.exit_code == 1, result.output  # errors found: exit 1 at --fail-on error
    findings: list[dict[str, object]] = json.loads(result.output)["files"][0]["findings"]
    return findings


@pytest.fixture(scope="module")
def score_010() -> dict[str, object]:
    result = runner.invoke(app, ["score", str(PDF_010), "--format", "json"])
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.output)
    return data


def test_check_reports_the_sub_row_rates_printed_zero(check_010: list[dict[str, object]]) -> None:
    rates = [(f["table"], f["field"]) for f in check_010 if f["code"] == "R37"]
    assert len(rates) == 7
    assert (0, "execution[1].rate") in rates and (3, "execution[2].rate") in rates
    assert all("0.0%" in str(f["message"]) for f in check_010 if f["code"] == "R37")


def test_check_reports_the_complaint_bound_met_yet_nine_of_ten(check_010: list[dict[str, object]]) -> None:
    (finding,) = [f for f in check_010 if f["code"] == "R47"]
    assert finding["indicator_name"] == "来访群众针对接待环境的投诉次数"
    assert "≤4次" in str(finding["message"]) and "9" in str(finding["message"])


def test_check_runs_no_target_rule_on_the_self_evaluation_tables(check_010: list[dict[str, object]]) -> None:
    titles = {f["table_title"] for f in check_010}
    assert all(str(t).endswith("自评表") for t in titles)
    assert {f["code"] for f in check_010} <= {"R36", "R37", "R38", "R39", "R40", *(f"R{n}" for n in range(45, 54))}


def test_score_recomputes_the_acceptance_rows_under_national(score_010: dict[str, object]) -> None:
    tables = score_010["files"][0]["tables"]  # type: ignore[index]
    assert len(tables) == 4
    rows = {r["name"]: r for t in tables for r in t["rows"]}
    for name, printed, computed in [
        ("设备完好率", "7.1", "8.85"),
        ("使用部门满意率", "9.3", "9.38"),
        ("微信发稿量（篇）", "4", "5.74"),
    ]:
        assert (rows[name]["printed"], rows[name]["computed"], rows[name]["differs"]) == (printed, computed, True)
    assert [t["printed_total"] for t in tables] == ["98", "94.7", "98", "90.5"]


@pytest.mark.parametrize("name", ["010_selfeval_tables.xlsx", "010_selfeval_tables.docx"])
def test_score_reads_the_spreadsheet_and_word_tables_like_the_pdf(name: str) -> None:
    result = runner.invoke(app, ["score", str(SELFEVAL / name), "--format", "json"])
    assert result.exit_code == 0, result.output
    tables = json.loads(result.output)["files"][0]["tables"]
    assert [t["printed_total"] for t in tables] == ["98", "94.7"]
    assert tables[1]["execution"]["computed"] == "7.71" and tables[1]["execution"]["printed"] == "7.7"
    rows = {r["name"]: r for r in tables[1]["rows"]}
    assert rows["微信发稿量（篇）"]["computed"] == "5.74"
