"""Users and their roles, managed in the app by administrators (the role ``admin`` or a superuser).

An administrator holding the role in part of the tree manages the organisations under it, the users who
hold a role there and users who hold none yet; superusers manage everything, and only superusers touch
superusers. Every change to a membership is on record (django-simple-history, with the acting user).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from jixiao.web.organisations.choices import Role
from jixiao.web.organisations.models import Membership, Organisation
from jixiao.web.organisations.scopes import is_admin, scopes_for

__all__ = [
    "MembershipForm",
    "NewUserForm",
    "ProfileForm",
    "SetPasswordForm",
    "manageable_organisations",
    "manageable_users",
]


def _admin_paths(admin: Any) -> list[str] | None:
    """The tree paths an administrator manages (``None``: everything)."""
    if admin.is_superuser:
        return None
    return list(scopes_for(admin).get(Role.ADMIN, ()))


def manageable_organisations(admin: Any) -> QuerySet[Organisation]:
    if not is_admin(admin):
        return Organisation.objects.none()
    paths = _admin_paths(admin)
    if paths is None:
        return Organisation.objects.all()
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(path__startswith=path)
    return Organisation.objects.filter(q)


def manageable_users(admin: Any) -> QuerySet[Any]:
    users = get_user_model().objects.all()
    if not is_admin(admin):
        return users.none()
    if admin.is_superuser:
        return users
    within = Membership.objects.filter(organisation__in=manageable_organisations(admin)).values("user_id")
    return users.filter(is_superuser=False).filter(Q(pk__in=within) | Q(memberships__isnull=True)).distinct()


class NewUserForm(forms.Form):
    username = forms.RegexField(label=_("User name"), max_length=150, regex=r"^[\w.@+-]+$")
    full_name = forms.CharField(label=_("Full name"), max_length=150, required=False)
    password = forms.CharField(label=_("Initial password"), widget=forms.PasswordInput, strip=False)

    def clean_username(self) -> str:
        name: str = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=name).exists():
            raise forms.ValidationError(_("This user name is taken."))
        return name

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("password"):
            user = get_user_model()(username=cleaned.get("username", ""), first_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(cleaned["password"], user)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return cleaned


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150, required=False)
    is_active = forms.BooleanField(label=_("May log in"), required=False)


class SetPasswordForm(forms.Form):
    password = forms.CharField(label=_("New password"), widget=forms.PasswordInput, strip=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        password_validation.validate_password(password, self.user)
        return password


class MembershipForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    def __init__(self, *args: Any, admin: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = manageable_organisations(admin).order_by("path")  # type: ignore[attr-defined]
