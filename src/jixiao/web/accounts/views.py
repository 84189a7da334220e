"""Login (throttled), password change, the user's API tokens, sending again a form the lost session dropped,
and the administrators' user and role pages."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views import View

from jixiao.web.accounts.forms import ThrottledAuthenticationForm, TokenForm
from jixiao.web.accounts.management import (
    MembershipForm,
    NewUserForm,
    ProfileForm,
    SetPasswordForm,
    manageable_organisations,
    manageable_users,
)
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
        assert request.user.is_authenticated  # LoginRequiredMixin
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


class AdminRequiredMixin(LoginRequiredMixin):
    """Administrators only (403 for everyone else signed in)."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        from django.core.exceptions import PermissionDenied

        from jixiao.web.organisations.scopes import is_admin

        if request.user.is_authenticated and not is_admin(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class UserListView(AdminRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return self.page(request, NewUserForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = NewUserForm(request.POST)
        if not form.is_valid():
            return self.page(request, form, status=400)
        user = get_user_model().objects.create_user(
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
            first_name=form.cleaned_data["full_name"],
        )
        messages.success(request, _("User %(name)s created: now give them a role.") % {"name": user.username})
        return redirect("accounts:user", pk=user.pk)

    def page(self, request: HttpRequest, form: NewUserForm, *, status: int = 200) -> HttpResponse:
        users = manageable_users(request.user).order_by("username").prefetch_related("memberships__organisation")
        return render(request, "accounts/user_list.html", {"users": users, "form": form}, status=status)


class UserView(AdminRequiredMixin, View):
    """One user: name and whether they may log in, a new password, roles, and their recent logins."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        target = get_object_or_404(manageable_users(request.user), pk=pk)
        return self.page(request, target)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        target = get_object_or_404(manageable_users(request.user), pk=pk)
        which = request.POST.get("form", "")
        if which == "profile":
            profile = ProfileForm(request.POST)
            if not profile.is_valid():
                return self.page(request, target, profile=profile, status=400)
            if target == request.user and not profile.cleaned_data["is_active"]:
                messages.error(request, _("You cannot lock yourself out."))
                return self.page(request, target, profile=profile, status=400)
            target.first_name = profile.cleaned_data["full_name"]
            target.is_active = profile.cleaned_data["is_active"]
            target.save(update_fields=["first_name", "is_active"])
            messages.success(request, _("Saved."))
        elif which == "password":
            password = SetPasswordForm(request.POST, user=target)
            if not password.is_valid():
                return self.page(request, target, password=password, status=400)
            target.set_password(password.cleaned_data["password"])
            target.save(update_fields=["password"])
            messages.success(request, _("The password was set; the user's other sessions have ended."))
        elif which == "role":
            role = MembershipForm(request.POST, admin=request.user)
            if not role.is_valid():
                return self.page(request, target, role=role, status=400)
            from jixiao.web.organisations.models import Membership

            Membership.objects.get_or_create(
                user=target, organisation=role.cleaned_data["organisation"], role=role.cleaned_data["role"]
            )
            messages.success(request, _("Role given."))
        else:
            return self.page(request, target, status=400)
        return redirect("accounts:user", pk=target.pk)

    def page(self, request: HttpRequest, target: Any, *, status: int = 200, **forms: Any) -> HttpResponse:
        from jixiao.web.accounts.models import LoginAttempt

        organisations = manageable_organisations(request.user)
        context = {
            "target": target,
            "profile": forms.get("profile")
            or ProfileForm(initial={"full_name": target.first_name, "is_active": target.is_active}),
            "password": forms.get("password") or SetPasswordForm(user=target),
            "role": forms.get("role") or MembershipForm(admin=request.user),
            "memberships": target.memberships.select_related("organisation").order_by("organisation__path"),
            "manageable": set(organisations.values_list("pk", flat=True)),
            "logins": LoginAttempt.objects.filter(username__iexact=target.username)[:20],
        }
        return render(request, "accounts/user.html", context, status=status)


class MembershipRemoveView(AdminRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int, membership: int) -> HttpResponse:
        from jixiao.web.organisations.models import Membership

        target = get_object_or_404(manageable_users(request.user), pk=pk)
        held = get_object_or_404(
            Membership, pk=membership, user=target, organisation__in=manageable_organisations(request.user)
        )
        held.delete()
        messages.success(request, _("Role removed."))
        return redirect("accounts:user", pk=target.pk)
