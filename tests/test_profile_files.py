"""The TOML profile loader shared by the rule, scoring and monitoring profiles."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.errors import ConfigError
from jixiao.profile_files import ProfileFiles
from jixiao.scoring import profiles as scoring_profiles

# the scoring family's files and schema, loaded here without the scoring profile's own checks and build
FILES = ProfileFiles(
    "jixiao.scoring",
    default="national",
    schema=scoring_profiles._SCHEMA,
    what="scoring profile",
    replaced=frozenset({"grades"}),
)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_overlays_its_base_table_by_table_and_replaces_the_listed_tables_whole(tmp_path: Path) -> None:
    _write(tmp_path, "base.toml", 'extends = "national"\n[execution]\npoints = 20\n[grades]\n"优" = 95\n"良" = 85\n')
    child = _write(tmp_path, "child.toml", 'extends = "base.toml"\n[grades]\n"好" = 50\n')
    data = FILES.file(child)
    assert data["execution"]["points"] == 20  # from the base file, merged key by key
    assert data["execution"]["method"] == "proportional"  # from the built-in default under it
    assert data["grades"] == {"好": 50}  # replaced whole, not patched


def test_an_unknown_key_names_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "typo.toml", "[execution]\npoints = 10\nbandz = []\n")
    with pytest.raises(ConfigError, match="unknown key") as error:
        FILES.file(path)
    assert error.value.path == str(path.resolve())


def test_extends_naming_an_unknown_profile_names_the_file_that_says_so(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.toml", 'extends = "nowhere"\n')
    with pytest.raises(ConfigError, match="unknown scoring profile 'nowhere'") as error:
        FILES.file(path)
    assert error.value.path == str(path.resolve())


def test_a_cycle_of_extends_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "a.toml", 'extends = "b.toml"\n')
    _write(tmp_path, "b.toml", 'extends = "a.toml"\n')
    with pytest.raises(ConfigError, match="extends itself"):
        FILES.file(tmp_path / "a.toml")


def test_a_missing_file_is_a_config_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="scoring profile file not found") as error:
        FILES.file(tmp_path / "absent.toml")
    assert error.value.path and error.value.path.endswith("absent.toml")
