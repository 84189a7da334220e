from django.urls import path

from jixiao.web.targets import views

app_name = "targets"

urlpatterns = [
    path("", views.TargetTableListView.as_view(), name="targettable_list"),
    path("import/", views.TargetTableImportView.as_view(), name="targettable_import"),
    path("new/", views.TargetTableCreateView.as_view(), name="targettable_new"),
    path("export.json", views.TargetTableExportView.as_view(), name="targettable_export_selection"),
    path("export/", views.TargetTableDownloadView.as_view(), name="targettable_download_selection"),
    path("bound/", views.DepartmentYearExportView.as_view(), name="targettable_bound"),
    path("<int:pk>/", views.TargetTableView.as_view(), name="targettable"),
    path("<int:pk>/edit/", views.TargetTableEditView.as_view(), name="targettable_edit"),
    path("<int:pk>/check/", views.TargetTableCheckView.as_view(), name="targettable_check"),
    path("<int:pk>/history/", views.TargetTableHistoryView.as_view(), name="targettable_history"),
    path("<int:pk>/diff/", views.TargetTableDiffView.as_view(), name="targettable_diff"),
    path("<int:pk>/export.json", views.TargetTableExportView.as_view(), name="targettable_export"),
    path("<int:pk>/export/", views.TargetTableDownloadView.as_view(), name="targettable_download"),
]
