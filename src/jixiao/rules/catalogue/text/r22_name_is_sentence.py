from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules import _text as T
from jixiao.rules._facts import IndicatorFacts, Shape, TableFacts
from jixiao.rules.base import Finding, Rule, Scope, Severity
from jixiao.rules.profiles import Profile


class Rule_R22(Rule):
    """The 三级指标 name is a sentence or a task, not a measurable indicator.

    **Anti-pattern**::

        质量指标 | 严格统一执行慢性病标准, 探索慢性病网上申报评审, | 100%

    **Best practice**: a short noun phrase naming what is measured::

        质量指标 | 慢性病评审标准执行率 | 100%
    """

    code = "R22"
    name = "text.name_is_sentence"
    severity = Severity.WARNING
    scope = Scope.INDICATOR
    row_local = True  # reads only the row's own cells: computed once per distinct row text
    groups = ("all", "style")
    source = "细化量化 [S3]; Anhui example rows [L0, 002]; [I]"
    config_keywords = ("name_max_length",)

    def __init__(self, profile: Profile) -> None:
        super().__init__(profile)
        self._max = profile.threshold("name_max_length")

    @classmethod
    def applies_to(cls, level1: str, level2: str, shape: int) -> bool:
        # the facts tested the name against the profile's name_max_length and SENTENCE_MARK once per text
        return bool(shape & Shape.SENTENCE_NAME)

    def check_indicator(self, ind: IndicatorFacts, tbl: TableFacts) -> Sequence[Finding] | None:
        # No memo of its own: the rule is row-local, so the engine already runs it once per distinct row text.
        short = len(ind.name_key) <= self._max
        if short and T.SENTENCE_MARK.search(ind.name) is None:
            return None  # no mark in the name at all (the facts flag such names only when they are long)
        name = ind.name.strip()
        if not name or (short and T.SENTENCE_MARK.search(name.rstrip("。")) is None):
            return None
        why = self._why(name, ind.name_key)
        if why is None:
            return None
        return [
            self.finding(
                tbl,
                f"三级指标名称{why}，像一句任务而非指标：「{name}」",
                f"indicator name reads as a sentence or task, not a measure: '{name}'",
                ind=ind,
                field="name",
                suggestion="改为简短的名词性指标名，如「慢性病评审标准执行率」 (use a short measure name)",
            )
        ]

    def _why(self, name: str, name_key: str) -> str | None:
        if not name:
            return None
        too_long = len(name_key) > self._max
        if not too_long and T.SENTENCE_MARK.search(name.rstrip("。")) is None:
            return None
        verb = T.TASK_VERBS.search(name)
        return "过长" if too_long else (f"含任务动词「{verb.group(0)}」" if verb else "含句读标点")
