"""The Django project: settings, URL configuration, the REST API root and
the shared web templates. Apps live in :mod:`heldigital.apps`."""
