from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "heldigital.platform.web"
    label = "web"

    def ready(self) -> None:
        from heldigital.platform import public_cache

        public_cache.connect_signals()
