"""The analysts' flat form: one row per indicator, the table's header fields repeated on every row.

Used by the .csv writer and by the flat sheet of the .xlsx writer. Columns are the ``jixiao/1`` field
names with their printed Chinese label (``项目名称 project_name``), so that the file reads in Excel and
loads into pandas without a lookup table. Amounts stay text: no precision is lost.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model import Document
from jixiao.writers._blocks import clean_text
from jixiao.writers._fields import INDICATOR_FIELDS, ROW_TABLE_FIELDS

__all__ = ["FLAT_FIELDS", "flat_header", "flat_rows"]

# the printed label of each one-value table field (``ROW_TABLE_FIELDS``); a field added to the model without a
# label here fails at import, so the flat form never drops a field in silence
_TABLE_LABELS: dict[str, str] = {
    "kind": "表类型",
    "subject": "评价对象",
    "seq": "序号",
    "form_label": "表号",
    "title": "表名",
    "year": "年度",
    "unit_code": "单位编码",
    "unit_name": "单位名称",
    "department": "主管部门",
    "implementing_unit": "实施单位",
    "project_code": "项目编码",
    "project_name": "项目名称",
    "project_attribute": "项目属性",
    "function": "职能职责与活动",
    "manager": "项目经办人",
    "manager_phone": "项目经办人电话",
    "money_unit": "金额单位",
    "funds.total": "年度资金总额",
    "funds.fiscal": "财政资金",
    "funds.other": "其他资金",
    "funds.midterm_total": "中期资金总额",
    "funds.midterm_fiscal": "中期财政资金",
    "funds.midterm_other": "中期其他资金",
    "funds.carryover": "上年结转",
    "funds.midterm_carryover": "中期上年结转",
    "funds.fiscal_special_account": "财政专户管理资金",
    "funds.unit_funds": "单位资金",
    "funds.social_funds": "社会投入资金",
    "funds.bank_loan": "银行贷款",
    "budget_execution_weight": "预算执行率权重",
    "purpose": "资金用途",
    "annual_goals": "年度目标",
    "midterm_goal": "中长期目标",
    "midterm_period": "中长期期间",
    "execution_note": "预算执行偏差原因",
    "goals_achieved": "实际完成情况",
    "total_max_score": "总分值",
    "total_score": "总得分",
    "grade": "评价等级",
    "conclusion": "评价结论",
    "problems": "存在问题",
    "improvements": "改进措施",
}
_TABLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("table", "表序"),
    *((key, _TABLE_LABELS[key]) for key in ROW_TABLE_FIELDS),
)
_INDICATOR_LABELS: dict[str, str] = {
    "level1": "一级指标",
    "level2": "二级指标",
    "name": "三级指标",
    "description": "绩效指标描述",
    "value": "指标值",
    "op": "比较符",
    "number": "数值",
    "unit": "计量单位",
    "overall_value": "中长期指标值",
    "basis": "指标值确定依据",
    "nature": "指标性质",
    "history": "历史参考值",
    "weight": "权重(%)",
    "weight_this_year": "本年权重(%)",
    "direction": "指标方向性",
    "remark": "备注",
    "actual": "实际完成值",
    "actual_number": "完成数值",
    "actual_unit": "完成值单位",
    "max_score": "分值",
    "score": "得分",
    "deviation": "偏差原因分析及改进措施",
    "progress": "当前完成值",
    "forecast": "全年预计完成情况",
    "on_track": "完成目标可能性",
    "measures": "纠偏措施",
}

FLAT_FIELDS: tuple[str, ...] = (
    *(key for key, _ in _TABLE_COLUMNS),
    "indicator",
    *(f"indicators.{name}" for name in INDICATOR_FIELDS),
)


def flat_header() -> list[str]:
    """Column titles: the printed label and the field path (``项目名称 project_name``)."""
    head = [f"{label} {key}" for key, label in _TABLE_COLUMNS]
    head.append("指标序 indicator")
    head += [f"{_INDICATOR_LABELS[name]} {name}" for name in INDICATOR_FIELDS]
    return head


def _text(value: object) -> str:
    return "" if value is None else clean_text(str(value))


def flat_rows(document: Document) -> Iterator[list[str]]:
    """One row of text per indicator; null becomes an empty cell, several goals are joined by a line break."""
    for t_index, table in enumerate(document.tables, 1):
        fixed: list[str] = []
        for key, _ in _TABLE_COLUMNS:
            if key == "table":
                fixed.append(str(t_index))
            elif key.startswith("funds."):
                fixed.append(_text(getattr(table.funds, key[6:])))
            elif key == "annual_goals":
                fixed.append(clean_text("\n".join(table.annual_goals)))
            else:
                fixed.append(_text(getattr(table, key)))
        for i_index, ind in enumerate(table.indicators, 1):
            yield [*fixed, str(i_index), *(_text(getattr(ind, name)) for name in INDICATOR_FIELDS)]
