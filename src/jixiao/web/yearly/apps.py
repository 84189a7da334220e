from django.apps import AppConfig


class YearlyConfig(AppConfig):
    name = "jixiao.web.yearly"
    label = "yearly"
    verbose_name = "jixiao monitoring and self-evaluation"
