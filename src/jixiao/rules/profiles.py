"""Rule settings by region and year: the allowed vocabulary, default weights, thresholds and grade bands.

Built-in profiles live beside this module as commented TOML (``profiles/national-2020.toml``,
``profiles/central-2021.toml``). A user's TOML file overlays a base named by ``extends`` (default
``national-2020``): tables merge key by key, lists and scalars replace. Unknown keys raise
:class:`~jixiao.errors.ConfigError`, so a typo never silently falls back to a default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jixiao.errors import ConfigError
from jixiao.profile_files import ProfileFiles
from jixiao.rules.base import Severity

if TYPE_CHECKING:
    from jixiao.model import Document

__all__ = ["DEFAULT_PROFILE", "Profile", "builtin_profiles", "load_profile", "profile_for"]

DEFAULT_PROFILE = "national-2020"
# 财预〔2021〕101号 made 成本指标 a 一级指标: tables of its first year and later are read by it
YEAR_PROFILES: tuple[tuple[int, str], ...] = ((2021, "central-2021"),)
_TITLE_YEAR = re.compile(r"^\s*((?:19|20)\d{2})\s*年")

# key -> (allowed sub-keys or None for free-form mapping)
_SCHEMA: dict[str, set[str] | None] = {
    "name": set(),
    "description": set(),
    "extends": set(),
    "hierarchy": {"level1", "required", "recommended", "level2"},
    "vocabulary": {"level1", "level2"},
    "weights": {"budget_execution", "tolerance", "level1"},
    "thresholds": {
        "total_cost_low_share",
        "unit_cost_low_share",
        "magnitude_factor",
        "name_max_length",
        "monitor_month",
        "backloaded_share",
        "copy_similarity",
        "copy_min_indicators",
        "description_overlap",
        "funds_tolerance",
        "truncation_tail",
    },
    "grades": None,
    "qualitative": {"grade_codes", "grade_words"},
    "scoring": {"profile"},
    "rules": None,
}
_RULE_KEYS = {"enabled", "severity"}


@dataclass(frozen=True, eq=False)
class Profile:
    """A resolved profile (every key filled in)."""

    name: str
    description: str
    level1: tuple[str, ...]
    level2: dict[str, tuple[str, ...]]
    required_level1: tuple[str, ...]
    recommended_level1: tuple[str, ...]
    level1_synonyms: dict[str, str]
    level2_synonyms: dict[str, str]
    budget_execution_weight: float
    weight_tolerance: float
    level1_weights: dict[str, float]
    thresholds: dict[str, float]
    grades: dict[str, float]
    grade_codes: frozenset[str]
    grade_words: frozenset[str]
    rule_settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: the scoring profile (``jixiao.scoring``) the self-evaluation rules score with: a name or a TOML path
    scoring_profile: str = "national"

    @property
    def cost_is_level1(self) -> bool:
        """True when 成本指标 is a 一级指标 (central-2021), False when it sits under 产出指标."""
        return "成本指标" in self.level1

    def threshold(self, key: str) -> float:
        return self.thresholds[key]

    def enabled(self, code: str) -> bool:
        return bool(self.rule_settings.get(code, {}).get("enabled", True))

    def severity_for(self, code: str, default: Severity) -> Severity:
        value = self.rule_settings.get(code, {}).get("severity")
        return default if value is None else Severity(value)

    def grade(self, score: float) -> str:
        """The grade label of a score (bands from ``[grades]``, highest lower bound first)."""
        for label, low in sorted(self.grades.items(), key=lambda kv: -kv[1]):
            if score >= low:
                return label
        return list(self.grades)[-1]


def profile_for(document: Document) -> tuple[str, int | None]:
    """The built-in profile for a document when none is given, and the year it was chosen by (see
    :func:`follows_2020_levels`): ``central-2021`` from 2021, else the default."""
    years = [table.year for table in document.tables if table.year]
    if not years:
        years = [int(m.group(1)) for table in document.tables if table.title and (m := _TITLE_YEAR.match(table.title))]
    if not years:
        return DEFAULT_PROFILE, None
    year = max(years)
    name = next((name for start, name in reversed(YEAR_PROFILES) if year >= start), DEFAULT_PROFILE)
    if name != DEFAULT_PROFILE and follows_2020_levels(document):
        name = DEFAULT_PROFILE
    return name, year


def follows_2020_levels(document: Document) -> bool:
    """Whether the document sets its indicators by the levels before 财预〔2021〕101号: 成本指标 only as a
    二级指标 under 产出指标, never as a 一级指标 (many provinces kept that form after 2021). Reviewing such a
    document by ``central-2021`` would report every cost row, and the missing cost level, as errors."""
    cost_under_output = False
    for table in document.tables:
        for indicator in table.indicators:
            if indicator.level1 == "成本指标":
                return False
            if indicator.level1 == "产出指标" and (indicator.level2 or "").endswith("成本指标"):
                cost_under_output = True
    return cost_under_output


def _check_rule_settings(data: dict[str, Any], origin: str) -> None:
    for code, settings in (data.get("rules") or {}).items():
        if not isinstance(settings, dict) or set(settings) - _RULE_KEYS:
            raise ConfigError(f"[rules.{code}] allows only: {', '.join(sorted(_RULE_KEYS))}", path=origin)
        if "severity" in settings and settings["severity"] not in {s.value for s in Severity}:
            raise ConfigError(f"[rules.{code}] severity must be error, warning or info", path=origin)


_FILES = ProfileFiles("jixiao.rules", default=DEFAULT_PROFILE, schema=_SCHEMA, check=_check_rule_settings)


def builtin_profiles() -> list[str]:
    return list(_FILES.builtin_names)


def load_profile(profile: str | Path | Profile = DEFAULT_PROFILE) -> Profile:
    """A built-in profile by name, or a user's TOML file by path."""
    if isinstance(profile, Profile):
        return profile
    text = str(profile)
    cached = _BUILTIN_CACHE.get(text)
    if cached is not None:
        return cached
    if text.endswith(".toml") or Path(text).is_file():
        return _resolve_file(str(Path(text).resolve()))
    return _resolve_builtin(text)


_BUILTIN_CACHE: dict[str, Profile] = {}


def _resolve_builtin(name: str) -> Profile:
    profile = _BUILTIN_CACHE.get(name)
    if profile is None:
        profile = _BUILTIN_CACHE[name] = _build(_FILES.builtin(name), origin=name)
    return profile


@lru_cache(maxsize=16)
def _resolve_file(path: str) -> Profile:
    return _build(_FILES.file(Path(path)), origin=path)


def _build(data: dict[str, Any], *, origin: str) -> Profile:
    try:
        hierarchy = data["hierarchy"]
        level1 = tuple(hierarchy["level1"])
        level2 = {str(k): tuple(v) for k, v in hierarchy["level2"].items() if k in level1}
        vocab = data.get("vocabulary", {})
        weights = data["weights"]
        thresholds = {k: float(v) for k, v in data["thresholds"].items()}
        missing = _SCHEMA["thresholds"] - set(thresholds)  # type: ignore[operator]
        if missing:
            raise ConfigError(f"missing threshold(s): {', '.join(sorted(missing))}", path=origin)
        qualitative = data.get("qualitative", {})
        known_codes = _known_codes()
        for code in data.get("rules") or {}:
            if code not in known_codes:
                raise ConfigError(f"[rules.{code}]: no such rule", path=origin)
        return Profile(
            name=str(data.get("name", origin)),
            description=str(data.get("description", "")),
            level1=level1,
            level2=level2,
            required_level1=tuple(hierarchy.get("required", ())),
            recommended_level1=tuple(hierarchy.get("recommended", ())),
            level1_synonyms={str(k): str(v) for k, v in vocab.get("level1", {}).items()},
            level2_synonyms={str(k): str(v) for k, v in vocab.get("level2", {}).items()},
            budget_execution_weight=float(weights["budget_execution"]),
            weight_tolerance=float(weights["tolerance"]),
            level1_weights={str(k): float(v) for k, v in weights.get("level1", {}).items() if k in level1},
            thresholds=thresholds,
            grades={str(k): float(v) for k, v in data.get("grades", {}).items()},
            grade_codes=frozenset(str(c) for c in qualitative.get("grade_codes", ())),
            grade_words=frozenset(str(w) for w in qualitative.get("grade_words", ())),
            rule_settings={str(k): dict(v) for k, v in (data.get("rules") or {}).items()},
            scoring_profile=_scoring_profile(data.get("scoring", {}).get("profile", "national"), origin),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"invalid profile: {type(exc).__name__}: {exc}", path=origin) from exc


def _scoring_profile(value: Any, origin: str) -> str:
    """A scoring profile name, or a TOML path resolved beside the rule profile that names it."""
    if not isinstance(value, str) or not value:
        raise ConfigError("[scoring] profile must name a scoring profile", path=origin)
    if value.endswith(".toml") and origin.endswith(".toml"):
        return str((Path(origin).parent / value).resolve())
    return value


def _known_codes() -> set[str]:
    from jixiao.rules.base import registry

    codes: set[str] = set()
    for rule in registry():
        codes.add(rule.code)
        codes.update(rule.aliases)
    return codes
