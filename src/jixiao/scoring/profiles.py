"""Scoring profiles: how a self-evaluation is scored, as data (``profiles/*.toml`` or a user's TOML file).

A profile names the execution-score method, the 正向/反向 formulas, the 定性 bands, the grade bands and the
自评预警 thresholds. A file overlays its base (``extends``, default ``national``) key by key; ``[grades]``
and ``[qualitative]`` replace the base's table whole (a region's bands are a set, not a patch). Unknown keys
raise :class:`~jixiao.errors.ConfigError`, so a typo never silently falls back to a default.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from jixiao.errors import ConfigError

__all__ = ["DEFAULT_SCORING_PROFILE", "ScoringProfile", "builtin_scoring_profiles", "load_scoring_profile"]

DEFAULT_SCORING_PROFILE = "national"

_SCHEMA: dict[str, set[str] | None] = {
    "name": set(),
    "description": set(),
    "extends": set(),
    "decimals": set(),
    "execution": {"points", "method", "cap", "full_at", "rate_tolerance", "bands"},
    "positive": {"method"},
    "negative": {"method"},
    "qualitative": None,
    "grades": None,
    "warning": {"share", "unspent", "overshoot"},
}
_REPLACED = {"grades", "qualitative"}
_EXECUTION_METHODS = {"proportional", "banded"}
_POSITIVE_METHODS = {"proportional", "zero"}
_NEGATIVE_METHODS = {"linear", "ratio", "zero"}


@dataclass(frozen=True, eq=False)
class ScoringProfile:
    """A resolved scoring profile (every key filled in; figures as Decimal)."""

    name: str
    description: str
    decimals: int
    execution_points: Decimal
    execution_method: str
    execution_cap: bool
    execution_full_at: Decimal  # percent
    rate_tolerance: Decimal  # percentage points
    execution_bands: tuple[tuple[Decimal, Decimal], ...]  # (lower bound in percent, share), highest first
    positive_method: str
    negative_method: str
    qualitative: tuple[tuple[str, Decimal, Decimal], ...]  # (wording, low share, high share), longest wording first
    grades: tuple[tuple[str, Decimal], ...]  # (label, lower bound), highest first
    warning_share: Decimal
    warning_unspent: Decimal
    overshoot: Decimal  # share beyond the target that suggests a target set too low

    def grade(self, total: Decimal) -> str:
        """The grade label of a total (half-open bands on the unrounded total)."""
        for label, low in self.grades:
            if total >= low:
                return label
        return self.grades[-1][0]

    def band(self, label: str) -> tuple[Decimal, Decimal] | None:
        for wording, low, high in self.qualitative:
            if wording == label:
                return low, high
        return None


def builtin_scoring_profiles() -> list[str]:
    folder = resources.files("jixiao.scoring") / "profiles"
    return sorted(p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml"))


def load_scoring_profile(profile: str | Path | ScoringProfile = DEFAULT_SCORING_PROFILE) -> ScoringProfile:
    """A built-in scoring profile by name, or a user's TOML file by path."""
    if isinstance(profile, ScoringProfile):
        return profile
    text = str(profile)
    if not text.endswith(".toml") and text in _builtin_names():
        return _resolve_builtin(text)
    if text.endswith(".toml") or Path(text).is_file():
        return _resolve_file(str(Path(text).resolve()))
    return _resolve_builtin(text)


@lru_cache(maxsize=1)
def _builtin_names() -> frozenset[str]:
    return frozenset(builtin_scoring_profiles())


@lru_cache(maxsize=32)
def _resolve_builtin(name: str) -> ScoringProfile:
    return _build(_raw_builtin(name, ()), origin=name)


@lru_cache(maxsize=16)
def _resolve_file(path: str) -> ScoringProfile:
    return _build(_merged(_read_toml(Path(path)), origin=path, seen=()), origin=path)


def _raw_builtin(name: str, seen: tuple[str, ...]) -> dict[str, Any]:
    if name not in builtin_scoring_profiles():
        raise ConfigError(
            f"unknown scoring profile {name!r}; built-in profiles: {', '.join(builtin_scoring_profiles())}"
        )
    res = resources.files("jixiao.scoring") / "profiles" / f"{name}.toml"
    try:
        data = tomllib.loads(res.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:  # pragma: no cover - built-ins are tested
        raise ConfigError(f"invalid TOML: {exc}", path=str(res)) from exc
    return _merged(data, origin=name, seen=seen)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError("scoring profile file not found", path=str(path)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", path=str(path)) from exc


def _merged(data: dict[str, Any], *, origin: str, seen: tuple[str, ...]) -> dict[str, Any]:
    _validate(data, origin)
    base_name = data.get("extends")
    if base_name is None:
        if origin == DEFAULT_SCORING_PROFILE:
            return data
        base_name = DEFAULT_SCORING_PROFILE
    if not isinstance(base_name, str):
        raise ConfigError("'extends' must name a scoring profile", path=origin)
    if base_name.endswith(".toml"):
        base_name = str((Path(origin).parent / base_name).resolve())
    if base_name in seen or base_name == origin:
        raise ConfigError(f"profile extends itself: {' -> '.join((*seen, origin, base_name))}", path=origin)
    if base_name.endswith(".toml"):
        base = _merged(_read_toml(Path(base_name)), origin=base_name, seen=(*seen, origin))
    else:
        base = _raw_builtin(base_name, (*seen, origin))
    out = dict(base)
    for key, value in data.items():
        if key == "extends":
            continue
        if isinstance(value, dict) and isinstance(out.get(key), dict) and key not in _REPLACED:
            out[key] = {**out[key], **value}
        else:
            out[key] = value
    return out


def _validate(data: dict[str, Any], origin: str) -> None:
    for key, value in data.items():
        if key not in _SCHEMA:
            raise ConfigError(f"unknown key {key!r} (allowed: {', '.join(sorted(_SCHEMA))})", path=origin)
        allowed = _SCHEMA[key]
        if allowed is None or allowed:
            if not isinstance(value, dict):
                raise ConfigError(f"[{key}] must be a table", path=origin)
            unknown = set(value) - allowed if allowed else set()
            if unknown:
                raise ConfigError(
                    f"unknown key(s) in [{key}]: {', '.join(sorted(unknown))} (allowed: {', '.join(sorted(allowed or ()))})",
                    path=origin,
                )


def _dec(value: Any, what: str, origin: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ConfigError(f"{what} must be a number, not {value!r}", path=origin)
    try:
        number = Decimal(str(value))
    except ArithmeticError as exc:
        raise ConfigError(f"{what} must be a number, not {value!r}", path=origin) from exc
    if not number.is_finite():
        raise ConfigError(f"{what} must be a finite number", path=origin)
    return number


def _choice(value: Any, allowed: set[str], what: str, origin: str) -> str:
    if value not in allowed:
        raise ConfigError(f"{what} must be one of {', '.join(sorted(allowed))}, not {value!r}", path=origin)
    return str(value)


def _build(data: dict[str, Any], *, origin: str) -> ScoringProfile:
    try:
        execution = data["execution"]
        bands = tuple(
            sorted(
                (
                    (_dec(b[0], "execution band bound", origin), _dec(b[1], "execution band share", origin))
                    for b in execution.get("bands", ())
                ),
                key=lambda band: -band[0],
            )
        )
        method = _choice(execution["method"], _EXECUTION_METHODS, "[execution] method", origin)
        if method == "banded" and not bands:
            raise ConfigError("[execution] method = 'banded' needs bands", path=origin)
        qualitative = []
        for wording, bounds in data["qualitative"].items():
            if not isinstance(bounds, list) or len(bounds) != 2:
                raise ConfigError(f"[qualitative] {wording!r} must be [low, high]", path=origin)
            low, high = (_dec(b, f"[qualitative] {wording}", origin) for b in bounds)
            if not Decimal(0) <= low <= high <= Decimal(1):
                raise ConfigError(f"[qualitative] {wording!r} must satisfy 0 <= low <= high <= 1", path=origin)
            qualitative.append((str(wording), low, high))
        grades = tuple(
            sorted(((str(k), _dec(v, f"[grades] {k}", origin)) for k, v in data["grades"].items()), key=lambda g: -g[1])
        )
        if not grades:
            raise ConfigError("[grades] must name at least one grade", path=origin)
        decimals = data.get("decimals", 2)
        if not isinstance(decimals, int) or isinstance(decimals, bool) or not 0 <= decimals <= 6:
            raise ConfigError("decimals must be an integer from 0 to 6", path=origin)
        return ScoringProfile(
            name=str(data.get("name", origin)),
            description=str(data.get("description", "")),
            decimals=decimals,
            execution_points=_dec(execution["points"], "[execution] points", origin),
            execution_method=method,
            execution_cap=bool(execution["cap"]),
            execution_full_at=_dec(execution["full_at"], "[execution] full_at", origin),
            rate_tolerance=_dec(execution["rate_tolerance"], "[execution] rate_tolerance", origin),
            execution_bands=bands,
            positive_method=_choice(data["positive"]["method"], _POSITIVE_METHODS, "[positive] method", origin),
            negative_method=_choice(data["negative"]["method"], _NEGATIVE_METHODS, "[negative] method", origin),
            qualitative=tuple(sorted(qualitative, key=lambda q: -len(q[0]))),
            grades=grades,
            warning_share=_dec(data["warning"]["share"], "[warning] share", origin),
            warning_unspent=_dec(data["warning"]["unspent"], "[warning] unspent", origin),
            overshoot=_dec(data["warning"]["overshoot"], "[warning] overshoot", origin),
        )
    except (KeyError, TypeError, IndexError) as exc:
        raise ConfigError(f"invalid scoring profile: {type(exc).__name__}: {exc}", path=origin) from exc
