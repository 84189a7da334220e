"""Monitoring profiles: where the traffic lights of 绩效运行监控 change colour, as data (``profiles/*.toml``
or a user's TOML file, which overlays its base key by key through ``extends``, default ``national``).

Unknown keys and bands out of order raise :class:`~jixiao.errors.ConfigError`: a typo never silently falls
back to a default.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from jixiao.errors import ConfigError
from jixiao.profile_files import ProfileFiles

__all__ = ["DEFAULT_MONITORING_PROFILE", "MonitoringProfile", "builtin_monitoring_profiles", "load_monitoring_profile"]

DEFAULT_MONITORING_PROFILE = "national"
_FILES = ProfileFiles(
    package="jixiao.monitoring",
    default=DEFAULT_MONITORING_PROFILE,
    schema={
        "name": set(),
        "description": set(),
        "extends": set(),
        "bands": {"red_below", "green_from"},
        "indicator": {"blue_above", "prorate_percent", "negative_margin"},
    },
    what="monitoring profile",
)


@dataclass(frozen=True)
class MonitoringProfile:
    """A resolved monitoring profile; bounds in percent."""

    name: str
    description: str
    red_below: Decimal
    green_from: Decimal
    blue_above: Decimal
    prorate_percent: bool
    negative_margin: Decimal


def builtin_monitoring_profiles() -> list[str]:
    return list(_FILES.builtin_names)


def load_monitoring_profile(
    profile: str | Path | MonitoringProfile = DEFAULT_MONITORING_PROFILE,
) -> MonitoringProfile:
    """A built-in monitoring profile by name, or a user's TOML file by path."""
    if isinstance(profile, MonitoringProfile):
        return profile
    text = str(profile)
    if not text.endswith(".toml") and _FILES.is_builtin(text):
        return _resolve_builtin(text)
    if text.endswith(".toml") or Path(text).is_file():
        return _resolve_file(str(Path(text).resolve()))
    return _resolve_builtin(text)  # raises: an unknown name, with the built-in names


@lru_cache(maxsize=32)
def _resolve_builtin(name: str) -> MonitoringProfile:
    return _build(_FILES.builtin(name), name)


@lru_cache(maxsize=16)
def _resolve_file(path: str) -> MonitoringProfile:
    return _build(_FILES.file(Path(path)), path)


def _dec(value: Any, what: str, origin: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ConfigError(f"{what} must be a number, not {value!r}", path=origin)
    try:
        number = Decimal(str(value))
    except ArithmeticError as exc:
        raise ConfigError(f"{what} must be a number, not {value!r}", path=origin) from exc
    if not number.is_finite() or number < 0:
        raise ConfigError(f"{what} must be a finite number >= 0", path=origin)
    return number


def _build(data: dict[str, Any], origin: str) -> MonitoringProfile:
    try:
        bands, indicator = data["bands"], data["indicator"]
        red_below = _dec(bands["red_below"], "[bands] red_below", origin)
        green_from = _dec(bands["green_from"], "[bands] green_from", origin)
        if red_below > green_from:
            raise ConfigError("[bands] red_below must not exceed green_from", path=origin)
        blue_above = _dec(indicator["blue_above"], "[indicator] blue_above", origin)
        if blue_above < 100:
            raise ConfigError("[indicator] blue_above is a percent of the annual target: at least 100", path=origin)
        prorate = indicator["prorate_percent"]
        if not isinstance(prorate, bool):
            raise ConfigError("[indicator] prorate_percent must be true or false", path=origin)
        return MonitoringProfile(
            name=str(data.get("name", origin)),
            description=str(data.get("description", "")),
            red_below=red_below,
            green_from=green_from,
            blue_above=blue_above,
            prorate_percent=prorate,
            negative_margin=_dec(indicator["negative_margin"], "[indicator] negative_margin", origin),
        )
    except KeyError as exc:
        raise ConfigError(f"invalid monitoring profile: missing {exc}", path=origin) from exc
