"""What the layout modules share: the 一级/二级/三级 columns, and reasons for fields a target form lacks."""

from __future__ import annotations

from jixiao.writers._fields import ALL_FIELDS, expand
from jixiao.writers._layout import Column

__all__ = ["LEVELS", "SELF_EVALUATION_FIELDS", "TARGET_FORM_LACKS", "why"]

LEVELS = (
    Column("level1", "一级指标", 5),
    Column("level2", "二级指标", 5.5),
    Column("name", "三级指标", 9, align="left"),
)

#: Fields only self-evaluation and monitoring tables print.
SELF_EVALUATION_FIELDS = (
    "execution.* level1_max_scores execution_note fund_management.* goals_achieved total_max_score "
    "total_score grade conclusion problems improvements actual actual_number actual_unit max_score score "
    "deviation progress forecast on_track measures"
)


def why(groups: dict[str, str]) -> dict[str, str]:
    """``{"field field.*": reason}`` as one reason per field (the fields checked against the model)."""
    out: dict[str, str] = {}
    for names, reason in groups.items():
        chosen = expand(names)
        for name in (f for f in ALL_FIELDS if f in chosen):
            out[name] = reason
    return out


#: Fields no target form (the regional layouts and ``national``) prints, and why.
TARGET_FORM_LACKS: dict[str, str] = {
    SELF_EVALUATION_FIELDS: "a target form has no cell for it; self-evaluation tables are printed in their own layouts",
    "subject": "a target table evaluates nothing",
    "tasks.*": "the 年度主要任务 grid of a department's target table is not printed",
    "form_label remark funds.carryover funds.midterm_carryover": "not printed by the target forms",
}
