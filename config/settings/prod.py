"""Production: behind a TLS-terminating reverse proxy, several app-server processes.

Reads nothing from the environment itself: every variable is read in base.py.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    ALLOWED_HOSTS,
    DEVELOPMENT_SECRET_KEY,
    PROD_FILES_X_ACCEL_REDIRECT_PREFIX,
    PROD_SECURE_HSTS_PRELOAD,
    PROD_SECURE_HSTS_SECONDS,
    PROD_SECURE_SSL_REDIRECT,
    SECRET_KEY,
)

# A production server signing sessions and password-reset links with the key published in
# base.py, or answering no host at all, is a misconfiguration: refuse to start.
if SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production (the development key is public).")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the host(s) this server answers in production.")

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = PROD_SECURE_SSL_REDIRECT
SECURE_HSTS_SECONDS = PROD_SECURE_HSTS_SECONDS
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = PROD_SECURE_HSTS_PRELOAD
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
# The `internal` location of deploy/nginx.conf that reads MEDIA_ROOT; empty to stream from Django.
FILES_X_ACCEL_REDIRECT_PREFIX = PROD_FILES_X_ACCEL_REDIRECT_PREFIX
SILENCED_SYSTEM_CHECKS = [
    # HSTS preload is a decision of the operator of the domain, not of the code.
    "security.W021",
]
