from django.urls import path

from jixiao.web.core import views_misc

app_name = "core"

urlpatterns = [
    path("healthz", views_misc.healthz, name="healthz"),
    path("bare", views_misc.bare, name="bare"),
]
