"""National-scale data (issue 12): one realistic edition for N JSTs of the TERYT register, built with
bulk inserts for the benchmarks in `bench/` (`manage.py seed_scale --jst N`).

Per JST: a 5-person team (leader, JST staff, school directors), one ROS and one PRO assignment (an
adviser serves 4 JSTs in their role, so N/4 ROS + N/4 PRO advisers), the stage history up to
implementation (half of the JSTs up to the final report), a submitted shared sheet answering every
question of the published template (72), the area choice, the data task with two resource areas and
12 indicator values, an approved deep diagnosis (3 findings, 3 target states, 4 causes, 3 gaps, 3
goals), an approved HDR with 15 actions (the final-report action included), their monitoring and
dated progress updates, remote-advice entries over the 8 full months before the current one (never
overlapping for one adviser), meetings 1 and 2 with the pair and the team, two comment threads, two
notifications; the advisers' timesheets of those months; final reports with their sections for half.

Deterministic: the JSTs, names, dates and values come from a fixed seed and the day of seeding
(`dzis`), so two runs on the same day make the same rows. Rows are written directly (never through
the services, which would notify and audit every step), in batches, with ONE password hash for every
account. Timestamps that Django would set to "now" (auto_now / auto_now_add) are set to the dates
the story needs. The caller refuses a database that already has participations (see the command)."""

import datetime
import math
import random
import uuid
from collections import Counter
from contextlib import contextmanager
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from diagnoza.models import (
    Arkusz,
    ArkuszEdycji,
    Cel,
    DiagnozaPoglebiona,
    Luka,
    ObszarZadania,
    Odpowiedz,
    Przyczyna,
    PytanieSzablonu,
    StanDocelowy,
    Ustalenie,
    WartoscWskaznika,
    WersjaSzablonu,
    Wskaznik,
    WyborObszaru,
    ZadanieDanych,
)
from diagnoza.services_zadanie import wynik
from doradztwo.demo import demo_password
from doradztwo.models import Edycja, Komentarz, Obszar, Powiadomienie, ZmianaStanu
from hdr.models import Dzialanie, FormaRaportu, Hdr, MonitoringDzialania, Postep, StatusDzialania, WersjaHdr
from jst.models import (
    JST,
    CzlonekZespolu,
    Doradca,
    KartaCzasuPracy,
    PrzydzialDoradcy,
    Udzial,
    Wizyta,
    WpisZdalny,
    ZmianaEtapu,
)
from raporty.formy import SEKCJE
from raporty.models import RaportKoncowy, SekcjaRaportu

ZIARNO = 20261122
DOMENA = "skala.doradztwo.invalid"
KOORDYNATOR = f"koordynator@{DOMENA}"
PARTIA_JST = 250  # JSTs built in memory before their rows are inserted
PARTIA_WIERSZY = 2000  # rows per INSERT
ZESPOL = 5
NA_DORADCE = 4  # JSTs an adviser serves in their role
MIESIECY = 8  # months of remote advice
DZIALAN = 15  # HDR actions, the final-report action included

E = Udzial.Etap
ETAPY = list(E.values)

IMIONA = ["Agnieszka", "Paweł", "Monika", "Krzysztof", "Joanna", "Robert", "Magdalena", "Łukasz", "Zofia",
          "Tomasz", "Ewa", "Marek", "Beata", "Jerzy", "Żaneta", "Sławomir", "Halina", "Andrzej", "Grażyna",
          "Łucja", "Czesław", "Irena", "Stanisław", "Dorota", "Wojciech", "Elżbieta", "Michał", "Anna"]
NAZWISKA = ["Nowak", "Kowalska", "Wiśniewski", "Wójcik", "Kamińska", "Lewandowski", "Zielińska", "Szymański",
            "Woźniak", "Dąbrowska", "Kozłowski", "Jankowska", "Mazur", "Kwiatkowska", "Krawczyk", "Piotrowski",
            "Grabowska", "Pawłowski", "Michalska", "Król", "Wieczorek", "Jabłońska", "Wróbel", "Nowakowski",
            "Majewska", "Olszewski", "Stępień", "Malinowska", "Jaworski", "Adamczyk", "Dudek", "Żak", "Łuczak"]
FUNKCJE = [
    ("naczelnik wydziału oświaty", CzlonekZespolu.Rodzaj.PRACOWNIK_JST, ""),
    ("specjalista ds. budżetu oświaty", CzlonekZespolu.Rodzaj.PRACOWNIK_JST, ""),
    ("dyrektor szkoły", CzlonekZespolu.Rodzaj.DYREKTOR, "Szkoła Podstawowa nr 1"),
    ("dyrektor przedszkola", CzlonekZespolu.Rodzaj.DYREKTOR, "Przedszkole Samorządowe nr 2"),
    ("przewodniczący komisji oświaty rady", CzlonekZespolu.Rodzaj.INNY, ""),
]
TEMATY = ["Omówienie wyników arkusza", "Zbieranie danych do wskaźników", "Przygotowanie spotkania w JST",
          "Przyczyny i luki rozwojowe", "Projekt HDR: cele i działania", "Monitoring działań HDR",
          "Komunikacja w zespole", "Raport końcowy — struktura"]
FORMY_WPISU = [WpisZdalny.Forma.WIDEO, WpisZdalny.Forma.TELEFON, WpisZdalny.Forma.EMAIL]
WSKAZNIKI = ("doplata_uczen", "pokrycie_subw", "uczn_etat", "etaty_oddz")  # for every kind of JST


class BladSkali(Exception):
    """The data cannot be built (no published sheet template, too few JSTs, a non-empty database)."""


def _utc(d: datetime.date, godzina: int = 10, minuta: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(d, datetime.time(godzina, minuta), tzinfo=datetime.UTC)


def _plus_miesiecy(d: datetime.date, n: int) -> datetime.date:
    rok, miesiac = divmod(d.month - 1 + n, 12)
    return datetime.date(d.year + rok, miesiac + 1, 1)


@contextmanager
def _czasy_recznie(model):
    """Let bulk_create keep the timestamps we set: auto_now / auto_now_add are switched off for the
    duration (process-local; restored even on error)."""
    pola = [f for f in model._meta.concrete_fields
            if isinstance(f, models.DateField) and (f.auto_now or f.auto_now_add)]
    zapis = [(f, f.auto_now, f.auto_now_add) for f in pola]
    for f in pola:
        f.auto_now = f.auto_now_add = False
    try:
        yield pola
    finally:
        for f, now, now_add in zapis:
            f.auto_now, f.auto_now_add = now, now_add


class Pasek:
    """A progress bar on stdout: redrawn in place on a terminal, one line per 10 % otherwise."""

    def __init__(self, stdout, razem: int, szerokosc: int = 30):
        self.stdout, self.razem, self.szerokosc = stdout, max(razem, 1), szerokosc
        self.tty = hasattr(stdout, "isatty") and stdout.isatty()
        self.ostatni = -1

    def pokaz(self, zrobione: int, opis: str = "") -> None:
        procent = 100 * zrobione // self.razem
        if not self.tty and procent // 10 == self.ostatni // 10 and zrobione < self.razem:
            return
        self.ostatni = procent
        pelne = self.szerokosc * zrobione // self.razem
        linia = f"[{'#' * pelne}{'.' * (self.szerokosc - pelne)}] {procent:3d}% {zrobione}/{self.razem} JST {opis}"
        if self.tty:
            self.stdout.write("\r" + linia, ending="\n" if zrobione >= self.razem else "")
            self.stdout.flush()
        else:
            self.stdout.write(linia)


class Budowniczy:
    """Builds the edition. `zbuduj()` returns {model label: rows inserted}."""

    def __init__(self, n: int | None, *, stdout, dzis: datetime.date | None = None, ziarno: int = ZIARNO):
        self.n, self.stdout = n, stdout
        self.dzis = dzis or timezone.localdate()
        self.rng = random.Random(ziarno)
        self.liczniki: Counter = Counter()
        self.haslo = make_password(demo_password())  # ONE hash for every account (hashing costs ~0.5 s)
        self.teraz = _utc(self.dzis - datetime.timedelta(days=1), 12)

    # --- infrastructure ---------------------------------------------------------------------------

    def wstaw(self, model, obiekty: list) -> list:
        """bulk_create in batches, keeping the timestamps we set (unset ones become `teraz`)."""
        if not obiekty:
            return obiekty
        with _czasy_recznie(model) as pola:
            for obj in obiekty:
                for f in pola:
                    if getattr(obj, f.attname) is None:
                        setattr(obj, f.attname, self.teraz if isinstance(f, models.DateTimeField) else self.dzis)
            model.objects.bulk_create(obiekty, batch_size=PARTIA_WIERSZY)
        self.liczniki[model._meta.label] += len(obiekty)
        return obiekty

    def osoba(self) -> tuple[str, str]:
        return self.rng.choice(IMIONA), self.rng.choice(NAZWISKA)

    def uzytkownicy(self, loginy: list[tuple[str, str, str]]) -> list:
        User = get_user_model()
        return self.wstaw(User, [
            User(username=login, email=login, first_name=imie, last_name=nazwisko, password=self.haslo,
                 is_active=True, date_joined=self.teraz, last_login=self.teraz)
            for login, imie, nazwisko in loginy])

    # --- the edition and what every JST shares ------------------------------------------------------

    def przygotuj(self) -> None:
        from doradztwo.services import edycja_utworz

        wszystkie = list(JST.objects.filter(aktywna=True).order_by("teryt"))
        n = len(wszystkie) if self.n is None else self.n
        if not 1 <= n <= len(wszystkie):
            raise BladSkali(f"--jst must be between 1 and {len(wszystkie)} (the JSTs of the register)")
        self.jst = wszystkie if n == len(wszystkie) else sorted(self.rng.sample(wszystkie, n), key=lambda j: j.teryt)
        self.wersja = (WersjaSzablonu.objects.filter(stan=WersjaSzablonu.Stan.OPUBLIKOWANA)
                       .order_by("szablon__nazwa", "numer").first())
        if self.wersja is None:
            raise BladSkali("no published sheet template (run migrate)")
        self.pytania = list(PytanieSzablonu.objects.filter(sekcja__wersja=self.wersja)
                            .select_related("sekcja").order_by("sekcja__kolejnosc", "kolejnosc", "pk"))
        self.obszary = list(Obszar.objects.filter(aktywny=True).order_by("numer"))
        self.wskazniki = {w.kod: w for w in Wskaznik.objects.filter(kod__in=WSKAZNIKI).prefetch_related("dane")}
        self.ct = {m: ContentType.objects.get_for_model(m)
                   for m in (Udzial, Arkusz, DiagnozaPoglebiona, WersjaHdr, RaportKoncowy)}

        # The edition: the 8 full months before the current one, and two more to its end.
        od = _plus_miesiecy(self.dzis.replace(day=1), -MIESIECY)
        do = _plus_miesiecy(od, 10) - datetime.timedelta(days=1)
        self.miesiace = [_plus_miesiecy(od, i) for i in range(MIESIECY)]
        (self.koordynator,) = self.uzytkownicy([(KOORDYNATOR, "Krystyna", "Koordynacka")])
        get_user_model().objects.filter(pk=self.koordynator.pk).update(koordynator=True)
        self.edycja = edycja_utworz(dane={"nazwa": f"Doradztwo dla JST – skala {n} JST", "data_od": od,
                                          "data_do": do}, koordynatorzy=[self.koordynator], actor=self.koordynator)
        Edycja.objects.filter(pk=self.edycja.pk).update(status=Edycja.Status.AKTYWNA)
        self.liczniki["doradztwo.Edycja"] += 1
        self.liczniki["doradztwo.EtapKalendarza"] += self.edycja.kalendarz.count()
        self.wstaw(ArkuszEdycji, [ArkuszEdycji(edycja=self.edycja, wersja=self.wersja)])

        # Advisers: pair k serves JSTs 4k … 4k+3 (teryt order: mostly one voivodeship).
        pary = math.ceil(n / NA_DORADCE)
        loginy = []
        for k in range(pary):
            for rola in ("ros", "pro"):
                loginy.append((f"{rola}{k + 1:04d}@{DOMENA}", *self.osoba()))
        users = self.uzytkownicy(loginy)
        self.doradcy = self.wstaw(Doradca, [
            Doradca(uzytkownik=u, specjalnosc="ROS" if i % 2 == 0 else "PRO",
                    wojewodztwo=self.jst[min((i // 2) * NA_DORADCE, n - 1)].wojewodztwo)
            for i, u in enumerate(users)])
        for d, u in zip(self.doradcy, users, strict=True):
            d.uzytkownik = u

    def _daty(self) -> dict[str, datetime.date]:
        """When this JST reached each stage (a few days of jitter), never later than yesterday."""
        od, do = self.edycja.data_od, self.edycja.data_do
        dni = (do - od).days
        jitter = self.rng.randint(0, 9)
        ulamki = {E.ZGLOSZONY: -0.03, E.ZESPOL_ZATWIERDZONY: 0.01, E.ARKUSZ_ZLOZONY: 0.04,
                  E.OBSZAR_WYBRANY: 0.06, E.DANE_ZEBRANE: 0.17, E.SPOTKANIE_1: 0.28,
                  E.DIAGNOZA_POGLEBIONA: 0.40, E.SPOTKANIE_2: 0.47, E.HDR_ZATWIERDZONY: 0.52,
                  E.WDRAZANIE: 0.56, E.RAPORT_ZLOZONY: 0.72, E.ZAKONCZONY: 0.76}
        wczoraj = self.dzis - datetime.timedelta(days=1)
        return {e: min(od + datetime.timedelta(days=round(dni * f) + jitter), wczoraj) for e, f in ulamki.items()}

    # --- one batch of JSTs --------------------------------------------------------------------------

    def partia(self, start: int, jsty: list[JST]) -> None:
        rng = self.rng
        # Per JST: stage dates, whether it has a report and in which form and state.
        plany = []
        for i, jst in enumerate(jsty, start=start):
            raport = i % 2 == 0  # reports for half
            przyjety = raport and rng.random() < 0.6
            etap = (E.ZAKONCZONY if przyjety else E.RAPORT_ZLOZONY) if raport else E.WDRAZANIE
            plany.append({"nr": i, "jst": jst, "daty": self._daty(), "etap": etap, "raport": raport,
                          "przyjety": przyjety, "forma": rng.choice(FormaRaportu.values),
                          "obszar": rng.choice(self.obszary)})

        # Participations, teams, assignments, stage history.
        udzialy = self.wstaw(Udzial, [
            Udzial(edycja=self.edycja, jst=p["jst"], etap=p["etap"], stan_zespolu="zatwierdzona",
                   zapisany=_utc(p["daty"][E.ZGLOSZONY], 9)) for p in plany])
        loginy = [(f"zespol{k + 1}.{p['jst'].teryt}@{DOMENA}", *self.osoba()) for p in plany for k in range(ZESPOL)]
        users = self.uzytkownicy(loginy)
        czlonkowie = []
        for j, (p, u) in enumerate(zip(plany, udzialy, strict=True)):
            p["udzial"] = u
            p["users"] = users[j * ZESPOL:(j + 1) * ZESPOL]
            for k, user in enumerate(p["users"]):
                funkcja, rodzaj, szkola = FUNKCJE[k]
                czlonkowie.append(CzlonekZespolu(udzial=u, uzytkownik=user, funkcja=funkcja, rodzaj=rodzaj,
                                                 nazwa_szkoly=szkola, lider=k == 0,
                                                 dolaczyl=_utc(p["daty"][E.ZGLOSZONY], 11)))
        self.wstaw(CzlonekZespolu, czlonkowie)
        for j, p in enumerate(plany):
            p["zespol"] = czlonkowie[j * ZESPOL:(j + 1) * ZESPOL]
            p["lider"] = p["users"][0]
            para = p["nr"] // NA_DORADCE
            p["ros"], p["pro"] = self.doradcy[2 * para], self.doradcy[2 * para + 1]
        self.wstaw(PrzydzialDoradcy, [
            PrzydzialDoradcy(udzial=p["udzial"], doradca=d, rola=rola, od=self.edycja.data_od)
            for p in plany for d, rola in ((p["ros"], "ROS"), (p["pro"], "PRO"))])
        zmiany = []
        for p in plany:
            poprzedni = ""
            for etap in ETAPY[: ETAPY.index(p["etap"]) + 1]:
                zmiany.append(ZmianaEtapu(udzial=p["udzial"], z_etapu=poprzedni, na_etap=etap, kto=self.koordynator,
                                          kiedy=_utc(p["daty"][etap]), powod="Dane skali (seed_scale)"))
                poprzedni = etap
        self.wstaw(ZmianaEtapu, zmiany)

        stany = []  # ZmianaStanu rows of every reviewed object

        def historia(obj, ct, kto_zloz, data_zloz, data_zatw, pole="stan", koncowy="zatwierdzona"):
            stany.append(ZmianaStanu(typ_obiektu=ct, id_obiektu=str(obj.pk), pole=pole, z_stanu="robocza",
                                     na_stan="zlozona", akcja="zloz", kto=kto_zloz, kiedy=_utc(data_zloz, 14)))
            if koncowy == "zatwierdzona":
                stany.append(ZmianaStanu(typ_obiektu=ct, id_obiektu=str(obj.pk), pole=pole, z_stanu="zlozona",
                                         na_stan="zatwierdzona", akcja="zatwierdz", kto=self.koordynator,
                                         kiedy=_utc(data_zatw, 15)))

        for p in plany:
            stany.append(ZmianaStanu(typ_obiektu=self.ct[Udzial], id_obiektu=str(p["udzial"].pk), pole="stan_zespolu",
                                     z_stanu="robocza", na_stan="zatwierdzona", akcja="zatwierdz",
                                     kto=self.koordynator, kiedy=_utc(p["daty"][E.ZESPOL_ZATWIERDZONY], 12)))

        # The sheet: submitted and approved, every question answered (some "don't know").
        arkusze = self.wstaw(Arkusz, [
            Arkusz(udzial=p["udzial"], wersja_szablonu=self.wersja, stan="zatwierdzona", wersja=2,
                   utworzony=_utc(p["daty"][E.ZESPOL_ZATWIERDZONY], 13)) for p in plany])
        odpowiedzi = []
        for p, arkusz in zip(plany, arkusze, strict=True):
            p["arkusz"] = arkusz
            kiedy = _utc(p["daty"][E.ARKUSZ_ZLOZONY] - datetime.timedelta(days=2), 16)
            for q in self.pytania:
                nie_wiem = q.nie_wiem and rng.random() < 0.05
                wartosc = None if nie_wiem else rng.choice(q.opcje)[0] if q.opcje else "tak"
                odpowiedzi.append(Odpowiedz(arkusz=arkusz, pytanie=q, wartosc=wartosc, nie_wiem=nie_wiem,
                                            autor=rng.choice(p["users"]), zmieniona=kiedy))
            historia(arkusz, self.ct[Arkusz], p["lider"], p["daty"][E.ARKUSZ_ZLOZONY],
                     p["daty"][E.ARKUSZ_ZLOZONY] + datetime.timedelta(days=2))
        self.wstaw(Odpowiedz, odpowiedzi)
        self.wstaw(WyborObszaru, [
            WyborObszaru(udzial=p["udzial"], obszar=p["obszar"], kto=p["lider"], kiedy=_utc(p["daty"][E.OBSZAR_WYBRANY]),
                         uzasadnienie=f"Najniższe oceny w arkuszu w obszarze „{p['obszar'].nazwa}”; zespół chce "
                                      "uporządkować współpracę organu prowadzącego ze szkołami.")
            for p in plany])

        self._zadania(plany)
        self._diagnozy(plany, historia)
        self._hdr(plany, historia)
        self._wpisy_i_wizyty(plany)
        self._raporty(plany, historia)
        self._komentarze(plany)
        self.wstaw(ZmianaStanu, stany)

    def _zadania(self, plany) -> None:
        rng = self.rng
        zadania = self.wstaw(ZadanieDanych, [
            ZadanieDanych(udzial=p["udzial"], stan="zatwierdzona", zlozone_raz=True,
                          utworzone=_utc(p["daty"][E.OBSZAR_WYBRANY], 12)) for p in plany])
        obszary = []
        for p, zadanie in zip(plany, zadania, strict=True):
            for obszar in (4, 1):
                obszary.append(ObszarZadania(
                    zadanie=zadanie, obszar_zasobow=obszar, wariant=ObszarZadania.Wariant.WSKAZNIKI, zmienil=p["lider"],
                    zmieniony=_utc(p["daty"][E.DANE_ZEBRANE], 10),
                    interpretacja="Wskaźniki pokazują rosnące koszty przy malejącej liczbie uczniów.",
                    wnioski="Potrzebny wieloletni plan sieci szkół i rozmowa z dyrektorami o organizacji oddziałów."))
        self.wstaw(ObszarZadania, obszary)
        Przez = ObszarZadania.wskazniki.through
        self.wstaw(Przez, [Przez(obszarzadania_id=o.pk, wskaznik_id=self.wskazniki[kod].pk)
                           for i, o in enumerate(obszary)
                           for kod in (WSKAZNIKI[:2] if i % 2 == 0 else WSKAZNIKI[2:])])
        wartosci = []
        for p in plany:
            uczniowie = rng.randint(300, 12000)
            for kod in WSKAZNIKI:
                w = self.wskazniki[kod]
                for rok in (2021, 2022, 2023):
                    n = uczniowie + 40 * (rok - 2021)
                    mozliwe = {"wydatki": Decimal(n * rng.randint(13000, 18000)),
                               "subwencja": Decimal(n * rng.randint(8000, 9500)), "uczniowie": Decimal(n),
                               "etaty_nauczycieli": Decimal(n) / Decimal(rng.randint(8, 12)),
                               "oddzialy": Decimal(max(n // 22, 1))}
                    dane = {d.nazwa: str(mozliwe.get(d.nazwa, Decimal(rng.randint(1, 500))).quantize(Decimal("0.1")))
                            for d in w.dane.all()}
                    okres = str(rok) if w.typ_okresu == Wskaznik.TypOkresu.KALENDARZOWY else f"{rok}/{rok + 1}"
                    wartosci.append(WartoscWskaznika(udzial=p["udzial"], wskaznik=w, okres=okres, rok=rok, dane=dane,
                                                     wynik=wynik(w, dane), autor=rng.choice(p["users"]),
                                                     zmieniona=_utc(p["daty"][E.DANE_ZEBRANE], 9)))
        self.wstaw(WartoscWskaznika, wartosci)
        for j, p in enumerate(plany):
            p["wartosci"] = wartosci[j * 12:(j + 1) * 12]

    def _diagnozy(self, plany, historia) -> None:
        diagnozy = self.wstaw(DiagnozaPoglebiona, [
            DiagnozaPoglebiona(udzial=p["udzial"], stan="zatwierdzona", wersja=3,
                               utworzona=_utc(p["daty"][E.SPOTKANIE_1], 15)) for p in plany])
        ustalenia, stany_docelowe, przyczyny = [], [], []
        for p, d in zip(plany, diagnozy, strict=True):
            p["diagnoza"] = d
            kiedy = _utc(p["daty"][E.DIAGNOZA_POGLEBIONA] - datetime.timedelta(days=5))
            obszar = p["obszar"].nazwa
            for k in range(3):
                ustalenia.append(Ustalenie(
                    diagnoza=d, kolejnosc=k + 1, zmienil=p["users"][k], zmieniona=kiedy,
                    tresc=f"Ustalenie {k + 1} w obszarze „{obszar}”: dane o szkołach leżą w osobnych plikach, a decyzje "
                          "zapadają bez porównania z poprzednimi latami."))
                stany_docelowe.append(StanDocelowy(
                    diagnoza=d, kolejnosc=k + 1, zmienil=p["users"][k], zmieniona=kiedy,
                    tresc=f"Stan docelowy {k + 1}: co roku powstaje raport o stanie oświaty z porównaniem wskaźników."))
            for k, kategoria in enumerate(("ludzie", "procedury", "zasoby", "komunikacja")):
                przyczyny.append(Przyczyna(
                    diagnoza=d, kolejnosc=k + 1, kategoria=kategoria, zmienil=p["users"][k], zmieniona=kiedy,
                    interesariusze="dyrektorzy szkół, skarbnik",
                    tresc=f"Przyczyna ({kategoria}): brak osoby odpowiedzialnej i wspólnych wytycznych."))
            historia(d, self.ct[DiagnozaPoglebiona], p["lider"], p["daty"][E.DIAGNOZA_POGLEBIONA],
                     p["daty"][E.DIAGNOZA_POGLEBIONA] + datetime.timedelta(days=3))
        self.wstaw(Ustalenie, ustalenia)
        self.wstaw(StanDocelowy, stany_docelowe)
        self.wstaw(Przyczyna, przyczyny)
        Dowody = Ustalenie.wartosci.through
        self.wstaw(Dowody, [Dowody(ustalenie_id=ustalenia[3 * j].pk, wartoscwskaznika_id=w.pk)
                            for j, p in enumerate(plany) for w in p["wartosci"][:3]])
        luki = []
        for j, p in enumerate(plany):
            kiedy = _utc(p["daty"][E.DIAGNOZA_POGLEBIONA] - datetime.timedelta(days=3))
            for k in range(3):
                priorytet = k < 2
                luki.append(Luka(
                    diagnoza=p["diagnoza"], ustalenie=ustalenia[3 * j + k], stan_docelowy=stany_docelowe[3 * j + k],
                    status=Luka.Status.PRIORYTET if priorytet else Luka.Status.ODLOZONA, ranga=k + 1 if priorytet else None,
                    powod_odlozenia="" if priorytet else "Odkładamy do kolejnego roku szkolnego.",
                    kolejnosc=k + 1, zmienil=p["lider"], zmieniona=kiedy,
                    tresc=f"Luka rozwojowa {k + 1}: decyzje bez rzetelnej analizy danych."))
        self.wstaw(Luka, luki)
        Przez = Luka.przyczyny.through
        self.wstaw(Przez, [Przez(luka_id=luki[3 * j + k].pk, przyczyna_id=przyczyny[4 * j + k].pk)
                           for j in range(len(plany)) for k in range(3)])
        cele = []
        for j, p in enumerate(plany):
            termin = self.edycja.data_do - datetime.timedelta(days=10)
            for k, luka in enumerate((luki[3 * j], luki[3 * j], luki[3 * j + 1])):
                cele.append(Cel(luka=luka, kolejnosc=k + 1, zmienil=p["lider"],
                                zmieniony=_utc(p["daty"][E.DIAGNOZA_POGLEBIONA] - datetime.timedelta(days=2)),
                                tresc=f"Cel {k + 1}: roczny raport o stanie oświaty przyjęty przez zarząd.",
                                wskaznik="raport przyjęty uchwałą", wartosc_bazowa="0", wartosc_docelowa="1",
                                termin=termin))
        self.wstaw(Cel, cele)
        for j, p in enumerate(plany):
            p["cele"] = cele[3 * j:3 * j + 3]

    def _hdr(self, plany, historia) -> None:
        rng = self.rng
        hdry = self.wstaw(Hdr, [Hdr(udzial=p["udzial"], obszar=p["obszar"],
                                    utworzony=_utc(p["daty"][E.SPOTKANIE_2], 9)) for p in plany])
        wersje = self.wstaw(WersjaHdr, [
            WersjaHdr(hdr=h, numer=1, stan="zatwierdzona", okres_od=p["daty"][E.WDRAZANIE], okres_do=self.edycja.data_do,
                      ryzyka="Zmiana na stanowiskach dyrektorów szkół.\nNiepewna wysokość subwencji.",
                      zatwierdzona=_utc(p["daty"][E.HDR_ZATWIERDZONY], 15), utworzyl=p["lider"],
                      utworzona=_utc(p["daty"][E.SPOTKANIE_2], 9))
            for p, h in zip(plany, hdry, strict=True)])
        dzialania = []
        for p, hdr, wersja in zip(plany, hdry, wersje, strict=True):
            p["hdr"], p["wersja_hdr"] = hdr, wersja
            historia(wersja, self.ct[WersjaHdr], p["lider"], p["daty"][E.HDR_ZATWIERDZONY] - datetime.timedelta(days=4),
                     p["daty"][E.HDR_ZATWIERDZONY])
            narzedzia = p["obszar"].lista_narzedzi_zarzadczych[:2] or ["Mapowanie procesów"]
            start, koniec = p["daty"][E.WDRAZANIE], self.edycja.data_do
            for k in range(DZIALAN):
                koncowy = k == DZIALAN - 1
                if koncowy:
                    od = p["daty"][E.RAPORT_ZLOZONY] - datetime.timedelta(days=20)
                    do = p["daty"][E.RAPORT_ZLOZONY] if p["raport"] else koniec - datetime.timedelta(days=5)
                else:
                    od = min(start + datetime.timedelta(days=9 * k), koniec - datetime.timedelta(days=20))
                    do = min(od + datetime.timedelta(days=rng.randint(20, 60)), koniec)
                wlasciciel = p["zespol"][k % ZESPOL] if k % 4 else None
                dzialania.append(Dzialanie(
                    wersja_hdr=wersja, klucz=uuid.UUID(int=rng.getrandbits(128), version=4), kolejnosc=k, od=od, do=do,
                    nazwa=("Raport końcowy" if koncowy else f"Działanie {k + 1}: {TEMATY[k % len(TEMATY)].lower()}"),
                    opis="1. Przegląd stanu.\n2. Projekt rozwiązania z dyrektorami.\n3. Wdrożenie i ocena.",
                    narzedzia=narzedzia, wlasciciel=wlasciciel,
                    wlasciciel_nazwa="" if wlasciciel else "informatyk urzędu",
                    zasoby_ludzie="2 pracowników wydziału, dyrektorzy", kwota=Decimal(rng.randint(0, 40) * 500),
                    zrodlo_finansowania="budżet JST", miernik="liczba ujednoliconych procedur",
                    wartosc_bazowa="0", wartosc_docelowa=str(rng.randint(2, 12)),
                    sposob_monitorowania="przegląd raz w miesiącu na spotkaniu zespołu",
                    raport_koncowy=koncowy, forma_raportu=p["forma"] if koncowy else "",
                    autor_raportu=str(p["lider"].get_full_name()) if koncowy else "",
                    zmienil=p["lider"], zmienione=_utc(p["daty"][E.HDR_ZATWIERDZONY] - datetime.timedelta(days=5))))
        self.wstaw(Dzialanie, dzialania)
        Przez = Dzialanie.cele.through
        self.wstaw(Przez, [Przez(dzialanie_id=d.pk, cel_id=plany[i // DZIALAN]["cele"][i % 3].pk)
                           for i, d in enumerate(dzialania) if not d.raport_koncowy])
        monitoring, postepy = [], []
        wczoraj = self.dzis - datetime.timedelta(days=1)
        for i, d in enumerate(dzialania):
            p = plany[i // DZIALAN]
            if d.od > wczoraj:
                continue  # planned, not started: no monitoring row yet
            zrobione = d.do <= wczoraj and (not d.raport_koncowy or p["raport"]) and rng.random() < 0.9
            autor = p["lider"]
            polowa = min(d.od + datetime.timedelta(days=14), wczoraj)
            postepy.append(Postep(hdr=p["hdr"], klucz=d.klucz, data=polowa, status=StatusDzialania.W_TRAKCIE,
                                  postep=50, notatka="Działanie rozpoczęte zgodnie z planem.", autor=autor,
                                  utworzony=_utc(polowa, 17)))
            if zrobione:
                postepy.append(Postep(hdr=p["hdr"], klucz=d.klucz, data=d.do, status=StatusDzialania.ZREALIZOWANE,
                                      postep=100, wartosc_aktualna=d.wartosc_docelowa,
                                      notatka="Działanie zakończone; dokumenty w teczce zespołu.", autor=autor,
                                      utworzony=_utc(d.do, 17)))
            monitoring.append(MonitoringDzialania(
                hdr=p["hdr"], klucz=d.klucz, status=StatusDzialania.ZREALIZOWANE if zrobione else StatusDzialania.W_TRAKCIE,
                postep=100 if zrobione else 50, wartosc_aktualna=d.wartosc_docelowa if zrobione else "",
                wersja=2 if zrobione else 1, zmieniony=_utc(d.do if zrobione else polowa, 17)))
        self.wstaw(MonitoringDzialania, monitoring)
        self.wstaw(Postep, postepy)

    def _wpisy_i_wizyty(self, plany) -> None:
        """Remote entries: each adviser × JST × month one or two entries (~the 1 h norm, some months
        short). An adviser's JSTs get different days (slot = JST's place in the adviser's four), so no
        two entries of one adviser overlap."""
        rng = self.rng
        wpisy, obecni = [], []
        for p in plany:
            miejsce = p["nr"] % NA_DORADCE
            for d in (p["ros"], p["pro"]):
                for m, miesiac in enumerate(self.miesiace):
                    ile = rng.choice((1, 1, 2))
                    for e in range(ile):
                        dzien = miesiac + datetime.timedelta(days=2 + 6 * miejsce + 3 * e)
                        minuty = rng.choice((30, 45, 60, 60, 90)) if ile == 1 else rng.choice((30, 45))
                        wpisy.append(WpisZdalny(
                            doradca=d, udzial=p["udzial"], data=dzien, poczatek=datetime.time(9 + 2 * e, 0),
                            minuty=minuty, forma=rng.choice(FORMY_WPISU), temat=TEMATY[m % len(TEMATY)],
                            ustalenia="Zespół przygotuje materiały do następnego spotkania.",
                            utworzony=_utc(dzien, 16), zmieniony=_utc(dzien, 16)))
                        obecni.append(p["zespol"][0])
        self.wstaw(WpisZdalny, wpisy)
        Przez = WpisZdalny.obecni.through
        self.wstaw(Przez, [Przez(wpiszdalny_id=w.pk, czlonekzespolu_id=c.pk) for w, c in zip(wpisy, obecni, strict=True)])

        wizyty = []
        for p in plany:
            for typ, etap in ((Wizyta.Typ.SPOTKANIE_1, E.SPOTKANIE_1), (Wizyta.Typ.SPOTKANIE_2, E.SPOTKANIE_2)):
                od = p["daty"][etap] - datetime.timedelta(days=1)
                wizyty.append(Wizyta(
                    udzial=p["udzial"], typ=typ, od=od, do=od + datetime.timedelta(days=1),
                    miejsce=f"Urząd — sala konferencyjna ({p['jst'].nazwa})",
                    program="Dzień 1: wyniki arkusza i dane.\nDzień 2: warsztat — przyczyny i działania.",
                    spotkanie_z_wlodarzem=True, notatki_wlodarz="Włodarz popiera program.",
                    rezultaty="Zespół przyjął harmonogram kolejnych kroków.",
                    notatki_dla_jst="Prosimy o dane z SIO przed kolejnym spotkaniem.",
                    notatki_prywatne="Zespół potrzebuje wsparcia w planowaniu budżetu działań.",
                    autor=p["ros"].uzytkownik, zmieniona=_utc(od + datetime.timedelta(days=2), 18)))
        self.wstaw(Wizyta, wizyty)
        Doradcy, Uczestnicy = Wizyta.doradcy.through, Wizyta.uczestnicy.through
        self.wstaw(Doradcy, [Doradcy(wizyta_id=w.pk, doradca_id=d.pk) for i, w in enumerate(wizyty)
                             for d in (plany[i // 2]["ros"], plany[i // 2]["pro"])])
        self.wstaw(Uczestnicy, [Uczestnicy(wizyta_id=w.pk, czlonekzespolu_id=c.pk) for i, w in enumerate(wizyty)
                                for c in plany[i // 2]["zespol"]])

    def _raporty(self, plany, historia) -> None:
        z_raportem = [p for p in plany if p["raport"]]
        raporty = self.wstaw(RaportKoncowy, [
            RaportKoncowy(udzial=p["udzial"], forma=p["forma"], stan="zatwierdzona" if p["przyjety"] else "zlozona",
                          tytul=f"Jednolite procedury w oświacie — {p['jst'].nazwa}", wersja=4, zmienil=p["lider"],
                          kontakt_imie_nazwisko=p["lider"].get_full_name(), kontakt_funkcja="naczelnik wydziału oświaty",
                          kontakt_email=p["lider"].email, kontakt_zgoda=True,
                          utworzony=_utc(p["daty"][E.RAPORT_ZLOZONY] - datetime.timedelta(days=20)),
                          zmieniony=_utc(p["daty"][E.RAPORT_ZLOZONY], 12))
            for p in z_raportem])
        sekcje = []
        for p, raport in zip(z_raportem, raporty, strict=True):
            for k, sekcja in enumerate(SEKCJE[p["forma"]]):
                sekcje.append(SekcjaRaportu(
                    raport=raport, klucz=sekcja.klucz, wersja=2, zmienil=p["users"][k % ZESPOL],
                    zmieniona=_utc(p["daty"][E.RAPORT_ZLOZONY] - datetime.timedelta(days=2)),
                    tresc=(f"{p['jst'].nazwa}: opis części „{sekcja.klucz}”.\n\n"
                           "- ujednoliciliśmy procedury obiegu dokumentów;\n- dyrektorzy współtworzą budżet;\n"
                           "- raport o stanie oświaty powstaje co roku.\n\nEfekty widać w wynikach arkusza.")))
            historia(raport, self.ct[RaportKoncowy], p["lider"], p["daty"][E.RAPORT_ZLOZONY],
                     p["daty"][E.ZAKONCZONY], koncowy="zatwierdzona" if p["przyjety"] else "zlozona")
        self.wstaw(SekcjaRaportu, sekcje)

    def _komentarze(self, plany) -> None:
        watki = []
        for p in plany:
            kiedy = _utc(p["daty"][E.WDRAZANIE], 11)
            for autor, tresc, prywatny in (
                (p["lider"], "Czy harmonogram działań możemy przesunąć o dwa tygodnie?", False),
                (p["ros"].uzytkownik, "Zespół potrzebuje wsparcia przy budżecie działań — omówić na wizycie.", True),
            ):
                watki.append(Komentarz(typ_obiektu=self.ct[Udzial], id_obiektu=str(p["udzial"].pk), udzial=p["udzial"],
                                       sekcja="ogolne", autor=autor, tresc=tresc, prywatny=prywatny, utworzony=kiedy))
        self.wstaw(Komentarz, watki)
        self.wstaw(Komentarz, [
            Komentarz(typ_obiektu=w.typ_obiektu, id_obiektu=w.id_obiektu, udzial=w.udzial, sekcja=w.sekcja, watek=w,
                      autor=plany[i // 2]["ros"].uzytkownik, tresc="Tak, proszę wpisać nowe daty w HDR.",
                      utworzony=w.utworzony + datetime.timedelta(hours=3))
            for i, w in enumerate(watki) if not w.prywatny])
        self.wstaw(Powiadomienie, [
            Powiadomienie(odbiorca=p["lider"], rodzaj="komentarz", tytul="Nowy komentarz doradcy",
                          link=p["udzial"].get_absolute_url(), utworzone=_utc(p["daty"][E.WDRAZANIE], 14),
                          przeczytane=None if k == 0 else _utc(p["daty"][E.WDRAZANIE], 18))
            for p in plany for k in range(2)])

    def karty(self) -> None:
        """Timesheets: every adviser's 8 months, approved except the last one (submitted)."""
        self.wstaw(KartaCzasuPracy, [
            KartaCzasuPracy(doradca=d, edycja=self.edycja, miesiac=m,
                            stan="zatwierdzona" if i < MIESIECY - 1 else "zlozona", wersja=2 if i < MIESIECY - 1 else 1)
            for d in self.doradcy for i, m in enumerate(self.miesiace)])

    def zbuduj(self) -> dict[str, int]:
        with transaction.atomic():
            self.przygotuj()
            pasek = Pasek(self.stdout, len(self.jst))
            pasek.pokaz(0)
            for start in range(0, len(self.jst), PARTIA_JST):
                self.partia(start, self.jst[start:start + PARTIA_JST])
                pasek.pokaz(min(start + PARTIA_JST, len(self.jst)))
            self.karty()
        return dict(sorted(self.liczniki.items()))


def zbuduj(n: int | None, *, stdout, dzis: datetime.date | None = None) -> dict[str, int]:
    """Build the scale edition for `n` JSTs (None: every active JST of the register)."""
    return Budowniczy(n, stdout=stdout, dzis=dzis).zbuduj()
