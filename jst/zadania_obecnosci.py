"""Background job: an event's attendance list for one day as a PDF, with a signature column.

Register in jst/apps.py ready(): `from jst import zadania_obecnosci  # noqa: F401`."""

import datetime

from django.conf import settings
from django.utils import timezone, translation

from doradztwo.access import role_in_edition
from doradztwo.zadania import RodzajZadania, skrot, zarejestruj
from jst.models import Rejestracja, Wydarzenie

LISTA_OBECNOSCI = "lista_obecnosci"


def _wydarzenie(parametry) -> Wydarzenie | None:
    return Wydarzenie.objects.select_related("edycja").filter(pk=parametry.get("wydarzenie")).first()


def _dzien(parametry) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(parametry.get("dzien")))
    except ValueError:
        return None


def _ma_dostep(user, parametry) -> bool:
    """The edition's coordinators (they run the event and keep the signed lists)."""
    wydarzenie = _wydarzenie(parametry)
    dzien = _dzien(parametry)
    return (wydarzenie is not None and dzien is not None and wydarzenie.od <= dzien <= wydarzenie.do
            and role_in_edition(user, wydarzenie.edycja) is not None)


def uczestnicy(wydarzenie: Wydarzenie) -> list[Rejestracja]:
    return list(Rejestracja.objects.filter(wydarzenie=wydarzenie)
                .select_related("czlonek__uzytkownik", "czlonek__udzial__jst")
                .order_by("czlonek__uzytkownik__last_name", "czlonek__uzytkownik__first_name", "pk"))


def _klucz(parametry) -> str:
    wydarzenie = _wydarzenie(parametry)
    if wydarzenie is None:
        return ""
    rows = [(r.pk, r.czlonek.uzytkownik.get_full_name(), r.czlonek.funkcja, r.czlonek.udzial.jst.nazwa)
            for r in uczestnicy(wydarzenie)]
    return skrot(LISTA_OBECNOSCI, wydarzenie.pk, wydarzenie.wersja, str(parametry.get("dzien")), rows)


def _wykonaj(zadanie, postep):
    from doradztwo.pdf import render_pdf

    wydarzenie = _wydarzenie(zadanie.parametry)
    dzien = _dzien(zadanie.parametry)
    postep(20, "")
    lista = uczestnicy(wydarzenie)
    postep(50, "")
    with translation.override(settings.LANGUAGE_CODE):  # a stored file shared by everyone
        pdf = render_pdf("jst/wydarzenia/pdf_lista.html", {
            "wydarzenie": wydarzenie, "dzien": dzien, "rejestracje": lista, "wygenerowano": timezone.now()})
    postep(90, "")
    return f"lista-obecnosci-{wydarzenie.pk}-{dzien.isoformat()}.pdf", pdf


zarejestruj(RodzajZadania(nazwa=LISTA_OBECNOSCI, ma_dostep=_ma_dostep, klucz_danych=_klucz, wykonaj=_wykonaj))
