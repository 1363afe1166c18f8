"""The Celery app. Eager (in-process) without REDIS_URL; a real worker + beat with it."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doradztwo.settings")

app = Celery("doradztwo")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
