"""``/api/organisations``: the part of the organisation tree the user reaches."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from jixiao.web.organisations.models import Organisation
from jixiao.web.organisations.scopes import is_admin, scopes_for

__all__ = ["router"]

router = Router(tags=["organisations"])


class OrganisationOut(Schema):
    id: int
    name: str
    code: str
    kind: str
    parent: int | None
    path: str


@router.get("", response=list[OrganisationOut], summary="Organisations you reach (and their ancestors)")
def list_organisations(request: HttpRequest) -> list[OrganisationOut]:
    return [
        OrganisationOut(id=o.pk, name=o.name, code=o.code, kind=o.kind, parent=o.parent_id, path=o.path)
        for o in visible_organisations(request.user)
    ]


def visible_organisations(user: object) -> list[Organisation]:
    """Every organisation under one of the user's memberships, plus the ancestors that place it in the tree."""
    everything = list(Organisation.objects.order_by("path"))
    if is_admin(user):
        return everything
    paths = [p for ps in scopes_for(user).values() for p in ps]
    return [o for o in everything if any(o.path.startswith(p) or p.startswith(o.path) for p in paths)]
