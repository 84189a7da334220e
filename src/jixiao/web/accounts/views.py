"""Login (throttled), password change, the user's API tokens, and sending again a form the lost session dropped."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views import View

from jixiao.web.accounts.forms import ThrottledAuthenticationForm, TokenForm
from jixiao.web.accounts.models import ApiToken
from jixiao.web.core.middleware import RESUBMIT_KEY


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = ThrottledAuthenticationForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["form_kept"] = RESUBMIT_KEY in self.request.session
        return context


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form: Any) -> HttpResponse:
        messages.success(self.request, _("Your password was changed."))
        return super().form_valid(form)


class ProfileView(LoginRequiredMixin, View):
    """The user's own page: password, and API tokens issued (the key shown once) and revoked by their owner."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.page(request, TokenForm(initial={"days": settings.JIXIAO_TOKEN_DAYS}))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = TokenForm(request.POST)
        if not form.is_valid():
            return self.page(request, form, status=400)
        token, key = ApiToken.issue(request.user, form.cleaned_data["name"], days=form.cleaned_data["days"])
        return self.page(request, TokenForm(initial={"days": settings.JIXIAO_TOKEN_DAYS}), new_key=key, new=token)

    def page(self, request: HttpRequest, form: TokenForm, *, status: int = 200, **extra: Any) -> HttpResponse:
        tokens = list(ApiToken.objects.filter(user=request.user))
        context = {"form": form, "tokens": tokens, **extra}
        response = render(request, "accounts/profile.html", context, status=status)
        response["Cache-Control"] = "no-store"  # the new key is on this page once
        return response


class TokenRevokeView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        token = get_object_or_404(ApiToken, pk=pk, user=request.user)  # another user's token: not found
        token.revoke()
        messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name or token.pk})
        return redirect("accounts:profile")


class ResubmitView(LoginRequiredMixin, View):
    """The form kept when the session ended, as hidden fields that post to where it was going (once confirmed)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        kept = request.session.pop(RESUBMIT_KEY, None)
        if not kept:
            return redirect(settings.LOGIN_REDIRECT_URL)
        return render(request, "accounts/resubmit.html", {"kept": kept})
