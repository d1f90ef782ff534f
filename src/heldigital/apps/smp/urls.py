"""The SMP REST interface at the root of the site, the business card and the statistics page.

The SMP patterns match only paths with ``::`` in their first segment (a
``scheme::value`` participant identifier), which no page of the platform has.
"""

from django.urls import path, re_path

from heldigital.apps.smp import views

app_name = "smp"

urlpatterns = [
    path("peppol/statistics/", views.statistics, name="statistics"),
    path("peppol/register/", views.register, name="register"),
    re_path(r"^businesscard/(?P<participant>[^/]+)$", views.business_card, name="business-card"),
    re_path(
        r"^(?P<participant>[^/]+::[^/]*)/services/(?P<document_type>.+)$",
        views.service_metadata,
        name="service-metadata",
    ),
    re_path(r"^(?P<participant>[^/]+::[^/]*)$", views.service_group, name="service-group"),
]
