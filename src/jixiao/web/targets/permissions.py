"""Who may do what to a target table: one policy, read both as a queryset filter and as ``rules`` predicates.

* A filer (填报人) sees its own unit's tables and edits them only while they are draft or returned.
* A unit approver (单位负责人) sees its unit's tables, may submit them, and holds the first review level
  (单位审核): returns a submitted table to the filer or passes it on.
* A department reviewer (主管部门审核人) sees every unit under its department and holds the second level
  (主管部门审核, only where the tree has a department above the unit): returns or passes on.
* A finance reviewer (财政审核人) sees every unit under its bureau, returns or approves tables in finance
  review (财政审核), publishes approved ones (批复), and never edits content.
* The filer (or the unit approver) withdraws (撤回) a submission nobody has opened yet; the workflow checks
  "not yet opened", the policy the status.
* An analyst (分析员) reads published tables only.
* An administrator holds every role everywhere; the status rules still apply (nobody edits a submitted table).

Roles reach down the tree: a membership in an organisation covers every organisation below it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

import rules
from jixiao.web.organisations.choices import Role
from jixiao.web.organisations.scopes import is_admin, scopes_for
from jixiao.web.targets.choices import TableStatus

__all__ = ["ACTIONS", "LEVEL_ACTION", "POLICY", "allowed", "restriction_q"]


@dataclass(frozen=True)
class Grant:
    roles: frozenset[str]
    statuses: frozenset[str] | None = None  # None: any status
    current_only: bool = False  # only the newest version of a project may change


_ANY_UNIT_ROLE = frozenset({Role.FILER, Role.APPROVER, Role.DEPARTMENT_REVIEWER, Role.REVIEWER})
_EDITABLE = frozenset({TableStatus.DRAFT, TableStatus.RETURNED})

POLICY: dict[str, tuple[Grant, ...]] = {
    "view": (Grant(_ANY_UNIT_ROLE), Grant(frozenset({Role.ANALYST}), frozenset({TableStatus.PUBLISHED}))),
    "change": (Grant(frozenset({Role.FILER}), _EDITABLE, current_only=True),),
    "submit": (Grant(frozenset({Role.FILER, Role.APPROVER}), _EDITABLE, current_only=True),),
    "withdraw": (
        Grant(frozenset({Role.FILER, Role.APPROVER}), frozenset({TableStatus.UNIT_REVIEW}), current_only=True),
    ),
    # the three review levels: return with comments, pass on (or approve at the last), waive an explained error
    "unit_review": (Grant(frozenset({Role.APPROVER}), frozenset({TableStatus.UNIT_REVIEW}), current_only=True),),
    "department_review": (
        Grant(frozenset({Role.DEPARTMENT_REVIEWER}), frozenset({TableStatus.DEPARTMENT_REVIEW}), current_only=True),
    ),
    "review": (Grant(frozenset({Role.REVIEWER}), frozenset({TableStatus.SUBMITTED})),),
    "publish": (Grant(frozenset({Role.REVIEWER}), frozenset({TableStatus.APPROVED})),),
    "adjust": (
        Grant(frozenset({Role.FILER}), frozenset({TableStatus.APPROVED, TableStatus.PUBLISHED}), current_only=True),
    ),
    "create": (Grant(frozenset({Role.FILER})),),  # creating drafts (import, API) for a unit the filer belongs to
}
ACTIONS = tuple(POLICY)
# the review level a table waits at → the action that holds it
LEVEL_ACTION: dict[str, str] = {
    TableStatus.UNIT_REVIEW: "unit_review",
    TableStatus.DEPARTMENT_REVIEW: "department_review",
    TableStatus.SUBMITTED: "review",
}


def restriction_q(
    user: Any,
    action: str,
    *,
    path: str = "unit__path",
    status: str | None = "status",
    current: str | None = "is_current",
) -> Q:
    """The filter for ``action``. The lookups name the model's route to the tree, its status and currency."""
    scopes = _scopes(user)
    combined: Q | None = None
    for grant in POLICY[action]:
        paths = sorted({p for role in grant.roles for p in scopes.get(role, ())})
        if not paths:
            continue
        q = Q(pk__isnull=False)  # everywhere (administrators hold "/")
        if "/" not in paths:
            q = Q(**{f"{path}__startswith": paths[0]})
            for p in paths[1:]:
                q |= Q(**{f"{path}__startswith": p})
        if grant.statuses is not None and status is not None:
            q &= Q(**{f"{status}__in": sorted(grant.statuses)})
        if grant.current_only and current is not None:
            q &= Q(**{current: True})
        combined = q if combined is None else combined | q
    return combined if combined is not None else Q(pk__in=[])


def allowed(user: Any, action: str, table: Any) -> bool:
    """The same policy for one table object (no query beyond the cached scopes)."""
    if user is None or not user.is_authenticated:
        return False
    scopes = _scopes(user)
    unit_path = table.unit.path
    for grant in POLICY[action]:
        if grant.statuses is not None and table.status not in grant.statuses:
            continue
        if grant.current_only and not table.is_current:
            continue
        if any(unit_path.startswith(p) for role in grant.roles for p in scopes.get(role, ())):
            return True
    return False


def can_create_in(user: Any, unit: Any) -> bool:
    """May ``user`` create drafts for ``unit`` (import, API)?"""
    return any(unit.path.startswith(p) for p in _scopes(user).get(Role.FILER, ()))


def _scopes(user: Any) -> dict[str, tuple[str, ...]]:
    if is_admin(user):
        return {role: ("/",) for role in Role.values}
    return scopes_for(user)


def _predicate(action: str) -> Any:
    @rules.predicate(name=f"jixiao_{action}")
    def check(user: Any, table: Any = None) -> bool:
        return table is not None and allowed(user, action, table)

    return check


for _action in ACTIONS:
    rules.set_perm(f"targets.{_action}_targettable", _predicate(_action))
