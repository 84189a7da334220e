"""智能审核: the review rule catalogue for 项目支出绩效目标表.

>>> from jixiao.rules import review
>>> findings = review(document, profile="national-2020")          # doctest: +SKIP
>>> [f.code for f in findings if f.severity == "error"]            # doctest: +SKIP

One small class per rule (``jixiao/rules/catalogue/<group>/rNN_*.py``) with a stable code, a dotted name, a
severity, the scope it reads, groups, a docstring with **Anti-pattern** and **Best practice**, and its
source in rules.md. Profiles (``profiles/*.toml`` or a user's TOML file) hold the vocabulary, weights,
thresholds and grade bands. ``docs/rules.md`` is generated from the registry (:func:`catalogue_markdown`).
"""

from __future__ import annotations

from jixiao.rules._docs import catalogue_markdown
from jixiao.rules._engine import review, select_rules
from jixiao.rules.base import Finding, Rule, Scope, Severity, registry
from jixiao.rules.profiles import (
    DEFAULT_PROFILE,
    Profile,
    builtin_profiles,
    follows_2020_levels,
    load_profile,
    profile_for,
)

__all__ = [
    "DEFAULT_PROFILE",
    "Finding",
    "Profile",
    "Rule",
    "Scope",
    "Severity",
    "builtin_profiles",
    "catalogue_markdown",
    "follows_2020_levels",
    "load_profile",
    "profile_for",
    "registry",
    "review",
    "select_rules",
    "suggested_grade",
]


def suggested_grade(findings: list[Finding]) -> str:
    """The 88号 review outcome suggested by the findings (rules.md §9.1); a human confirms it.

    No errors and <=2 warnings → 优; no errors and 3-5 warnings → 良; 1-2 errors or >5 warnings → 中;
    >=3 errors or a missing required 一级指标 (R03 error) → 差.
    """
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = sum(f.severity is Severity.WARNING for f in findings)
    if errors >= 3 or any(f.code == "R03" and f.severity is Severity.ERROR for f in findings):
        return "差"
    if errors or warnings > 5:
        return "中"
    return "良" if warnings >= 3 else "优"
