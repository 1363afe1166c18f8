"""Under CI=true the suite must run on the real services (CONVENTIONS §8)."""

import os

import pytest
from django.conf import settings
from django.db import connection

IN_CI = os.environ.get("CI") == "true"


@pytest.mark.django_db
@pytest.mark.skipif(not IN_CI and not os.environ.get("DATABASE_URL"), reason="laptop fallback: SQLite")
def test_the_suite_runs_on_postgresql_with_polish_collation():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_collation WHERE collname = 'pl-x-icu'")
        assert cursor.fetchone()[0] == 1
        cursor.execute("SELECT 'Łódź' < 'Zabrze' COLLATE \"pl-x-icu\", 'Żary' > 'Zabrze' COLLATE \"pl-x-icu\"")
        assert cursor.fetchone() == (True, True)


@pytest.mark.skipif(not IN_CI and not os.environ.get("REDIS_URL"), reason="laptop fallback: eager Celery")
def test_redis_answers_and_celery_is_not_eager():
    import redis

    assert redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2).ping() is True
    from doradztwo import settings as project_settings  # as configured, before test fixtures

    assert project_settings.CELERY_TASK_ALWAYS_EAGER is False
    assert project_settings.CELERY_BROKER_URL == settings.REDIS_URL


def test_cache_tolerates_redis_errors():
    from django_redis.cache import RedisCache

    options = {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2}
    cache = RedisCache("redis://127.0.0.1:1/0", {"OPTIONS": options})  # nothing listens there
    cache.set("k", "v")
    assert cache.get("k") is None
