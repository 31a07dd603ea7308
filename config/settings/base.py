"""Settings shared by every environment. Values that differ per deployment come
from the environment, through ``config.settings.env`` only."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .env import cache_from_url, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parents[2]

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "corsheaders",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "archive",
    "annotations",
    "agreement",
    "actors",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "api.middleware.RequestLimitsMiddleware",
    "api.middleware.APIInUTCMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite by default so a fresh clone runs with no server; PostgreSQL (psycopg 3)
# when DATABASE_URL is set, e.g. postgres://postgres@127.0.0.1:5432/archive.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Server-side parameters, so that psycopg prepares a statement the fifth
    # time it runs and PostgreSQL stops planning it anew: the API's list
    # queries spend as long in the planner as in execution. Behind a pooler
    # without prepared-statement support (PgBouncer before 1.21 in transaction
    # mode), set DATABASE_PREPARE_THRESHOLD=0 to turn preparing off.
    # JIT off: the search functions are priced high (COST 10000, so that the
    # planner reads their indexes), which puts ordinary page queries over
    # jit_above_cost, and compiling them takes longer than running them.
    _prepare_threshold = env_int("DATABASE_PREPARE_THRESHOLD", 5)
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "server_side_binding": True,
        "prepare_threshold": _prepare_threshold or None,
        "options": "-c jit=off",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
SESSION_ENGINE = "config.sessions"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Stored times are UTC; the admin shows them in the archive's working zone.
USE_TZ = True
TIME_ZONE = env_str("DJANGO_TIME_ZONE", "Asia/Damascus")
# Times an article states without a zone are read in this zone (Syria and
# Turkey both keep UTC+3 all year).
ARCHIVE_SOURCE_TIME_ZONE = env_str("ARCHIVE_SOURCE_TIME_ZONE", "Asia/Damascus")

LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

LOGIN_URL = "admin:login"

# Long work (exports, extraction over the archive, uploads) runs as background
# tasks through Django's Tasks API (the django-tasks backport) on its database
# backend: it needs no broker, works on SQLite and PostgreSQL, and a worker
# (`manage.py db_worker`) can run on any machine that reaches the database.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# One cache shared by every process (the API's throttle counts live in it):
# Redis in production (CACHE_URL=redis://host:6379/0), the database's own
# table by default (created by ``migrate``), so that several gunicorn workers
# count requests together even without Redis.
CACHES = {"default": cache_from_url(env_str("CACHE_URL", "db://archive_cache"))}

# The project's seed folder, the default for `manage.py load_seeds`.
ARCHIVE_SEEDS_DIR = BASE_DIR / "seeds"
# Where files uploaded in the admin wait for their background load (removed after it).
ARCHIVE_IMPORTS_DIR = Path(env_str("ARCHIVE_IMPORTS_DIR", str(BASE_DIR / "var" / "imports")))

# Export jobs write their files here (api.export_jobs); an export of more
# rows than ARCHIVE_EXPORT_STREAM_MAX_ROWS is not streamed but asks for a job
# (0: every export streams).
ARCHIVE_EXPORTS_DIR = Path(env_str("ARCHIVE_EXPORTS_DIR", str(BASE_DIR / "exports")))
ARCHIVE_EXPORT_STREAM_MAX_ROWS = env_int("ARCHIVE_EXPORT_STREAM_MAX_ROWS", 20000) or None

# How long the changes feed (/api/v1/changes/) keeps its rows, tombstones
# included: `manage.py prune_changes` deletes older ones. A mirror away for
# longer re-exports (docs/sync.md).
ARCHIVE_CHANGES_RETENTION_DAYS = env_int("ARCHIVE_CHANGES_RETENTION_DAYS", 180)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly"
    ],
    # orjson for JSON (api.renderers); the browsable API stays.
    "DEFAULT_RENDERER_CLASSES": [
        "api.renderers.ORJSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    # DRF's parsers, refusing NUL characters and JSON nested too deep (api.parsers).
    "DEFAULT_PARSER_CLASSES": [
        "api.parsers.JSONParser",
        "api.parsers.FormParser",
        "api.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["api.archive.filters.ArchiveFilterBackend"],
    # Every list pages the same way, with its count (api.pagination).
    "DEFAULT_PAGINATION_CLASS": "api.pagination.ArchiveCursorPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    # Throttles (api.throttling), counted in the shared cache: anonymous
    # clients by address, authenticated ones by user, and exports (either)
    # by their own rate.
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.AnonRateThrottle",
        "api.throttling.UserRateThrottle",
        "api.throttling.ExportRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_ANON_RATE", "120/minute"),
        "user": env_str("API_USER_RATE", "600/minute"),
        "export": env_str("API_EXPORT_RATE", "60/hour"),
    },
    # The client's address is REMOTE_ADDR unless this many proxies in front
    # append to X-Forwarded-For (then the address the nearest one saw): a
    # client's own X-Forwarded-For is never trusted.
    "NUM_PROXIES": env_int("API_NUM_PROXIES", 0),
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Arabic news archive: research API",
    "DESCRIPTION": "Curated (approved, published) articles, annotations, sources, topics and events.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "PREPROCESSING_HOOKS": [
        "drf_spectacular.hooks.preprocess_exclude_path_format",
        "api.schema.canonical_paths_only",
    ],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.document_errors_and_anonymous_access",
        "api.schema.optional_fields_not_required",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ArticleStatusEnum": "archive.models.Article.Status",
        "AnnotationStatusEnum": "annotations.models.Annotation.Status",
        "DatePrecisionEnum": "archive.models.DatePrecision",
        "ActorKindEnum": "actors.models.Actor.Kind",
        "MentionStatusEnum": "actors.models.Mention.Status",
        # One enum for an export job's kind, whether it is asked for or read back.
        "ExportKindEnum": "archive.models.ExportJob.Kind",
    },
}

# Read-only use from notebooks and other origins; writes need a token anyway.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = env_bool("CORS_ALLOW_ALL_ORIGINS", True)
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "WARNING")},
}
