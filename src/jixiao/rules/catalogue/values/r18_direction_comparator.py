from __future__ import annotations

from collections.abc import Sequence

from jixiao.rules._facts import IndicatorFacts, Shape, TableFacts
from jixiao.rules.base import Finding, Rule, Scope, Severity

# Endings of the name's key (str.endswith: an end-anchored regex search tries every position of the name)
_NEGATIVE = ("差错率", "错误率", "投诉率", "超支率", "自付率", "结余率", "成本", "费用", "时长", "天数")
_POSITIVE = ("覆盖率", "合格率", "准确率", "满意度", "满意率", "及时率", "知晓率")
# days of a good state count up, unlike days taken (办结天数): 正常运转天数, 空气质量优良天数, 开放天数
_GOOD_DAYS = tuple(
    f"{state}天数" for state in ("运转", "运行", "开放", "优良", "达标", "服务", "工作", "在线", "营业", "监测", "开馆")
)


class Rule_R18(Rule):
    """The comparator points the wrong way for the indicator's direction.

    **Anti-pattern**::

        指标方向性 正向指标 | 指标性质 ≤ | 覆盖率 90 %
        个人自付率 ≥ 30%

    **Best practice**: positive indicators set a floor, negative ones a ceiling::

        指标方向性 正向指标 | 指标性质 ≥ | 覆盖率 90 %
        个人自付率 ≤ 30%
    """

    code = "R18"
    name = "values.direction_comparator"
    severity = Severity.ERROR
    scope = Scope.INDICATOR
    row_local = True  # reads only the row's own cells: computed once per distinct row text
    groups = ("all", "relevance")
    source = "包头: 指标方向 [S6]; 正向 = ≥X, 反向 = ≤X [S26]; [I]"

    @classmethod
    def applies_to(cls, level1: str, level2: str, shape: int) -> bool:
        return shape & (Shape.PARSED | Shape.OP_EQUAL) == Shape.PARSED  # "=" points no way

    def check_indicator(self, ind: IndicatorFacts, tbl: TableFacts) -> Sequence[Finding] | None:
        op = ind.op
        if op is None or op == "=":
            return None
        direction = (ind.direction or "").strip()
        low = op in ("<=", "<")
        if direction:
            if (direction.startswith("正向") and low) or (direction.startswith("反向") and not low):
                return [
                    self.finding(
                        tbl,
                        f"{direction}「{ind.name}」使用了「{ind.value if not ind.nature else ind.nature}」",
                        f"{'positive' if direction.startswith('正向') else 'negative'} indicator '{ind.name}' uses {op}",
                        ind=ind,
                        field="direction",
                        suggestion="正向指标用 ≥，反向指标用 ≤ (positive: ≥, negative: ≤)",
                    )
                ]
            return None
        key = ind.name_key
        if (not low and key.endswith(_NEGATIVE) and not key.endswith(_GOOD_DAYS)) or (low and key.endswith(_POSITIVE)):
            kind = "反向（越低越好）" if not low else "正向（越高越好）"
            return [
                self.finding(
                    tbl,
                    f"「{ind.name}」是{kind}指标，却用「{ind.value}」",
                    f"'{ind.name}' reads as the other direction but uses {op}",
                    ind=ind,
                    field="op",
                    severity=Severity.WARNING,
                    suggestion="越低越好用 ≤，越高越好用 ≥ (lower-is-better: ≤, higher-is-better: ≥)",
                )
            ]
        return None
