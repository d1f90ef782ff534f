from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "heldigital.platform.web"
    label = "web"
