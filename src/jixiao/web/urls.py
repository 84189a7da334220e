from django.contrib import admin
from django.urls import include, path

from jixiao.web.api import api
from jixiao.web.targets.views import DashboardView

urlpatterns = [
    path("", DashboardView.as_view(), name="dashboard"),
    path("", include("jixiao.web.core.urls")),
    path("accounts/", include("jixiao.web.accounts.urls")),
    path("tables/", include("jixiao.web.targets.urls")),
    path("organisations/", include("jixiao.web.organisations.urls")),
    path("", include("jixiao.web.reviews.urls")),
    path("jobs/", include("jixiao.web.jobs.urls")),
    path("yearly/", include("jixiao.web.yearly.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
