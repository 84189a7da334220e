from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    FINANCE = "finance", _("Finance bureau")  # 财政部门
    DEPARTMENT = "department", _("Competent department")  # 主管部门
    UNIT = "unit", _("Budget unit")  # 单位


class Role(models.TextChoices):
    FILER = "filer", _("Filer")  # 填报人
    APPROVER = "approver", _("Unit approver")  # 单位负责人
    DEPARTMENT_REVIEWER = "department_reviewer", _("Department reviewer")  # 主管部门审核人
    REVIEWER = "reviewer", _("Finance reviewer")  # 财政审核人
    ANALYST = "analyst", _("Analyst")  # 分析员 (read-only)
    ADMIN = "admin", _("Administrator")
