"""Monitoring profiles as data: the built-ins, a user's file over a base, and clear errors."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.errors import ConfigError
from jixiao.model import ExecutionLine
from jixiao.monitoring import Colour, builtin_monitoring_profiles, execution_light, load_monitoring_profile


def test_national_profile_holds_the_ministry_bands() -> None:
    profile = load_monitoring_profile()
    assert (profile.red_below, profile.green_from, profile.blue_above) == (Decimal(60), Decimal(80), Decimal(120))
    assert {"national", "strict"} <= set(builtin_monitoring_profiles())


def test_user_file_overlays_its_base_and_moves_the_bands(tmp_path: Path) -> None:
    path = tmp_path / "local.toml"
    path.write_text('name = "local"\n[bands]\nred_below = 50\n', encoding="utf-8")
    profile = load_monitoring_profile(path)
    assert profile.red_below == 50 and profile.green_from == 80 and profile.name == "local"
    line = ExecutionLine(label="合计", adjusted_budget="100", executed="41")  # 41 / 75 = 54.7%
    assert execution_light(line, 9, profile).colour is Colour.YELLOW
    assert execution_light(line, 9).colour is Colour.RED


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[bands]\nred = 5\n", "unknown key"),
        ("colour = 1\n", "unknown key"),
        ("[bands]\nred_below = 90\n", "must not exceed"),
        ("[indicator]\nblue_above = 90\n", "at least 100"),
        ("[indicator]\nprorate_percent = 1\n", "true or false"),
        ("[bands]\nred_below = 'x'\n", "number"),
        ("[bands\n", "invalid TOML"),
    ],
)
def test_bad_profile_names_the_file_and_the_problem(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        load_monitoring_profile(path)
    assert str(path) in str(info.value)


def test_extending_an_unknown_profile_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('extends = "nowhere"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown monitoring profile 'nowhere'"):
        load_monitoring_profile(path)


def test_unknown_builtin_name_lists_the_builtins() -> None:
    with pytest.raises(ConfigError, match="national"):
        load_monitoring_profile("nowhere")
