"""A self-evaluation table scored whole: its rows, its execution score, the printed and computed totals and
grades, and the 自评预警 signal."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from itertools import repeat
from operator import itemgetter
from typing import Any

from pydantic import BaseModel

from jixiao.model import Document, TargetTable
from jixiao.scoring.execution import LINE_FIELDS, ExecutionScore, LineFigures, LineTexts, score_execution
from jixiao.scoring.numbers import HUNDRED, ZERO, agrees, fmt, number, rounded
from jixiao.scoring.profiles import DEFAULT_SCORING_PROFILE, ScoringProfile, load_scoring_profile
from jixiao.scoring.rows import ROW_FIELDS, RowScore, RowTexts, score_row_texts

__all__ = ["TableScore", "grade_label", "score_document", "score_table"]

_TOTAL_WORDS = ("合计", "总计")
_HUNDRED, _ONE = Decimal(100), Decimal(1)


def grade_label(text: str | None, profile: ScoringProfile) -> str | None:
    """The profile grade a printed 评价等级 names (``优（S≧90）`` → 优), the one printed first; else None."""
    if not text:
        return None
    found = [(text.find(label), -len(label), label) for label, _low in profile.grades if label in text]
    return min(found)[2] if found else None


@dataclass(slots=True)
class TableScore:
    """Everything computed for one table (figures as Decimal)."""

    index: int  # into document.tables
    title: str | None
    profile: ScoringProfile
    rows: list[RowScore]
    execution: ExecutionScore | None
    lines: list[LineFigures] = field(default_factory=list)  # every fund line's figures, in printed order
    task_points: Decimal | None = None
    task_printed: Decimal | None = None
    printed_total: Decimal | None = None
    printed_total_text: str | None = None
    printed_max_text: str | None = None  # 总分值 as printed
    printed_sum: Decimal | None = None  # printed row scores + printed execution score (+ task scores)
    computed_total: Decimal | None = None
    total_points: Decimal | None = None  # the points of every scored part
    printed_grade: str | None = None
    printed_grade_label: str | None = None
    computed_grade: str | None = None
    indicator_points: Decimal = ZERO
    indicator_printed: Decimal = ZERO
    warning_ratio: Decimal | None = None  # (indicator share − execution share) ÷ indicator share
    red: bool = False
    yellow: str | None = None  # why the table is at yellow: 预算为 0 / 结余超过 20%
    parts: list[str] = field(default_factory=list)  # the printed figures summed, for the explanation
    # Rows by how their printed score stands to their points (what the rules look at first):
    lost: list[RowScore] = field(default_factory=list)  # printed below the points
    full: list[RowScore] = field(default_factory=list)  # printed at (or above) the points
    over: list[RowScore] = field(default_factory=list)  # printed above the points or below 0
    out_of_band: list[RowScore] = field(default_factory=list)  # 定性 rows printed outside their wording's band

    @property
    def total_differs(self) -> bool:
        """The printed total is not the sum of the printed scores (at the total's printed precision)."""
        if self.printed_total is None or self.printed_sum is None:
            return False
        return not agrees(self.printed_total_text, self.printed_total, self.printed_sum)

    @property
    def grade_of_printed_total(self) -> str | None:
        total = self.printed_total if self.printed_total is not None else self.printed_sum
        return None if total is None else self.profile.grade(total * self.scale)

    @property
    def scale(self) -> Decimal:
        """The factor that puts a total on 100 points: the grade bands are shares of full marks, and a table
        out of 30 (a department's partial sheet) or 90 (a transfer payment without an execution score) prints
        its 总分值."""
        return _scale(self.printed_max_text)

    def explain_total(self) -> tuple[str, str]:
        shown = " + ".join(self.parts) if self.parts else "—"
        return (
            f"各指标得分与预算执行得分之和 {shown} = {fmt(self.printed_sum)}；按配置 {self.profile.name} 重算为"
            f" {fmt(self.computed_total)}，等级「{self.computed_grade or '—'}」",
            f"row scores plus the execution score {shown} = {fmt(self.printed_sum)}; recomputed under"
            f" {self.profile.name}: {fmt(self.computed_total)}, grade '{self.computed_grade or '—'}'",
        )

    def explain_warning(self) -> tuple[str, str]:
        if self.warning_ratio is None or self.execution is None:
            return "未计算自评预警", "no 自评预警 computed"
        exe = self.execution
        exe_score = exe.printed if exe.printed is not None else exe.computed
        share = f"{fmt(self.indicator_printed)} ÷ {fmt(self.indicator_points)}"
        figures = (
            f"({share} − {fmt(exe_score)} ÷ {fmt(exe.points)}) ÷ ({share})"
            f" = {fmt(rounded(self.warning_ratio * HUNDRED, 2))}%"
        )
        limit = _warning_limit(self.profile)
        return (
            f"自评预警：{figures}，{'超过' if self.red else '未超过'} {limit}%",
            f"self-evaluation warning: {figures}, {'above' if self.red else 'within'} {limit}%",
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: figures as strings, explanations in both languages."""
        zh, en = self.explain_total()
        out: dict[str, Any] = {
            "table": self.index,
            "title": self.title,
            "profile": self.profile.name,
            "printed_total": _s(self.printed_total),
            "printed_sum": _s(self.printed_sum),
            "computed_total": _s(self.computed_total),
            "total_points": _s(self.total_points),
            "printed_grade": self.printed_grade,
            "computed_grade": self.computed_grade,
            "total_differs": self.total_differs,
            "explanation": zh,
            "explanation_en": en,
            "execution": None,
            "rows": [],
            "warning": {
                "red": self.red,
                "yellow": self.yellow,
                "ratio": _s(self.warning_ratio),
                "explanation": self.explain_warning()[0],
                "explanation_en": self.explain_warning()[1],
            },
        }
        if self.execution is not None:
            e = self.execution
            zh, en = e.explain()
            out["execution"] = {
                "line": e.line,
                "label": e.label,
                "rate": _s(None if e.rate is None else rounded(e.rate, 2)),
                "points": _s(e.points),
                "printed": e.printed_text,
                "computed": _s(e.computed),
                "differs": e.differs,
                "explanation": zh,
                "explanation_en": en,
            }
        for row in self.rows:
            zh, en = row.explain()
            out["rows"].append(
                {
                    "indicator": row.index,
                    "name": row.name,
                    "method": row.method,
                    "points": _s(row.points),
                    "printed": row.printed_text,
                    "computed": _s(row.computed),
                    "met": row.met,
                    "differs": row.differs,
                    "in_band": row.in_band,
                    "explanation": zh,
                    "explanation_en": en,
                }
            )
        return out


@lru_cache(maxsize=256)
def _grade_label(text: str | None, profile: ScoringProfile) -> str | None:
    """:func:`grade_label` once per distinct printed 评价等级 (优, 良, 优（S≧90）: a handful) and profile."""
    return grade_label(text, profile)


@lru_cache(maxsize=32)
def _warning_limit(profile: ScoringProfile) -> str:
    """The profile's red 自评预警 share in percent, as explanations print it (once per profile)."""
    return fmt(profile.warning_share * HUNDRED)


@lru_cache(maxsize=32)
def _yellow_unspent(profile: ScoringProfile) -> str:
    """Why a table with much unspent is at yellow, under the profile (once per profile: a Decimal product and
    fmt for every such table otherwise)."""
    return f"结余超过预算的 {fmt(profile.warning_unspent * 100)}%"


@lru_cache(maxsize=64)
def _scale(printed_max_text: str | None) -> Decimal:
    """:attr:`TableScore.scale` of a printed 总分值, once per distinct text (100, 90, 30: a handful)."""
    full = number(printed_max_text)
    return _HUNDRED / full if full is not None and full > ZERO else _ONE


def _s(value: Decimal | None) -> str | None:
    return None if value is None else fmt(value)


def _is_total(label: str | None) -> bool:
    return bool(label) and any(word in label for word in _TOTAL_WORDS)  # type: ignore[operator]


# What scoring reads of a table, its rows, its fund lines and its tasks: the memo key (one C call each). Read
# from the models' field dicts (vars(): pydantic keeps every field there), as :mod:`jixiao.scoring.rows` does.
# The rows' and lines' tuples are what they are scored from (ROW_FIELDS, LINE_FIELDS): read once, for both.
_TABLE_KEY = itemgetter("title", "total_score", "total_max_score", "grade")
_TABLE_TOTALS = itemgetter("total_max_score", "total_score", "grade")
_TASK_KEY = itemgetter("name", "max_score", "score")
# A model's field dict, what vars() returns, read straight from the descriptor that holds it: vars() first
# passes pydantic's __getattr__ hook (~300 instructions more a model; the key reads ~15 a table).
_field_dict = BaseModel.__dict__["__dict__"].__get__
# By the key's hash, with the key to tell a collision: a key of every figure (~150 strings in nested tuples)
# costs ~7k instructions to hash, and a dict keyed by the key itself would hash it on the miss's lookup and
# again on its store.
_MEMO: dict[int, tuple[tuple[Any, ...], TableScore]] = {}
# A table is scored, then checked (or shown): the recent tables are what repeats. Kept small on purpose: each
# result and its key hold ~2 objects per row that the cyclic GC tracks, and results held across hundreds of
# tables outlive its youngest generation, get promoted and set off full collections (with 256 entries, ~15%
# of the time of scoring and checking distinct tables went to the GC; with 16, none). Hence a bound on the
# rows held as well as on the tables.
_MEMO_LIMIT = 16
_MEMO_ROWS_LIMIT = 200
_memo_rows = 0  # rows of the results held


def score_table(index: int, table: TargetTable, profile: ScoringProfile) -> TableScore:
    """Score one table: every row, the execution, the totals, the grades and the 自评预警.

    Scoring is a pure function of what the table prints, so results are memoised by that content (bounded):
    ``jixiao check`` scores the tables its rules read, and a caller that also scores them (the web app, the
    score bench) gets the same result back. Results are shared: treat them as read-only."""
    global _memo_rows
    # The key: everything scoring reads of the table, its fields then a tuple per row, per line and per task
    fields = vars(table)
    row_texts = tuple(map(ROW_FIELDS, map(_field_dict, fields["indicators"])))
    line_texts = tuple(map(LINE_FIELDS, map(_field_dict, fields["execution"])))
    key = (
        index,
        profile,
        _TABLE_KEY(fields),
        row_texts,
        line_texts,
        tuple(map(_TASK_KEY, map(vars, fields["tasks"]))),
    )
    digest = hash(key)
    entry = _MEMO.get(digest)
    if entry is not None and entry[0] == key:
        return entry[1]
    if len(_MEMO) >= _MEMO_LIMIT or _memo_rows >= _MEMO_ROWS_LIMIT:
        _MEMO.clear()
        _memo_rows = 0
    found = _score_table(index, table, profile, row_texts, line_texts)
    _MEMO[digest] = (key, found)  # (a collision replaces the other table's entry: it is scored afresh if asked)
    _memo_rows += len(found.rows)
    return found


def _score_table(
    index: int,
    table: TargetTable,
    profile: ScoringProfile,
    row_texts: tuple[RowTexts, ...],
    line_texts: tuple[LineTexts, ...],
) -> TableScore:
    fields = vars(table)  # the model's field dict: cheaper than attribute access (see _TABLE_KEY)
    # map(), not comprehensions: Python 3.11 makes a function object and a frame for each comprehension run
    rows = list(map(score_row_texts, range(len(row_texts)), row_texts, repeat(profile)))
    lines = list(map(LineFigures, line_texts))
    execution = score_execution(table, profile, lines)
    parts: list[str] = []
    add_part = parts.append
    printed_sum: Decimal | None = None
    computed = points = ZERO
    lost: list[RowScore] = []
    full: list[RowScore] = []
    over: list[RowScore] = []
    out_of_band: list[RowScore] = []
    # The indicators' points and printed scores sum the rows that print both: when every row does (the common
    # case), they are the sums made here (points, printed_sum), added in the same order from ZERO, so they are
    # taken from those instead of adding each figure twice (a Decimal addition costs ~700 instructions).
    shared_sums = True
    # Once per row of every table scored: locals, and each figure compared as few times as its bucket needs.
    for row in rows:
        printed, row_points = row.printed, row.points
        if printed is not None:
            if printed_sum:
                printed_sum += printed
            else:  # the first score, or a sum at 0 so far: restarted from ZERO, hence not the indicators' sum
                shared_sums = shared_sums and printed_sum is None
                printed_sum = ZERO + printed
            add_part(row.printed_text or fmt(printed))
            if row_points is not None:
                if printed < row_points:
                    lost.append(row)
                    if printed < ZERO:
                        over.append(row)
                else:
                    full.append(row)
                    if printed > row_points or printed < ZERO:
                        over.append(row)
            else:
                shared_sums = False
                if printed < ZERO:
                    over.append(row)
        else:
            shared_sums = False
        value = row.computed
        if value is None:
            value = printed
        computed += value or ZERO
        if row.band_low is not None and row.in_band is False:
            out_of_band.append(row)
        if row_points:
            points += row_points
        else:  # no points, or 0 points, added as ZERO (as always): then not the indicators' sum
            points += ZERO
            shared_sums = False
    if shared_sums:
        ind_points, ind_printed = points, printed_sum if printed_sum is not None else ZERO
    else:
        ind_points = ind_printed = ZERO
        for row in rows:
            if row.printed is not None and row.points is not None:
                ind_points += row.points
                ind_printed += row.printed
    # A department's task grid scores each task; its 金额合计 line (an execution line) carries their sum, so
    # the tasks count toward the total only where no execution line prints its points.
    tasks = fields["tasks"]
    if tasks:
        tasks = [t for t in tasks if not _is_total(t.name)]  # a 合计 row of the task grid repeats the tasks
    in_total = execution is None or not execution.points_printed
    # The execution joins the totals where a line prints its points (the central layout's 分值 10); a layout
    # that prints none (transfer payments) does not score it, so it is computed and explained, not added.
    if execution is not None and execution.points_printed:
        if execution.printed is not None:
            printed_sum = (printed_sum or ZERO) + execution.printed
            add_part(execution.printed_text or fmt(execution.printed))
        value = execution.computed if execution.computed is not None else execution.printed
        computed += value or ZERO
        points += execution.points
    task_printed: Decimal | None = None
    task_points: Decimal | None = None
    for task in tasks:
        task_score, task_max = number(task.score), number(task.max_score)
        if task_score is not None:
            task_printed = (task_printed or ZERO) + task_score
            if in_total:
                printed_sum = (printed_sum or ZERO) + task_score
                computed += task_score
                add_part(task.score or fmt(task_score))
        if task_max is not None:
            task_points = (task_points or ZERO) + task_max
            if in_total:
                points += task_max
    total_max_text, total_text, grade = _TABLE_TOTALS(fields)
    # Every field by position, in TableScore's order: keywords, which reach the dataclass __init__ through
    # type_call as a dict, cost ~4.7k instructions more a table.
    result = TableScore(
        index,
        fields["title"],
        profile,
        rows,
        execution,
        lines,
        task_points,
        task_printed,
        number(total_text),  # printed_total
        total_text,
        total_max_text,
        printed_sum,
        None,  # computed_total, total_points and computed_grade: set below when the table has points
        None,
        grade,  # printed_grade
        _grade_label(grade, profile),
        None,
        ind_points,
        ind_printed,
        None,  # warning_ratio, red, yellow: set by _warning()
        False,
        None,
        parts,
        lost,
        full,
        over,
        out_of_band,
    )
    if points > ZERO:  # a form published unscored (no points anywhere) has no computed total or grade
        result.computed_total = computed
        result.total_points = points
        result.computed_grade = profile.grade(computed * result.scale)
    _warning(result, profile)
    return result


def _warning(result: TableScore, profile: ScoringProfile) -> None:
    """自评预警: indicator points won far ahead of the money spent (red); no budget or much unspent (yellow)."""
    exe = result.execution
    if exe is None:
        return
    if exe.budget is not None and exe.executed is not None:
        if exe.budget == ZERO:
            result.yellow = "预算数为 0"
        elif (exe.budget - exe.executed) / exe.budget > profile.warning_unspent:
            result.yellow = _yellow_unspent(profile)
    exe_score = exe.printed if exe.printed is not None else exe.computed
    if exe_score is None or exe.points == ZERO or result.indicator_points == ZERO or result.indicator_printed == ZERO:
        return
    ind_share = result.indicator_printed / result.indicator_points
    result.warning_ratio = (ind_share - exe_score / exe.points) / ind_share
    result.red = result.warning_ratio > profile.warning_share


def score_document(document: Document, profile: str | ScoringProfile = DEFAULT_SCORING_PROFILE) -> list[TableScore]:
    """Every self-evaluation table of the document, scored (target tables are left out)."""
    prof = load_scoring_profile(profile)
    scored = []
    for i, table in enumerate(document.tables):  # (a loop: a comprehension costs a function object per call)
        if table.kind == "self_evaluation":
            scored.append(score_table(i, table, prof))
    return scored
