"""URL configuration: web UI, REST API under /api/v1, admin."""

from django.contrib import admin
from django.urls import path

urlpatterns = [
    path("admin/", admin.site.urls),
]
