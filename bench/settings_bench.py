"""Settings for the benchmark: the project's settings unchanged, plus the query-count middleware when
BENCH_ZAPYTANIA=1. Refuses SQLite and DEBUG=True — numbers from either would mislead.

Use: DJANGO_SETTINGS_MODULE=bench.settings_bench (bench/run.py sets it for gunicorn, the Celery
workers and its own process)."""

from django.core.exceptions import ImproperlyConfigured

from doradztwo.env import env_bool
from doradztwo.settings import *  # noqa: F403
from doradztwo.settings import DATABASES, DEBUG, MIDDLEWARE

if DEBUG:
    raise ImproperlyConfigured("bench: DEBUG=True — the benchmark runs only with DEBUG=False (unset DEBUG or set "
                               "DEBUG=False).")
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("bench: the database is not PostgreSQL — the benchmark refuses SQLite; set "
                               "DATABASE_URL=postgres://… or let bench/run.py start its own cluster.")

if env_bool("BENCH_ZAPYTANIA", False):
    # Outermost, so the time and the query count cover every middleware (sessions, auth, axes…).
    MIDDLEWARE = ["bench.zapytania.LicznikZapytan", *MIDDLEWARE]
