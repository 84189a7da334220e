"""Administrators manage the tree, users' roles and tokens in Django's admin (with change history)."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from jixiao.web.organisations.layouts import layout_choices
from jixiao.web.organisations.models import Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ("user",)


class OrganisationForm(forms.ModelForm):
    """The layout chosen from the writers' registry (not a fixed list: a new layout module appears here)."""

    layout = forms.TypedChoiceField(
        label=_("layout"), required=False, choices=lambda: [("", "—"), *layout_choices()], empty_value=""
    )

    class Meta:
        model = Organisation
        fields = "__all__"


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    form = OrganisationForm
    list_display = ("name", "code", "kind", "parent", "layout", "path")
    list_filter = ("kind",)
    search_fields = ("name", "code")
    ordering = ("path",)
    readonly_fields = ("path",)
    inlines = (MembershipInline,)


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ("user", "role", "organisation")
    list_filter = ("role",)
    search_fields = ("user__username", "organisation__name")
    autocomplete_fields = ("user", "organisation")
