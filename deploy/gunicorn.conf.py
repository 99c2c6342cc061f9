"""gunicorn settings for production: several stateless worker processes behind a reverse proxy.

Every value can be overridden from the environment (GUNICORN_*), so the same file serves
a small Cité on one machine and the network's shared platform.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# The application is loaded once in the master and forked: workers start in milliseconds, share its
# memory, and a recycled worker does not re-import Django (seconds of CPU on a 2-core host).
preload_app = True
# One process per core (plus one to overlap the database's waits); a few threads each for the
# requests that wait on PostgreSQL. More processes than that only compete for the same two cores.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Restart workers now and then so that a slow leak never grows into an outage: rarely (at a few
# hundred requests a second, 2000 was every few seconds) and spread out by a jitter as large as
# the limit's half, so that the workers never recycle together.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = max_requests // 2
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "config.wsgi:application"
