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
# One process per core, two threads each for the requests that wait on PostgreSQL. Measured on a
# 2-core host (bench/reception.py, interleaved, README "Reception throughput"): 2 x 2 threads gave
# 1.10-1.11 of 3 x 2 on the signed-in floor and the check-in and the same on call-next; 5 x 2 and
# 3 x 4 no more; sync workers (2, 3 or 5) 0.76-0.78 of it on the floor. A process more than the
# cores only competes for them.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count()))
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
