"""The login form with throttling, and the form that issues an API token."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from jixiao.web.accounts import throttle
from jixiao.web.accounts.models import LoginAttempt

__all__ = ["ThrottledAuthenticationForm", "TokenForm"]


class ThrottledAuthenticationForm(AuthenticationForm):
    """Refuses while the account or the address is locked, before the password is even checked."""

    error_messages = {  # noqa: RUF012 (Django reads it from the class)
        **AuthenticationForm.error_messages,
        "locked": _(
            "Too many failed logins for this account or from this address: logging in is refused until "
            "%(until)s. Ask an administrator if you have forgotten your password."
        ),
    }

    def clean(self) -> dict[str, Any]:
        username = (self.cleaned_data.get("username") or "").strip()
        until = throttle.locked_until(username, throttle.client_address(self.request))
        if until is not None:
            throttle.record(self.request, username, LoginAttempt.Outcome.LOCKED)
            shown = formats.time_format(timezone.localtime(until), "H:i")
            raise ValidationError(self.error_messages["locked"], code="locked", params={"until": shown})
        try:
            cleaned = super().clean()
        except ValidationError:
            throttle.record(self.request, username, LoginAttempt.Outcome.FAILURE)
            raise
        throttle.record(self.request, username, LoginAttempt.Outcome.SUCCESS)
        return cleaned


class TokenForm(forms.Form):
    name = forms.CharField(label=_("What the token is for"), max_length=100, required=False)
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=366, initial=90)
