from django.apps import AppConfig


class TargetsConfig(AppConfig):
    name = "jixiao.web.targets"
    label = "targets"

    def ready(self) -> None:
        from jixiao.web.core.policy import register
        from jixiao.web.targets import permissions  # also registers the rules predicates

        register(permissions)
