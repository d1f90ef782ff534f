"""The AS4 endpoint: ``POST /as4``."""

from django.urls import path

from heldigital.apps.accesspoint import views

app_name = "accesspoint"

urlpatterns = [path("as4", views.as4_endpoint, name="as4")]
