from __future__ import annotations

from django.contrib import admin

from jixiao.web.accounts.models import ApiToken, LoginAttempt


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are issued by their owners (their own page) or ``jixiao web-admin issue_token``; here seen and revoked."""

    list_display = ("user", "name", "created", "expires", "last_used", "revoked")
    readonly_fields = ("user", "digest", "created", "last_used")

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(LoginAttempt)
class LoginAttemptAdmin(admin.ModelAdmin):
    """The login history: read only."""

    list_display = ("at", "username", "address", "outcome")
    list_filter = ("outcome",)
    search_fields = ("username", "address")

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
