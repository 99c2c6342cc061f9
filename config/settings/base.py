"""Base settings. The environment is read here and only here (see .env.example)."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import xstatic.pkg.leaflet
import xstatic.pkg.leaflet_markercluster
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"The environment variable {name} is required.")
    return value


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def env_bool(name: str, default: bool = False) -> bool:
    return env(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


# Known to everyone who reads this file: prod.py refuses to start with it.
DEVELOPMENT_SECRET_KEY = "insecure-development-key-change-me-in-production-0123456789"  # noqa: S105
SECRET_KEY = env("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
# HTTPS hardening, read here like every other variable but applied by prod.py only (a development
# server has no TLS to redirect to).
PROD_SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
PROD_SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
PROD_SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'citemetiers.sqlite3'}"),
        conn_max_age=int(env("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo server read while a management command writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    # Template components with slots (<c-table>, <c-confirm>…): see docs/components.md.
    "django_cotton",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "citemetiers.core",
    "citemetiers.accounts",
    "citemetiers.centres",
    "citemetiers.referentials",
    "citemetiers.reception",
    "citemetiers.territory",
    "citemetiers.events",
    "citemetiers.indicators",
    "citemetiers.library",
    "citemetiers.rosters",
    "citemetiers.network",
    "citemetiers.projects",
    "citemetiers.groups",
    "citemetiers.school",
    "citemetiers.labelling",
    "citemetiers.sitesearch",
    # Above every app: seeds the demo network by calling each app's seeder.
    "citemetiers.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "citemetiers.core.middleware.RefuseNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "citemetiers.centres.middleware.TenancyMiddleware",
    # Axes must come last so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "citemetiers" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "citemetiers.centres.context_processors.tenancy",
                "citemetiers.core.context_processors.navigation_menu",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first (with the per-address limit): it refuses locked-out credentials before they are checked.
    "citemetiers.accounts.throttling.ThrottlingBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# The client's address, read by every limit (citemetiers.accounts.throttling.client_address):
# behind TRUSTED_PROXY_COUNT reverse proxies (1 behind the shipped nginx), the right-most hops of
# X-Forwarded-For that they appended; with 0, the socket's address and the header is ignored
# (a client could forge it otherwise). AXES_PROXY_COUNT is the former name of the setting.
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", env("AXES_PROXY_COUNT", "0")))
AXES_CLIENT_IP_CALLABLE = "citemetiers.accounts.throttling.client_address"

# Login throttling: after AXES_FAILURE_LIMIT failures for one e-mail from one address, that pair
# is locked out for AXES_COOLOFF_TIME (nobody can lock a colleague out from elsewhere); after
# LOGIN_ADDRESS_FAILURE_LIMIT failures from one address on any accounts, the address is.
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "citemetiers.accounts.throttling.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
LOGIN_ADDRESS_FAILURE_LIMIT = int(env("LOGIN_ADDRESS_FAILURE_LIMIT", "20"))
# Password reset mails: at most this many an hour per address and per account.
PASSWORD_RESET_LIMIT = int(env("PASSWORD_RESET_LIMIT", "5"))
PASSWORD_RESET_WINDOW = timedelta(hours=1)
# Events: registration codes typed at the door per staff member, and a code's public pages per address,
# in EVENTS_THROTTLE_WINDOW (a 6-character code must not be found by trying them all).
EVENTS_DOOR_CODE_LIMIT = int(env("EVENTS_DOOR_CODE_LIMIT", "120"))
EVENTS_CODE_PAGE_LIMIT = int(env("EVENTS_CODE_PAGE_LIMIT", "120"))
EVENTS_THROTTLE_WINDOW = timedelta(minutes=10)

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", "Europe/Paris")
USE_I18N = True
# English dates day first, as in the rest of Europe (config/formats/en).
FORMAT_MODULE_PATH = ["config.formats"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [
    BASE_DIR / "citemetiers" / "static",
    # Leaflet and its marker clustering, vendored from PyPI (XStatic packages): no CDN, no npm at run time.
    ("vendor/leaflet", xstatic.pkg.leaflet.BASE_DIR),
    ("vendor/leaflet-markercluster", xstatic.pkg.leaflet_markercluster.BASE_DIR),
]
# Nothing serves MEDIA_URL: every stored file goes through a view that checks who asks
# (citemetiers.core.files). Behind nginx the view hands the file over with X-Accel-Redirect to this
# `internal` location (deploy/nginx.conf); empty, Django streams it itself.
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
FILES_X_ACCEL_REDIRECT_PREFIX = env("FILES_X_ACCEL_REDIRECT_PREFIX", "")
# What production uses unless the environment says otherwise (prod.py reads no variable itself).
PROD_FILES_X_ACCEL_REDIRECT_PREFIX = env("FILES_X_ACCEL_REDIRECT_PREFIX", "/_files/")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "citemetiers <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL


def caches_and_session_engine(shared_cache_url: str) -> tuple[dict, str]:
    """With a cache every process shares (CACHE_URL, Redis), sessions are read from it and written through
    to the database (cached_db); without one, from the database. Never from a per-process cache: a session
    would stay alive in one process after its logout in another."""
    if shared_cache_url:
        caches = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": shared_cache_url}}
        return caches, "django.contrib.sessions.backends.cached_db"
    return {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }, "django.contrib.sessions.backends.db"


CACHES, SESSION_ENGINE = caches_and_session_engine(env("CACHE_URL", ""))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
# Only this site's own files run or style a page: no inline script, handler or style, no other origin
# (static assets are vendored). A script injected into a page through some text therefore cannot run.
# frame-ancestors 'none' as X_FRAME_OPTIONS: the embeddable agenda snippet, when it comes, will get
# its own policy on its own view (csp.decorators.csp_update), not a looser one for every page.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}

# Background work (activity reports, roster proposals, the scheduled upkeep) runs through Django's
# tasks interface. The default backend is the database queue, run by `manage.py db_worker`; a Cité
# that outgrows one machine names another backend here (e.g. `django_tasks_rq.RQBackend`), the code
# does not change. `django_tasks.backends.immediate.ImmediateBackend` runs each task at once, in the
# process that enqueues it (the tests). See the README, "Background work".
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# How long the roster planner searches before it proposes the best roster found.
ROSTER_SOLVER_SECONDS = float(env("ROSTER_SOLVER_SECONDS", "10"))
# The territory map's tile server ("https://tile.openstreetmap.org/{z}/{x}/{y}.png" with its
# attribution, or the Cité's own). None by default: the page then calls no outside server, draws
# the markers on a blank map and the list beside it stays the directory. The map's page alone
# allows that origin in its Content-Security-Policy.
TERRITORY_MAP_TILES_URL = env("TERRITORY_MAP_TILES_URL", "")
TERRITORY_MAP_TILES_ATTRIBUTION = env("TERRITORY_MAP_TILES_ATTRIBUTION", "")
