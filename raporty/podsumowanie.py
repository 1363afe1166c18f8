"""The JST summary (podsumowanie JST): what one participation went through, collected for the PDF in a
fixed number of queries whatever the number of rows — JST data, team, advisers, calendar (the
edition's stages, visits, events attended), sheet results with their chart, the chosen area,
indicator values, the deep diagnosis, the HDR with its timeline, remote-advice hours against the
norm, and the final report.

`znaczniki()` digests the same data cheaply (counts, latest modification times, summed row versions,
and the few small rows printed in full) for many participations at once, so a stored PDF (or ZIP)
is reused while nothing it shows has changed.

Never collected: advisers' private notes (a visit's `notatki_prywatne`, the adviser directory note)
and comments of any kind, private threads included — one stored file serves every role, the JST
team too (CONVENTIONS §4)."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Max, Prefetch, Sum
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

from diagnoza.models import (
    Arkusz,
    Cel,
    DiagnozaPoglebiona,
    Luka,
    Odpowiedz,
    Przyczyna,
    StanDocelowy,
    Ustalenie,
    WartoscWskaznika,
    WyborObszaru,
)
from doradztwo.models import EtapKalendarza, Obszar
from doradztwo.przeglad import etykieta_stanu_zespolu
from hdr.models import Dzialanie, Hdr, MonitoringDzialania, WersjaHdr
from jst.models import JST, CzlonekZespolu, Doradca, Obecnosc, PrzydzialDoradcy, Udzial, Wizyta, WpisZdalny
from jst.rejestr import klucz_sortowania_pl
from raporty.formy import sekcje as sekcje_formy
from raporty.models import RaportKoncowy, SekcjaRaportu

# Bump when the PDF layout changes: stored files made with the old layout are no longer current.
UKLAD = 1


def _bez_tabeli(svg) -> str:
    """A chart's SVG only: the PDF prints the numbers in its own table, and WeasyPrint would show the
    chart's `<details>` table open as a duplicate."""
    if not svg:
        return svg
    return mark_safe(str(svg).partition("<details")[0])  # a prefix of the chart helper's escaped markup


def osoba(user) -> str:
    return user.get_full_name() or user.get_username()


def nazwa_pliku(udzial: Udzial) -> str:
    """"0201-powiat-boleslawiecki.pdf": ASCII only (ł has no decomposition, so it is mapped by hand)."""
    nazwa = str(udzial.jst.nazwa_pelna).replace("ł", "l").replace("Ł", "L")
    return f"{udzial.jst.teryt}-{slugify(nazwa) or 'jst'}.pdf"


# --- Collecting the data of one participation ---------------------------------------------------


@dataclass
class WydarzenieZespolu:
    """An event at least one team member attended, with who and on how many days."""

    nazwa: str
    rodzaj: str
    od: datetime.date
    do: datetime.date
    obecni: list[str] = field(default_factory=list)
    dni: set = field(default_factory=set)


@dataclass
class WartosciWskaznika:
    nazwa: str
    jednostka: str
    wartosci: list = field(default_factory=list)  # (okres, wynik as text, uwaga)


def _zespol(udzial) -> list[CzlonekZespolu]:
    czlonkowie = CzlonekZespolu.objects.filter(udzial=udzial, aktywny=True).select_related("uzytkownik")
    return sorted(czlonkowie, key=lambda c: (not c.lider, klucz_sortowania_pl(osoba(c.uzytkownik))))


def _przydzialy(udzial) -> list[PrzydzialDoradcy]:
    # udzial__jst / udzial__edycja: jst.normy computes the norm months from them.
    return list(PrzydzialDoradcy.objects.filter(udzial=udzial)
                .select_related("doradca__uzytkownik", "udzial__jst", "udzial__edycja")
                .order_by("rola", "od", "pk"))


def _wizyty(udzial) -> list[Wizyta]:
    # Only the fields the team may read: never `notatki_prywatne`.
    return list(Wizyta.objects.filter(udzial=udzial)
                .only("udzial_id", "typ", "od", "do", "miejsce", "rezultaty")
                .prefetch_related(Prefetch("doradcy", queryset=Doradca.objects.select_related("uzytkownik")))
                .order_by("od", "pk"))


def _wydarzenia(udzial) -> list[WydarzenieZespolu]:
    wydarzenia: dict[int, WydarzenieZespolu] = {}
    for o in (Obecnosc.objects.filter(czlonek__udzial=udzial, obecny=True)
              .select_related("wydarzenie", "czlonek__uzytkownik").order_by("wydarzenie__od", "wydarzenie_id", "pk")):
        w = o.wydarzenie
        pozycja = wydarzenia.setdefault(w.pk, WydarzenieZespolu(w.nazwa, w.get_rodzaj_display(), w.od, w.do))
        kto = osoba(o.czlonek.uzytkownik)
        if kto not in pozycja.obecni:
            pozycja.obecni.append(kto)
        pozycja.dni.add(o.dzien)
    for pozycja in wydarzenia.values():
        pozycja.obecni.sort(key=klucz_sortowania_pl)
    return list(wydarzenia.values())


def _arkusz(udzial) -> dict:
    """The sheet results exactly as the results page builds them (its chart included)."""
    from diagnoza.views_wyniki import _kontekst_wynikow

    kontekst = _kontekst_wynikow(udzial)
    wykres = kontekst["wykres"]
    return {
        "arkusze": kontekst["arkusze"],
        "wyniki": kontekst["wyniki"],
        "stan_etykieta": kontekst["stan_etykieta"],
        "indywidualny": kontekst["indywidualny"],
        "wykres": wykres,
        "wykres_svg": _bez_tabeli(wykres.svg) if wykres else None,
    }


def _wskazniki(udzial) -> list[WartosciWskaznika]:
    from diagnoza.views_zadanie import liczba

    wskazniki: dict[int, WartosciWskaznika] = {}
    for v in (WartoscWskaznika.objects.filter(udzial=udzial).select_related("wskaznik")
              .order_by("wskaznik__obszar_zasobow", "wskaznik__nazwa", "wskaznik_id", "rok", "okres")):
        w = wskazniki.setdefault(v.wskaznik_id, WartosciWskaznika(v.wskaznik.nazwa, v.wskaznik.jednostka))
        wynik = _("n/d") if v.wynik is None else liczba(v.wynik, v.wskaznik.miejsca)
        w.wartosci.append((v.okres, wynik, v.uwaga))
    return list(wskazniki.values())


def _diagnoza(udzial) -> dict:
    """The deep diagnosis. Every query runs even without a diagnosis (fixed count)."""
    diagnoza = DiagnozaPoglebiona.objects.filter(udzial=udzial).first()
    return {
        "diagnoza": diagnoza,
        "stan_etykieta": etykieta_stanu_zespolu(diagnoza.stan) if diagnoza else "",
        "ustalenia": list(Ustalenie.objects.filter(diagnoza__udzial=udzial).order_by("kolejnosc", "pk")),
        "stany": list(StanDocelowy.objects.filter(diagnoza__udzial=udzial).order_by("kolejnosc", "pk")),
        "przyczyny": list(Przyczyna.objects.filter(diagnoza__udzial=udzial).order_by("kolejnosc", "pk")),
        "luki": list(Luka.objects.filter(diagnoza__udzial=udzial).select_related("ustalenie", "stan_docelowy")
                     .prefetch_related(Prefetch("cele", queryset=Cel.objects.order_by("kolejnosc", "pk")))
                     .order_by("ranga", "kolejnosc", "pk")),
    }


def _hdr(udzial, dzis: datetime.date) -> dict:
    """The HDR version in force (else the newest), its actions with their monitoring state, and the
    Gantt timeline the HDR page draws (month labels like "lis 2022")."""
    from hdr import services
    from hdr.views import harmonogram

    hdr = Hdr.objects.filter(udzial=udzial).select_related("obszar").first()
    if hdr is None:
        return {"hdr": None}
    wersje = services.wersje_hdr(hdr)
    if not wersje:
        return {"hdr": None}
    wersja = services.obowiazujaca(wersje) or wersje[-1]
    dzialania = services.dzialania_wersji(wersja)
    services.stan_realizacji(hdr, dzialania, dzis)
    for d in dzialania:
        d.osoba = services.osoba_odpowiedzialna(d)
    nowsza = wersje[-1] if wersje[-1].numer > wersja.numer else None
    return {
        "hdr": hdr, "wersja": wersja, "w_mocy": wersja.stan == "zatwierdzona", "dzialania": dzialania,
        "stan_etykieta": etykieta_stanu_zespolu(wersja.stan),
        "nowsza": nowsza, "nowsza_etykieta": etykieta_stanu_zespolu(nowsza.stan) if nowsza else "",
        "harmonogram": _bez_tabeli(harmonogram(wersja, dzialania, dzis)),
    }


def _godziny(udzial, przydzialy: list[PrzydzialDoradcy], dzis: datetime.date) -> list:
    """Remote-advice hours per adviser of this JST against the edition's norm (jst.normy)."""
    from jst import normy

    return normy.policz_pary(przydzialy, normy._minuty(WpisZdalny.objects.filter(udzial=udzial)), dzis)


def _raport(udzial) -> dict:
    raport = (RaportKoncowy.objects.filter(udzial=udzial)
              .prefetch_related(Prefetch("sekcje", queryset=SekcjaRaportu.objects.order_by("pk"))).first())
    if raport is None:
        return {"raport": None}
    teksty = {s.klucz: s.tresc for s in raport.sekcje.all()}
    katalog = [(s.klucz, s.tytul) for s in sekcje_formy(raport.forma)]  # titles in the form's order
    znane = {k for k, _t in katalog}
    sekcje = [(tytul, teksty.get(klucz, "")) for klucz, tytul in katalog]
    sekcje += [(klucz, tresc) for klucz, tresc in teksty.items() if klucz not in znane]
    return {"raport": raport, "stan_etykieta": etykieta_stanu_zespolu(raport.stan), "sekcje": sekcje}


def dane(udzial: Udzial, *, dzis: datetime.date | None = None) -> dict:
    """Everything the summary PDF prints for one participation (`udzial` with jst and edycja loaded).
    A fixed number of queries whatever the number of members, visits, answers, values or actions."""
    dzis = dzis or timezone.localdate()
    przydzialy = _przydzialy(udzial)
    wizyty = _wizyty(udzial)
    return {
        "udzial": udzial,
        "jst": udzial.jst,
        # A gmina names its county; a county, a city with county rights or a voivodeship does not.
        "pokaz_powiat": bool(udzial.jst.powiat) and udzial.jst.rodzaj not in (
            JST.Rodzaj.POWIAT, JST.Rodzaj.MIASTO_NA_PRAWACH_POWIATU, JST.Rodzaj.WOJEWODZTWO),
        "edycja": udzial.edycja,
        "dzis": dzis,
        "zespol": _zespol(udzial),
        "przydzialy": przydzialy,
        "kalendarz": list(EtapKalendarza.objects.filter(edycja_id=udzial.edycja_id).order_by("kolejnosc", "pk")),
        "wizyty": wizyty,
        "dni_wizyt": sum((w.do - w.od).days + 1 for w in wizyty),
        "wydarzenia": _wydarzenia(udzial),
        "arkusz": _arkusz(udzial),
        "wybor": WyborObszaru.objects.filter(udzial=udzial).select_related("obszar").first(),
        "wskazniki": _wskazniki(udzial),
        "poglebiona": _diagnoza(udzial),
        "hdr": _hdr(udzial, dzis),
        "godziny": _godziny(udzial, przydzialy, dzis),
        "raport": _raport(udzial),
    }


# --- The digest: has anything printed changed? -----------------------------------------------------


def _agregaty(qs, udzial: str, *, czas: str | None = None, wersja: str | None = "wersja", **inne) -> dict:
    """Per participation: row count, latest modification time and summed versions (an edit bumps the
    version or the time, a deletion the count)."""
    adnotacje = {"n": Count("pk"), **inne}
    if czas:
        adnotacje["t"] = Max(czas)
    if wersja:
        adnotacje["w"] = Sum(wersja)
    wynik = {}
    for row in qs.values(udzial).annotate(**adnotacje).order_by():
        wynik[row.pop(udzial)] = sorted(row.items())
    return wynik


def _wiersze(qs, udzial: str, *pola) -> dict:
    """Small tables printed in full (team, advisers, states): their rows as they are."""
    wynik = defaultdict(list)
    for row in qs.order_by("pk").values_list(udzial, *pola):
        wynik[row[0]].append(row[1:])
    return wynik


def znaczniki(udzialy: Iterable[int]) -> dict[int, list]:
    """participation id → what its summary shows, digested. A fixed number of queries however many
    participations (the edition ZIP digests all of them at once)."""
    ids = sorted(set(udzialy))
    czesci = {
        "udzial": _wiersze(Udzial.objects.filter(pk__in=ids), "pk", "etap", "wersja", "jst__nazwa", "jst__rodzaj",
                           "jst__teryt", "jst__wojewodztwo", "jst__powiat"),
        "zespol": _wiersze(CzlonekZespolu.objects.filter(udzial_id__in=ids), "udzial_id", "pk", "aktywny", "lider",
                           "wersja", "funkcja", "rodzaj", "nazwa_szkoly", "uzytkownik__first_name",
                           "uzytkownik__last_name", "uzytkownik__username"),
        "doradcy": _wiersze(PrzydzialDoradcy.objects.filter(udzial_id__in=ids), "udzial_id", "pk", "rola", "od", "do",
                            "doradca__uzytkownik__first_name", "doradca__uzytkownik__last_name"),
        "wizyty": _agregaty(Wizyta.objects.filter(udzial_id__in=ids), "udzial_id", czas="zmieniona"),
        "obecnosci": _agregaty(Obecnosc.objects.filter(czlonek__udzial_id__in=ids, obecny=True), "czlonek__udzial_id",
                               czas="zmieniona", wersja="wydarzenie__wersja"),
        "arkusze": _wiersze(Arkusz.objects.filter(udzial_id__in=ids), "udzial_id", "pk", "stan", "wersja"),
        "odpowiedzi": _agregaty(Odpowiedz.objects.filter(arkusz__udzial_id__in=ids), "arkusz__udzial_id",
                                czas="zmieniona"),
        "wybor": _wiersze(WyborObszaru.objects.filter(udzial_id__in=ids), "udzial_id", "obszar_id", "wersja", "kiedy"),
        "wskazniki": _agregaty(WartoscWskaznika.objects.filter(udzial_id__in=ids), "udzial_id", czas="zmieniona",
                               definicje=Sum("wskaznik__wersja")),
        "diagnoza": _wiersze(DiagnozaPoglebiona.objects.filter(udzial_id__in=ids), "udzial_id", "stan", "wersja"),
        "ustalenia": _agregaty(Ustalenie.objects.filter(diagnoza__udzial_id__in=ids), "diagnoza__udzial_id",
                               czas="zmieniona"),
        "stany": _agregaty(StanDocelowy.objects.filter(diagnoza__udzial_id__in=ids), "diagnoza__udzial_id",
                           czas="zmieniona"),
        "przyczyny": _agregaty(Przyczyna.objects.filter(diagnoza__udzial_id__in=ids), "diagnoza__udzial_id",
                               czas="zmieniona"),
        "luki": _agregaty(Luka.objects.filter(diagnoza__udzial_id__in=ids), "diagnoza__udzial_id", czas="zmieniona"),
        "cele": _agregaty(Cel.objects.filter(luka__diagnoza__udzial_id__in=ids), "luka__diagnoza__udzial_id",
                          czas="zmieniony"),
        "hdr": _wiersze(Hdr.objects.filter(udzial_id__in=ids), "udzial_id", "obszar_id"),
        "wersje_hdr": _wiersze(WersjaHdr.objects.filter(hdr__udzial_id__in=ids), "hdr__udzial_id", "pk", "numer",
                               "stan", "wersja", "okres_od", "okres_do", "zatwierdzona"),
        "dzialania": _agregaty(Dzialanie.objects.filter(wersja_hdr__hdr__udzial_id__in=ids),
                               "wersja_hdr__hdr__udzial_id", czas="zmienione"),
        "monitoring": _agregaty(MonitoringDzialania.objects.filter(hdr__udzial_id__in=ids), "hdr__udzial_id",
                                czas="zmieniony"),
        "godziny": _agregaty(WpisZdalny.objects.filter(udzial_id__in=ids), "udzial_id", czas="zmieniony",
                             wersja=None, minuty=Sum("minuty")),
        "raport": _wiersze(RaportKoncowy.objects.filter(udzial_id__in=ids), "udzial_id", "forma", "stan", "wersja",
                           "zmieniony"),
        "sekcje": _agregaty(SekcjaRaportu.objects.filter(raport__udzial_id__in=ids), "raport__udzial_id",
                            czas="zmieniona"),
    }
    return {pk: [(nazwa, czesc.get(pk)) for nazwa, czesc in czesci.items()] for pk in ids}


def znaczniki_edycji(edycja) -> list:
    """What every summary of an edition shares: the edition, its stage calendar, the area names."""
    return [
        UKLAD, edycja.pk, edycja.nazwa, edycja.data_od, edycja.data_do, edycja.norma_godzin,
        list(EtapKalendarza.objects.filter(edycja=edycja).order_by("kolejnosc", "pk")
             .values_list("pk", "nazwa", "kolejnosc", "data_od", "data_do")),
        Obszar.objects.aggregate(n=Count("pk"), w=Sum("wersja")),
    ]
