"""Production WSGI server: `gunicorn -c scripts/gunicorn.conf.py doradztwo.wsgi` (behind a TLS proxy)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
timeout = 30  # PDFs and exports run in Celery, never in a request
graceful_timeout = 30
accesslog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
