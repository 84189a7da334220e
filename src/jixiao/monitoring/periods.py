"""Monitoring periods as printed (``1-7月``, ``1—7月``, ``1至7月``, ``7月``, ``上半年``): the month they end in."""

from __future__ import annotations

import re

from jixiao.errors import ConfigError

__all__ = ["period_month"]

_RANGE = re.compile(r"^\s*(?:(\d{1,2})\s*月?\s*(?:-|—|–|~|～|至|到)\s*)?(\d{1,2})\s*月(?:份|底|末)?\s*$")
_NAMED = {"一季度": 3, "第一季度": 3, "上半年": 6, "半年": 6, "前三季度": 9, "三季度": 9, "第三季度": 9, "全年": 12}


def period_month(text: str) -> int:
    """The last month of a monitoring period (1–12).

    >>> period_month("1-7月"), period_month("1至9月"), period_month("上半年"), period_month("7月")
    (7, 9, 6, 7)
    """
    cleaned = text.strip()
    if cleaned in _NAMED:
        return _NAMED[cleaned]
    match = _RANGE.match(cleaned)
    if match:
        first, last = int(match.group(1) or 1), int(match.group(2))
        if 1 <= first <= last <= 12:
            return last
    raise ConfigError(f"not a monitoring period: {text!r} (expected e.g. 1-7月, 7月 or 上半年)")
