"""Running the core's review rules on one stored table; the web layer never re-implements a rule."""

from __future__ import annotations

import logging

from django.conf import settings

from jixiao.model import Document, FindingRecord, Source, TargetTable

__all__ = ["rules_available", "run_rules"]

log = logging.getLogger(__name__)


def rules_available() -> bool:
    try:
        from jixiao.rules import review  # noqa: F401
    except ImportError:
        return False
    return True


def run_rules(table: TargetTable, *, source_name: str = "table", source_format: str = "text") -> list[FindingRecord]:
    """The findings for one table (``table``/``indicator`` indexes refer to this table and its rows)."""
    try:
        from jixiao.rules import review
    except ImportError:  # the rules engine is a separate module; say so once in the log, store no findings
        log.warning("jixiao.rules is not available: findings are not computed")
        return []
    document = Document(source=Source(name=source_name, format=source_format), tables=[table])  # type: ignore[arg-type,unused-ignore]
    return [finding.to_record() for finding in review(document, profile=settings.JIXIAO_RULE_PROFILE)]
