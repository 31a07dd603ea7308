"""gunicorn's settings for production: ``gunicorn -c config/gunicorn.conf.py config.wsgi``.

A slow client cannot stall the server: each worker process runs a pool of
threads (``gthread``), so a request that waits on a slow reader holds one
thread, not a whole process, and the others keep answering. In production a
buffering proxy (nginx, docs/deployment.md) sits in front and reads each
response at the server's speed, so threads are held only as long as the
application needs. Large exports run as background jobs whose files are
served with ``Content-Length`` and range requests (docs/api.md).

Every value can be changed from the environment (``GUNICORN_*``,
``WEB_CONCURRENCY``) or the command line.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
# A request (an export streaming to a client included) may take this long
# before its worker is restarted; the worker's heartbeat is separate from its
# threads, so a thread held by a slow reader does not make the worker look dead.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
keepalive = 5
# Headers: what a browser or script sends, no more.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# Restart workers now and then (memory fragmentation), not all at once.
max_requests = 2000
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # empty: none
errorlog = "-"
# The proxy in front is the only client gunicorn trusts for X-Forwarded-*.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
