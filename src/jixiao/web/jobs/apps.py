from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "jixiao.web.jobs"
    label = "jobs"
    verbose_name = "jixiao background jobs"

    def ready(self) -> None:
        from jixiao.web.jobs import exports  # noqa: F401  (registers the export runner)
