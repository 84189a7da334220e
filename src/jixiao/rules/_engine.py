"""Running the catalogue over a document: selection, facts, dispatch by scope and row kind, the per-row-text
memo of row-local rules, ordering."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

import jixiao.rules.catalogue  # noqa: F401  (the rules are loaded with the engine, not by the first review)
from jixiao.errors import ConfigError
from jixiao.model import Document
from jixiao.rules._facts import DocumentFacts, FactsCache, IndicatorFacts, TableFacts
from jixiao.rules.base import Finding, Rule, Scope, registry, relocated
from jixiao.rules.profiles import DEFAULT_PROFILE, Profile, load_profile

__all__ = ["review", "select_rules"]

IndicatorCheck = Callable[[IndicatorFacts, TableFacts], Sequence[Finding] | None]


def select_rules(select: Iterable[str] | None = None, exclude: Iterable[str] | None = None) -> list[type[Rule]]:
    """Rule classes chosen by code, alias, dotted name or group (``R06``, ``hierarchy.rate_under_quantity``,
    ``appropriateness``); ``exclude`` wins over ``select``. An unknown selector is a ConfigError."""
    rules = registry()

    def matches(rule: type[Rule], selector: str) -> bool:
        s = selector.strip()
        return s in (rule.code, rule.name) or s in rule.aliases or s in rule.groups

    def resolve(selectors: Iterable[str]) -> set[str]:
        chosen: set[str] = set()
        for selector in selectors:
            hit = {r.code for r in rules if matches(r, selector)}
            if not hit:
                raise ConfigError(f"no rule matches {selector!r} (use a code, a name or a group)")
            chosen |= hit
        return chosen

    chosen = resolve(select) if select else {r.code for r in rules}
    if exclude:
        chosen -= resolve(exclude)
    return [r for r in rules if r.code in chosen]


class _KindPlan:
    """The instantiated rules that read one kind of table, split by hook, with their per-row memo."""

    #: bound on the row-verdict memo (entries); cleared when full
    ROW_LIMIT = 20_000
    #: The memo pays for itself only when rows repeat: on rows that are all new (the next department's
    #: filings) its lookups and insertions cost ~15% of the review and save nothing. So its hit share is
    #: judged every MEMO_WINDOW lookups; below MEMO_MIN_HIT_SHARE the memo pauses for MEMO_PAUSE rows (of
    #: this kind of table), then looks again. Findings are the same either way (tests/rules/test_row_memo.py).
    MEMO_WINDOW = 4096
    MEMO_MIN_HIT_SHARE = 0.2
    MEMO_PAUSE = 32_768

    def __init__(self, rules: list[Rule], *, row_memo: bool, needs_indicators: bool = True) -> None:
        self._indicator_rules = [r for r in rules if r.scope is Scope.INDICATOR]
        #: whether such tables need their row facts (TableFacts.indicators): target rules read them
        self.needs_indicators = needs_indicators
        #: row kind -> (row-local checks, other checks), for rows reviewed with the memo
        self.by_kind: dict[int, tuple[tuple[IndicatorCheck, ...], tuple[IndicatorCheck, ...]]] = {}
        #: row kind -> every check, in the same order, for rows reviewed without it
        self.every_by_kind: dict[int, tuple[IndicatorCheck, ...]] = {}
        self.table = [r.check_table for r in rules if r.scope in (Scope.TABLE, Scope.FUNDS, Scope.SPENDING_PLAN)]
        self.row_memo = row_memo
        #: IndicatorFacts.row_key -> the findings of the row-local checks on such a row (a per-text memo)
        self.rows: dict[tuple[int, int, str | None, str | None], tuple[Finding, ...]] = {}
        self.memo_active = row_memo
        self._lookups = self._hits = self._paused_rows = 0

    def account(self, lookups: int, hits: int, unmemoised: int) -> None:
        """After a table: pause the memo when it hits too rarely, resume it after a pause."""
        if self.memo_active:
            self._lookups += lookups
            self._hits += hits
            if self._lookups >= self.MEMO_WINDOW:
                if self._hits < self._lookups * self.MEMO_MIN_HIT_SHARE:
                    self.memo_active = False
                    self._paused_rows = 0
                self._lookups = self._hits = 0
        elif self.row_memo:
            self._paused_rows += unmemoised
            if self._paused_rows >= self.MEMO_PAUSE:
                self.memo_active = True

    def indicator_checks(self, ind: IndicatorFacts) -> tuple[tuple[IndicatorCheck, ...], tuple[IndicatorCheck, ...]]:
        """The indicator checks that can apply to such rows, (row-local, others) (asked once per distinct kind
        of row)."""
        found = self.by_kind.get(ind.kind)
        if found is None:
            level1, level2, shape = ind.level1, ind.level2, ind.shape
            rules = [r for r in self._indicator_rules if r.applies_to(level1, level2, shape)]
            if self.row_memo:
                local = tuple(r.check_indicator for r in rules if r.row_local)
                other = tuple(r.check_indicator for r in rules if not r.row_local)
            else:
                local, other = (), tuple(r.check_indicator for r in rules)
            found = self.by_kind[ind.kind] = (local, other)
        return found

    def every_check(self, ind: IndicatorFacts) -> tuple[IndicatorCheck, ...]:
        """The indicator checks that can apply to such rows, row-local first (as with the memo)."""
        found = self.every_by_kind.get(ind.kind)
        if found is None:
            local, other = self.indicator_checks(ind)
            found = self.every_by_kind[ind.kind] = local + other
        return found


class _Plan:
    """Instantiated rules of one (profile, selection); per table kind, the rules that read such tables."""

    ROW_LIMIT = _KindPlan.ROW_LIMIT

    def __init__(self, profile: Profile, classes: list[type[Rule]], *, row_memo: bool = True) -> None:
        self.rules = [cls(profile) for cls in classes if profile.enabled(cls.code)]
        self.profile = profile
        self.cache = FactsCache(profile)
        self.row_memo = row_memo
        #: document checks with the table kinds they read
        self.document = [(r.check_document, r.table_kinds) for r in self.rules if r.scope is Scope.DOCUMENT]
        self.kinds: dict[str, _KindPlan] = {}

    def for_kind(self, kind: str) -> _KindPlan:
        plan = self.kinds.get(kind)
        if plan is None:
            chosen = [r for r in self.rules if kind in r.table_kinds]
            needs = any(r.reads_indicator_facts for r in chosen) or any(kind in k for _c, k in self.document)
            plan = self.kinds[kind] = _KindPlan(chosen, row_memo=self.row_memo, needs_indicators=needs)
        return plan

    @property
    def rows(self) -> dict[tuple[int, int, str | None, str | None], tuple[Finding, ...]]:
        """The row memo of every table kind (for tests and inspection)."""
        merged: dict[tuple[int, int, str | None, str | None], tuple[Finding, ...]] = {}
        for plan in self.kinds.values():
            merged.update(plan.rows)
        return merged


@lru_cache(maxsize=32)
def _plan(profile: Profile, select: tuple[str, ...] | None, exclude: tuple[str, ...] | None) -> _Plan:
    return _Plan(profile, select_rules(select, exclude))


def review(
    document: Document,
    *,
    profile: str | Profile = DEFAULT_PROFILE,
    select: Iterable[str] | None = None,
    exclude: Iterable[str] | None = None,
) -> list[Finding]:
    """Check a jixiao/1 document against the rule catalogue; findings ordered by table, row and rule.

    ``profile_for(document)`` names the profile for the document's year (what ``jixiao check`` uses
    when no profile is given)."""
    prof = load_profile(profile)
    if isinstance(select, str):
        select = [select]
    if isinstance(exclude, str):
        exclude = [exclude]
    plan = _plan(prof, tuple(select) if select else None, tuple(exclude) if exclude else None)
    return _run(document, plan)


def _run(document: Document, plan: _Plan) -> list[Finding]:
    """Every check of the plan over the document, findings sorted."""
    findings: list[Finding] = []
    add = findings.extend
    tables: list[TableFacts] = []
    kinds = plan.kinds
    for t_index, table in enumerate(document.tables):
        sub = kinds.get(table.kind)
        if sub is None:
            sub = plan.for_kind(table.kind)
        # Row ids from here on are new texts (first seen in this table): the memo cannot hold them yet.
        new_rows = plan.cache.next_row_id if sub.memo_active else 0
        tbl = TableFacts(t_index, table, plan.cache, indicators=sub.needs_indicators, document=document)
        tables.append(tbl)
        for check_table in sub.table:
            found = check_table(tbl)
            if found:
                add(found)
        if not sub.memo_active:
            # Every check on every row: the memo is off or paused (rows all new). The plain loop, one tuple of
            # checks per kind of row.
            every_by_kind = sub.every_by_kind
            for ind in tbl.indicators:
                every = every_by_kind.get(ind.kind)
                if every is None:
                    every = sub.every_check(ind)
                for check in every:
                    found = check(ind, tbl)
                    if found:
                        add(found)
            sub.account(0, 0, len(tbl.indicators))
            continue
        by_kind = sub.by_kind
        rows = sub.rows
        lookups = hits = 0
        for ind in tbl.indicators:
            checks = by_kind.get(ind.kind)
            if checks is None:
                checks = sub.indicator_checks(ind)
            local, other = checks
            if local and ind.row >= new_rows:
                # A row text first seen in this table, which the memo cannot hold yet (most texts never come
                # back: distinct filings): counted as a miss without a lookup; a text that does come back is
                # memoised on its second sight.
                lookups += 1
                for check in local:
                    found = check(ind, tbl)
                    if found:
                        add(found)
            elif local:
                # Row-local rules run once per distinct row text; identical rows (the common case: rows
                # repeat across tables and filings) get those findings re-placed. The key is
                # IndicatorFacts.row_key, inlined here (this loop runs once per indicator).
                key = (ind.row, ind.kind, ind.nature, ind.direction)
                memo = rows.get(key)
                lookups += 1
                if memo is None:
                    fresh: list[Finding] = []
                    for check in local:
                        found = check(ind, tbl)
                        if found:
                            fresh.extend(found)
                    if len(rows) >= sub.ROW_LIMIT:
                        rows.clear()
                    rows[key] = tuple(fresh)
                    add(fresh)
                else:
                    hits += 1
                    if memo:
                        add([relocated(f, tbl, ind) for f in memo])
            for check in other:
                found = check(ind, tbl)
                if found:
                    add(found)
        sub.account(lookups, hits, 0)
    if plan.document:
        for check_document, table_kinds in plan.document:
            chosen = [t for t in tables if t.table.kind in table_kinds]
            if chosen:
                found = check_document(DocumentFacts(document, chosen))
                if found:
                    add(found)
    findings.sort(key=_order)
    return findings


_CODE_ORDER: dict[str, int] = {}


def _order(f: Finding) -> int:
    """Sort key: table, then row (document- and table-level findings first), then the rule's place in the
    catalogue, packed into one int (cheaper to compare than a tuple)."""
    rank = _CODE_ORDER.get(f.code)
    if rank is None:
        _CODE_ORDER.update({r.code: i for i, r in enumerate(registry())})
        rank = _CODE_ORDER.get(f.code, 4095)
    table = 0 if f.table is None else f.table + 1
    row = 0 if f.indicator is None else f.indicator + 1
    return (table << 40) | (row << 12) | rank
