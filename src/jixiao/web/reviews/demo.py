"""The demo site: the four sample regions' organisation trees, their documents as drafts, and demo users.

The units come from the documents themselves (unit code and name as printed); only the finance bureau and
the 医疗保障局 above each sample's units are named here, because the samples do not print them.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from jixiao.model import Document
from jixiao.web.organisations.choices import OrganisationKind, Role
from jixiao.web.organisations.models import Membership, Organisation

__all__ = ["REGIONS", "DemoUser", "build_tree", "load_demo", "units_of"]


@dataclass(frozen=True)
class Region:
    sample_prefix: str  # the sample file's number
    slug: str
    finance_bureau: str
    department: str
    department_code: str
    layout: str  # the printed form the region's tables use (a name of the writers' registry)


REGIONS = (
    Region("000", "tianjin", "天津市滨海新区财政局", "天津市滨海新区医疗保障局", "382", "tianjin"),
    Region("001", "lulong", "卢龙县财政局", "卢龙县医疗保障局", "450", "lulong"),
    Region("002", "luan", "六安市财政局", "六安市医疗保障局", "", "luan"),
    Region("003", "changshou", "重庆市长寿区财政局", "重庆市长寿区医疗保障局", "306", "chongqing"),
)


@dataclass
class DemoUser:
    username: str
    password: str
    role: str
    organisation: str


def units_of(document: Document) -> list[tuple[str, str]]:
    """(code, name) of every unit the document's tables name, in order of appearance."""
    seen: dict[tuple[str, str], None] = {}
    for table in document.tables:
        name = table.unit_name or table.implementing_unit or ""
        if name:
            seen.setdefault((table.unit_code or "", name), None)
    return list(seen)


def _org(name: str, kind: str, parent: Organisation | None, code: str = "") -> Organisation:
    org, _created = Organisation.objects.get_or_create(parent=parent, name=name, defaults={"kind": kind, "code": code})
    return org


def build_tree(region: Region, document: Document) -> tuple[Organisation, list[Organisation]]:
    bureau = _org(region.finance_bureau, OrganisationKind.FINANCE, None)
    if not bureau.layout:  # set once; an administrator's later choice stays
        bureau.layout = region.layout
        bureau.save()
    department = _org(region.department, OrganisationKind.DEPARTMENT, bureau, region.department_code)
    units = [_org(name, OrganisationKind.UNIT, department, code) for code, name in units_of(document)]
    return bureau, units


def _user(username: str, role: str, org: Organisation, made: list[DemoUser], **extra: Any) -> object:
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        password = secrets.token_urlsafe(9)
        user = User.objects.create_user(username=username, password=password, **extra)
        made.append(DemoUser(username, password, role, org.name))
    Membership.objects.get_or_create(user=user, organisation=org, role=role)
    return user


@transaction.atomic
def load_demo(samples: list[Path], *, year: int, parse: Callable[[Path], Document]) -> list[DemoUser]:
    """Create the tree, users and drafts; returns the users created now (with their one-time passwords)."""
    from jixiao.web.targets.services import create_version

    made: list[DemoUser] = []
    bureaus = []
    for path in samples:
        region = next((r for r in REGIONS if path.name.startswith(r.sample_prefix)), None)
        if region is None:
            continue
        document = parse(path)
        bureau, units = build_tree(region, document)
        bureaus.append(bureau)
        reviewer = _user(f"reviewer-{region.slug}", Role.REVIEWER, bureau, made)
        loaded: list[object] = []
        filers = {}
        for i, unit in enumerate(units, start=1):
            filers[unit.pk] = _user(f"filer-{region.slug}-{unit.code or i}", Role.FILER, unit, made)
            _user(f"approver-{region.slug}-{unit.code or i}", Role.APPROVER, unit, made)
        from jixiao.web.targets.services import resolve_unit

        if Organisation.objects.filter(parent__parent=bureau, projects__isnull=False).exists():
            continue  # documents already loaded
        for table in document.tables:
            owner = resolve_unit(table, units, units[0] if units else None)
            if owner is None:
                continue
            created = create_version(core=table, unit=owner, year=table.year or year, user=filers[owner.pk],
                                     source_name=path.name, source_format=document.source.format, reason="demo data")  # fmt: skip
            _advance(created, position=len(loaded), filer=filers[owner.pk], reviewer=reviewer)
            loaded.append(created)
    for bureau in bureaus:
        _user("analyst", Role.ANALYST, bureau, made)
    User = get_user_model()
    if not User.objects.filter(username="admin").exists():
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username="admin", password=password, email="")
        made.append(DemoUser("admin", password, Role.ADMIN, "*"))
    return made


def _advance(table: object, *, position: int, filer: object, reviewer: object) -> None:
    """Spread the demo over the workflow: every other table submitted, the first one approved and published."""
    from jixiao.web.reviews.workflow import WorkflowError, apply

    try:
        if position % 2 == 0:
            apply(table, "submit", filer, remark="demo")  # type: ignore[arg-type]
        if position == 0:
            apply(table, "approve", reviewer, remark="demo")  # type: ignore[arg-type]
            apply(table, "publish", reviewer, remark="demo")  # type: ignore[arg-type]
    except WorkflowError:
        pass  # a sample table with errors stays a draft, as it would in real life
