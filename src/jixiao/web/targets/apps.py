from django.apps import AppConfig


class TargetsConfig(AppConfig):
    name = "jixiao.web.targets"
    label = "targets"

    def ready(self) -> None:
        from jixiao.web.targets import permissions  # noqa: F401 - registers the rules predicates
