from django.urls import path

from jixiao.web.yearly import views

app_name = "yearly"

urlpatterns = [
    path("", views.TodoView.as_view(), name="todo"),
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("tasks/", views.TaskListView.as_view(), name="task_list"),
    path("tasks/new/", views.TaskCreateView.as_view(), name="task_new"),
    path("reminders/", views.RemindersView.as_view(), name="reminders"),
    path("tasks/<int:pk>/", views.TaskView.as_view(), name="task"),
    path("tasks/<int:pk>/sample/", views.SampleDrawView.as_view(), name="sample_draw"),
    path("samples/<int:pk>/", views.SampleView.as_view(), name="sample"),
    path("samples/<int:pk>/items/<int:item>/", views.SampleItemView.as_view(), name="sample_item"),
    path("reports/<int:pk>/", views.ReportView.as_view(), name="report"),
    path("reports/<int:pk>/export.<str:fmt>", views.ReportExportView.as_view(), name="report_export"),
]
