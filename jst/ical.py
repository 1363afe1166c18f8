"""iCal files (.ics) for visits and events (CONVENTIONS §3), built with the `icalendar` library.

Both span whole days, so DTSTART/DTEND are all-day DATE values (DTEND is the day after the last
day, as RFC 5545 says); the calendar names Europe/Warsaw as its zone. Private notes of advisers
never go into a file: a calendar is forwarded and synced to places we do not control."""

import datetime
from urllib.parse import urlparse

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from jst.models import Wizyta, Wydarzenie


def _kalendarz() -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//ORE//Doradztwo dla JST//PL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-timezone", "Europe/Warsaw")
    return cal


def _zdarzenie(*, uid: str, nazwa: str, od: datetime.date, do: datetime.date, miejsce: str, opis: str, url: str,
               sekwencja: int) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{urlparse(settings.SITE_URL).hostname or 'doradztwo'}")
    event.add("dtstamp", timezone.now())
    event.add("summary", nazwa)
    event.add("dtstart", od)
    event.add("dtend", do + datetime.timedelta(days=1))
    if miejsce:
        event.add("location", miejsce)
    if opis:
        event.add("description", opis)
    event.add("url", url)
    event.add("sequence", sekwencja)
    return event


def wizyta_ics(wizyta: Wizyta) -> bytes:
    """Visible to the team: the agenda, place and notes for the JST — never the private notes."""
    jst = wizyta.udzial.jst.nazwa_pelna
    czesci = [part for part in (wizyta.program, wizyta.notatki_dla_jst) if part.strip()]
    cal = _kalendarz()
    cal.add_component(_zdarzenie(
        uid=f"wizyta-{wizyta.pk}",
        nazwa=_("%(typ)s — %(jst)s") % {"typ": wizyta.get_typ_display(), "jst": jst},
        od=wizyta.od, do=wizyta.do, miejsce=wizyta.miejsce, opis="\n\n".join(czesci),
        url=settings.SITE_URL + reverse("jst:wizyta", args=[wizyta.udzial_id, wizyta.pk]),
        sekwencja=wizyta.wersja,
    ))
    return cal.to_ical()


def wydarzenie_ics(wydarzenie: Wydarzenie) -> bytes:
    czesci = [part for part in (wydarzenie.program, wydarzenie.link) if part.strip()]
    cal = _kalendarz()
    cal.add_component(_zdarzenie(
        uid=f"wydarzenie-{wydarzenie.pk}", nazwa=wydarzenie.nazwa, od=wydarzenie.od, do=wydarzenie.do,
        miejsce=wydarzenie.miejsce or wydarzenie.link, opis="\n\n".join(czesci),
        url=settings.SITE_URL + reverse("jst:wydarzenie", args=[wydarzenie.pk]), sekwencja=wydarzenie.wersja,
    ))
    return cal.to_ical()


def odpowiedz_ics(tresc: bytes, nazwa_pliku: str) -> HttpResponse:
    response = HttpResponse(tresc, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{nazwa_pliku}"'
    response["Cache-Control"] = "private, no-store"
    return response
