"""Profiles: the built-ins, user TOML overlays, and errors for unknown keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.errors import ConfigError
from jixiao.model import Document
from jixiao.rules import builtin_profiles, follows_2020_levels, load_profile, profile_for, review
from tests.rules._rule_cases import clean_table, document


def test_builtin_profiles_are_national_2020_and_central_2021() -> None:
    assert {"national-2020", "central-2021"} <= set(builtin_profiles())


def test_national_2020_keeps_cost_under_output() -> None:
    p = load_profile("national-2020")
    assert not p.cost_is_level1
    assert "成本指标" in p.level2["产出指标"]
    assert p.budget_execution_weight == 10
    assert p.grade(92) == "优" and p.grade(85) == "良" and p.grade(60) == "中" and p.grade(59.9) == "差"


def test_central_2021_makes_cost_a_level1_with_its_own_weights() -> None:
    p = load_profile("central-2021")
    assert p.cost_is_level1
    assert p.level2["成本指标"] == ("经济成本指标", "社会成本指标", "生态环境成本指标")
    assert "成本指标" not in p.level2["产出指标"]
    assert p.level1_weights == {"成本指标": 20, "产出指标": 40, "效益指标": 20, "满意度指标": 10}
    assert p.level2_synonyms["时效性"] == "时效指标"  # inherited from national-2020


def test_clean_table_under_central_2021_reports_the_hierarchy() -> None:
    codes = {f.code for f in review(document(clean_table()), profile="central-2021")}
    assert {"R03", "R04", "R27"} <= codes


def test_user_toml_overlays_a_base(tmp_path: Path) -> None:
    path = tmp_path / "hebei.toml"
    path.write_text(
        'extends = "national-2020"\nname = "hebei-2024"\n[thresholds]\nbackloaded_share = 70\n'
        '[rules.R21]\nenabled = false\n[rules.R27]\nseverity = "warning"\n',
        encoding="utf-8",
    )
    p = load_profile(path)
    assert p.name == "hebei-2024"
    assert p.threshold("backloaded_share") == 70
    assert p.threshold("monitor_month") == 8  # from the base
    assert not p.enabled("R21") and p.enabled("R06")
    table = clean_table()
    table["indicators"][1]["description"] = table["indicators"][1]["name"]
    table["indicators"][5]["weight"] = "25"
    table["indicators"][6]["weight"] = "15"
    codes = {(f.code, f.severity.value) for f in review(document(table), profile=str(path))}
    assert ("R21", "warning") not in codes
    assert ("R27", "warning") in codes


def test_user_toml_can_extend_central_2021(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text('extends = "central-2021"\n[weights]\nbudget_execution = 20\n', encoding="utf-8")
    p = load_profile(path)
    assert p.cost_is_level1 and p.budget_execution_weight == 20


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("colour = 1\n", "unknown key 'colour'"),
        ("[thresholds]\nbackloaded = 60\n", "unknown key(s) in [thresholds]: backloaded"),
        ("[rules.R99]\nenabled = false\n", "no such rule"),
        ('[rules.R06]\nseverity = "fatal"\n', "severity must be"),
        ('extends = "nowhere-1999"\n', "unknown profile"),
        ("[weights\n", "invalid TOML"),
    ],
)
def test_bad_profile_is_a_config_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(
        ConfigError, match=message.replace("[", r"\[").replace("]", r"\]").replace("(", r"\(").replace(")", r"\)")
    ):
        load_profile(path)


def test_unknown_builtin_name_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown profile"):
        load_profile("atlantis-2030")


def test_profile_that_extends_itself_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "loop.toml"
    path.write_text('extends = "loop.toml"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="extends itself"):
        load_profile(path)


def _levels_document(*levels: tuple[str, str], year: int = 2024) -> Document:
    rows = [{"level1": l1, "level2": l2, "name": f"指标{i}", "value": "≥1"} for i, (l1, l2) in enumerate(levels)]
    return Document.from_dict(
        {"schema": "jixiao/1", "source": {"name": "x.txt", "format": "text"},
         "tables": [{"kind": "project_target", "year": year, "indicators": rows}]}
    )  # fmt: skip


def test_cost_under_output_keeps_a_later_document_on_the_2020_levels() -> None:
    old_form = _levels_document(("产出指标", "数量指标"), ("产出指标", "成本指标"), ("效益指标", "社会效益指标"))
    assert follows_2020_levels(old_form)
    assert profile_for(old_form) == ("national-2020", 2024)


def test_cost_as_a_level1_or_absent_follows_the_year() -> None:
    new_form = _levels_document(("产出指标", "数量指标"), ("成本指标", "经济成本指标"))
    assert not follows_2020_levels(new_form) and profile_for(new_form) == ("central-2021", 2024)
    no_cost = _levels_document(("产出指标", "数量指标"), ("效益指标", "社会效益指标"))
    assert not follows_2020_levels(no_cost) and profile_for(no_cost) == ("central-2021", 2024)
