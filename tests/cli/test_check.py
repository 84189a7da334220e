"""``jixiao check`` and ``jixiao rules``: formats, exit codes, profiles, selection."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.rules import catalogue_markdown, registry

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "tests" / "data" / "seeds"
runner = CliRunner()

CLEAN_ROW = {
    "level1": "产出指标",
    "level2": "数量指标",
    "name": "检查定点医药机构数",
    "description": "全年现场检查家数",
    "value": "≥212家",
    "op": ">=",
    "number": "212",
    "unit": "家",
}


def _seed(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def _document(tmp_path: Path, *, description: str = "全年现场检查家数") -> Path:
    """A small jixiao/1 document: clean apart from what the test changes."""
    rows = [
        {**CLEAN_ROW, "description": description},
        {
            "level1": "产出指标",
            "level2": "质量指标",
            "name": "检查覆盖率",
            "description": "已检查家数占总数的比例",
            "value": "100%",
            "op": "=",
            "number": "100",
            "unit": "%",
        },
        {
            "level1": "产出指标",
            "level2": "成本指标",
            "name": "项目总成本",
            "description": "全部支出",
            "value": "≤30万元",
            "op": "<=",
            "number": "30",
            "unit": "万元",
        },
        {
            "level1": "效益指标",
            "level2": "社会效益指标",
            "name": "违规基金追回率",
            "description": "追回占查实的比例",
            "value": "≥95%",
            "op": ">=",
            "number": "95",
            "unit": "%",
        },
        {
            "level1": "满意度指标",
            "level2": "服务对象满意度指标",
            "name": "参保人员满意度",
            "description": "抽样问卷",
            "value": "≥90%",
            "op": ">=",
            "number": "90",
            "unit": "%",
        },
    ]
    doc = {
        "schema": "jixiao/1",
        "source": {"name": "t.json", "format": "text"},
        "tables": [
            {
                "seq": 1,
                "title": "2024年基金监管经费绩效目标表",
                "unit_name": "某县医疗保障局",
                "project_name": "基金监管经费",
                "money_unit": "万元",
                "funds": {"total": "30", "fiscal": "30", "other": ""},
                "annual_goals": ["完成212家定点医药机构现场检查，参保人员满意度≥90%。"],
                "indicators": rows,
            }
        ],
    }
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _json(output: str) -> Any:
    return json.loads(output)


def test_text_report_groups_findings_by_table_and_exits_1_on_errors() -> None:
    result = runner.invoke(app, ["check", str(_seed("003"))])
    assert result.exit_code == 1
    out = result.output
    assert "表2" in out and "R01" in out and "funds.total" in out
    assert "表4" in out and "R26" in out and "本年权重合计 80" in out
    assert out.index("表2") < out.index("R01") < out.index("表4") < out.index("R26")


def test_clean_document_exits_0(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", "-p", "national-2020", str(_document(tmp_path)), "--fail-on", "info"])
    assert result.exit_code == 0, result.output
    assert "0 error, 0 warning, 0 info" in " ".join(result.output.split())


def test_fail_on_warning_versus_error(tmp_path: Path) -> None:
    path = _document(tmp_path, description="检查定点医药机构数")  # R21: a warning only
    assert runner.invoke(app, ["check", "-p", "national-2020", str(path)]).exit_code == 0
    assert runner.invoke(app, ["check", "-p", "national-2020", str(path), "--fail-on", "warning"]).exit_code == 1


def test_json_report_has_places_messages_and_suggestions() -> None:
    result = runner.invoke(app, ["check", "--format", "json", str(_seed("000"))])
    assert result.exit_code == 1
    report = _json(result.output)
    assert report["format"] == "jixiao-findings/1" and report["profile"] == "national-2020"
    (entry,) = report["files"]
    assert entry["summary"]["error"] >= 1 and entry["summary"]["suggested_grade"] in "优良中差"
    hit = next(f for f in entry["findings"] if f["code"] == "R43")
    assert hit["table"] == 1 and hit["indicator_name"] == "设备均价" and hit["field"] == "value"
    assert hit["path"] == f"tables[1].indicators[{hit['indicator']}].value"
    assert hit["message"] and hit["message_en"] and hit["suggestion"] and hit["severity"] == "error"


def test_sarif_report_is_sarif_2_1_0_with_rules_and_line_regions() -> None:
    result = runner.invoke(app, ["check", "-f", "sarif", str(_seed("000")), str(_seed("003"))])
    log = _json(result.output)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "jixiao"
    assert [r["id"] for r in driver["rules"]] == [r.code for r in registry()]
    assert len(run["artifacts"]) == 2
    levels = {"error", "warning", "note"}
    for res in run["results"]:
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["level"] in levels and res["message"]["text"]
        (loc,) = res["locations"]
        assert loc["physicalLocation"]["artifactLocation"]["uri"].endswith(".txt")
        assert loc["logicalLocations"][0]["fullyQualifiedName"]
    unit_cost = next(r for r in run["results"] if r["ruleId"] == "R43")
    region = unit_cost["locations"][0]["physicalLocation"]["region"]
    assert 1 <= region["startLine"] <= region["endLine"]
    seed_lines = _seed("000").read_text(encoding="utf-8").splitlines()
    assert any("设备均价" in line for line in seed_lines[region["startLine"] - 1 : region["endLine"]])


def test_the_profile_is_chosen_by_the_document_year_and_named(tmp_path: Path) -> None:
    path = _document(tmp_path)  # a table of 2024 with 成本指标 as a 一级指标
    data = json.loads(path.read_text(encoding="utf-8"))
    for row in data["tables"][0]["indicators"]:
        if row["level2"].endswith("成本指标"):
            row["level1"], row["level2"] = "成本指标", "经济成本指标"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["check", str(path)])
    assert "profile central-2021 (chosen by the year 2024" in " ".join(result.output.split())
    report = _json(runner.invoke(app, ["check", "-f", "json", str(path)]).output)
    assert report["profile"] == report["files"][0]["profile"] == "central-2021"


def test_a_document_setting_cost_under_output_keeps_the_2020_levels_and_says_why(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(_document(tmp_path))])  # 2024, 成本指标 under 产出指标
    said = " ".join(result.output.split())
    assert "profile national-2020 (the year 2024, and 成本指标 is set under 产出指标 as before 2021" in said


def test_select_and_exclude(tmp_path: Path) -> None:
    path = _document(tmp_path, description="检查定点医药机构数")
    only = _json(runner.invoke(app, ["check", "-f", "json", "--select", "R21", str(path)]).output)
    assert {f["code"] for f in only["files"][0]["findings"]} == {"R21"}
    none = _json(
        runner.invoke(app, ["check", "-f", "json", "-p", "national-2020", "--exclude", "style", str(path)]).output
    )
    assert none["files"][0]["findings"] == []


def test_unknown_rule_selector_is_unusable_input(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", "--select", "R99", str(_document(tmp_path))])
    assert result.exit_code == 2


def test_profile_from_a_users_toml(tmp_path: Path) -> None:
    profile = tmp_path / "local.toml"
    profile.write_text('extends = "national-2020"\n[rules.R21]\nseverity = "error"\n', encoding="utf-8")
    path = _document(tmp_path, description="检查定点医药机构数")
    result = runner.invoke(app, ["check", "-f", "json", "--profile", str(profile), str(path)])
    assert result.exit_code == 1
    (finding,) = _json(result.output)["files"][0]["findings"]
    assert (finding["code"], finding["severity"]) == ("R21", "error")


def test_central_2021_profile_reports_cost_under_output(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", "-f", "json", "-p", "central-2021", str(_document(tmp_path))])
    codes = {(f["code"], f["severity"]) for f in _json(result.output)["files"][0]["findings"]}
    assert ("R04", "error") in codes and ("R03", "error") in codes


def test_bad_profile_is_unusable_input(tmp_path: Path) -> None:
    profile = tmp_path / "bad.toml"
    profile.write_text("colour = 1\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "--profile", str(profile), str(_document(tmp_path))])
    assert result.exit_code == 2
    assert "unknown key" in result.output


def test_unreadable_file_is_unusable_input(tmp_path: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    assert runner.invoke(app, ["check", str(bad)]).exit_code == 2


def test_report_written_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "report.sarif"
    result = runner.invoke(app, ["check", "-f", "sarif", "-o", str(out), str(_seed("002"))])
    assert result.exit_code in (0, 1)
    assert _json(out.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_rules_lists_every_code() -> None:
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    for rule in registry():
        assert re.search(rf"\b{rule.code}\b", result.output)


def test_rules_markdown_is_the_generated_docs() -> None:
    result = runner.invoke(app, ["rules", "--markdown"])
    assert result.exit_code == 0
    assert result.output == catalogue_markdown()
    assert result.output == (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("flag", ["--check"])
def test_parse_check_attaches_findings_to_the_document(flag: str) -> None:
    result = runner.invoke(app, ["parse", flag, str(_seed("003"))])
    document = _json(result.output)
    codes = {(f["table"], f["code"]) for f in document["findings"]}
    assert (1, "R01") in codes and (3, "R26") in codes


def test_rules_marks_rules_a_profile_turns_off(tmp_path: Path) -> None:
    profile = tmp_path / "quiet.toml"
    profile.write_text("[rules.R21]\nenabled = false\n", encoding="utf-8")
    result = runner.invoke(app, ["rules", "--profile", str(profile)], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "R21 (off)" in result.output and "R22 (off)" not in result.output
