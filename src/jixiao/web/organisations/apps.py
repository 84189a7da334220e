from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "jixiao.web.organisations"
    label = "organisations"
