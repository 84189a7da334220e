from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    CREATE = "create", _("Created")  # 新建 / 导入
    SAVE = "save", _("Saved")
    SUBMIT = "submit", _("Submitted")  # 送审
    WITHDRAW = "withdraw", _("Withdrawn")  # 撤回 (before anyone opened it)
    FORWARD = "forward", _("Passed on")  # 审核通过，报送上一级
    RETURN = "return", _("Returned")  # 退回
    APPROVE = "approve", _("Approved")  # 审核通过
    PUBLISH = "publish", _("Published")  # 批复
    ADJUST = "adjust", _("Adjustment started")  # 调整
    EXPLAIN = "explain", _("Error explained")  # 填报单位的说明
    WAIVE = "waive", _("Error waived")  # 审核人认可说明，不再阻止
