"""Running the core's review rules on one stored table; the web layer never re-implements a rule."""

from __future__ import annotations

import logging
import unicodedata
from typing import Any

from django.conf import settings

from jixiao.model import Document, FindingRecord, Source, TargetTable

__all__ = ["UNIT_MISMATCH", "rules_available", "run_rules", "unit_findings"]

UNIT_MISMATCH = "U01"

log = logging.getLogger(__name__)


def _same_name(printed: str, stored: str) -> bool:
    def norm(text: str) -> str:
        return "".join(unicodedata.normalize("NFKC", text).split())

    return norm(printed) == norm(stored)


def unit_findings(table: TargetTable, unit: Any) -> list[FindingRecord]:
    """The unit (and department) printed on the table are the organisation's it is filed under; else a warning."""
    parent = unit.parent if unit.parent_id else None
    department = parent.name if parent is not None and parent.kind == "department" else None
    checks = (  # (field, printed, the organisation's, what in Chinese, what in English, compare as names)
        ("unit_code", table.unit_code, unit.code, "单位编码", "unit code", False),
        ("unit_name", table.unit_name, unit.name, "单位名称", "unit name", True),
        ("department", table.department, department, "主管部门", "competent department", True),
    )
    found = []
    for field, printed, stored, what, what_en, as_name in checks:
        if not printed or not stored:
            continue
        if _same_name(printed, stored) if as_name else printed.strip() == stored.strip():
            continue
        found.append(
            FindingRecord(
                code=UNIT_MISMATCH,
                name="单位与所属单位不一致",
                severity="warning",
                field=field,
                message=f"表上{what}“{printed}”与所属单位的“{stored}”不一致",
                message_en=f"the {what_en} printed ({printed}) is not the organisation's ({stored})",
                suggestion=f"改为“{stored}”，或在正确的单位下填报",
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
