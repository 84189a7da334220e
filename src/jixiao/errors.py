"""The project's error types. Findings are data, never exceptions.

::

    JixiaoError
    ├── ReadError        the file cannot be read (format, encoding, limits, hostile content)
    │   └── LimitExceeded   a configured safety limit was hit (size, ratio, pages, cells, time)
    ├── InterpretError   the grid holds no target table the interpreter can make sense of
    ├── ConfigError      a profile or setting is wrong
    └── WriteError       a document cannot be written

Every error carries the file and, where known, the place (page, sheet, cell, line) so that the CLI can
print one clear line: ``FILE: PLACE: PROBLEM``.
"""

from __future__ import annotations

__all__ = ["ConfigError", "InterpretError", "JixiaoError", "LimitExceeded", "ReadError", "WriteError"]


class JixiaoError(Exception):
    """Base of every error the project raises on purpose."""

    def __init__(self, message: str, *, path: str | None = None, place: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.place = place

    def __str__(self) -> str:
        return ": ".join(part for part in (self.path, self.place, self.message) if part)


class ReadError(JixiaoError):
    """The source cannot be read into a grid."""


class LimitExceeded(ReadError):
    """A configured safety limit was exceeded while reading."""


class InterpretError(JixiaoError):
    """The grid does not hold anything the interpreter recognises."""


class ConfigError(JixiaoError):
    """A profile, TOML file or option is invalid."""


class WriteError(JixiaoError):
    """A document cannot be written."""
