"""Demo step for reminders (issue 10), called by the integrator's seed step as `run_demo(world)`.

For the current edition: a few saved rules (others keep their defaults) and a sent log of the past
weeks with its bell entries, so `/edycje/<id>/przypomnienia/` and the bell have content. Idempotent:
the log's unique key is reused; sends no e-mail (the beat pass is what sends)."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from doradztwo.models import Powiadomienie, RegulaPrzypomnienia, WyslanePrzypomnienie


def run_demo(world: dict) -> None:
    from jst.models import PrzydzialDoradcy

    edycja = world["edycja_biezaca"]
    koordynator = world["users"]["koordynator2"]
    for kod, wlaczona, dni in (("zdalne_brak", True, 15), ("wizyta_wkrotce", True, 5),
                               ("podsumowanie_tygodniowe", True, 1)):
        RegulaPrzypomnienia.objects.get_or_create(edycja=edycja, rodzaj=kod,
                                                  defaults={"wlaczona": wlaczona, "dni": dni, "zmienil": koordynator})

    today = timezone.localdate()
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    przydzialy = list(PrzydzialDoradcy.objects.filter(udzial__edycja=edycja, do__isnull=True)
                      .select_related("doradca__uzytkownik", "udzial__jst").order_by("udzial_id", "rola")[:4])
    with translation.override(settings.LANGUAGE_CODE):
        rows = []
        for i, p in enumerate(przydzialy):
            jst = p.udzial.jst.nazwa_pelna
            rows.append((
                "zdalne_brak", p.doradca.uzytkownik, p.udzial, last_month.strftime("%Y-%m"),
                _("Brak godzin doradztwa zdalnego: %(jst)s") % {"jst": jst},
                _("%(jst)s — brak godzin zdalnych (%(miesiac)s)") % {"jst": jst, "miesiac": last_month.strftime("%m.%Y")},
                i == 3,  # one adviser has switched these reminders off
                last_month.replace(day=15),
            ))
        if przydzialy:
            p = przydzialy[0]
            rows.append((
                "karta_niezlozona", p.doradca.uzytkownik, edycja, last_month.strftime("%Y-%m"),
                _("Karta czasu pracy za %(miesiac)s czeka na złożenie") % {"miesiac": last_month.strftime("%m.%Y")},
                _("%(kto)s — karta czasu pracy za %(miesiac)s") % {"kto": p.doradca,
                                                                     "miesiac": last_month.strftime("%m.%Y")},
                False, today.replace(day=min(today.day, 5)),
            ))
        rok, tydzien, _dzien = (today - datetime.timedelta(days=7)).isocalendar()
        rows.append((
            "podsumowanie_tygodniowe", koordynator, edycja, f"{rok}-W{tydzien:02d}",
            _("Zaległości w edycji %(edycja)s (tydzień %(tydzien)d): %(n)d") % {
                "edycja": edycja.nazwa, "tydzien": tydzien, "n": len(przydzialy)},
            _("Podsumowanie tygodnia %(tydzien)d/%(rok)d — pozycji: %(n)d") % {
                "tydzien": tydzien, "rok": rok, "n": len(przydzialy)},
            False, today - datetime.timedelta(days=today.isoweekday() + 6),
        ))
    for kod, odbiorca, obiekt, okres, tytul, opis, pominiete, dzien in rows:
        wpis, created = WyslanePrzypomnienie.objects.get_or_create(
            rodzaj=kod, odbiorca=odbiorca, typ_obiektu=ContentType.objects.get_for_model(obiekt),
            id_obiektu=str(obiekt.pk), okres=okres,
            defaults={"edycja": edycja, "opis": opis[:300], "pominiete": pominiete})
        if not created:
            continue
        kiedy = timezone.make_aware(datetime.datetime.combine(dzien, datetime.time(8, 15)))
        WyslanePrzypomnienie.objects.filter(pk=wpis.pk).update(wyslane=kiedy)
        if not pominiete:
            bell = Powiadomienie.objects.create(odbiorca=odbiorca, rodzaj=f"przypomnienie.{kod}", tytul=tytul[:200])
            Powiadomienie.objects.filter(pk=bell.pk).update(utworzone=kiedy)
