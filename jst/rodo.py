"""Personal data held by jst (found by `doradztwo.rodo`): team memberships, the adviser's profile,
assignments and work, registrations and attendance.

Evidence of EU-funded support keeps the person's name after an anonymisation (`doradztwo.rodo`):
timesheets, remote advice (the adviser and the team members present), visits (advisers and
participants), travel costs, event registrations and attendance (present days only — an absence
proves no support). Anonymising ends the person's team memberships and the adviser profile."""

from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doradztwo.rodo import Dostawca, Osoba, RodzajRetencji, Sekcja, Zachowany, zarejestruj, zarejestruj_rodzaj
from jst.models import (
    CzlonekZespolu,
    Doradca,
    KartaCzasuPracy,
    KosztPodrozy,
    Obecnosc,
    PrzydzialDoradcy,
    Rejestracja,
    Wizyta,
    WpisZdalny,
    ZmianaEtapu,
)

KARTA_CZASU = zarejestruj_rodzaj(RodzajRetencji(
    "karta_czasu", gettext_lazy("Karty czasu pracy doradców"),
    gettext_lazy("Zostaje imię i nazwisko doradcy, który rozliczył miesiąc."), 10))
WPIS_ZDALNY = zarejestruj_rodzaj(RodzajRetencji(
    "wpis_zdalny", gettext_lazy("Doradztwo zdalne"),
    gettext_lazy("Zostaje imię i nazwisko doradcy oraz osób z zespołu JST obecnych na spotkaniu."), 20))
WIZYTA = zarejestruj_rodzaj(RodzajRetencji(
    "wizyta", gettext_lazy("Wizyty w JST"),
    gettext_lazy("Zostaje imię i nazwisko doradców i uczestników z zespołu JST."), 30))
KOSZT_PODROZY = zarejestruj_rodzaj(RodzajRetencji(
    "koszt_podrozy", gettext_lazy("Koszty podróży doradców"),
    gettext_lazy("Zostaje imię i nazwisko doradcy, który poniósł wydatek."), 40))
REJESTRACJA = zarejestruj_rodzaj(RodzajRetencji(
    "rejestracja", gettext_lazy("Rejestracje na wydarzenia"),
    gettext_lazy("Zostaje imię i nazwisko, funkcja i JST uczestnika."), 50))
OBECNOSC = zarejestruj_rodzaj(RodzajRetencji(
    "obecnosc", gettext_lazy("Listy obecności na wydarzeniach"),
    gettext_lazy("Zostaje imię i nazwisko, funkcja i JST osoby obecnej."), 60))


def _data(d) -> str:
    return formats.date_format(d, "d.m.Y") if d else ""


def _czlonkostwa(osoba: Osoba):
    return list(CzlonekZespolu.objects.filter(uzytkownik=osoba.uzytkownik)
                .select_related("udzial__jst", "udzial__edycja").order_by("dolaczyl", "pk"))


def _doradca(osoba: Osoba) -> Doradca | None:
    return Doradca.objects.filter(uzytkownik=osoba.uzytkownik).first()


def _jako_czlonek(osoba: Osoba, czlonek: CzlonekZespolu) -> dict:
    return {"imie_nazwisko": osoba.imie_nazwisko, "funkcja": czlonek.funkcja, "jst": czlonek.udzial.jst.nazwa_pelna}


def _jako_doradca(osoba: Osoba, doradca: Doradca) -> dict:
    return {"imie_nazwisko": osoba.imie_nazwisko, "rola": _("doradca %(spec)s") % {"spec": doradca.specjalnosc}}


# --- Export ---------------------------------------------------------------------------------------


def zbierz(osoba: Osoba) -> list[Sekcja]:
    czlonkostwa = _czlonkostwa(osoba)
    ids = [c.pk for c in czlonkostwa]
    doradca = _doradca(osoba)
    sekcje = [Sekcja("zespoly", _("Członkostwo w zespołach JST"), [
        ("jst", _("JST")), ("edycja", _("Edycja")), ("funkcja", _("Funkcja")), ("rodzaj", _("Rodzaj")),
        ("szkola", _("Szkoła lub placówka")), ("lider", _("Lider")), ("aktywny", _("Aktywny")),
        ("dolaczyl", _("Dołączył")), ("odszedl", _("Odszedł")),
    ], [{"jst": c.udzial.jst.nazwa_pelna, "edycja": c.udzial.edycja.nazwa, "funkcja": c.funkcja,
         "rodzaj": c.get_rodzaj_display(), "szkola": c.nazwa_szkoly, "lider": c.lider, "aktywny": c.aktywny,
         "dolaczyl": c.dolaczyl, "odszedl": c.odszedl} for c in czlonkostwa])]

    sekcje.append(Sekcja("doradca", _("Profil doradcy"), [
        ("specjalnosc", _("Specjalność")), ("wojewodztwo", _("Województwo")),
        ("notatka", _("Notatka (doświadczenie, obszary)")), ("aktywny", _("Aktywny")),
    ], [{"specjalnosc": doradca.get_specjalnosc_display(), "wojewodztwo": doradca.wojewodztwo,
         "notatka": doradca.notatka, "aktywny": doradca.aktywny}] if doradca else []))
    przydzialy = (PrzydzialDoradcy.objects.filter(doradca=doradca).select_related("udzial__jst", "udzial__edycja")
                  .order_by("od", "pk") if doradca else [])
    sekcje.append(Sekcja("przydzialy", _("Przydziały doradcy"), [
        ("jst", _("JST")), ("edycja", _("Edycja")), ("rola", _("Rola")), ("od", _("Od")), ("do", _("Do")),
    ], [{"jst": p.udzial.jst.nazwa_pelna, "edycja": p.udzial.edycja.nazwa, "rola": p.rola, "od": p.od, "do": p.do}
        for p in przydzialy]))

    kolumny_wpisu = [("data", _("Data")), ("jst", _("JST")), ("minuty", _("Minuty")), ("forma", _("Forma")),
                     ("temat", _("Temat")), ("ustalenia", _("Wynik i kolejne kroki"))]
    wpisy = (WpisZdalny.objects.filter(doradca=doradca).select_related("udzial__jst").order_by("data", "pk")
             if doradca else [])
    sekcje.append(Sekcja("wpisy_zdalne", _("Doradztwo zdalne prowadzone przez tę osobę"), kolumny_wpisu, [
        {"data": w.data, "jst": w.udzial.jst.nazwa_pelna, "minuty": w.minuty, "forma": w.get_forma_display(),
         "temat": w.temat, "ustalenia": w.ustalenia} for w in wpisy]))
    obecna = WpisZdalny.objects.filter(obecni__in=ids).select_related("udzial__jst").distinct().order_by("data", "pk")
    sekcje.append(Sekcja("obecnosc_zdalne", _("Doradztwo zdalne z udziałem tej osoby"), kolumny_wpisu, [
        {"data": w.data, "jst": w.udzial.jst.nazwa_pelna, "minuty": w.minuty, "forma": w.get_forma_display(),
         "temat": w.temat, "ustalenia": w.ustalenia} for w in obecna]))

    sekcje.append(Sekcja("karty", _("Karty czasu pracy"), [
        ("edycja", _("Edycja")), ("miesiac", _("Miesiąc")), ("stan", _("Stan")),
    ], [{"edycja": k.edycja.nazwa, "miesiac": k.miesiac.strftime("%m.%Y"), "stan": k.stan}
        for k in (KartaCzasuPracy.objects.filter(doradca=doradca).select_related("edycja").order_by("miesiac")
                  if doradca else [])]))
    warunek = Q(uczestnicy__in=ids)
    if doradca:
        warunek |= Q(doradcy=doradca)
    wizyty = Wizyta.objects.filter(warunek).select_related("udzial__jst").distinct().order_by("od", "pk")
    sekcje.append(Sekcja("wizyty", _("Wizyty w JST"), [
        ("typ", _("Rodzaj")), ("jst", _("JST")), ("od", _("Od")), ("do", _("Do")), ("miejsce", _("Miejsce")),
    ], [{"typ": w.get_typ_display(), "jst": w.udzial.jst.nazwa_pelna, "od": w.od, "do": w.do, "miejsce": w.miejsce}
        for w in wizyty]))
    sekcje.append(Sekcja("koszty", _("Koszty podróży"), [
        ("data", _("Data")), ("transport", _("Transport i trasa")), ("kwota_transport", _("Transport (zł)")),
        ("kwota_nocleg", _("Nocleg (zł)")), ("kwota_inne", _("Inne (zł)")), ("opis", _("Opis")),
    ], [{"data": k.data, "transport": k.transport, "kwota_transport": k.kwota_transport,
         "kwota_nocleg": k.kwota_nocleg, "kwota_inne": k.kwota_inne, "opis": k.opis}
        for k in (KosztPodrozy.objects.filter(doradca=doradca).order_by("data", "pk") if doradca else [])]))
    sekcje.append(Sekcja("rejestracje", _("Rejestracje na wydarzenia"), [
        ("wydarzenie", _("Wydarzenie")), ("od", _("Termin")), ("opcje", _("Wybrane opcje")),
        ("utworzona", _("Zapisano")),
    ], [{"wydarzenie": r.wydarzenie.nazwa, "od": r.wydarzenie.od, "opcje": ", ".join(map(str, r.opcje or [])),
         "utworzona": r.utworzona}
        for r in Rejestracja.objects.filter(czlonek__in=ids).select_related("wydarzenie").order_by("utworzona", "pk")]))
    sekcje.append(Sekcja("obecnosci", _("Obecności na wydarzeniach"), [
        ("wydarzenie", _("Wydarzenie")), ("dzien", _("Dzień")), ("obecny", _("Obecny")),
    ], [{"wydarzenie": o.wydarzenie.nazwa, "dzien": o.dzien, "obecny": o.obecny}
        for o in Obecnosc.objects.filter(czlonek__in=ids).select_related("wydarzenie").order_by("dzien", "pk")]))
    sekcje.append(Sekcja("zmiany_etapu", _("Zmiany etapu udziału wprowadzone przez tę osobę"), [
        ("kiedy", _("Kiedy")), ("jst", _("JST")), ("na_etap", _("Nowy etap")), ("powod", _("Powód")),
    ], [{"kiedy": z.kiedy, "jst": z.udzial.jst.nazwa_pelna, "na_etap": z.get_na_etap_display(), "powod": z.powod}
        for z in ZmianaEtapu.objects.filter(kto=osoba.uzytkownik).select_related("udzial__jst").order_by("kiedy")]))
    return sekcje


# --- Evidence under retention ----------------------------------------------------------------------


def zachowane(osoba: Osoba) -> list[Zachowany]:
    """Evidence of support already given: events and visits that have not started prove nothing yet."""
    dzis = timezone.localdate()
    czlonkostwa = {c.pk: c for c in _czlonkostwa(osoba)}
    doradca = _doradca(osoba)
    wynik: list[Zachowany] = []
    for o in (Obecnosc.objects.filter(czlonek__in=czlonkostwa, obecny=True).select_related("wydarzenie__edycja")
              .order_by("dzien", "pk")):
        wynik.append(Zachowany(OBECNOSC.kod, o, _("Obecność: %(wydarzenie)s, %(dzien)s") % {
            "wydarzenie": o.wydarzenie.nazwa, "dzien": _data(o.dzien)},
            _jako_czlonek(osoba, czlonkostwa[o.czlonek_id]), o.wydarzenie.edycja.data_do))
    for r in (Rejestracja.objects.filter(czlonek__in=czlonkostwa, wydarzenie__od__lte=dzis).select_related("wydarzenie__edycja")
              .order_by("wydarzenie__od", "pk")):
        wynik.append(Zachowany(REJESTRACJA.kod, r, _("Rejestracja: %(wydarzenie)s, %(od)s") % {
            "wydarzenie": r.wydarzenie.nazwa, "od": _data(r.wydarzenie.od)},
            _jako_czlonek(osoba, czlonkostwa[r.czlonek_id]), r.wydarzenie.edycja.data_do))
    obecni = WpisZdalny.obecni.through.objects.filter(czlonekzespolu_id__in=czlonkostwa).select_related(
        "wpiszdalny__udzial__jst", "wpiszdalny__udzial__edycja").order_by("wpiszdalny__data", "pk")
    for link in obecni:
        w = link.wpiszdalny
        wynik.append(Zachowany(WPIS_ZDALNY.kod, w, _("Doradztwo zdalne (obecność): %(jst)s, %(data)s") % {
            "jst": w.udzial.jst.nazwa_pelna, "data": _data(w.data)},
            _jako_czlonek(osoba, czlonkostwa[link.czlonekzespolu_id]), w.udzial.edycja.data_do))
    uczestnicy = Wizyta.uczestnicy.through.objects.filter(czlonekzespolu_id__in=czlonkostwa,
                                                          wizyta__od__lte=dzis).select_related(
        "wizyta__udzial__jst", "wizyta__udzial__edycja").order_by("wizyta__od", "pk")
    for link in uczestnicy:
        w = link.wizyta
        wynik.append(Zachowany(WIZYTA.kod, w, _("Wizyta (uczestnik): %(typ)s, %(jst)s, %(od)s") % {
            "typ": w.get_typ_display(), "jst": w.udzial.jst.nazwa_pelna, "od": _data(w.od)},
            _jako_czlonek(osoba, czlonkostwa[link.czlonekzespolu_id]), w.udzial.edycja.data_do))
    if doradca is None:
        return wynik
    dane = _jako_doradca(osoba, doradca)
    for w in (WpisZdalny.objects.filter(doradca=doradca).select_related("udzial__jst", "udzial__edycja")
              .order_by("data", "pk")):
        wynik.append(Zachowany(WPIS_ZDALNY.kod, w, _("Doradztwo zdalne (doradca): %(jst)s, %(data)s") % {
            "jst": w.udzial.jst.nazwa_pelna, "data": _data(w.data)}, dane, w.udzial.edycja.data_do))
    for w in (Wizyta.objects.filter(doradcy=doradca, od__lte=dzis).select_related("udzial__jst", "udzial__edycja")
              .order_by("od", "pk")):
        wynik.append(Zachowany(WIZYTA.kod, w, _("Wizyta (doradca): %(typ)s, %(jst)s, %(od)s") % {
            "typ": w.get_typ_display(), "jst": w.udzial.jst.nazwa_pelna, "od": _data(w.od)}, dane,
            w.udzial.edycja.data_do))
    for k in KartaCzasuPracy.objects.filter(doradca=doradca).select_related("edycja").order_by("miesiac", "pk"):
        wynik.append(Zachowany(KARTA_CZASU.kod, k, _("Karta czasu pracy: %(miesiac)s, %(edycja)s") % {
            "miesiac": k.miesiac.strftime("%m.%Y"), "edycja": k.edycja.nazwa}, dane, k.edycja.data_do))
    for k in KosztPodrozy.objects.filter(doradca=doradca).select_related("edycja").order_by("data", "pk"):
        wynik.append(Zachowany(KOSZT_PODROZY.kod, k, _("Koszt podróży: %(data)s, %(edycja)s") % {
            "data": _data(k.data), "edycja": k.edycja.nazwa}, dane, k.edycja.data_do))
    return wynik


# --- Anonymisation ---------------------------------------------------------------------------------


def anonimizuj(osoba: Osoba) -> None:
    """The person has left: their team memberships end (registrations for events still to come are
    cancelled, freeing the seats) and the adviser profile is closed; the adviser's own note about
    their experience goes, from its history too."""
    teraz = timezone.now()
    Rejestracja.objects.filter(czlonek__uzytkownik=osoba.uzytkownik,
                               wydarzenie__od__gt=timezone.localdate()).delete()
    for czlonek in CzlonekZespolu.objects.filter(uzytkownik=osoba.uzytkownik, aktywny=True):
        czlonek.aktywny, czlonek.lider, czlonek.odszedl = False, False, czlonek.odszedl or teraz
        czlonek.save(update_fields=["aktywny", "lider", "odszedl"])
    doradca = _doradca(osoba)
    if doradca is not None:
        doradca.notatka, doradca.aktywny = "", False
        doradca.save(update_fields=["notatka", "aktywny"])
        Doradca.history.filter(id=doradca.pk).update(notatka="")


def uwagi(osoba: Osoba) -> list[str]:
    wynik = []
    for c in _czlonkostwa(osoba):
        if not c.aktywny:
            continue
        if c.lider:
            wynik.append(_("Lider zespołu: %(jst)s (%(edycja)s). Wskaż najpierw nowego lidera.") % {
                "jst": c.udzial.jst.nazwa_pelna, "edycja": c.udzial.edycja.nazwa})
        else:
            wynik.append(_("Aktywny członek zespołu: %(jst)s (%(edycja)s). Anonimizacja zakończy udział w "
                           "zespole.") % {"jst": c.udzial.jst.nazwa_pelna, "edycja": c.udzial.edycja.nazwa})
    doradca = _doradca(osoba)
    if doradca is not None:
        for p in (PrzydzialDoradcy.objects.filter(doradca=doradca, do__isnull=True)
                  .select_related("udzial__jst", "udzial__edycja")):
            wynik.append(_("Otwarty przydział doradcy %(rola)s: %(jst)s (%(edycja)s). Zastąp najpierw doradcę, "
                           "inaczej JST zostanie bez doradcy.") % {
                "rola": p.rola, "jst": p.udzial.jst.nazwa_pelna, "edycja": p.udzial.edycja.nazwa})
    return wynik


zarejestruj(Dostawca(aplikacja="jst", zbierz=zbierz, zachowane=zachowane, anonimizuj=anonimizuj, uwagi=uwagi,
                     kolejnosc=10))
