"""URLs of the server-rendered web UI (namespace ``web``)."""

from django.urls import path

from heldigital.platform.web import tokens, validation, views

app_name = "web"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("validate/", validation.validate, name="validate"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("home/", views.home, name="home"),
    path("tokens/", tokens.tokens, name="tokens"),
    path("tokens/<int:token_id>/revoke/", tokens.revoke, name="token-revoke"),
    path("organisation/", views.choose_organisation, name="choose-organisation"),
    path("organisations/<str:orgnr>/", views.organisation, name="organisation"),
    path("procurements/", views.procurements, name="procurements"),
    path("procurements/<str:procurement_id>/protocol/", views.protocol, name="protocol"),
    path(
        "procurements/<str:procurement_id>/protocol/verification/",
        views.protocol_verification,
        name="protocol-verification",
    ),
]
