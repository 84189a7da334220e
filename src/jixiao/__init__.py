"""jixiao (绩效): budget performance targets as data."""

from __future__ import annotations

from jixiao.errors import ConfigError, InterpretError, JixiaoError, ReadError, WriteError
from jixiao.model import Document, Indicator, TargetTable

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
    "Document",
    "Indicator",
    "InterpretError",
    "JixiaoError",
    "ReadError",
    "TargetTable",
    "WriteError",
    "__version__",
]
