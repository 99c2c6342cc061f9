"""Production: behind a TLS-terminating reverse proxy, several app-server processes."""

from .base import *  # noqa: F403
from .base import env, env_bool

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
# The `internal` location of deploy/nginx.conf that reads MEDIA_ROOT; empty to stream from Django.
FILES_X_ACCEL_REDIRECT_PREFIX = env("FILES_X_ACCEL_REDIRECT_PREFIX", "/_files/")
SILENCED_SYSTEM_CHECKS = [
    # HSTS preload is a decision of the operator of the domain, not of the code.
    "security.W021",
]
