from django.contrib.auth import views as auth_views
from django.urls import path

from jixiao.web.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("me/", views.ProfileView.as_view(), name="profile"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("tokens/<int:pk>/revoke/", views.TokenRevokeView.as_view(), name="token_revoke"),
    path("resubmit/", views.ResubmitView.as_view(), name="resubmit"),
    path("users/", views.UserListView.as_view(), name="user_list"),
    path("users/<int:pk>/", views.UserView.as_view(), name="user"),
    path(
        "users/<int:pk>/roles/<int:membership>/remove/", views.MembershipRemoveView.as_view(), name="membership_remove"
    ),
]
