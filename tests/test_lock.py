"""``requirements.lock`` (what ``make run`` installs) pins every dependency the web app's deployment declares,
at a version the declaration allows: a dependency added to ``pyproject.toml`` without ``make lock`` fails here."""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
DEPLOYED_EXTRAS = ("formats", "web")


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = list(project["dependencies"])
    for extra in DEPLOYED_EXTRAS:
        lines.extend(project["optional-dependencies"][extra])
    return [Requirement(line) for line in lines]


def _pinned() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            requirement = Requirement(line)
            (specifier,) = requirement.specifier
            assert specifier.operator == "==", f"not a pin: {line}"
            pins[canonicalize_name(requirement.name)] = specifier.version
    return pins


def test_every_declared_dependency_is_pinned_at_an_allowed_version() -> None:
    pins = _pinned()
    for requirement in _declared():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement} is declared but not in requirements.lock (run make lock)"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"requirements.lock pins {name}=={pins[name]}, outside {requirement} (run make lock)"
        )


def test_the_lock_holds_no_development_tool() -> None:
    pins = _pinned()
    assert not {"pytest", "mypy", "ruff", "playwright"} & pins.keys()
