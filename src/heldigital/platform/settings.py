"""Django settings for Heldigital.

Configuration comes from the environment; with none set, Heldigital runs on
an embedded SQLite database under ``var/`` in the working directory.

``DATABASE_URL``            PostgreSQL in production, e.g. ``postgres://user@/heldigital``
``HELDIGITAL_DATA_DIR``     where the SQLite database, the secret key and uploads live
``HELDIGITAL_SECRET_KEY``   the Django secret key (generated into the data dir if unset)
``HELDIGITAL_DEBUG``        ``1`` for debug pages (development only)
``HELDIGITAL_ALLOWED_HOSTS`` comma-separated host names
``HELDIGITAL_HTTPS``        ``1`` behind an HTTPS reverse proxy: secure cookies, HSTS, redirect
``HELDIGITAL_DB_POOL``      ``1`` for a PostgreSQL connection pool (``heldigital serve`` sets it)

The production server and the worker are described in docs/operations.md.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = PACKAGE_DIR.parent.parent
DATA_DIR = Path(os.environ.get("HELDIGITAL_DATA_DIR", Path.cwd() / "var")).resolve()
NODE_MODULES = Path(os.environ.get("HELDIGITAL_NODE_MODULES", REPO_DIR / "node_modules"))


def _secret_key() -> str:
    key = os.environ.get("HELDIGITAL_SECRET_KEY")
    if key:
        return key
    # Never a default key in code: a development key is generated once per
    # data directory and kept there, readable by its owner only.
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("HELDIGITAL_DEBUG", "") == "1"
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("HELDIGITAL_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves the bundled Swagger UI for /api/v1/docs (no CDN)
    "heldigital.apps.accounts",
    "heldigital.apps.protocol",
    "heldigital.apps.tendering",
    "heldigital.apps.submissions",
    "heldigital.apps.evaluation",
    "heldigital.apps.contracts",
    "heldigital.apps.invoicing",
    "heldigital.apps.notifications",
    "heldigital.platform.web",
    "axes",  # login attempts limited per user name and address
    "django_tasks_db",
    "heldigital.apps.jobs",
    "heldigital.apps.publication",
    "heldigital.apps.smp",
    "heldigital.apps.accesspoint",
    "heldigital.apps.exchange",
    "heldigital.apps.ordering",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "heldigital.platform.errors.RefuseNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "heldigital.platform.security.SecurityHeadersMiddleware",
    "heldigital.platform.public_cache.PublicCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "heldigital.platform.web.resume.ResumeFormMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "heldigital.platform.urls"
WSGI_APPLICATION = "heldigital.platform.wsgi.application"
ASGI_APPLICATION = "heldigital.platform.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "heldigital.platform.web.resume.pending_form",
                "heldigital.platform.web.context.acting_organisation",
            ],
        },
    },
]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
    if os.environ.get("HELDIGITAL_DB_POOL") == "1":
        # The ASGI server runs each request in a fresh thread: connections are
        # borrowed from a pool instead of being opened per thread.
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": 2,
            "max_size": int(os.environ.get("HELDIGITAL_DB_POOL_SIZE", 12)),
            "timeout": 30,
        }
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "heldigital.sqlite3",
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:landing"

# Login limits (django-axes): policy in heldigital.apps.accounts.login_limits.
AUTHENTICATION_BACKENDS = [
    "heldigital.apps.accounts.login_limits.LoginLimitBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]  # never a client-supplied header
AXES_LOCKOUT_CALLABLE = "heldigital.platform.web.views.login_locked"
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Norwegian bokmål first (the default), then nynorsk and English. Time is stored in
# UTC and shown in Europe/Oslo.
LANGUAGE_CODE = "nb"
LANGUAGES = [
    ("nb", _("Norwegian bokmål")),
    ("nn", _("Norwegian nynorsk")),
    ("en", _("English")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Oslo"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [
    ("vendor/designsystemet-css", NODE_MODULES / "@digdir" / "designsystemet-css" / "dist"),
    ("vendor/designsystemet-theme", NODE_MODULES / "@digdir" / "designsystemet-theme"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
]
STATICFILES_DIRS = [entry for entry in STATICFILES_DIRS if entry[1].is_dir()]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = DATA_DIR / "media"
# Uploads stay in memory (never a plaintext temporary file); larger files use
# the API's resumable, encrypting upload. See heldigital.platform.uploads.
FILE_UPLOAD_HANDLERS = ["heldigital.platform.uploads.MemoryOnlyUploadHandler"]
HELDIGITAL_WEB_UPLOAD_MAX_BYTES = int(
    os.environ.get("HELDIGITAL_WEB_UPLOAD_MAX_BYTES", 64 * 1024 * 1024)
)

SESSION_COOKIE_HTTPONLY = True
#: Behind an HTTPS reverse proxy (see docs/operations.md).
HELDIGITAL_HTTPS = os.environ.get("HELDIGITAL_HTTPS", "") == "1"
if HELDIGITAL_HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    # The proxy sets X-Forwarded-Proto (and must strip it from clients).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("HELDIGITAL_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("HELDIGITAL_HSTS_SUBDOMAINS", "") == "1"
    CSRF_TRUSTED_ORIGINS = [
        origin.strip()
        for origin in os.environ.get("HELDIGITAL_CSRF_TRUSTED_ORIGINS", "").split(",")
        if origin.strip()
    ]
CSRF_COOKIE_HTTPONLY = False  # htmx reads it to send the token header
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

EMAIL_BACKEND = os.environ.get(
    "HELDIGITAL_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("HELDIGITAL_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("HELDIGITAL_EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("HELDIGITAL_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("HELDIGITAL_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("HELDIGITAL_EMAIL_STARTTLS", "") == "1"
EMAIL_TIMEOUT = int(os.environ.get("HELDIGITAL_EMAIL_TIMEOUT", 30))  # every outbound call has one
#: The platform's public address, used in e-mails, notices and the tender package.
#: Lifetime in days of an API token issued without an explicit expiry.
HELDIGITAL_API_TOKEN_DAYS = int(os.environ.get("HELDIGITAL_API_TOKEN_DAYS", "90"))
HELDIGITAL_BASE_URL = os.environ.get("HELDIGITAL_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = os.environ.get("HELDIGITAL_FROM_EMAIL", "heldigital@localhost")

# Background jobs (e-mail, daily roots, clean-up) are rows in the database
# (django-tasks' database backend); ``heldigital worker`` runs them.
#: Seconds a public notice page or API read is served from the cache (0: off);
#: every change to public data invalidates it at once (heldigital.platform.public_cache).
HELDIGITAL_PUBLIC_CACHE_SECONDS = float(os.environ.get("HELDIGITAL_PUBLIC_CACHE_SECONDS", 10))
#: E-mail attempts and the first retry delay (doubling); see heldigital.apps.jobs.mail.
HELDIGITAL_MAIL_ATTEMPTS = int(os.environ.get("HELDIGITAL_MAIL_ATTEMPTS", 8))
HELDIGITAL_MAIL_RETRY_SECONDS = float(os.environ.get("HELDIGITAL_MAIL_RETRY_SECONDS", 60))
#: Hours before the tender deadline a supplier with an unsubmitted draft is reminded.
HELDIGITAL_DRAFT_REMINDER_HOURS = float(os.environ.get("HELDIGITAL_DRAFT_REMINDER_HOURS", 24))
#: Age after which a partial chunk file (.part) left by a killed request is deleted.
HELDIGITAL_PART_FILE_AGE = float(os.environ.get("HELDIGITAL_PART_FILE_AGE", 3600))
# Sending notices to TED and Doffin (heldigital.apps.publication, docs/publication.md).
# Without a key the service is not used and the buyer is told the notice was not sent.
HELDIGITAL_TED_API_URL = os.environ.get("HELDIGITAL_TED_API_URL", "https://api.ted.europa.eu")
HELDIGITAL_TED_API_KEY = os.environ.get("HELDIGITAL_TED_API_KEY", "")
HELDIGITAL_DOFFIN_API_URL = os.environ.get("HELDIGITAL_DOFFIN_API_URL", "https://api.doffin.no")
HELDIGITAL_DOFFIN_API_KEY = os.environ.get("HELDIGITAL_DOFFIN_API_KEY", "")
#: Seconds to wait for each call to TED or Doffin (connect, and each read).
HELDIGITAL_NOTICE_TIMEOUT = float(os.environ.get("HELDIGITAL_NOTICE_TIMEOUT", 60))
#: Submission attempts before giving up, and the first retry delay (doubling, at most 6 h).
HELDIGITAL_NOTICE_ATTEMPTS = int(os.environ.get("HELDIGITAL_NOTICE_ATTEMPTS", 10))
HELDIGITAL_NOTICE_RETRY_SECONDS = float(os.environ.get("HELDIGITAL_NOTICE_RETRY_SECONDS", 60))
#: The notice author's address for TED/Doffin when the buyer has none.
HELDIGITAL_NOTICE_AUTHOR_EMAIL = os.environ.get("HELDIGITAL_NOTICE_AUTHOR_EMAIL", "")
# The address register (heldigital.apps.smp, docs/smp.md): the SMP's signing key (PEM, an
# RSA or EC private key; HELDIGITAL_SMP_KEY_PASSWORD if it is encrypted) and its certificate
# followed by its chain (PEM). Without them the SMP answers service metadata with 503.
HELDIGITAL_SMP_KEY = os.environ.get("HELDIGITAL_SMP_KEY", "")
HELDIGITAL_SMP_CERTIFICATE = os.environ.get("HELDIGITAL_SMP_CERTIFICATE", "")
#: The SMP's public base URL, published in the SML zone (``heldigital smp zone``).
HELDIGITAL_SMP_URL = os.environ.get("HELDIGITAL_SMP_URL", "") or HELDIGITAL_BASE_URL
#: The SML zone: asked by ``heldigital peppol lookup``, written by ``heldigital smp zone``.
HELDIGITAL_SML_ZONE = os.environ.get("HELDIGITAL_SML_ZONE", "acc.edelivery.tech.ec.europa.eu")
# The access point (heldigital.apps.accesspoint, docs/accesspoint.md): its RSA key (PEM;
# HELDIGITAL_AP_KEY_PASSWORD if encrypted) and certificate (PEM, CN = the Peppol Seat ID),
# followed by its chain, the Peppol AP trust anchors and intermediate CAs (one PEM file:
# self-signed = anchor) and the SMP's (HELDIGITAL_SMP_TRUST; default: the same file).
# Without them POST /as4 answers 503 and nothing is sent.
HELDIGITAL_AP_KEY = os.environ.get("HELDIGITAL_AP_KEY", "")
HELDIGITAL_AP_CERTIFICATE = os.environ.get("HELDIGITAL_AP_CERTIFICATE", "")
HELDIGITAL_AP_TRUST = os.environ.get("HELDIGITAL_AP_TRUST", "")
HELDIGITAL_SMP_TRUST = os.environ.get("HELDIGITAL_SMP_TRUST", "")
#: The Peppol Seat ID (From/To PartyId, the reporter in the reports); default: the CN.
HELDIGITAL_AP_SEAT_ID = os.environ.get("HELDIGITAL_AP_SEAT_ID", "")
#: CA bundle for the TLS of receiving access points (empty: the system's).
HELDIGITAL_AP_CA_BUNDLE = os.environ.get("HELDIGITAL_AP_CA_BUNDLE", "")
#: Plain-HTTP endpoints accepted (tests and development only; Peppol requires HTTPS).
HELDIGITAL_AP_ALLOW_HTTP = os.environ.get("HELDIGITAL_AP_ALLOW_HTTP", "") == "1"
#: Revocation of AP certificates: "" (off), "crl" or "ocsp" (then the CRL); fails closed.
HELDIGITAL_AP_REVOCATION = os.environ.get("HELDIGITAL_AP_REVOCATION", "")
#: Seconds for each DNS, SMP and AS4 call; attempts and the first retry delay (doubling).
HELDIGITAL_AP_TIMEOUT = float(os.environ.get("HELDIGITAL_AP_TIMEOUT", 30))
HELDIGITAL_AP_ATTEMPTS = int(os.environ.get("HELDIGITAL_AP_ATTEMPTS", 10))
HELDIGITAL_AP_RETRY_SECONDS = float(os.environ.get("HELDIGITAL_AP_RETRY_SECONDS", 60))
#: Seconds a sender keeps the SML/SMP lookup of a receiver and document type (per process;
#: 0: look up for every message). A failed attempt forgets it: a retry looks up again.
HELDIGITAL_AP_LOOKUP_SECONDS = float(os.environ.get("HELDIGITAL_AP_LOOKUP_SECONDS", 300))
#: The largest AS4 request accepted (bytes; 413 above it).
HELDIGITAL_AP_MAX_REQUEST_BYTES = int(
    os.environ.get("HELDIGITAL_AP_MAX_REQUEST_BYTES", 128 * 1024 * 1024)
)
#: The country of the platform's own end users (the receivers of inbound documents).
HELDIGITAL_AP_COUNTRY = os.environ.get("HELDIGITAL_AP_COUNTRY", "NO")
#: The DNS server asked for the SML zone ("host" or "host:port"; empty: the system's).
HELDIGITAL_SML_NAMESERVER = os.environ.get("HELDIGITAL_SML_NAMESERVER", "")
TASKS = {
    "default": {
        "BACKEND": os.environ.get("HELDIGITAL_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("HELDIGITAL_LOG_LEVEL", "WARNING")},
}
