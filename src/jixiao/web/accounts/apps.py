from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jixiao.web.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from jixiao.web.core.middleware import session_seen_at_login

        user_logged_in.connect(session_seen_at_login, dispatch_uid="jixiao_session_seen_at_login")
