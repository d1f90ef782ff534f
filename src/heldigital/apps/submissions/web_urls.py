"""URLs of the supplier's tender pages (namespace ``submissions``)."""

from django.urls import path

from heldigital.apps.submissions import espd_web, web

app_name = "submissions"

urlpatterns = [
    path("supplier/tenders/<str:reference>/", web.tender, name="tender"),
    path("supplier/tenders/<str:reference>/files/", web.upload, name="upload"),
    path("supplier/tenders/<str:reference>/submit/", web.submit, name="submit"),
    path("supplier/tenders/<str:reference>/withdraw/", web.withdraw, name="withdraw"),
    path("supplier/tenders/<str:reference>/change/", web.change, name="change"),
    path("supplier/tenders/<str:reference>/discard/", web.discard, name="discard"),
    path("supplier/tenders/<str:reference>/espd/", espd_web.espd_form_view, name="espd"),
    path(
        "supplier/tenders/<str:reference>/espd/import/",
        espd_web.espd_import,
        name="espd-import",
    ),
    path(
        "supplier/tenders/<str:reference>/files/<uuid:file_id>/remove/",
        web.remove_file,
        name="remove-file",
    ),
    path(
        "supplier/receipts/<uuid:tender_id>.pdf",
        web.receipt_download,
        {"fmt": "pdf"},
        name="receipt-pdf",
    ),
    path(
        "supplier/receipts/<uuid:tender_id>.xml",
        web.receipt_download,
        {"fmt": "xml"},
        name="receipt-xml",
    ),
]
