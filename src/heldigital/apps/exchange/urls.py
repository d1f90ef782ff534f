"""URLs of the document exchange pages (namespace ``exchange``)."""

from django.urls import path

from heldigital.apps.exchange import views

app_name = "exchange"

urlpatterns = [
    path("exchange/inbox/", views.inbox, name="inbox"),
    path("exchange/outbox/", views.outbox, name="outbox"),
    path("exchange/send/", views.send, name="send"),
    path("exchange/<uuid:document_id>/", views.document, name="document"),
    path("exchange/<uuid:document_id>/download/", views.download, name="download"),
    path(
        "exchange/<uuid:document_id>/download/sbdh/",
        views.download,
        {"part": "sbdh"},
        name="download-sbdh",
    ),
]
