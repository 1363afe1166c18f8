"""Background jobs of the RODO export (`doradztwo.zadania`): everything held about one person as
JSON ("rodo_eksport_json") or PDF ("rodo_eksport_pdf"), parameters {"osoba": user id}.

Administrators only; the worker re-checks it. The data key is a digest of the export itself, so a
stored file is served again only while nothing about the person has changed.

Register in doradztwo/apps.py ready(): `from doradztwo import zadania_rodo  # noqa: F401`."""

import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone, translation

from doradztwo import rodo
from doradztwo.access import is_admin
from doradztwo.zadania import RodzajZadania, skrot, zarejestruj

EKSPORT_JSON = "rodo_eksport_json"
EKSPORT_PDF = "rodo_eksport_pdf"
FORMATY = {"json": EKSPORT_JSON, "pdf": EKSPORT_PDF}
MAKS_KOLUMN = 5


def _osoba(parametry):
    return get_user_model().objects.filter(pk=parametry.get("osoba")).first()


def _ma_dostep(user, parametry) -> bool:
    return is_admin(user) and _osoba(parametry) is not None


def _klucz(rodzaj: str):
    def klucz(parametry) -> str:
        osoba = _osoba(parametry)
        if osoba is None:
            return ""
        with translation.override(settings.LANGUAGE_CODE):
            return skrot(rodzaj, osoba.pk, rodo.eksport_json(osoba))

    return klucz


def _wykonaj_json(zadanie, postep):
    osoba = _osoba(zadanie.parametry)
    postep(10, "")
    with translation.override(settings.LANGUAGE_CODE):
        dane = rodo.eksport_json(osoba, wygenerowano=timezone.now())
    postep(90, "")
    tresc = json.dumps(dane, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()
    return f"dane-osobowe-{osoba.pk}.json", tresc


def dane_pdf(osoba) -> dict:
    """The PDF's (and the page's) context: every section with its cells as people read them. A section
    with many columns is shown one record at a time (label: value), which stays readable on A4."""
    sekcje = []
    for aplikacja, lista in rodo.eksport(osoba):
        for s in lista:
            etykiety = [label for _k, label in s.kolumny]
            wiersze = [[rodo.wyswietl(w.get(k)) for k, _label in s.kolumny] for w in s.wiersze]
            sekcje.append({
                "aplikacja": aplikacja, "klucz": s.klucz, "tytul": s.tytul, "kolumny": etykiety, "wiersze": wiersze,
                "pionowo": len(etykiety) > MAKS_KOLUMN,
                "rekordy": [list(zip(etykiety, w, strict=True)) for w in wiersze],
            })
    return {"osoba": osoba, "sekcje": sekcje, "zachowane": rodo.pozycje_zachowane(osoba),
            "anonimizacja": rodo.zanonimizowana(osoba)}


def _wykonaj_pdf(zadanie, postep):
    from doradztwo.pdf import render_pdf

    osoba = _osoba(zadanie.parametry)
    postep(10, "")
    with translation.override(settings.LANGUAGE_CODE):
        kontekst = {**dane_pdf(osoba), "wygenerowano": timezone.now()}
        postep(40, "")
        pdf = render_pdf("pdf/rodo_eksport.html", kontekst)
    postep(90, "")
    return f"dane-osobowe-{osoba.pk}.pdf", pdf


zarejestruj(RodzajZadania(nazwa=EKSPORT_JSON, ma_dostep=_ma_dostep, klucz_danych=_klucz(EKSPORT_JSON),
                          wykonaj=_wykonaj_json))
zarejestruj(RodzajZadania(nazwa=EKSPORT_PDF, ma_dostep=_ma_dostep, klucz_danych=_klucz(EKSPORT_PDF),
                          wykonaj=_wykonaj_pdf))
