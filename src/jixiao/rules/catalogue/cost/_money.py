"""Money formatting shared by the cost rules."""

from __future__ import annotations

from jixiao.rules._facts import TableFacts


def show(yuan: float, tbl: TableFacts) -> str:
    """An amount in 元 shown in the table's money unit (``3万元`` / ``1000元``)."""
    unit = (tbl.table.money_unit or "元").strip() or "元"
    factor = tbl.money_factor or 1.0
    amount = yuan / factor
    text = f"{amount:,.2f}".rstrip("0").rstrip(".")
    return f"{text}{unit if unit != '万' else '万元'}"
