from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules import _text as T
from jixiao.rules._facts import DocumentFacts, TableFacts
from jixiao.rules.base import Finding, Rule, Scope, Severity
from jixiao.rules.profiles import Profile

_MAX_COMPARED = 8  # distinct earlier variants compared per group: keeps the rule linear on huge documents


class Rule_R44(Rule):
    """Two tables carry the same content (copy-paste across tables).

    **Anti-pattern**: table 7 is table 6 with another project name and budget::

        表6 秦财社[2023]326号… | 门诊救助人次数 ≥4550人次 | 住院救助人次数 ≥3230人次 | …
        表7 秦财社[2023]327号… | 门诊救助人次数 ≥4550人次 | 住院救助人次数 ≥3230人次 | …

    **Best practice**: each project's targets describe what that project's money buys::

        表7 …困难群众生活补助金 | 补助人数 ≥1200人 | 补助标准 280元/人·月 | …
    """

    code = "R44"
    name = "document.copied_table"
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    groups = ("all", "relevance")
    source = "88号 相关性审核 (targets tied to the spending) [S2, S3]; user reports (Hebei tables 6-9 [L0, 001])"
    config_keywords = ("copy_similarity", "copy_min_indicators")

    def __init__(self, profile: Profile) -> None:
        super().__init__(profile)
        self._minimum = int(profile.threshold("copy_min_indicators"))
        self._share = profile.threshold("copy_similarity")

    def check_document(self, doc: DocumentFacts) -> Sequence[Finding] | None:
        minimum = self._minimum
        share = self._share
        if len(doc.tables) < 2:
            return None  # nothing to copy from
        groups: dict[tuple[str, ...], list[tuple[TableFacts, tuple[str, ...]]]] = {}
        # Tables are grouped by (goals, *names). The goals' key (a long text's) and the values are worked out
        # only for tables whose names another table shares: the first table with some names waits here,
        # without a group, until a second one comes (None then), which is rare.
        first_with: dict[tuple[str, ...], TableFacts | None] = {}
        out: list[Finding] = []
        for tbl in doc.tables:
            indicators = tbl.indicators
            if len(indicators) < minimum:
                continue
            # tuple([...]) rather than tuple(generator): cheaper for a table's handful of rows
            names = tuple([i.name_key for i in indicators])
            if names not in first_with:
                first_with[names] = tbl  # its group, were it made now, would hold nothing to compare
                continue
            first = first_with[names]
            if first is not None:
                first_with[names] = None
                groups[(_goals_key(first), *names)] = [(first, _values(first))]
            values = _values(tbl)
            group = groups.setdefault((_goals_key(tbl), *names), [])
            for earlier, earlier_values in group[:_MAX_COMPARED]:
                same = sum(a == b for a, b in zip(values, earlier_values, strict=True)) / len(values)
                if same < share:
                    continue
                e = earlier.table
                n = _number(earlier)
                if (e.project_name or "") == (tbl.table.project_name or ""):
                    msg = f"本表与{n}是同一项目的重复填报（{same:.0%} 的指标相同）"
                    msg_en = f"this table repeats {_number_en(earlier)} for the same project ({same:.0%} identical indicators)"
                else:
                    msg = f"本表与{n}（{e.project_name}）内容相同（目标相同，{same:.0%} 的指标相同），疑似复制粘贴"
                    msg_en = (
                        f"this table copies {_number_en(earlier)} ({e.project_name}): same goals and "
                        f"{same:.0%} identical indicators"
                    )
                out.append(
                    self.finding(
                        tbl,
                        msg,
                        msg_en,
                        field="indicators",
                        suggestion="按本项目的资金和任务重新设定目标和指标 (set this project's own targets)",
                    )
                )
                break
            if all(v != values for _, v in group):
                group.append((tbl, values))
        return out


def _values(tbl: TableFacts) -> tuple[str, ...]:
    return tuple([i.value for i in tbl.indicators])


def _goals_key(tbl: TableFacts) -> str:
    return T.key("".join(tbl.table.annual_goals))


def _number(tbl: TableFacts) -> str:
    return f"表{tbl.table.seq}" if tbl.table.seq is not None else f"第{tbl.index + 1}张表"


def _number_en(tbl: TableFacts) -> str:
    return f"table {tbl.table.seq if tbl.table.seq is not None else tbl.index + 1}"
