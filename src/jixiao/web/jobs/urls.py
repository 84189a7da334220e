from django.urls import path

from jixiao.web.jobs import views

app_name = "jobs"

urlpatterns = [
    path("", views.JobListView.as_view(), name="job_list"),
    path("import/", views.ImportJobView.as_view(), name="import"),
    path("<int:pk>/", views.JobView.as_view(), name="job"),
    path("<int:pk>/status/", views.JobStatusView.as_view(), name="job_status"),
    path("<int:pk>/download/", views.JobDownloadView.as_view(), name="job_download"),
]
