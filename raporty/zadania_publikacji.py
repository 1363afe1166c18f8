"""Background job: the PDF of a published good practice, rendered once at publication and stored in
`Publikacja.plik_pdf` (the public library serves that file; anonymous visitors never start jobs).

The job runs for the coordinator who published; the worker re-checks that they still coordinate the
participation. A job that finds the publication changed after it read it stores nothing in the
publication (the newer job will)."""

from django.conf import settings
from django.utils import translation

from doradztwo.zadania import RodzajZadania, zarejestruj
from jst.access import role_in

PUBLIKACJA_PDF = "publikacja_pdf"


def _publikacja(parametry):
    from raporty.models import Publikacja

    return (Publikacja.objects.select_related("obszar", "raport__udzial__jst", "raport__udzial__edycja")
            .filter(pk=parametry.get("publikacja")).first())


def _ma_dostep(user, parametry) -> bool:
    publikacja = _publikacja(parametry)
    if publikacja is None:
        return False
    rola = role_in(user, publikacja.raport.udzial)
    return rola is not None and rola.koordynuje


def _klucz(parametry) -> str:
    from raporty.publikacja import klucz_pdf

    publikacja = _publikacja(parametry)
    return klucz_pdf(publikacja) if publikacja is not None else ""


def _wykonaj(zadanie, postep):
    from raporty.publikacja import klucz_pdf, nazwa_pdf, wyrenderuj_pdf, zapisz_pdf

    publikacja = _publikacja(zadanie.parametry)
    klucz = klucz_pdf(publikacja)
    postep(10, "")
    with translation.override(settings.LANGUAGE_CODE):  # one stored file for every visitor
        pdf = wyrenderuj_pdf(publikacja)
    postep(90, "")
    zapisz_pdf(publikacja_id=publikacja.pk, tresc=pdf, klucz=klucz)
    return nazwa_pdf(publikacja), pdf


zarejestruj(RodzajZadania(nazwa=PUBLIKACJA_PDF, ma_dostep=_ma_dostep, klucz_danych=_klucz, wykonaj=_wykonaj))
