from __future__ import annotations

from django.contrib import admin

from jixiao.web.accounts.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are issued with ``jixiao web-admin issue_token``; here they can be seen and revoked."""

    list_display = ("user", "name", "created", "last_used")
    readonly_fields = ("user", "digest", "created", "last_used")

    def has_add_permission(self, request: object) -> bool:
        return False
