"""URL configuration: web UI, REST API under /api/v1, admin."""

from django.contrib import admin
from django.urls import include, path, re_path

from heldigital.platform.api import api_urls, not_found_view
from heldigital.platform.language import set_language
from heldigital.platform.roots import roots_atom, roots_json

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api_urls()),
    # Unknown API paths answer with problem details too, not the HTML 404 page.
    re_path(r"^api/v1/(?P<rest>.*)$", not_found_view),
    # The language form: also remembered for the user's e-mails (heldigital.platform.language).
    path("i18n/setlang/", set_language, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    # The sealed daily roots of the protocol, public (docs/sealing.md).
    path("ledger/roots.json", roots_json, name="ledger-roots-json"),
    path("ledger/roots.atom", roots_atom, name="ledger-roots-atom"),
    # The access point's AS4 endpoint (docs/accesspoint.md).
    path("", include("heldigital.apps.accesspoint.urls")),
    # The address register: the SMP REST interface at the root (docs/smp.md), statistics.
    path("", include("heldigital.apps.smp.urls")),
    path("", include("heldigital.apps.tendering.urls")),
    path("", include("heldigital.apps.evaluation.urls")),
    path("", include("heldigital.apps.submissions.web_urls")),
    path("", include("heldigital.apps.exchange.urls")),
    path("", include("heldigital.platform.web.urls")),
]

# The project's error pages (problem details under /api/), see heldigital.platform.errors.
handler400 = "heldigital.platform.errors.bad_request"
handler403 = "heldigital.platform.errors.permission_denied"
handler404 = "heldigital.platform.errors.page_not_found"
handler500 = "heldigital.platform.errors.server_error"
