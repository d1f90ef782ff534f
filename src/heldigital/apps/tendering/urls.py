"""URLs of the tendering web pages (namespace ``tendering``).

Public: ``/notices/`` (board), ``/notices/feed.atom``, ``/notices/<ref>/`` with
``notice.xml``, ``package.zip`` and document downloads. Buyer: ``/buyer/...``.
"""

from django.urls import path

from heldigital.apps.tendering import notice_views, views

app_name = "tendering"

urlpatterns = [
    path("notices/", views.notice_board, name="board"),
    path("notices/feed.atom", views.feed, name="feed"),
    path("notices/<str:reference>/", views.notice, name="notice"),
    path("notices/<str:reference>/notice.xml", views.notice_xml, name="notice-xml"),
    path("notices/<str:reference>/package.zip", views.package, name="package"),
    path("notices/<str:reference>/espd-request.xml", views.espd_request, name="espd-request"),
    path(
        "notices/<str:reference>/documents/<int:document_id>/v<int:number>/",
        views.document,
        name="document",
    ),
    path("notices/<str:reference>/interest/", views.register_interest, name="interest"),
    path("notices/<str:reference>/questions/", views.ask_question, name="ask"),
    path("notifications/", views.notifications, name="notifications"),
    path(
        "notifications/<int:notification_id>/read/",
        views.read_notification,
        name="notification-read",
    ),
    path("buyer/procurements/new/", views.create, name="create"),
    path("buyer/procurements/<str:reference>/", views.manage, name="manage"),
    path("buyer/procurements/<str:reference>/edit/", views.edit, name="edit"),
    path("buyer/procurements/<str:reference>/notice/", views.notice_step, name="notice-step"),
    path("buyer/procurements/<str:reference>/questions/", views.questions, name="questions"),
    path("buyer/procurements/<str:reference>/add/<str:part>/", views.add_part, name="add"),
    path(
        "buyer/procurements/<str:reference>/remove/<str:part>/<int:key>/",
        views.remove_part,
        name="remove",
    ),
    path("buyer/procurements/<str:reference>/documents/", views.upload, name="upload"),
    path(
        "buyer/procurements/<str:reference>/documents/<int:document_id>/v<int:number>/",
        views.buyer_document,
        name="buyer-document",
    ),
    path("buyer/procurements/<str:reference>/publish/", views.publish, name="publish"),
    path(
        "buyer/procurements/<str:reference>/questions/<int:number>/answer/",
        views.answer,
        name="answer",
    ),
    path("buyer/procurements/<str:reference>/correct/", views.correct, name="correct"),
    path("buyer/procurements/<str:reference>/cancel/", views.cancel, name="cancel"),
    path(
        "buyer/procurements/<str:reference>/prior-information/",
        notice_views.prior_information,
        name="prior-information",
    ),
    path(
        "buyer/procurements/<str:reference>/english/",
        notice_views.english_texts,
        name="english-texts",
    ),
    path(
        "buyer/procurements/<str:reference>/award-notice/",
        notice_views.award_notice,
        name="award-notice",
    ),
]
