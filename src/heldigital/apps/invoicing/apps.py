from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvoicingConfig(AppConfig):
    name = "heldigital.apps.invoicing"
    label = "invoicing"
    verbose_name = _("Invoicing")

    def ready(self) -> None:
        # Invoices and credit notes that land in an organisation's exchange inbox are
        # received here, once each (docs/payments.md, "From the exchange").
        from heldigital.apps.invoicing import services

        services.register_exchange_handler()
