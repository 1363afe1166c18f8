"""Background job: the HDR as a PDF — header, the version printed (the one in force, else the newest),
the actions table and the timeline by month. No comments are printed (CONVENTIONS §4)."""

from django.conf import settings
from django.utils import timezone, translation

from doradztwo.zadania import RodzajZadania, skrot, zarejestruj
from hdr.models import Dzialanie, Hdr, MonitoringDzialania, WersjaHdr
from jst.access import role_in
from jst.models import Udzial

HDR_PDF = "hdr_pdf"


def _udzial(parametry) -> Udzial | None:
    return Udzial.objects.select_related("jst", "edycja").filter(pk=parametry.get("udzial")).first()


def _ma_dostep(user, parametry) -> bool:
    udzial = _udzial(parametry)
    return udzial is not None and role_in(user, udzial) is not None


def _klucz(parametry) -> str:
    """Everything printed: versions (state, period), actions (plan fields), monitoring, and the day
    (the today line and overdue flags move with the date)."""
    udzial = _udzial(parametry)
    if udzial is None:
        return ""
    wersje = list(WersjaHdr.objects.filter(hdr__udzial=udzial).order_by("numer").values_list(
        "numer", "stan", "wersja", "okres_od", "okres_do", "ryzyka", "powod_zmiany"))
    dzialania = list(Dzialanie.objects.filter(wersja_hdr__hdr__udzial=udzial).order_by("pk").values_list(
        "pk", "wersja", "wersja_hdr_id"))
    cele = list(Dzialanie.cele.through.objects.filter(dzialanie__wersja_hdr__hdr__udzial=udzial).order_by("pk")
                .values_list("dzialanie_id", "cel_id", "cel__tresc"))
    monitoring = list(MonitoringDzialania.objects.filter(hdr__udzial=udzial).order_by("pk").values_list(
        "klucz", "status", "postep", "wartosc_aktualna"))
    return skrot(HDR_PDF, udzial.pk, udzial.jst.nazwa, udzial.edycja.nazwa, wersje, dzialania, cele, monitoring,
                 timezone.localdate().isoformat())


def dane_do_druku(udzial) -> dict:
    from hdr import services
    from hdr.views import harmonogram

    hdr = Hdr.objects.filter(udzial=udzial).select_related("obszar").first()
    if hdr is None:
        return {"udzial": udzial, "hdr": None}
    wersje = services.wersje_hdr(hdr)
    wersja = services.obowiazujaca(wersje) or wersje[-1]
    dzis = timezone.localdate()
    dzialania = services.dzialania_wersji(wersja)
    services.stan_realizacji(hdr, dzialania, dzis)
    for d in dzialania:
        d.osoba = services.osoba_odpowiedzialna(d)
    wykres = str(harmonogram(wersja, dzialania, dzis)).partition("<details")[0]  # the table is printed below
    from django.utils.safestring import mark_safe

    return {"udzial": udzial, "edycja": udzial.edycja, "hdr": hdr, "wersja": wersja, "dzialania": dzialania,
            "harmonogram": mark_safe(wykres), "dzis": dzis,
            "w_mocy": wersja.stan == "zatwierdzona"}


def _wykonaj(zadanie, postep):
    from doradztwo.pdf import render_pdf

    udzial = _udzial(zadanie.parametry)
    postep(10, "")
    with translation.override(settings.LANGUAGE_CODE):  # a stored file shared by everyone
        kontekst = dane_do_druku(udzial)
        postep(50, "")
        pdf = render_pdf("hdr/pdf/pdf.html", {**kontekst, "wygenerowano": timezone.now()})
    postep(90, "")
    return f"hdr-{udzial.jst.teryt}.pdf", pdf


zarejestruj(RodzajZadania(nazwa=HDR_PDF, ma_dostep=_ma_dostep, klucz_danych=_klucz, wykonaj=_wykonaj))
