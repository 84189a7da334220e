"""绩效运行监控: traffic lights on execution and indicator progress, and monitoring tables pre-filled from a
published target table.

>>> from jixiao.model import ExecutionLine
>>> from jixiao.monitoring import execution_light
>>> execution_light(ExecutionLine(label="合计", adjusted_budget="100", executed="30"), 9).colour.value
'red'

Framework-free: pure functions over :mod:`jixiao.model`, Decimal arithmetic (the helpers of
:mod:`jixiao.scoring.numbers`). Where the lights change colour is profile data (``profiles/national.toml``;
a user's TOML file with ``extends``). Every light explains itself in Chinese and English (``explain()``).
"""

from __future__ import annotations

from jixiao.monitoring.lights import Colour, Light, execution_light, indicator_light, on_track_colour
from jixiao.monitoring.periods import period_month
from jixiao.monitoring.prefill import execution_lines, lights_of, monitoring_table, with_rates
from jixiao.monitoring.profiles import (
    DEFAULT_MONITORING_PROFILE,
    MonitoringProfile,
    builtin_monitoring_profiles,
    load_monitoring_profile,
)
from jixiao.monitoring.selfeval import indicator_points, selfeval_table

__all__ = [
    "DEFAULT_MONITORING_PROFILE",
    "Colour",
    "Light",
    "MonitoringProfile",
    "builtin_monitoring_profiles",
    "execution_light",
    "execution_lines",
    "indicator_light",
    "indicator_points",
    "lights_of",
    "load_monitoring_profile",
    "monitoring_table",
    "on_track_colour",
    "period_month",
    "selfeval_table",
    "with_rates",
]
