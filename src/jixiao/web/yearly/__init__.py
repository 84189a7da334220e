"""The year after approval: a bureau's 运行监控 and 自评 tasks, each unit's reports with deadlines, the lights
and scores computed live by :mod:`jixiao.monitoring` and :mod:`jixiao.scoring`, and submit / return / approve."""
