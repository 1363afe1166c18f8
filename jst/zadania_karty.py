"""Background job: the monthly timesheet as a PDF — remote entries, visit days, totals, state and the
signature fields (adviser, coordinator, dates). Register with `from jst import zadania_karty` in
jst.apps.JstConfig.ready()."""

import datetime

from django.conf import settings
from django.utils import timezone, translation

from doradztwo.models import Edycja
from doradztwo.zadania import RodzajZadania, skrot, zarejestruj
from jst.models import Doradca

KARTA_PDF = "karta_czasu_pracy_pdf"


def parametry_karty(edycja_pk: int, doradca_pk: int, miesiac: datetime.date) -> dict:
    return {"edycja": edycja_pk, "doradca": doradca_pk, "miesiac": miesiac.isoformat()}


def _obiekty(parametry) -> tuple[Edycja, Doradca, datetime.date] | None:
    edycja = Edycja.objects.filter(pk=parametry.get("edycja")).first()
    doradca = Doradca.objects.select_related("uzytkownik").filter(pk=parametry.get("doradca")).first()
    try:
        miesiac = datetime.date.fromisoformat(parametry.get("miesiac") or "")
    except ValueError:
        return None
    if edycja is None or doradca is None:
        return None
    return edycja, doradca, miesiac


def _ma_dostep(user, parametry) -> bool:
    from jst.access_karty import ma_dostep_do_karty

    obiekty = _obiekty(parametry)
    return obiekty is not None and ma_dostep_do_karty(user, obiekty[0].pk, obiekty[1].pk, obiekty[2])


def _klucz(parametry) -> str:
    from jst.karty import klucz_karty

    obiekty = _obiekty(parametry)
    if obiekty is None:
        return ""
    edycja, doradca, miesiac = obiekty
    return skrot(KARTA_PDF, parametry, klucz_karty(doradca, edycja, miesiac))


def _wykonaj(zadanie, postep):
    from doradztwo.pdf import render_pdf
    from jst.forms_zdalne import czas_trwania
    from jst.karty import karta_miesiaca

    edycja, doradca, miesiac = _obiekty(zadanie.parametry)
    postep(10, "")
    with translation.override(settings.LANGUAGE_CODE):  # a stored file shared by everyone
        karta = karta_miesiaca(doradca, edycja, miesiac)
        for wpis in karta.wpisy:
            wpis.czas = czas_trwania(wpis.minuty)
        postep(50, "")
        pdf = render_pdf("jst/karty/pdf.html", {"k": karta, "wygenerowano": timezone.now()})
    postep(90, "")
    return f"karta-czasu-pracy-{miesiac:%Y-%m}-{doradca.pk}.pdf", pdf


zarejestruj(RodzajZadania(nazwa=KARTA_PDF, ma_dostep=_ma_dostep, klucz_danych=_klucz, wykonaj=_wykonaj))
