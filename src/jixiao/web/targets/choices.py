from django.db import models
from django.utils.translation import gettext_lazy as _


class TableStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")  # 草稿
    UNIT_REVIEW = "unit_review", _("In unit review")  # 单位审核中 (送审 by the filer)
    DEPARTMENT_REVIEW = "department_review", _("In department review")  # 主管部门审核中
    SUBMITTED = "submitted", _("In finance review")  # 财政审核中 (the last level before 审核通过)
    RETURNED = "returned", _("Returned")  # 被退回
    APPROVED = "approved", _("Approved")  # 审核通过
    PUBLISHED = "published", _("Published")  # 已批复


class Severity(models.TextChoices):
    ERROR = "error", _("Error")
    WARNING = "warning", _("Warning")
    INFO = "info", _("Info")


EDITABLE_STATUSES = frozenset({TableStatus.DRAFT, TableStatus.RETURNED})
# the review levels in order: where a table waits, and who holds it (see ``targets.permissions``)
REVIEW_STATUSES = (TableStatus.UNIT_REVIEW, TableStatus.DEPARTMENT_REVIEW, TableStatus.SUBMITTED)
SETTLED_STATUSES = frozenset({TableStatus.APPROVED, TableStatus.PUBLISHED})
