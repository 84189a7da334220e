"""A self-evaluation table (项目支出绩效自评表, central layout) that satisfies every rule of the catalogue under
the default profile: the base of the self-evaluation rule cases (``base = "self_evaluation"`` in
``cases/RNN.toml``)."""

from __future__ import annotations

import copy
from typing import Any

from jixiao.values import parse_value


def _row(
    level1: str,
    level2: str,
    name: str,
    value: str,
    actual: str,
    max_score: str,
    score: str,
    deviation: str | None = None,
) -> dict[str, Any]:
    target, done = parse_value(value), parse_value(actual)
    return {
        "level1": level1,
        "level2": level2,
        "name": name,
        "value": value,
        "op": target.op,
        "number": target.number,
        "unit": target.unit,
        "actual": actual,
        "actual_number": done.number,
        "actual_unit": done.unit,
        "max_score": max_score,
        "score": score,
        "deviation": deviation,
    }


def _line(label: str, initial: str, adjusted: str, executed: str, rate: str, points: str, score: str) -> dict[str, Any]:
    return {
        "label": label,
        "initial_budget": initial,
        "adjusted_budget": adjusted,
        "executed": executed,
        "rate": rate,
        "max_score": points,
        "score": score,
    }


CLEAN_SELF_EVALUATION: dict[str, Any] = {
    "kind": "self_evaluation",
    "subject": "project",
    "title": "信访干部培训专项项目绩效自评表",
    "year": 2024,
    "project_name": "信访干部培训专项",
    "department": "[292] 国家信访局",
    "implementing_unit": "国家信访局",
    "money_unit": "万元",
    "annual_goals": ["分级分类抓好信访系统干部培训，提升队伍整体素质。"],
    "goals_achieved": "全年开展综合班次4期，培训366人。",
    "execution": [
        _line("年度资金总额：", "180.61", "180.03", "180.03", "100.00", "10.0", "10"),
        _line("其中：财政拨款", "140.61", "140.61", "140.61", "100.00", "--", "--"),
        _line("上年结转", "40.00", "39.42", "39.42", "100.00", "--", "--"),
        _line("其他资金", "0.00", "0.00", "0.00", "--", "--", "--"),
    ],
    "indicators": [
        _row("成本指标", "经济成本指标", "参加培训学员人均培训费", "≤1200元", "1100元", "20", "20"),
        _row("产出指标", "数量指标", "培训人数", "≥300人", "330人", "6", "6"),
        _row("产出指标", "数量指标", "培训班次", "≥4次", "4次", "6", "6"),
        _row("产出指标", "质量指标", "培训合格率", "≥98%", "100%", "8", "8"),
        _row(
            "产出指标", "质量指标", "培训参与度", "≥95%", "93%", "6", "5.87", "个别学员因工作冲突缺课；后续拟错峰排课"
        ),
        _row("产出指标", "时效指标", "培训计划按期完成率", "≥100%", "100%", "8", "8"),
        _row(
            "效益指标",
            "社会效益指标",
            "信访工作质量",
            "有所提高",
            "达成年度指标，信访工作质量有所提高",
            "10",
            "9",
            "缺少量化数据支撑；后续拟加强数据挖掘",
        ),
        _row("效益指标", "社会效益指标", "信访事项及时受理率", "≥95%", "97%", "6", "6"),
        _row("效益指标", "社会效益指标", "信访系统干部整体素质", "有所提高", "达成年度指标", "10", "10"),
        _row("满意度指标", "服务对象满意度指标", "受训学员满意率", "≥95%", "100%", "10", "10"),
    ],
    "total_max_score": "100",
    "total_score": "98.87",
    "grade": "优",
}


def clean_self_evaluation() -> dict[str, Any]:
    return copy.deepcopy(CLEAN_SELF_EVALUATION)
