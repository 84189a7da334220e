from django.db import models
from django.utils.translation import gettext_lazy as _


class TableStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")  # 草稿
    SUBMITTED = "submitted", _("Submitted")  # 已送审
    RETURNED = "returned", _("Returned")  # 被退回
    APPROVED = "approved", _("Approved")  # 审核通过
    PUBLISHED = "published", _("Published")  # 已批复


class Severity(models.TextChoices):
    ERROR = "error", _("Error")
    WARNING = "warning", _("Warning")
    INFO = "info", _("Info")


EDITABLE_STATUSES = frozenset({TableStatus.DRAFT, TableStatus.RETURNED})
SETTLED_STATUSES = frozenset({TableStatus.APPROVED, TableStatus.PUBLISHED})
