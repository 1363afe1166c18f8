"""Demo step for visits, travel costs and events (issue 8): `run_demo(world)`, called by the lead after
jst/demo.py. Written directly (no services), so nothing is notified; idempotent (rows are found by
natural keys before they are made) and deterministic.

2022/2023: JST A's meetings 1 and 2 (two days each, ros1 + pro1, the starosta meeting held), JST B's
meeting 1 (ros2 + pro2); ros1's travel costs; the opening meeting, workshop rounds 1 and 2 and the
closing meeting with registrations of JST A's and JST B's teams and attendance. The current edition:
an upcoming visit of ros1 and pro1 and an event in the next weeks."""

import datetime
from decimal import Decimal

from django.utils import timezone

from jst.models import (
    CzlonekZespolu,
    Doradca,
    KosztPodrozy,
    Obecnosc,
    PrzydzialDoradcy,
    Rejestracja,
    Wizyta,
    Wydarzenie,
)

JST_A, JST_B = "0201", "2609022"
D = datetime.date


def _wizyta(udzial, typ, od, do, doradcy, autor, uczestnicy=(), **fields) -> Wizyta:
    wizyta = Wizyta.objects.filter(udzial=udzial, typ=typ, od=od).first()
    if wizyta is None:
        wizyta = Wizyta.objects.create(udzial=udzial, typ=typ, od=od, do=do, autor=autor, **fields)
        wizyta.doradcy.set(doradcy)
        wizyta.uczestnicy.set(uczestnicy)
    return wizyta


def _wydarzenie(edycja, rodzaj, nazwa, od, do, **fields) -> Wydarzenie:
    wydarzenie, _created = Wydarzenie.objects.get_or_create(edycja=edycja, nazwa=nazwa,
                                                            defaults={"rodzaj": rodzaj, "od": od, "do": do, **fields})
    return wydarzenie


def _zespol(udzial) -> list[CzlonekZespolu]:
    return list(CzlonekZespolu.objects.filter(udzial=udzial, aktywny=True).select_related("uzytkownik").order_by("pk"))


def run_demo(world: dict) -> None:
    users, udzialy = world["users"], world["udzialy"]
    doradcy = {d.uzytkownik.username: d for d in Doradca.objects.select_related("uzytkownik").filter(
        uzytkownik__username__in=["ros1", "pro1", "ros2", "pro2"])}
    edycja, biezaca = world["edycja_2022"], world["edycja_biezaca"]
    udzial_a, udzial_b = udzialy[JST_A], udzialy[JST_B]
    zespol_a, zespol_b = _zespol(udzial_a), _zespol(udzial_b)
    para_a, para_b = [doradcy["ros1"], doradcy["pro1"]], [doradcy["ros2"], doradcy["pro2"]]

    # --- 2022/2023: visits -----------------------------------------------------------------
    s1 = _wizyta(
        udzial_a, Wizyta.Typ.SPOTKANIE_1, D(2023, 1, 24), D(2023, 1, 25), para_a, users["ros1"], zespol_a,
        miejsce="Starostwo Powiatowe w Bolesławcu, ul. Armii Krajowej 12, sala konferencyjna",
        program="Dzień 1: wyniki arkusza samooceny i dane o oświacie powiatu.\n"
                "Dzień 2: warsztat — przyczyny problemów w wybranym obszarze.",
        interesariusze="Anna Nowak — przewodnicząca komisji oświaty rady powiatu\n"
                       "Jan Wiśniewski — dyrektor Poradni Psychologiczno-Pedagogicznej",
        spotkanie_z_wlodarzem=True,
        notatki_wlodarz="Starosta popiera program i deklaruje udział naczelnika wydziału w pracach zespołu.",
        rezultaty="Zespół potwierdził obszar i przyjął harmonogram diagnozy pogłębionej.",
        notatki_dla_jst="Prosimy o dane z SIO o liczbie uczniów z orzeczeniami do 10 lutego.",
        notatki_prywatne="Skarbnik sceptyczny wobec kosztów — warto pokazać dane o subwencji.",
    )
    _wizyta(
        udzial_a, Wizyta.Typ.SPOTKANIE_2, D(2023, 3, 21), D(2023, 3, 22), para_a, users["pro1"], zespol_a,
        miejsce="Starostwo Powiatowe w Bolesławcu, sala konferencyjna",
        program="Dzień 1: priorytety i cele.\nDzień 2: projekt HDR — działania i harmonogram.",
        spotkanie_z_wlodarzem=True, notatki_wlodarz="Starosta zaakceptował kierunek działań HDR.",
        rezultaty="Projekt HDR z sześcioma działaniami.",
        notatki_dla_jst="Projekt HDR do uzupełnienia o osoby odpowiedzialne do 5 kwietnia.",
        notatki_prywatne="Zespół potrzebuje wsparcia w planowaniu budżetu działań.",
    )
    _wizyta(
        udzial_b, Wizyta.Typ.SPOTKANIE_1, D(2023, 2, 7), D(2023, 2, 8), para_b, users["ros2"], zespol_b,
        miejsce="Urząd Gminy Dwikozy, sala narad", program="Wyniki arkusza; przyczyny problemów.",
        spotkanie_z_wlodarzem=False, notatki_wlodarz="Wójt na urlopie — spotkanie przełożone.",
        rezultaty="Zespół wskazał trzy przyczyny do diagnozy pogłębionej.",
        notatki_prywatne="Lider zespołu przeciążony — rozważyć wsparcie drugiej osoby.",
    )

    # --- Travel costs of ros1 --------------------------------------------------------------
    for data, wizyta, transport, kwoty, opis in (
        (D(2023, 1, 24), s1, "PKP Warszawa Centralna — Bolesławiec", ("186.40", "320.00", "0"), "Spotkanie nr 1"),
        (D(2023, 3, 21), None, "Samochód prywatny, 2 × 390 km", ("468.00", "290.00", "24.00"), "Spotkanie nr 2"),
    ):
        if not KosztPodrozy.objects.filter(doradca=doradcy["ros1"], edycja=edycja, data=data).exists():
            KosztPodrozy.objects.create(
                doradca=doradcy["ros1"], edycja=edycja, data=data, wizyta=wizyta, transport=transport, opis=opis,
                kwota_transport=Decimal(kwoty[0]), kwota_nocleg=Decimal(kwoty[1]), kwota_inne=Decimal(kwoty[2]))

    # --- Events with registrations and attendance ------------------------------------------
    koordynator = users["koordynator"]
    wydarzenia = [
        _wydarzenie(edycja, Wydarzenie.Rodzaj.OTWARCIE, "Spotkanie otwierające edycję", D(2022, 10, 19),
                    D(2022, 10, 19), miejsce="Warszawa, ORE, Al. Ujazdowskie 28", limit_miejsc=120,
                    program="Program doradztwa, role zespołów i doradców, kalendarz edycji."),
        _wydarzenie(edycja, Wydarzenie.Rodzaj.WARSZTATY_1, "Warsztaty — runda 1", D(2023, 2, 14), D(2023, 2, 15),
                    miejsce="Sulejówek, Centrum Konferencyjne ORE", limit_miejsc=60,
                    opcje=["przejazd autokarem z Warszawy", "nocleg"], program="Diagnoza pogłębiona w praktyce."),
        _wydarzenie(edycja, Wydarzenie.Rodzaj.WARSZTATY_2, "Warsztaty — runda 2", D(2023, 4, 18), D(2023, 4, 19),
                    miejsce="Sulejówek, Centrum Konferencyjne ORE", limit_miejsc=60,
                    opcje=["przejazd autokarem z Warszawy", "nocleg"], program="Monitorowanie realizacji HDR."),
        _wydarzenie(edycja, Wydarzenie.Rodzaj.ZAMKNIECIE, "Spotkanie podsumowujące edycję", D(2023, 5, 25),
                    D(2023, 5, 25), miejsce="Warszawa, ORE, Al. Ujazdowskie 28", limit_miejsc=120,
                    program="Dobre praktyki JST i raporty końcowe."),
    ]
    for wydarzenie in wydarzenia:
        uczestnicy = zespol_a + (zespol_b if wydarzenie.rodzaj != Wydarzenie.Rodzaj.ZAMKNIECIE else [])
        for i, czlonek in enumerate(uczestnicy):
            opcje = wydarzenie.opcje[:1] if wydarzenie.opcje and i % 2 == 0 else []
            Rejestracja.objects.get_or_create(wydarzenie=wydarzenie, czlonek=czlonek,
                                              defaults={"opcje": opcje, "zapisal": czlonek.uzytkownik})
            for n in range((wydarzenie.do - wydarzenie.od).days + 1):
                dzien = wydarzenie.od + datetime.timedelta(days=n)
                # Everyone came, except the last member of each team on a second day.
                obecny = not (n == 1 and czlonek in (zespol_a[-1:] + zespol_b[-1:]))
                Obecnosc.objects.get_or_create(wydarzenie=wydarzenie, czlonek=czlonek, dzien=dzien,
                                               defaults={"obecny": obecny, "zaznaczyl": koordynator})

    # --- The current edition: what is coming in the next weeks -----------------------------
    today = timezone.localdate()
    przydzial = (PrzydzialDoradcy.objects.filter(doradca=doradcy["ros1"], udzial__edycja=biezaca, do__isnull=True)
                 .select_related("udzial").order_by("udzial__jst__nazwa").first())
    if przydzial is not None:
        udzial = przydzial.udzial
        para = [p.doradca for p in PrzydzialDoradcy.objects.filter(udzial=udzial, do__isnull=True)]
        od = today + datetime.timedelta(days=16)
        if not Wizyta.objects.filter(udzial=udzial, typ=Wizyta.Typ.SPOTKANIE_1).exists():
            _wizyta(udzial, Wizyta.Typ.SPOTKANIE_1, od, od + datetime.timedelta(days=1), para, users["ros1"],
                    miejsce="Urząd — sala konferencyjna", program="Dzień 1: wyniki arkusza.\nDzień 2: przyczyny.",
                    notatki_dla_jst="Prosimy o rezerwację sali i rzutnika.")
    start = today + datetime.timedelta(days=10)
    if not Wydarzenie.objects.filter(edycja=biezaca, rodzaj=Wydarzenie.Rodzaj.WARSZTATY_1).exists():
        _wydarzenie(biezaca, Wydarzenie.Rodzaj.WARSZTATY_1, "Warsztaty — runda 1", start,
                    start + datetime.timedelta(days=1), miejsce="Sulejówek, Centrum Konferencyjne ORE",
                    limit_miejsc=60, opcje=["przejazd autokarem z Warszawy", "nocleg"],
                    program="Diagnoza pogłębiona w praktyce.")
