from django.apps import AppConfig


class YearlyConfig(AppConfig):
    name = "jixiao.web.yearly"
    label = "yearly"
    verbose_name = "jixiao monitoring and self-evaluation"

    def ready(self) -> None:
        from jixiao.web.yearly import jobs  # noqa: F401  (registers the report export and reminders jobs)
