"""Profiles as TOML data: built-in files beside a package, a user's file by path, ``extends`` chains.

The rule, scoring and monitoring profiles are all read this way. A file overlays its base (named by
``extends``; by default the family's default profile): tables merge key by key, except the tables a family
lists as *replaced* (a region's grade bands are a set, not a patch); lists and scalars replace. Keys are
checked against the family's schema, so a typo is a :class:`~jixiao.errors.ConfigError` naming the file,
never a silent fall-back to a default.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from jixiao.errors import ConfigError

__all__ = ["ProfileFiles"]

#: A schema maps each top-level key to the keys its table allows: ``set()`` for a scalar key, ``None`` for a
#: table whose keys are free (a mapping such as ``[grades]``).
Schema = Mapping[str, set[str] | None]


@dataclass(frozen=True)
class ProfileFiles:
    """One family of profiles: where its built-in files live and what its files may say."""

    package: str  # the package whose ``profiles/`` folder holds the built-in files
    default: str  # the base of a file that names no ``extends``
    schema: Schema
    what: str = "profile"  # the family's name in messages ("scoring profile")
    replaced: frozenset[str] = frozenset()  # tables an overlay replaces whole
    check: Callable[[dict[str, Any], str], None] | None = field(default=None, compare=False)  # further checks

    @cached_property
    def builtin_names(self) -> tuple[str, ...]:
        folder = resources.files(self.package) / "profiles"
        return tuple(sorted(p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml")))

    def is_builtin(self, name: str) -> bool:
        return name in self.builtin_names

    def builtin(self, name: str) -> dict[str, Any]:
        """A built-in profile's data with its ``extends`` chain merged in."""
        return self._builtin(name, ())

    def file(self, path: Path) -> dict[str, Any]:
        """A user's profile file's data with its ``extends`` chain merged in."""
        origin = str(path.resolve())
        return self._merged(self._read_file(Path(origin)), origin=origin, seen=())

    def _builtin(self, name: str, seen: tuple[str, ...]) -> dict[str, Any]:
        if not self.is_builtin(name):
            # named by a file's ``extends``: the error names that file
            raise ConfigError(
                f"unknown {self.what} {name!r}; built-in profiles: {', '.join(self.builtin_names)}",
                path=seen[-1] if seen else None,
            )
        res = resources.files(self.package) / "profiles" / f"{name}.toml"
        try:
            data = tomllib.loads(res.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:  # pragma: no cover - built-ins are tested
            raise ConfigError(f"invalid TOML: {exc}", path=str(res)) from exc
        return self._merged(data, origin=name, seen=seen)

    def _read_file(self, path: Path) -> dict[str, Any]:
        try:
            return tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ConfigError(f"{self.what} file not found", path=str(path)) from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"invalid TOML: {exc}", path=str(path)) from exc

    def _merged(self, data: dict[str, Any], *, origin: str, seen: tuple[str, ...]) -> dict[str, Any]:
        self._validate(data, origin)
        base_name = data.get("extends")
        if base_name is None:
            if origin == self.default:
                return data
            base_name = self.default
        if not isinstance(base_name, str):
            raise ConfigError(f"'extends' must name a {self.what}", path=origin)
        if base_name.endswith(".toml"):
            base_name = str((Path(origin).parent / base_name).resolve())
        if base_name in seen or base_name == origin:
            raise ConfigError(f"profile extends itself: {' -> '.join((*seen, origin, base_name))}", path=origin)
        if base_name.endswith(".toml"):
            base = self._merged(self._read_file(Path(base_name)), origin=base_name, seen=(*seen, origin))
        else:
            base = self._builtin(base_name, (*seen, origin))
        return self._overlay(base, {k: v for k, v in data.items() if k != "extends"}, top=True)

    def _overlay(self, base: dict[str, Any], overlay: dict[str, Any], *, top: bool = False) -> dict[str, Any]:
        out = dict(base)
        for key, value in overlay.items():
            whole = top and key in self.replaced
            if isinstance(value, dict) and isinstance(out.get(key), dict) and not whole:
                out[key] = self._overlay(out[key], value)
            else:
                out[key] = value
        return out

    def _validate(self, data: dict[str, Any], origin: str) -> None:
        for key, value in data.items():
            if key not in self.schema:
                raise ConfigError(f"unknown key {key!r} (allowed: {', '.join(sorted(self.schema))})", path=origin)
            allowed = self.schema[key]
            if allowed is not None and not allowed:
                continue  # a scalar key
            if not isinstance(value, dict):
                raise ConfigError(f"[{key}] must be a table", path=origin)
            unknown = set(value) - allowed if allowed else set()
            if unknown:
                raise ConfigError(
                    f"unknown key(s) in [{key}]: {', '.join(sorted(unknown))} "
                    f"(allowed: {', '.join(sorted(allowed or ()))})",
                    path=origin,
                )
        if self.check is not None:
            self.check(data, origin)
