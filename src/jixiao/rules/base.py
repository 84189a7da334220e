"""The rule base class, the registry, severities, scopes and findings.

A rule is one small class (sqlfluff's rule catalogue is the model)::

    class Rule_R06(Rule):
        \"\"\"A rate filed under 数量指标 (quantity).

        **Anti-pattern** ... **Best practice** ...
        \"\"\"

        code = "R06"
        name = "hierarchy.rate_under_quantity"
        severity = Severity.WARNING
        scope = Scope.INDICATOR
        groups = ("all", "relevance")
        source = "财预〔2015〕88号 …"

        def check_indicator(self, ind, tbl): ...

Defining the subclass registers it; :func:`registry` returns every rule ordered by code. A rule returns a
list of :class:`Finding` built with :meth:`Rule.finding` (or ``None`` when it has nothing to say, the fast
path). Findings are data, never exceptions.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

from jixiao.model import FindingRecord

if TYPE_CHECKING:
    from jixiao.rules._facts import DocumentFacts, IndicatorFacts, TableFacts
    from jixiao.rules.profiles import Profile

__all__ = ["SELF_EVALUATION_KINDS", "TARGET_KINDS", "Finding", "Rule", "Scope", "Severity", "registry", "relocated"]

#: Table kinds (``TargetTable.kind``) whose targets are under review: the target rules read these.
TARGET_KINDS: frozenset[str] = frozenset({"project_target", "department_target"})
#: Self-evaluation tables: reviewed for their scoring (their targets were reviewed when they were set).
SELF_EVALUATION_KINDS: frozenset[str] = frozenset({"self_evaluation"})


class Severity(StrEnum):
    """How serious a finding is (rules.md §9.1)."""

    ERROR = "error"  # blocks submission: completeness failures and arithmetic impossibilities
    WARNING = "warning"  # a relevance/appropriateness problem a reviewer would return
    INFO = "info"  # style or profile deviation

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1}


class Scope(StrEnum):
    """What part of the document a rule reads."""

    DOCUMENT = "document"
    TABLE = "table"
    INDICATOR = "indicator"
    SPENDING_PLAN = "spending plan"
    FUNDS = "funds"


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding: which rule, how serious, where, why and what to do (immutable)."""

    code: str
    name: str
    severity: Severity
    message: str
    message_en: str
    suggestion: str | None = None
    table: int | None = None  # index into document.tables
    indicator: int | None = None  # index into that table's indicators
    field: str | None = None
    table_seq: int | None = None
    table_title: str | None = None
    indicator_name: str | None = None

    def to_record(self) -> FindingRecord:
        return FindingRecord(
            code=self.code,
            name=self.name,
            severity=self.severity.value,
            message=self.message,
            message_en=self.message_en,
            suggestion=self.suggestion,
            table=self.table,
            indicator=self.indicator,
            field=self.field,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "message_en": self.message_en,
            "suggestion": self.suggestion,
            "table": self.table,
            "indicator": self.indicator,
            "field": self.field,
            "table_seq": self.table_seq,
            "table_title": self.table_title,
            "indicator_name": self.indicator_name,
        }

    @property
    def path(self) -> str:
        """A JSON path into the jixiao/1 document (``tables[1].indicators[3].value``)."""
        parts: list[str] = []
        if self.table is not None:
            parts.append(f"tables[{self.table}]")
            if self.indicator is not None:
                parts.append(f"indicators[{self.indicator}]")
        if self.field:
            parts.append(self.field)
        return ".".join(parts)


class _Blank:
    """A :class:`Finding` being filled in: the same slots without the frozen ``__setattr__``.

    :meth:`Rule.finding` fills one with plain slot stores and then makes it a Finding (``__class__``
    assignment, allowed between classes of the same layout): about 2.5 times quicker to make and free than
    the frozen ``__init__`` (one ``object.__setattr__`` per field) or an instance dict, and a review makes
    one per finding (two thirds of a finding per indicator on the check bench)."""

    __slots__ = Finding.__slots__

    code: str
    name: str
    severity: Severity
    message: str
    message_en: str
    suggestion: str | None
    table: int | None
    indicator: int | None
    field: str | None
    table_seq: int | None
    table_title: str | None
    indicator_name: str | None


_REGISTRY: dict[str, type[Rule]] = {}


class Rule:
    """Base class of every review rule; subclassing with a ``code`` registers the rule."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    scope: ClassVar[Scope]
    groups: ClassVar[tuple[str, ...]] = ("all",)
    source: ClassVar[str]
    aliases: ClassVar[tuple[str, ...]] = ()
    #: profile threshold keys the rule reads (documented in the profile TOML)
    config_keywords: ClassVar[tuple[str, ...]] = ()
    #: Indicator rules: True when the verdict reads only the row's own cells (the
    #: :class:`~jixiao.rules._facts.IndicatorFacts` fields derived from its text, 指标性质 and 指标方向性),
    #: never the table, other rows or the row's position. The engine then computes such rules once per
    #: distinct row text and re-places the findings on identical rows (rows repeat across tables and
    #: filings). Leave False when in doubt: it is only a speed-up.
    row_local: ClassVar[bool] = False
    #: The table kinds the rule reads; the engine never runs it on other tables (a target rule does not
    #: judge a self-evaluation table, nor a self-evaluation rule a target table).
    table_kinds: ClassVar[frozenset[str]] = TARGET_KINDS
    #: Whether the rule reads the row facts (``TableFacts.indicators``); the engine skips building them for
    #: tables whose rules do not.
    reads_indicator_facts: ClassVar[bool] = True

    @classmethod
    def applies_to(cls, level1: str, level2: str, shape: int) -> bool:
        """Indicator rules: whether a row can trigger the rule at all, from its (canonical) 一级/二级指标 and
        its :class:`~jixiao.rules._facts.Shape` (which cells are filled).

        The engine asks once per distinct (level1, level2, shape) and never calls the rule for rows it
        cannot apply to: the per-indicator fast path."""
        return True

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        code = cls.__dict__.get("code")
        if code is None:
            return
        for attr in ("name", "severity", "scope", "source"):
            if attr not in cls.__dict__:
                raise TypeError(f"rule {code} must define {attr}")
        if code in _REGISTRY and _REGISTRY[code] is not cls:
            raise TypeError(f"rule code {code} defined twice")
        _REGISTRY[code] = cls

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.enabled_severity: Severity = profile.severity_for(self.code, self.severity)
        # What finding() copies into every finding, read there in one attribute load: finding() runs for every
        # rule class, so its reads of ``self`` miss CPython's per-type attribute specialisation each time.
        self._stamp = (self.code, self.name, self.enabled_severity)

    # --- description -------------------------------------------------------------------------------------
    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        """The first docstring line."""
        return cls.doc().split("\n", 1)[0].strip()

    # --- hooks (override the one that matches the scope) -------------------------------------------------
    def check_document(self, doc: DocumentFacts) -> Sequence[Finding] | None:
        return None

    def check_table(self, tbl: TableFacts) -> Sequence[Finding] | None:
        return None

    def check_indicator(self, ind: IndicatorFacts, tbl: TableFacts) -> Sequence[Finding] | None:
        return None

    # --- building findings -------------------------------------------------------------------------------
    def finding(
        self,
        tbl: TableFacts | None,
        message: str,
        message_en: str,
        *,
        ind: IndicatorFacts | None = None,
        field: str | None = None,
        suggestion: str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        code, name, sev = self._stamp
        if severity is not None:
            sev = self.profile.severity_for(code, severity)
        finding = _Blank()  # (see _Blank; a call of the class is quicker than object.__new__ for it)
        finding.code = code
        finding.name = name
        finding.severity = sev
        finding.message = message
        finding.message_en = message_en
        finding.suggestion = suggestion
        if tbl is None:
            finding.table = finding.table_seq = finding.table_title = None
        else:
            finding.table = tbl.index
            finding.table_seq = tbl.seq
            finding.table_title = tbl.title
        if ind is None:
            finding.indicator = finding.indicator_name = None
        else:
            finding.indicator = ind.index
            finding.indicator_name = ind.ind.name
        finding.field = field
        finding.__class__ = Finding  # type: ignore[assignment]
        return finding  # type: ignore[return-value]  # (a Finding now; typing.cast would be a call)


def relocated(template: Finding, tbl: TableFacts, ind: IndicatorFacts) -> Finding:
    """A copy of a row-local rule's finding placed on another row with the same text (see ``row_local``)."""
    finding = _Blank()  # (see _Blank; a call of the class is quicker than object.__new__ for it)
    finding.code = template.code
    finding.name = template.name
    finding.severity = template.severity
    finding.message = template.message
    finding.message_en = template.message_en
    finding.suggestion = template.suggestion
    finding.field = template.field
    if template.table is None:
        finding.table = finding.table_seq = finding.table_title = None
    else:
        finding.table = tbl.index
        finding.table_seq = tbl.seq
        finding.table_title = tbl.title
    if template.indicator is None:
        finding.indicator = finding.indicator_name = None
    else:
        finding.indicator = ind.index
        finding.indicator_name = ind.ind.name
    finding.__class__ = Finding  # type: ignore[assignment]
    return finding  # type: ignore[return-value]


def registry() -> list[type[Rule]]:
    """Every registered rule class, ordered by code."""
    import jixiao.rules.catalogue  # noqa: F401  (importing the catalogue registers the rules)

    return [_REGISTRY[code] for code in sorted(_REGISTRY, key=_code_key)]


def _code_key(code: str) -> tuple[str, int]:
    digits = "".join(ch for ch in code if ch.isdigit())
    return (code.rstrip("0123456789"), int(digits) if digits else 0)
