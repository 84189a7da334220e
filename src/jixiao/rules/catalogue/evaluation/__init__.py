"""Self-evaluation (绩效自评) rules: scores, totals, grades, execution rates and the 自评预警, read from the
table as printed and from :mod:`jixiao.scoring` (which recomputes them under the rule profile's
``[scoring] profile``). They read only ``kind = "self_evaluation"`` tables."""
