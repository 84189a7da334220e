from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "jixiao.web.reviews"
    label = "reviews"
