from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "heldigital.apps.exchange"
    label = "exchange"
    verbose_name = _("Document exchange")

    def ready(self) -> None:
        # Documents received from the Peppol network land in the inbox (when the access
        # point app is installed; without it only deliveries on the platform arrive).
        from heldigital.apps.exchange import services

        services.register_inbound_handler()
