"""The django-axes lock-out answer: a Polish page that says when signing in works again.

Wired as `AXES_LOCKOUT_CALLABLE`. Status 429 (Too Many Requests, axes' own default) with a
`Retry-After` header. The unlock time is the latest counted failure of this (username, IP) pair plus
`AXES_COOLOFF_TIME`, shown in Europe/Warsaw local time and rounded up to the whole minute, so
"po godzinie 14:35" is never too early. Attempts during the lock-out do not move the time
(`AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False`), so what the page says stays true.

An htmx or fetch request (`HX-Request: true` or `X-Requested-With: XMLHttpRequest`) gets the same
sentence as plain text with `HX-Reswap: none`, like the 401 of an expired session (CONVENTIONS §3):
the page stays as it is and can show the message.
"""

import math
from datetime import datetime, timedelta

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.db.models import Max
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import ngettext

STATUS = 429
TEMPLATE = "registration/blokada.html"


def czas_odblokowania(request, credentials=None) -> datetime:
    """When this (username, IP) pair may sign in again (aware datetime)."""
    cool_off = get_cool_off(request) or timedelta(0)
    ostatnia = None
    handler = AxesProxyHandler.get_implementation()
    if hasattr(handler, "get_user_attempts"):  # the database handler (our configuration)
        for attempts in handler.get_user_attempts(request, credentials):
            czas = attempts.aggregate(ostatnia=Max("attempt_time"))["ostatnia"]
            if czas is not None and (ostatnia is None or czas > ostatnia):
                ostatnia = czas
    if ostatnia is None:  # another handler, or the rows were cleaned meanwhile
        ostatnia = getattr(request, "axes_attempt_time", None) or timezone.now()
    return ostatnia + cool_off


def _w_gore_do_minuty(chwila: datetime) -> datetime:
    pelna = chwila.replace(second=0, microsecond=0)
    return pelna if pelna == chwila else pelna + timedelta(minutes=1)


def komunikat(odblokowanie: datetime, teraz: datetime | None = None) -> str:
    """ "Spróbuj ponownie za 15 minut, po godzinie 14:35, albo ustaw nowe hasło." """
    teraz = teraz or timezone.now()
    minuty = max(1, math.ceil((odblokowanie - teraz).total_seconds() / 60))
    # Shown rounded up to the minute: "po godzinie 14:35" must never be too early.
    lokalny = timezone.localtime(_w_gore_do_minuty(odblokowanie))
    godzina = date_format(lokalny, "TIME_FORMAT")
    if lokalny.date() != timezone.localtime(teraz).date():
        godzina = f"{godzina} ({date_format(lokalny, 'SHORT_DATE_FORMAT')})"
    return ngettext(
        "Spróbuj ponownie za %(n)d minutę, po godzinie %(godzina)s, albo ustaw nowe hasło.",
        "Spróbuj ponownie za %(n)d minut, po godzinie %(godzina)s, albo ustaw nowe hasło.",
        minuty,
    ) % {"n": minuty, "godzina": godzina}


def odpowiedz_blokady(request, original_response=None, credentials=None) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the answer to a login attempt of a locked-out (username, IP) pair."""
    teraz = timezone.now()
    odblokowanie = czas_odblokowania(request, credentials)
    tekst = komunikat(odblokowanie, teraz)
    if request.headers.get("HX-Request") == "true" or request.headers.get("X-Requested-With") == "XMLHttpRequest":
        response = HttpResponse(tekst, status=STATUS, content_type="text/plain; charset=utf-8")
        response["HX-Reswap"] = "none"
    else:
        response = render(request, TEMPLATE, {"komunikat": tekst, "odblokowanie": odblokowanie}, status=STATUS)
    response["Retry-After"] = str(max(0, math.ceil((odblokowanie - teraz).total_seconds())))
    return response
