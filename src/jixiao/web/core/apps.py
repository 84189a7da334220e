from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jixiao.web.core"
    label = "core"
    verbose_name = "jixiao core"
