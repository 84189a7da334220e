"""The workflow log's side of the table services' signals."""

from __future__ import annotations

from typing import Any

from jixiao.web.reviews.choices import Action
from jixiao.web.reviews.workflow import log_transition
from jixiao.web.targets.choices import TableStatus

__all__ = ["log_new_version"]


def log_new_version(sender: Any, *, table: Any, user: Any, reason: str, adjusted: bool, **kwargs: Any) -> None:
    """A created (导入/新建) or adjusted (调整) version starts its log as a draft."""
    log_transition(table, Action.ADJUST if adjusted else Action.CREATE, "", TableStatus.DRAFT, user, reason)
