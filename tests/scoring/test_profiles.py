"""Scoring profiles as data: the built-ins, a user's file over a base, and clear errors."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.errors import ConfigError
from jixiao.scoring import builtin_scoring_profiles, load_scoring_profile


@pytest.mark.parametrize("name", builtin_scoring_profiles())
def test_every_builtin_profile_loads_with_grades_and_bands(name: str) -> None:
    profile = load_scoring_profile(name)
    assert profile.name == name and profile.description
    assert profile.grades and profile.qualitative


def test_builtins_include_national_and_regional_variants() -> None:
    assert {"national", "district-s26", "ningde", "stepped", "grades-80", "national-uncapped"} <= set(
        builtin_scoring_profiles()
    )


def test_user_file_overlays_its_base_and_replaces_grade_bands(tmp_path: Path) -> None:
    path = tmp_path / "hebei.toml"
    path.write_text(
        'extends = "national"\nname = "hebei"\n[execution]\npoints = 20\n[grades]\n"一等" = 90\n"二等" = 0\n',
        encoding="utf-8",
    )
    profile = load_scoring_profile(path)
    assert profile.execution_points == Decimal(20) and profile.negative_method == "linear"
    assert [label for label, _ in profile.grades] == ["一等", "二等"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[execution]\npoint = 20\n", "unknown key"),
        ("colour = 1\n", "unknown key"),
        ('[negative]\nmethod = "square"\n', "method"),
        ('[qualitative]\n"达成" = [0.9, 0.8]\n', "low <= high"),
        ("decimals = 9\n", "decimals"),
        ("[execution\n", "invalid TOML"),
    ],
)
def test_bad_profiles_are_config_errors_naming_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        load_scoring_profile(path)
    assert str(path) in str(info.value)


def test_unknown_builtin_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown scoring profile"):
        load_scoring_profile("atlantis")
