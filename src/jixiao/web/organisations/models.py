"""Organisations in a tree (财政部门 → 主管部门 → 单位) and the roles users hold in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jixiao.web.core.models import TrackedModel
from jixiao.web.organisations.choices import OrganisationKind, Role
from jixiao.web.organisations.layouts import DEFAULT_LAYOUT, validate_layout

__all__ = ["Membership", "Organisation"]


class Organisation(TrackedModel):
    """One node of the tree. ``path`` ("/3/7/12/") makes "everything under a bureau" one indexed prefix match."""

    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(_("code"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    # the printed form its tables are exported in; empty: the layout of the organisation above, else national
    layout = models.CharField(
        _("layout"),
        max_length=32,
        blank=True,
        default="",
        validators=[validate_layout],
        help_text=_("Empty: the layout of the organisation above."),
    )

    class Meta:
        ordering = ("path",)
        constraints = (
            models.UniqueConstraint(fields=["parent", "name"], name="%(app_label)s_%(class)s_unique_parent_name"),
        )

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()

    def save(self, *args: object, **kwargs: object) -> None:
        super().save(*args, **kwargs)  # type: ignore[arg-type]
        path = f"{self.parent.path if self.parent else '/'}{self.pk}/"
        if path != self.path:
            self.path = path
            type(self).objects.filter(pk=self.pk).update(path=path)

    def ancestors(self) -> list[Organisation]:
        ids = [int(part) for part in self.path.strip("/").split("/") if part]
        by_id = {o.pk: o for o in Organisation.objects.filter(pk__in=ids)}
        return [by_id[i] for i in ids if i in by_id]

    def effective_layout(self, ancestors: list[Organisation] | None = None) -> str:
        """The layout set here or on the nearest organisation above, else the national one."""
        chain = ancestors if ancestors is not None else self.ancestors()
        return next((o.layout for o in reversed(chain) if o.layout), DEFAULT_LAYOUT)


class Membership(TrackedModel):
    """A user's role in one organisation; the role reaches every organisation below it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="%(app_label)s_%(class)s_unique_user_organisation_role"
            ),
        )

    def __str__(self) -> str:
        return f"{self.user} {self.get_role_display()} @ {self.organisation}"
