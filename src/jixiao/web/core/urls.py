from django.urls import path

from jixiao.web.core import views_misc
from jixiao.web.targets.views import DashboardView

app_name = "core"

urlpatterns = [
    path("", DashboardView.as_view(), name="dashboard"),
    path("healthz", views_misc.healthz, name="healthz"),
    path("bare", views_misc.bare, name="bare"),
]
