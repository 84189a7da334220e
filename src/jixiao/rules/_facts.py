"""Facts computed once per document, table and indicator before the rules run.

Every per-indicator rule reads these precomputed attributes instead of re-deriving them, which keeps the
per-indicator cost to a few attribute tests (``bench/check_bench.py`` needs >= 100,000 indicators/s).

What is derived from an indicator's text (normalised levels, comparison keys, the money amount …) depends
only on that text and the profile, so it is computed once per distinct text in a :class:`FactsCache`:
target tables repeat the same rows (满意度, 成本 …) across tables, projects and years.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from operator import itemgetter

from jixiao.model import Document, Indicator, TargetTable
from jixiao.rules import _text as T
from jixiao.rules.profiles import Profile

_DIGIT = re.compile(r"\d")
_MONTH = re.compile(r"(\d{1,2})\s*月")
_FOUR_DIGITS = re.compile(r"\d{4}")

__all__ = ["DocumentFacts", "FactsCache", "IndicatorFacts", "Shape", "TableFacts", "decimal_or_none"]


def is_cost_row(level1: str, level2: str) -> bool:
    """A 成本指标 row: as a 二级指标 (national-2020), as a 一级指标 (central-2021), or one of its subtypes."""
    return level2 == "成本指标" or level1 == "成本指标" or level2.endswith("成本指标")


class Shape:
    """Bits saying which cells of an indicator row are filled, and what some of them hold (plain ints: cheap to
    combine and hash). Rules name the rows they can judge by them (:meth:`Rule.applies_to`), so the engine never
    calls a rule on the others; a bit read from the value side is worked out once per distinct value."""

    VALUE = 1  # 指标值 is not empty
    DIGIT = 2  # 指标值 holds a digit
    NATURE = 4  # 指标性质 is filled (Chongqing layout)
    DESCRIPTION = 8  # 绩效指标描述 is filled
    DIRECTION = 16  # 指标方向性 is filled
    OVERALL = 32  # 中长期指标值 / 指标值 beside 本年指标值 is filled
    CANONICAL = 64  # 一级/二级指标 are known to the profile and printed in their canonical form
    SATISFACTION_NAME = 128  # the name mentions 满意度 / 满意率
    MONEY = 256  # the parsed unit is money (元, 万元, 元/人 …)
    MONEY_TEXT = 512  # the value text holds an amount of money somewhere
    PARSED = 1024  # the value was read as one comparison (op is set)
    PERCENT = 2048  # the parsed unit is %
    ODD_COMPARATOR = 4096  # the value prints a comparator in a non-standard way (《= ≧ …)
    WEIGHT = 8192  # 权重 or 本年权重 is filled
    OP_EQUAL = 16384  # the comparator read is "=" (no direction to judge)
    EDGE_NUMBER = 32768  # the number is below 0 or at least 100 (beyond or at the end of a rate's range)
    SENTENCE_NAME = 65536  # the name is long (its key > name_max_length) or holds a task verb or a sentence mark
    NO_LEVEL1 = 131072  # no 一级指标 is printed (a form without level columns)
    NUMBER = 262144  # a number was read from the value (num is set)
    DOC_MARK = 524288  # the description holds 号 or 《 (it may cite a document: 〔2020〕5号, 《…》)
    VAGUE_VALUE = 1048576  # a value without digits holds a vague word (提高, 有效 …: _text.VAGUE_WORDS)
    DATE_VALUE = 2097152  # the value names a date, a time or a duration (年底, 30日内 …: _text.DATE_WORDS)
    COUNT_UNIT = 4194304  # the unit counts things (人, 家, 次 …: _text.COUNT_UNITS)


def decimal_or_none(text: str | None) -> Decimal | None:
    if text is None:
        return None
    return _decimal(text)


@lru_cache(maxsize=16_384)
def _decimal(text: str) -> Decimal | None:
    """Memoised per distinct text (Decimal is immutable): money cells repeat across tables and rules."""
    text = text.strip().replace(",", "")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None  # NaN / Infinity are not amounts


@lru_cache(maxsize=4096)
def _weight(text: str | None) -> float | None:
    """Memoised per distinct text (floats are immutable): weights repeat (10, 20, 30 …) from row to row."""
    if not text:
        return None
    return _float(text.strip().rstrip("%％"))


def _float(text: str | None) -> float | None:
    if not text:
        return None
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        return None
    return value if math.isfinite(value) else None  # "nan", "inf", "1e999" are not figures


#: The cells of an indicator row that its derived facts depend on, read from the model's ``__dict__`` in one
#: C call: an attribute of a pydantic model costs ~40 ns (its ``__getattr__`` hook keeps CPython from
#: specialising the lookup), a plain dict lookup a fraction of that, and every row reads these.
_ROW_TEXT = itemgetter("level1", "level2", "value", "op", "number", "unit", "name", "description")
#: The cells that only set :class:`Shape` bits or the row-memo key: 指标性质, 指标方向性, 中长期指标值, 权重 and
#: 本年权重.
_ROW_EXTRA = itemgetter("nature", "direction", "overall_value", "weight", "weight_this_year")
#: 权重 and 本年权重 (TableFacts.weights)
_WEIGHT_CELLS = itemgetter("weight", "weight_this_year")
#: The cells of a table that its facts read.
_TABLE_CELLS = itemgetter("money_unit", "funds", "indicators", "seq", "title")
_RowText = tuple[str | None, ...]

# (name, description, level1, level2, level1_known, level2_known, name_key, desc_key, value, has_digit, num,
#  unit, percent, money_yuan, per, cost, not_applicable, the shape bits of the cached fields, the kind id,
#  the row-text id)
_Derived = tuple[
    str,
    str | None,
    str,
    str,
    bool,
    bool,
    str,
    str,
    str,
    bool,
    float | None,
    str,
    bool,
    float | None,
    str | None,
    bool,
    bool,
    int,
    int,
    int,
]


# The value side of a row, which does not depend on its name or description: (level1, level2, level1_known,
# level2_known, value, has_digit, num, unit, percent, money_yuan, per, cost, shape bits, whether the value says
# 无 / 不适用)
_ValueSide = tuple[str, str, bool, bool, str, bool, float | None, str, bool, float | None, str | None, bool, int, bool]


class FactsCache:
    """Derived indicator facts for one profile, keyed by the indicator's text (bounded).

    Two levels: whole rows (the usual hit: rows repeat), and, for a new row, its value side (levels, value,
    unit), which repeats even when names and descriptions are new (the distinct case of the check bench, real
    filings that reword names but keep 满意度 ≥90% …). Each level holds at most ``limit`` entries and is
    emptied when full: 16,384 rows cover the repeats of a large batch, and a smaller table is quicker (it stays
    in the processor's caches) and much smaller on distinct rows (peak RSS 78 MiB against 199 MiB at 200,000)."""

    __slots__ = ("_next_row", "_values", "kinds", "limit", "profile", "rows")

    def __init__(self, profile: Profile, limit: int = 16_384) -> None:
        self.profile = profile
        self.limit = limit
        #: row text (:data:`_ROW_TEXT`) -> its facts
        self.rows: dict[_RowText, _Derived] = {}
        self._values: dict[tuple[str | None, ...], _ValueSide] = {}
        #: (level1, level2, shape bits of the cached fields) -> a small int; never cleared (few distinct kinds)
        self.kinds: dict[tuple[str, str, int], int] = {}
        #: ids of distinct row texts, never reused (not even after the cache is cleared)
        self._next_row = 0

    @property
    def next_row_id(self) -> int:
        """The id the next new row text will get: rows with an id at least this were first seen after now."""
        return self._next_row + 1


def _value_side(cells: tuple[str | None, ...], profile: Profile) -> _ValueSide:
    """The facts of a row that depend on its levels, value, comparator, number and unit only (the first six
    cells of :data:`_ROW_TEXT`)."""
    raw1, raw2, raw_value, op, number, raw_unit = cells
    raw1 = (raw1 or "").strip()
    raw2 = (raw2 or "").strip()
    level1 = profile.level1_synonyms.get(raw1, raw1)
    level2 = profile.level2_synonyms.get(raw2, raw2)
    allowed = profile.level2.get(level1)
    value = (raw_value or "").strip()
    num = None if number is None else _float(number)
    unit = (raw_unit or "").strip()
    factor, per = T.money_factor(unit)
    money: float | None = None
    if factor is not None and num is not None:
        money = num * factor
    level1_known = level1 in profile.level2
    level2_known = allowed is not None and level2 in allowed
    has_digit = _DIGIT.search(value) is not None
    percent = unit in ("%", "％", "百分比")
    shape = (
        (Shape.VALUE if value else 0)
        | (Shape.DIGIT if has_digit else 0)
        | (Shape.CANONICAL if level1_known and level2_known and level1 == raw1 and level2 == raw2 else 0)
        | (Shape.MONEY if money is not None else 0)
        | (Shape.MONEY_TEXT if has_digit and T.MONEY_IN_TEXT.search(value) is not None else 0)
        | (Shape.PARSED if op else 0)
        | (Shape.PERCENT if percent else 0)
        | (Shape.ODD_COMPARATOR if has_digit and T.ODD_COMPARATOR.search(value) is not None else 0)
        | (Shape.OP_EQUAL if op == "=" else 0)
        | (0 if raw1 else Shape.NO_LEVEL1)
        | (0 if num is None else Shape.NUMBER)
        | (Shape.VAGUE_VALUE if value and not has_digit and T.VAGUE_WORDS.search(value) is not None else 0)
        | (Shape.DATE_VALUE if value and T.DATE_WORDS.search(value) is not None else 0)
        | (Shape.COUNT_UNIT if unit in T.COUNT_UNITS else 0)
        | (Shape.EDGE_NUMBER if num is not None and (num < 0 or num >= 100) else 0)
    )
    cost = is_cost_row(level1, level2)
    not_applicable = value in T.NOT_APPLICABLE
    return (
        level1,
        level2,
        level1_known,
        level2_known,
        value,
        has_digit,
        num,
        unit,
        percent,
        money,
        per,
        cost,
        shape,
        not_applicable,
    )


class IndicatorFacts:
    """What the rules need to know about one indicator row (made by :func:`row_facts`)."""

    __slots__ = (
        "cost",
        "desc",
        "desc_key",
        "direction",
        "has_digit",
        "ind",
        "index",
        "kind",
        "level1",
        "level1_known",
        "level2",
        "level2_known",
        "money_yuan",
        "name",
        "name_key",
        "nature",
        "not_applicable",
        "num",
        "op",
        "per",
        "percent",
        "row",
        "shape",
        "unit",
        "value",
    )

    index: int
    ind: Indicator
    name: str
    desc: str | None
    op: str | None
    nature: str | None  # 指标性质, as printed
    direction: str | None  # 指标方向性, as printed
    level1: str  # canonical (after the profile's vocabulary)
    level2: str
    level1_known: bool
    level2_known: bool
    name_key: str
    desc_key: str
    value: str
    has_digit: bool
    num: float | None
    unit: str
    percent: bool
    money_yuan: float | None  # the amount in 元 when the unit is money
    per: str | None  # the denominator of a unit cost (元/人 → 人)
    cost: bool
    not_applicable: bool  # the row prints 无 / 不适用 as its value or name (:func:`_text.not_applicable`)
    shape: int
    kind: int
    row: int

    @property
    def row_key(self) -> tuple[int, int, str | None, str | None]:
        """Names the row's text exactly, as far as row-local rules (:attr:`Rule.row_local`) can read it: the
        derived text's id, the kind, 指标性质 and 指标方向性."""
        return (self.row, self.kind, self.nature, self.direction)

    @property
    def level1_raw(self) -> str:
        return (self.ind.level1 or "").strip()

    @property
    def level2_raw(self) -> str:
        return (self.ind.level2 or "").strip()


def row_facts(rows: list[Indicator], cache: FactsCache) -> tuple[list[IndicatorFacts], bool]:
    """The facts of a table's rows, and whether any row carries a weight.

    One loop for every row, with nothing called per row but on a miss of the caches: a class call
    (``IndicatorFacts(...)``, which CPython 3.11 does not specialise) and the helper calls of a new row text cost
    more than the row's own work on distinct rows."""
    derived_rows = cache.rows
    values = cache._values
    kinds = cache.kinds
    limit = cache.limit
    profile = cache.profile
    not_applicable_texts = T.NOT_APPLICABLE
    key = T.key_uncached
    sentence_mark = T.SENTENCE_MARK.search
    # (no threshold: every name counts as long, and rule R22 judges them all)
    name_max = profile.thresholds.get("name_max_length", -1)
    out: list[IndicatorFacts] = []
    append = out.append
    weighted = False
    row_id = cache._next_row  # the last id given; written back after the loop
    room = limit - len(derived_rows)  # row texts the cache takes before it is emptied
    for index, ind in enumerate(rows):
        row = IndicatorFacts()  # (no __init__: quicker than object.__new__(IndicatorFacts))
        row.index = index
        row.ind = ind
        cells = ind.__dict__  # the model's field values (see _ROW_TEXT)
        text = _ROW_TEXT(cells)
        row.op = text[3]
        found = derived_rows.get(text)
        if found is None:
            # A new row text: its value side (cached on its own: values repeat under new names) plus what its
            # name and description add, its kind and its id.
            vkey = text[:6]  # the value side's cells come first, so that its key is a slice of the row's
            side = values.get(vkey)
            if side is None:
                if len(values) >= limit:
                    values.clear()
                side = values[vkey] = _value_side(vkey, profile)
            (
                level1,
                level2,
                level1_known,
                level2_known,
                value,
                has_digit,
                num,
                unit,
                percent,
                money,
                per,
                cost,
                shape,
                value_not_applicable,
            ) = side
            name = text[6] or ""
            # :func:`_text.not_applicable` in two halves: its value's half is the value side's
            stripped = name.strip()
            not_applicable = value_not_applicable or stripped in not_applicable_texts or stripped.startswith("不适用")
            desc = text[7]
            if money is not None and per is None and ("人均" in name or "每人" in name):
                per = "人"
            # the facts cache is the memo of the keys
            name_key = name if name.isalnum() else key(name)  # (key()'s own first test, without the call)
            desc_key = (desc if desc.isalnum() else key(desc)) if desc else ""
            if "满意度" in name or "满意率" in name:
                shape |= Shape.SATISFACTION_NAME
            if len(name_key) > name_max or sentence_mark(name) is not None:
                shape |= Shape.SENTENCE_NAME
            if desc and desc.strip():
                shape |= Shape.DESCRIPTION
                if "号" in desc or "《" in desc:
                    shape |= Shape.DOC_MARK
            kind_key = (level1, level2, shape)
            kind = kinds.get(kind_key)
            if kind is None:
                kind = kinds[kind_key] = len(kinds)
            row_id += 1
            if room <= 0:
                derived_rows.clear()
                room = limit
            room -= 1
            derived_rows[text] = (
                name,
                desc,
                level1,
                level2,
                level1_known,
                level2_known,
                name_key,
                desc_key,
                value,
                has_digit,
                num,
                unit,
                percent,
                money,
                per,
                cost,
                not_applicable,
                shape,
                kind,
                row_id,
            )
            row.name = name
            row.desc = desc
            row.level1 = level1
            row.level2 = level2
            row.level1_known = level1_known
            row.level2_known = level2_known
            row.name_key = name_key
            row.desc_key = desc_key
            row.value = value
            row.has_digit = has_digit
            row.num = num
            row.unit = unit
            row.percent = percent
            row.money_yuan = money
            row.per = per
            row.cost = cost
            row.not_applicable = not_applicable
            row.row = row_id
        else:
            (
                row.name,
                row.desc,
                row.level1,
                row.level2,
                row.level1_known,
                row.level2_known,
                row.name_key,
                row.desc_key,
                row.value,
                row.has_digit,
                row.num,
                row.unit,
                row.percent,
                row.money_yuan,
                row.per,
                row.cost,
                row.not_applicable,
                shape,
                kind,
                row.row,
            ) = found
        nature, direction, overall, weight, weight_this_year = _ROW_EXTRA(cells)
        row.nature = nature
        row.direction = direction
        extra = 0
        if nature:
            shape |= Shape.NATURE
            extra = 1
        if direction:
            shape |= Shape.DIRECTION
            extra |= 2
        if overall:
            shape |= Shape.OVERALL
            extra |= 4
        if weight or weight_this_year:
            shape |= Shape.WEIGHT
            extra |= 8
            weighted = True
        row.shape = shape
        #: an int naming (level1, level2, shape): the engine's key for the checks that apply to the row
        row.kind = kind << 4 | extra
        append(row)
    cache._next_row = row_id
    return out, weighted


class TableFacts:
    """What the rules need to know about one target table."""

    __slots__ = (
        "_spending",
        "_weights",
        "_years",
        "budget",
        "budget_yuan",
        "document",
        "index",
        "indicators",
        "money_factor",
        "seq",
        "table",
        "title",
        "weighted",
    )

    def __init__(
        self,
        index: int,
        table: TargetTable,
        profile: Profile | FactsCache,
        *,
        indicators: bool = True,
        document: Document | None = None,
    ) -> None:
        """``indicators=False`` leaves :attr:`indicators` empty: no rule of the table's kind reads row facts
        (self-evaluation rules read the rows themselves). ``document``: the document the table is part of,
        for what a published document prints once for all its tables (the unit)."""
        cache = profile if isinstance(profile, FactsCache) else FactsCache(profile)
        self.index = index
        self.table = table
        self.document = document
        money_unit, funds, rows, self.seq, self.title = _TABLE_CELLS(table.__dict__)  # (see _ROW_TEXT)
        factor = T.MONEY_FACTORS.get((money_unit or "").strip())
        self.money_factor = factor
        budget = decimal_or_none(funds.total)
        self.budget = budget
        self.budget_yuan = float(budget) * factor if budget is not None and factor is not None else None
        #: True when any row carries a weight or this year's weight (the Chongqing layout)
        self.weighted = False
        if indicators:
            self.indicators, self.weighted = row_facts(rows, cache)
        else:
            self.indicators = []
            for ind in rows:
                if ind.weight or ind.weight_this_year:
                    self.weighted = True
                    break
        self._spending: list[tuple[int, str, float | None, int | None]] | None = None
        self._years: set[int] | None = None
        self._weights: list[tuple[float | None, float | None]] | None = None

    @property
    def years(self) -> set[int]:
        """The budget year(s) the table names: 年度, the mid-term period, years in the title or project name."""
        if self._years is None:
            table = self.table
            years: set[int] = set()
            if table.year:
                years.add(table.year)
            if table.midterm_period:
                span = sorted({int(y) for y in _FOUR_DIGITS.findall(table.midterm_period)})
                if span:
                    years.update(range(span[0], span[-1] + 1))
            for text in (table.title, table.project_name):
                if text:
                    years.update(int(y) for y in T.YEAR.findall(text))
                    for start, end in T.YEAR_RANGE.findall(text):
                        if int(start) <= int(end) <= int(start) + 10:
                            years.update(range(int(start), int(end) + 1))
            self._years = years
        return self._years

    def weights(self) -> list[tuple[float | None, float | None]]:
        """(权重, 本年权重) of every row as numbers (None when empty or not a number), computed once."""
        if self._weights is None:
            cells = map(_WEIGHT_CELLS, map(vars, self.table.indicators))  # (see _ROW_TEXT)
            self._weights = [(_weight(weight), _weight(this_year)) for weight, this_year in cells]
        return self._weights

    def spending(self) -> list[tuple[int, str, float | None, int | None]]:
        """(position, label, cumulative percent or None, month or None) per 资金支出计划 column, computed once."""
        if self._spending is None:
            self._spending = [
                (i, p.label, *_spending_point(p.label, p.percent)) for i, p in enumerate(self.table.spending_plan)
            ]
        return self._spending


@lru_cache(maxsize=4096)
def _spending_point(label: str, percent: str | None) -> tuple[float | None, int | None]:
    """(cumulative percent or None, month or None) of one 资金支出计划 column, once per distinct text."""
    text = (percent or "").strip().rstrip("%％")
    try:
        pct: float | None = float(text) if text else None
    except ValueError:
        pct = None
    m = _MONTH.search(label)
    return pct, int(m.group(1)) if m else None


class DocumentFacts:
    __slots__ = ("document", "tables")

    def __init__(self, document: Document, tables: list[TableFacts]) -> None:
        self.document = document
        self.tables = tables
