"""Django settings for ppid. Everything a deployment changes comes from the environment (README)."""

from __future__ import annotations

from pathlib import Path

import django_stubs_ext
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from ppid.env import env_bool, env_database, env_int, env_list, env_str

# Lets generic admin and queryset classes be subscripted at run time, as the type checker sees them.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent

# development (default), test or production. Production refuses unsafe values below.
PROFILE = env_str("PPID_PROFILE", "development")
if PROFILE not in {"development", "test", "production"}:
    raise ImproperlyConfigured(f"PPID_PROFILE must be development, test or production, not {PROFILE!r}.")

DEFAULT_SECRET_KEY = "insecure-development-key-change-me"  # noqa: S105 - refused in production below
SECRET_KEY = env_str("SECRET_KEY", DEFAULT_SECRET_KEY)
DEBUG = env_bool("DEBUG", PROFILE == "development")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# Demo logins are listed on the login page and by seed_demo only in demo mode.
DEMO_MODE = env_bool("DEMO_MODE", PROFILE == "development")

if PROFILE == "production":
    if DEBUG:
        raise ImproperlyConfigured("DEBUG must be off in production (PPID_PROFILE=production).")
    if SECRET_KEY == DEFAULT_SECRET_KEY or len(SECRET_KEY) < 32:
        raise ImproperlyConfigured("Set SECRET_KEY to a random value of at least 32 characters in production.")
    if DEMO_MODE:
        raise ImproperlyConfigured("DEMO_MODE must be off in production.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "axes",
    "ppid.core",
    "ppid.offices",
    "ppid.accounts",
    "ppid.events",
    "ppid.workdays",
    "ppid.requests",
    "ppid.notifications",
    "ppid.objections",
    "ppid.disputes",
    "ppid.catalogue",
    "ppid.exemptions",
    "ppid.guidance",
    "ppid.surveys",
    "ppid.reports",
    "ppid.annual",
    "ppid.web",
    "ppid.api",
    "ppid.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ppid.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so that it sees the outcome of every login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ppid.urls"
WSGI_APPLICATION = "ppid.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "ppid" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ppid.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite is the embedded default; persistent connections only help a server database.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # AxesBackend first: it refuses a locked-out login before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:staff_home"
LOGOUT_REDIRECT_URL = "web:home"

# Login throttling: after AXES_FAILURE_LIMIT failures a username+address pair is locked out.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "ppid.core.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "ppid" / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "ppid" / "static"]
# Outside production WhiteNoise serves straight from the app folders (no collectstatic needed);
# in production it serves the collected, compressed files from STATIC_ROOT.
WHITENOISE_AUTOREFRESH = PROFILE != "production"
WHITENOISE_USE_FINDERS = PROFILE != "production"
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Largest upload accepted anywhere, in megabytes; forms check it before saving a file.
MAX_UPLOAD_MB = env_int("MAX_UPLOAD_MB", 10)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PROFILE == "production"
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

EMAIL_HOST = env_str("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    # Without a mail server, messages are printed: development needs no SMTP.
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "PPID KPU <ppid@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: with no broker configured, tasks run inline (eager) so development needs no Redis.
_BROKER = env_str("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not _BROKER
# Without a broker tasks run inline; Celery still opens a producer for them, so give it the
# in-memory transport (named, or kombu warns) instead of its default AMQP address.
CELERY_BROKER_URL = _BROKER or "memory://localhost/"
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", _BROKER)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    # Lapses, due-soon and overdue warnings, once a day before offices open (CELERY_TIMEZONE).
    "requests-daily": {"task": "ppid.requests.daily", "schedule": crontab(hour=6, minute=0)},
    # Objection answers, the Atasan's orders, the Commission's and the courts' deadlines, follow-ups.
    "legal-daily": {"task": "ppid.legal.daily", "schedule": crontab(hour=6, minute=10)},
    # Exemptions ending soon are flagged for review; ended ones expire (Pasal 20 UU 14/2008).
    "exemptions-daily": {"task": "ppid.exemptions.review_daily", "schedule": crontab(hour=6, minute=20)},
    # Requesters whose information was delivered are invited to the satisfaction survey (SKM).
    "surveys-daily": {"task": "ppid.surveys.daily", "schedule": crontab(hour=6, minute=30)},
    # Offices without a published annual report for last year are reminded in March (Perki 1/2021 Pasal 56).
    "annual-reminders": {"task": "ppid.annual.reminders", "schedule": crontab(hour=6, minute=40)},
    # The outbox: sends what waits and retries failures with back-off.
    "outbox-send-due": {"task": "ppid.notifications.send_due", "schedule": crontab(minute="*/5")},
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {
        "token": env_str("API_TOKEN_THROTTLE", "10/minute"),
        "track": env_str("API_TRACK_THROTTLE", "10/minute"),
        "statistics": env_str("API_STATISTICS_THROTTLE", "60/minute"),
    },
}
# Seconds the open-data statistics of one office, year and roll-up are kept before being counted
# again: a national roll-up costs about a second and a half of database time at a million requests.
STATISTICS_CACHE_SECONDS = env_int("STATISTICS_CACHE_SECONDS", 600)
SPECTACULAR_SETTINGS = {
    "TITLE": "ppid API",
    "DESCRIPTION": "Layanan informasi publik KPU — public information service API.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI is served from the installed sidecar package: no CDN at run time.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several apps have a "status" or "outcome": one named enum each keeps the schema readable.
    "ENUM_NAME_OVERRIDES": {
        "RequestStatusEnum": "ppid.requests.workflow.Status",
        "RequestOutcomeEnum": "ppid.requests.workflow.Outcome",
        "ObjectionStatusEnum": "ppid.objections.workflow.Status",
        "ObjectionOutcomeEnum": "ppid.objections.workflow.Outcome",
        "ObjectionGroundEnum": "ppid.objections.workflow.Ground",
        "DisputeStageEnum": "ppid.disputes.workflow.Stage",
        "DisputeOutcomeEnum": "ppid.disputes.workflow.Outcome",
        "DisputeDocumentKindEnum": "ppid.disputes.workflow.DocumentKind",
        "DisputeSessionKindEnum": "ppid.disputes.workflow.SessionKind",
        "DisputePartyRoleEnum": "ppid.disputes.workflow.PartyRole",
        "DisputeForumEnum": "ppid.disputes.workflow.Forum",
        "RequesterKindEnum": "ppid.requests.models.RequesterKind",
        "StaffRoleEnum": "ppid.accounts.roles.Role",
        "DeliveryMethodEnum": "ppid.requests.models.DeliveryMethod",
        "DipCategoryEnum": "ppid.catalogue.workflow.Category",
        "DipItemStatusEnum": "ppid.catalogue.workflow.ItemStatus",
        "DipListStatusEnum": "ppid.catalogue.workflow.ListStatus",
        "DipRoundStatusEnum": "ppid.catalogue.workflow.RoundStatus",
        "DipEntryKindEnum": "ppid.catalogue.workflow.EntryKind",
        "OnDemandTypeEnum": "ppid.catalogue.workflow.OnDemandType",
        "ConsequenceStatusEnum": "ppid.exemptions.workflow.ConsequenceStatus",
        "ExemptionStatusEnum": "ppid.exemptions.workflow.ExemptionStatus",
        "ParticipantKindEnum": "ppid.exemptions.workflow.ParticipantKind",
        "ExemptionGroundEnum": "ppid.requests.models.ExemptionGround",
    },
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if PROFILE == "production":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # One line per task run is noise at INFO; failures still show.
    "loggers": {"celery.app.trace": {"level": "WARNING"}},
}

# A desk request recorded more than this many minutes after its receipt is marked back-dated.
REQUEST_BACKDATE_GRACE_MINUTES = env_int("REQUEST_BACKDATE_GRACE_MINUTES", 60)
# Calendar days before an exemption ends that it is flagged for review (Pasal 20 UU 14/2008).
EXEMPTION_REVIEW_NOTICE_DAYS = env_int("EXEMPTION_REVIEW_NOTICE_DAYS", 60)

# Absolute links in e-mails and PDF letters (https://ppid.example.go.id); relative when empty.
PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL", "")
# Public tracking: attempts per visitor address in the window before it is refused for a while.
TRACK_ATTEMPTS = env_int("TRACK_ATTEMPTS", 10)
TRACK_WINDOW_SECONDS = env_int("TRACK_WINDOW_SECONDS", 600)
