from django.urls import path

from jixiao.web.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.OrganisationListView.as_view(), name="organisation_list"),
]
