from django.urls import path

from jixiao.web.reviews import views

app_name = "reviews"

urlpatterns = [
    path("tables/<int:pk>/review/", views.TargetTableReviewView.as_view(), name="targettable_review"),
    path("tables/<int:pk>/do/<str:action>/", views.TransitionView.as_view(), name="targettable_transition"),
    path("tables/<int:pk>/findings/notes/", views.FindingNotesView.as_view(), name="finding_notes"),
    path("reviews/queue/", views.ReviewQueueView.as_view(), name="queue"),
    path("tables/bulk-approve/", views.BulkApproveView.as_view(), name="targettable_bulk_approve"),
    path("comments/<int:pk>/resolve/", views.CommentResolveView.as_view(), name="reviewcomment_resolve"),
]
