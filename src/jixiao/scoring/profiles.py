"""Scoring profiles: how a self-evaluation is scored, as data (``profiles/*.toml`` or a user's TOML file).

A profile names the execution-score method, the 正向/反向 formulas, the 定性 bands, the grade bands and the
自评预警 thresholds. A file overlays its base (``extends``, default ``national``) key by key; ``[grades]``
and ``[qualitative]`` replace the base's table whole (a region's bands are a set, not a patch). Unknown keys
raise :class:`~jixiao.errors.ConfigError`, so a typo never silently falls back to a default.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from jixiao.errors import ConfigError
from jixiao.profile_files import ProfileFiles

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
_REPLACED = frozenset({"grades", "qualitative"})
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


_FILES = ProfileFiles(
    "jixiao.scoring", default=DEFAULT_SCORING_PROFILE, schema=_SCHEMA, what="scoring profile", replaced=_REPLACED
)


def builtin_scoring_profiles() -> list[str]:
    return list(_FILES.builtin_names)


def load_scoring_profile(profile: str | Path | ScoringProfile = DEFAULT_SCORING_PROFILE) -> ScoringProfile:
    """A built-in scoring profile by name, or a user's TOML file by path."""
    if isinstance(profile, ScoringProfile):
        return profile
    text = str(profile)
    if not text.endswith(".toml") and _FILES.is_builtin(text):
        return _resolve_builtin(text)
    if text.endswith(".toml") or Path(text).is_file():
        return _resolve_file(str(Path(text).resolve()))
    return _resolve_builtin(text)


@lru_cache(maxsize=32)
def _resolve_builtin(name: str) -> ScoringProfile:
    return _build(_FILES.builtin(name), origin=name)


@lru_cache(maxsize=16)
def _resolve_file(path: str) -> ScoringProfile:
    return _build(_FILES.file(Path(path)), origin=path)


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
