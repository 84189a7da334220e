"""Running the core's review rules on one stored table; the web layer never re-implements a rule."""

from __future__ import annotations

import logging
import unicodedata

from django.conf import settings

from jixiao.model import Document, FindingRecord, Source, TargetTable

__all__ = ["UNIT_MISMATCH", "rules_available", "run_rules", "unit_findings"]

UNIT_MISMATCH = "U01"

log = logging.getLogger(__name__)


def _same_name(printed: str, stored: str) -> bool:
    def norm(text: str) -> str:
        return "".join(unicodedata.normalize("NFKC", text).split())

    return norm(printed) == norm(stored)


def unit_findings(table: TargetTable, unit_name: str, unit_code: str) -> list[FindingRecord]:
    """The unit printed on the table is the organisation's it is filed under; where they differ, a warning says so."""
    found = []
    if table.unit_code and unit_code and table.unit_code.strip() != unit_code.strip():
        found.append(
            FindingRecord(
                code=UNIT_MISMATCH,
                name="单位与所属单位不一致",
                severity="warning",
                field="unit_code",
                message=f"表上单位编码“{table.unit_code}”与所属单位“{unit_code}”不一致",
                message_en=f"the unit code printed ({table.unit_code}) is not the organisation's ({unit_code})",
                suggestion=f"改为“{unit_code}”，或在正确的单位下填报",
            )
        )
    if table.unit_name and not _same_name(table.unit_name, unit_name):
        found.append(
            FindingRecord(
                code=UNIT_MISMATCH,
                name="单位与所属单位不一致",
                severity="warning",
                field="unit_name",
                message=f"表上单位名称“{table.unit_name}”与所属单位“{unit_name}”不一致",
                message_en=f"the unit name printed ({table.unit_name}) is not the organisation's ({unit_name})",
                suggestion=f"改为“{unit_name}”，或在正确的单位下填报",
            )
        )
    return found


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
