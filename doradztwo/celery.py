"""The Celery app. Eager (in-process) without REDIS_URL; a real worker + beat with it."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doradztwo.settings")

app = Celery("doradztwo")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Beat entries added to settings.CELERY_BEAT_SCHEDULE; tasks are named by string (this module imports no
# app). Times are CELERY_TIMEZONE (Europe/Warsaw): reminders go out during the working day, every 15
# minutes so that a run stopped at its batch limit continues soon.
HARMONOGRAM = {
    "wyslij-przypomnienia": {
        "task": "doradztwo.tasks.wyslij_przypomnienia",
        "schedule": crontab(minute="*/15", hour="7-19"),
    },
}


@app.on_after_configure.connect
def _dodaj_harmonogram(sender, **kwargs):
    sender.conf.beat_schedule = {**(sender.conf.beat_schedule or {}), **HARMONOGRAM}
