"""Safety limits for reading untrusted files: one frozen value object, overridable per call.

The defaults are generous for real filings (a 50-page budget book, a workbook of a few sheets) and
small enough that a hostile file (a zip bomb, a million-row sheet, a PDF of 10,000 pages) stops early
with a :class:`~jixiao.errors.LimitExceeded` instead of exhausting memory or time.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

__all__ = ["DEFAULT_LIMITS", "Limits"]


@dataclass(frozen=True, slots=True)
class Limits:
    max_file_bytes: int = 50 * 1024 * 1024
    max_zip_members: int = 2_000
    max_zip_uncompressed_bytes: int = 300 * 1024 * 1024
    max_zip_ratio: int = 200
    max_pages: int = 500
    max_rows: int = 100_000
    max_cells: int = 2_000_000
    max_seconds: float = 120.0

    def __post_init__(self) -> None:
        for name in self.__dataclass_fields__:
            if getattr(self, name) <= 0:
                raise ValueError(f"limit {name} must be positive, not {getattr(self, name)!r}")

    def replace(self, **changes: float) -> Limits:
        """A copy with some limits changed: ``DEFAULT_LIMITS.replace(max_pages=50)``."""
        return replace(self, **changes)  # type: ignore[arg-type]


DEFAULT_LIMITS = Limits()
