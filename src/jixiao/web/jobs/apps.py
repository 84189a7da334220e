from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "jixiao.web.jobs"
    label = "jobs"
    verbose_name = "jixiao background jobs"
