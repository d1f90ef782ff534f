"""URLs of the evaluation web pages (namespace ``evaluation``)."""

from django.urls import path

from heldigital.apps.evaluation import views

app_name = "evaluation"

urlpatterns = [
    path("buyer/procurements/<str:reference>/opening/", views.opening, name="opening"),
    path(
        "buyer/procurements/<str:reference>/opening-record.pdf",
        views.opening_record_pdf,
        name="opening-record-pdf",
    ),
    path("buyer/procurements/<str:reference>/tenders/", views.tenders, name="tenders"),
    path(
        "buyer/procurements/<str:reference>/qualification/",
        views.qualification,
        name="qualification",
    ),
    path("buyer/procurements/<str:reference>/assessment/", views.assessment, name="assessment"),
    path("buyer/procurements/<str:reference>/award/", views.award, name="award"),
    path("buyer/procurements/<str:reference>/contract/", views.contract, name="contract"),
    # The old one-page evaluation: redirects to the current step's page.
    path("buyer/procurements/<str:reference>/evaluation/", views.overview, name="overview"),
    path("buyer/procurements/<str:reference>/evaluation/<str:action>/", views.act, name="act"),
    path(
        "buyer/procurements/<str:reference>/letters/<int:letter_id>.pdf",
        views.buyer_letter,
        name="buyer-letter",
    ),
    path("buyer/procurements/<str:reference>/protocol-report/", views.report, name="report"),
    path(
        "buyer/procurements/<str:reference>/protocol-report.pdf",
        views.report_pdf,
        name="report-pdf",
    ),
    path("contracts/<uuid:contract_id>.pdf", views.contract_pdf, name="contract-pdf"),
    path("supplier/letters/", views.my_letters, name="my-letters"),
    path("supplier/letters/<int:letter_id>.pdf", views.my_letter, name="my-letter"),
    path("supplier/letters/act/<str:action>/", views.supplier_act, name="supplier-act"),
]
