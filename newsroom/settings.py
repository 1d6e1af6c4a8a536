"""Newsroom settings: one file, read from the environment, safe defaults for development.

Production behaviour is switched on by the environment (DJANGO_DEBUG=0 and friends); see README.md.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off "
            '(generate one with: python -c "import secrets; print(secrets.token_urlsafe(50))").'
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "django_htmx",
    "django_tasks_db",
    "axes",
    "simple_history",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "newsroom.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Anonymous reads of the public site from the page cache (newsroom/pagecache.py); it sits
    # inside the CSRF, session and security middleware so they still act on every response.
    "newsroom.pagecache.PublicPageCacheMiddleware",
    # Records who made each revision (django-simple-history) on saves during a request.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

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
                "newsroom.pagecache.csrf_placeholder",
            ],
        },
    },
]

# Django's form templates, each distinct widget rendered once per process (newsroom/forms.py).
FORM_RENDERER = "newsroom.forms.MemoizedRenderer"

# Databases: DATABASE_URL accepts sqlite:///path and postgres://…; default is an SQLite file here.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside a writer; IMMEDIATE transactions take the write lock up front so
    # concurrent writers wait (busy timeout) instead of failing with "database is locked".
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA busy_timeout=20000; PRAGMA mmap_size=268435456;"
        ),
    }
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("DJANGO_TEST_SQLITE_NAME") or None}
else:
    # psycopg sends parameters apart from the SQL instead of quoting them into it: the batched
    # import's multi-row INSERTs spend a third less time in the client.
    DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = True

# PostgreSQL read replicas (comma-separated URLs): public reads go there, writes and staff pages
# to the primary, a browser that just wrote stays on the primary for a while (newsroom.routers).
DATABASE_REPLICAS = []
for _n, _url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
    DATABASES[f"replica_{_n}"] = dj_database_url.parse(
        _url, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True
    ) | {"TEST": {"MIRROR": "default"}}
    DATABASE_REPLICAS.append(f"replica_{_n}")
# psycopg prepares on the server only the statements that ask for it (articles.prepared: the
# public pages' queries, then planned once per connection): the threshold, a count of executions
# no other statement reaches, keeps it from preparing any other (a search's plan depends on its
# words). Off with DJANGO_DB_PREPARED_STATEMENTS=0, for a pooler that does not keep them
# (PgBouncer in transaction mode before 1.21, or without max_prepared_statements).
if env_bool("DJANGO_DB_PREPARED_STATEMENTS", True):
    for _database in DATABASES.values():
        if _database["ENGINE"] != "django.db.backends.sqlite3":
            _database.setdefault("OPTIONS", {})["prepare_threshold"] = sys.maxsize
DATABASE_REPLICA_PIN_SECONDS = int(os.environ.get("DATABASE_REPLICA_PIN_SECONDS", "15"))
if DATABASE_REPLICAS:
    DATABASE_ROUTERS = ["newsroom.routers.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "newsroom.routers.ReplicaMiddleware",
    )

# The public page cache (newsroom/pagecache.py): pages are keyed on a generation bumped by every
# committed change, so they are never stale; PAGE_CACHE_SECONDS is only a safety net (0 turns it
# off, the default under DEBUG). DJANGO_CACHE_URL picks where pages live: each process's own
# memory by default, or Redis (redis://host:6379/0), shared by every worker and app server.
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "0" if DEBUG else "300"))
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_EXCLUDED_PATHS = (
    "/admin/",
    "/review/",
    "/desk/",
    "/login/",
    "/logout/",
    "/i18n/",
    "/healthz",
)
CACHE_URL = os.environ.get("DJANGO_CACHE_URL", "").strip()
if not CACHE_URL or CACHE_URL.startswith("locmem://"):
    PAGES_CACHE = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 1000},
    }
elif CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    PAGES_CACHE = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CACHE_URL,
        "KEY_PREFIX": "newsroom",
    }
else:
    raise ImproperlyConfigured(
        "DJANGO_CACHE_URL must be empty (local memory), locmem:// or redis://host:port/db."
    )
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": PAGES_CACHE,
    # `{% cache %}` fragments (the home page's filter form): keyed on all they show, so each
    # process keeps its own, never stale, and a lookup costs no round trip.
    "template_fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "template-fragments",
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background tasks: "immediate" runs in-process (development); "database" queues rows for
# `manage.py db_worker` (django-tasks-db), for production.
TASKS_BACKEND = os.environ.get("DJANGO_TASKS_BACKEND", "immediate")
if TASKS_BACKEND not in {"immediate", "database"}:
    raise ImproperlyConfigured("DJANGO_TASKS_BACKEND must be 'immediate' or 'database'.")
TASKS = {
    "default": {
        "BACKEND": (
            "django.tasks.backends.immediate.ImmediateBackend"
            if TASKS_BACKEND == "immediate"
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out username + IP before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling: 5 failures lock that username from that address for 15 minutes.
# Unlock sooner with `manage.py axes_reset_username USERNAME` (README, "Operations").
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed files in production; plain storage in development and tests so pages
        # render without collectstatic.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Uploads of dispatches (admin): refuse very large requests outright.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Security headers, in development too so that tests see what production sends.
# Scripts only from our own origin: no inline script, no eval (htmx is configured to match).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    # The admin sets a few style attributes; styles cannot run code.
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Static files leave through whitenoise before the CSP middleware runs: same headers there.
from newsroom.middleware import add_static_security_headers  # noqa: E402

WHITENOISE_ADD_HEADERS_FUNCTION = add_static_security_headers

# Mail from the environment (errors to ADMINS, password resets), in Django 6.1's MAILERS form.
EMAIL_BACKEND_NAME = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {
    "default": {
        "BACKEND": EMAIL_BACKEND_NAME,
        "OPTIONS": {
            "host": os.environ.get("DJANGO_EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("DJANGO_EMAIL_PORT", "25")),
            "username": os.environ.get("DJANGO_EMAIL_HOST_USER", ""),
            "password": os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", False),
        }
        if EMAIL_BACKEND_NAME.endswith("smtp.EmailBackend")
        else {},
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "newsroom@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("Admin", address) for address in env_list("DJANGO_ADMINS")]

# Processes running the quote engine on an import's batch while the task stores the results
# (articles.services.attribution.attribute_articles); 1 runs everything in the task's process.
NEWSROOM_ATTRIBUTION_PROCESSES = int(
    os.environ.get("NEWSROOM_ATTRIBUTION_PROCESSES") or os.cpu_count() or 1
)

# Public site: show suggested (unreviewed) attributions? Off: only confirmed and corrected ones.
NEWSROOM_SHOW_SUGGESTED_QUOTES = env_bool("NEWSROOM_SHOW_SUGGESTED_QUOTES", False)

# Logs on stderr: one JSON object a line in production (DJANGO_LOG_FORMAT=json), plain text in
# development.
LOG_FORMAT = os.environ.get("DJANGO_LOG_FORMAT", "plain" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "newsroom.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "axes": {"level": "WARNING"},
        # Every task's start and end at INFO is noise; a failed attribution is logged as an error
        # by articles.services.
        "django.tasks": {"level": "WARNING"},
    },
}

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
# Load balancers probe /healthz over plain HTTP: a redirect would read as "down".
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if not DEBUG:
    if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
