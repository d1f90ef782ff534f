from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrderingConfig(AppConfig):
    name = "heldigital.apps.ordering"
    label = "ordering"
    verbose_name = _("Ordering")

    def ready(self) -> None:
        # Catalogues, order responses and despatch advices that land in a buyer's inbox
        # are taken over by the ordering app (docs/ordering.md).
        from heldigital.apps.exchange import services as exchange
        from heldigital.apps.invoicing import services as invoicing
        from heldigital.apps.ordering import services

        exchange.on_received(services.on_document_received)
        # Invoices are matched against the orders sent and the goods received here.
        invoicing.set_order_source(services.order_source)
