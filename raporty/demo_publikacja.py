"""Demo step: JST A's accepted report published in the good-practice library (CONVENTIONS §5).

Idempotent: a publication already public with its PDF is left alone. The PDF is rendered here
directly (the seed is no request; no job is queued)."""

from django.conf import settings
from django.utils import translation

from raporty import publikacja as uslugi
from raporty.models import Publikacja, RaportKoncowy


def run_demo(world: dict) -> Publikacja | None:
    raport = world.get("raport_a")
    if raport is None:
        return None
    raport = RaportKoncowy.objects.select_related("udzial__jst", "udzial__edycja").get(pk=raport.pk)
    if raport.stan != "zatwierdzona":
        return None
    istniejaca = Publikacja.objects.filter(raport=raport).first()
    if istniejaca is not None and istniejaca.opublikowana and istniejaca.plik_pdf:
        return istniejaca
    if istniejaca is None or not istniejaca.opublikowana:
        koordynator = world["users"]["koordynator"]
        dane = uslugi.propozycja(raport)
        zdjecia = list(raport.zdjecia.filter(pk__in=dane["zdjecia"]))
        klucze = [k for k, _t, _p in uslugi.pola_sekcji(raport)]
        istniejaca = uslugi.publikacja_opublikuj(
            raport=raport, tytul=dane["tytul"], lead=dane["lead"], okres=dane["okres"],
            sekcje={k: dane.get(f"sekcja_{k}", "") for k in klucze}, pokaz_kontakt=dane["pokaz_kontakt"],
            zdjecia=zdjecia, potwierdzenie=True, actor=koordynator, zlec_pdf=False)
    with translation.override(settings.LANGUAGE_CODE):
        pdf = uslugi.wyrenderuj_pdf(istniejaca)
    uslugi.zapisz_pdf(publikacja_id=istniejaca.pk, tresc=pdf, klucz=uslugi.klucz_pdf(istniejaca))
    istniejaca.refresh_from_db()
    return istniejaca
