from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "jixiao.web.reviews"
    label = "reviews"

    def ready(self) -> None:
        from jixiao.web.reviews.receivers import log_new_version
        from jixiao.web.targets.signals import version_created

        version_created.connect(log_new_version, dispatch_uid="reviews.log_new_version")
