"""Monitoring profiles: where the traffic lights of 绩效运行监控 change colour, as data (``profiles/*.toml``
or a user's TOML file, which overlays its base key by key through ``extends``, default ``national``).

Unknown keys and bands out of order raise :class:`~jixiao.errors.ConfigError`: a typo never silently falls
back to a default.
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

__all__ = ["DEFAULT_MONITORING_PROFILE", "MonitoringProfile", "builtin_monitoring_profiles", "load_monitoring_profile"]

DEFAULT_MONITORING_PROFILE = "national"

_SCHEMA: dict[str, set[str] | None] = {
    "name": None,
    "description": None,
    "extends": None,
    "bands": {"red_below", "green_from"},
    "indicator": {"blue_above", "prorate_percent", "negative_margin"},
}


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
    folder = resources.files("jixiao.monitoring") / "profiles"
    return sorted(p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml"))


def load_monitoring_profile(
    profile: str | Path | MonitoringProfile = DEFAULT_MONITORING_PROFILE,
) -> MonitoringProfile:
    """A built-in monitoring profile by name, or a user's TOML file by path."""
    if isinstance(profile, MonitoringProfile):
        return profile
    text = str(profile)
    if text in builtin_monitoring_profiles():
        return _resolve(text, builtin=True)
    if text.endswith(".toml") or Path(text).is_file():
        return _resolve(str(Path(text).resolve()), builtin=False)
    raise ConfigError(
        f"unknown monitoring profile {text!r}; built-in profiles: {', '.join(builtin_monitoring_profiles())}"
    )


@lru_cache(maxsize=32)
def _resolve(origin: str, *, builtin: bool) -> MonitoringProfile:
    return _build(_merged(origin, builtin=builtin, seen=()), origin)


def _read(origin: str, *, builtin: bool) -> dict[str, Any]:
    try:
        if builtin:
            text = (resources.files("jixiao.monitoring") / "profiles" / f"{origin}.toml").read_text(encoding="utf-8")
        else:
            text = Path(origin).read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except FileNotFoundError as exc:
        raise ConfigError("monitoring profile file not found", path=origin) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", path=origin) from exc
    for key, value in data.items():
        if key not in _SCHEMA:
            raise ConfigError(f"unknown key {key!r} (allowed: {', '.join(sorted(_SCHEMA))})", path=origin)
        allowed = _SCHEMA[key]
        if allowed is not None:
            if not isinstance(value, dict):
                raise ConfigError(f"[{key}] must be a table", path=origin)
            unknown = set(value) - allowed
            if unknown:
                raise ConfigError(
                    f"unknown key(s) in [{key}]: {', '.join(sorted(unknown))} (allowed: {', '.join(sorted(allowed))})",
                    path=origin,
                )
    return data


def _merged(origin: str, *, builtin: bool, seen: tuple[str, ...]) -> dict[str, Any]:
    data = _read(origin, builtin=builtin)
    base = data.get("extends")
    if base is None and builtin and origin == DEFAULT_MONITORING_PROFILE:
        return data
    base = base or DEFAULT_MONITORING_PROFILE
    if not isinstance(base, str):
        raise ConfigError("'extends' must name a monitoring profile", path=origin)
    base_builtin = not base.endswith(".toml")
    if not base_builtin:
        base = str((Path(origin).parent / base).resolve())
    elif base not in builtin_monitoring_profiles():
        raise ConfigError(f"'extends' names an unknown monitoring profile {base!r}", path=origin)
    if base in seen or base == origin:
        raise ConfigError(f"profile extends itself: {' -> '.join((*seen, origin, base))}", path=origin)
    out = dict(_merged(base, builtin=base_builtin, seen=(*seen, origin)))
    for key, value in data.items():
        if key == "extends":
            continue
        out[key] = {**out[key], **value} if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


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
