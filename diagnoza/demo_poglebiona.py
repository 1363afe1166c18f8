"""Demo step for the deep diagnosis (issue 7), called from diagnoza/demo.py: `run_demo(world, users, udzialy)`.

JST A (Powiat Bolesławiecki, area „zarządzanie”): an approved deep diagnosis with three findings, three
target states, four causes and three gaps — two priorities (ranks 1–2, with goals) and one postponed.
JST B (Gmina Dwikozy, area „budżet”): an approved diagnosis with two priority gaps; the goal of the
second is the one JST B's draft HDR leaves uncovered.

Written directly (not through services) so the seed sends no notification or e-mail; idempotent: a
participation that already has a deep diagnosis is left as it is."""

import datetime

from django.contrib.contenttypes.models import ContentType

from diagnoza.models import (
    Cel,
    DiagnozaPoglebiona,
    Luka,
    Przyczyna,
    StanDocelowy,
    Ustalenie,
    WartoscWskaznika,
    WyborObszaru,
)
from doradztwo.models import Obszar, ZmianaStanu

D = datetime.date

JST_A = {
    "obszar": ("zarzadzanie", "Najniższe wyniki w obszarze zarządzania oświatą; chcemy uporządkować procedury i "
                              "obieg informacji między wydziałem a dyrektorami."),
    "dowody": {0: ("uczn_etat", "etaty_oddz")},  # finding no. → indicator codes of the task as evidence
    "ustalenia": [
        "Wydział Edukacji zbiera dane o szkołach (arkusze organizacyjne, wyniki matur i egzaminów zawodowych, "
        "wydatki) w osobnych plikach. Nikt nie zestawia ich w jedną analizę, a zarząd powiatu decyduje o sieci "
        "szkół bez porównania z poprzednimi latami.",
        "Arkusze organizacyjne szkół wracają do poprawy średnio dwa–trzy razy. Dyrektorzy nie znają kryteriów, "
        "według których wydział je ocenia, a liczba etatów na oddział rośnie od trzech lat.",
        "Narady dyrektorów z wydziałem odbywają się nieregularnie (dwie w roku szkolnym 2021/2022), a informacje "
        "o zmianach przepisów docierają do szkół e-mailem z kilkudniowym opóźnieniem.",
    ],
    "stany": [
        "Co roku do końca listopada powstaje raport o stanie oświaty powiatu z porównaniem wskaźników w czasie; "
        "zarząd i dyrektorzy omawiają go przed decyzjami budżetowymi.",
        "Arkusze organizacyjne powstają według wspólnych, znanych dyrektorom wytycznych i są zatwierdzane w "
        "pierwszym terminie.",
        "Dyrektorzy spotykają się z wydziałem raz w miesiącu według stałego harmonogramu, a ważne informacje "
        "trafiają do nich jednym kanałem w ciągu dnia.",
    ],
    "przyczyny": [
        ("W wydziale nikt nie ma w zakresie obowiązków analizy danych oświatowych.", "ludzie",
         "naczelnik Wydziału Edukacji, skarbnik powiatu"),
        ("Brak pisemnych wytycznych do arkuszy organizacyjnych i terminarza ich opiniowania.", "procedury",
         "dyrektorzy szkół ponadpodstawowych (spotkanie 12.01.2023)"),
        ("Dane leżą w różnych systemach (SIO, sprawozdania budżetowe, arkusze w plikach) bez wspólnego "
         "zestawienia.", "zasoby", "informatyk starostwa, główna księgowa"),
        ("Brak harmonogramu narad i jednego kanału informacji dla dyrektorów.", "komunikacja",
         "dyrektorzy szkół, przedstawiciele związków zawodowych"),
    ],
    # (description, finding no., target no., cause nos., status, rank, reason, goals)
    "luki": [
        ("Decyzje o sieci szkół i ich finansowaniu zapadają bez rzetelnej, porównawczej analizy danych.",
         0, 0, (0, 2), "priorytet", 1, "", [
             ("Przygotować i przyjąć przez zarząd powiatu pierwszy roczny raport o stanie oświaty z porównaniem "
              "wskaźników za trzy lata.", "raport przyjęty uchwałą zarządu powiatu", "brak raportu",
              "1 raport rocznie", D(2023, 11, 30)),
             ("Wyznaczyć w Wydziale Edukacji osobę odpowiedzialną za analizę danych oświatowych.",
              "zakres obowiązków z zadaniem analiz", "0 osób", "1 osoba", D(2023, 3, 31)),
         ]),
        ("Dyrektorzy nie znają kryteriów oceny arkuszy organizacyjnych, co wydłuża ich zatwierdzanie i sprzyja "
         "wzrostowi liczby etatów.", 1, 1, (1,), "priorytet", 2, "", [
             ("Opracować razem z dyrektorami wytyczne do arkuszy organizacyjnych na rok szkolny 2023/2024.",
              "średnia liczba poprawek arkusza przed zatwierdzeniem", "2,5", "najwyżej 1", D(2023, 5, 31)),
         ]),
        ("Kontakt wydziału z dyrektorami jest nieregularny, a informacje docierają z opóźnieniem.",
         2, 2, (3,), "odlozona", None,
         "Stały harmonogram narad wprowadzimy przy pracach nad wytycznymi do arkuszy; osobne działania odkładamy "
         "do kolejnego roku szkolnego.", []),
    ],
}

JST_B = {
    "obszar": ("budzet", "Planowanie budżetu oświaty to dla gminy największe wyzwanie; dyrektorzy chcą uczestniczyć "
                         "w nim od początku."),
    "dowody": {1: ("doplata_uczen", "pokrycie_subw")},
    "ustalenia": [
        "Projekt budżetu oświaty powstaje w urzędzie bez udziału dyrektorów; dyrektorzy poznają plany finansowe "
        "szkół dopiero po uchwaleniu budżetu.",
        "Gmina dopłaca do każdego ucznia prawie tyle, ile wynosi subwencja oświatowa; koszty dowozu uczniów "
        "rosną, a nikt nie analizuje ich w podziale na szkoły.",
    ],
    "stany": [
        "Dyrektorzy współtworzą projekt budżetu oświaty według harmonogramu znanego od września.",
        "Gmina zna koszt kształcenia ucznia w każdej szkole (z dowozem) i korzysta z tej wiedzy przy planowaniu "
        "budżetu.",
    ],
    "przyczyny": [
        ("Brak harmonogramu prac nad budżetem oświaty z udziałem dyrektorów.", "procedury",
         "dyrektorzy szkół, skarbnik gminy"),
        ("Obsługa księgowa szkół nie dzieli kosztów dowozu i administracji na poszczególne szkoły.", "zasoby",
         "główna księgowa, wójt gminy"),
    ],
    "luki": [
        ("Dyrektorzy nie uczestniczą w planowaniu budżetu oświaty.", 0, 0, (0,), "priorytet", 1, "", [
            ("Wprowadzić zarządzeniem wójta harmonogram prac nad budżetem oświaty z udziałem dyrektorów.",
             "zarządzenie wójta", "brak harmonogramu", "zarządzenie przyjęte", D(2023, 9, 30)),
        ]),
        ("Gmina nie zna kosztu kształcenia ucznia w poszczególnych szkołach.", 1, 1, (1,), "priorytet", 2, "", [
            ("Przygotować zestawienie kosztu kształcenia ucznia w każdej szkole z uwzględnieniem dowozu.",
             "szkoły z policzonym kosztem ucznia", "0 z 3", "3 z 3", D(2023, 12, 31)),
        ]),
    ],
}


def _zbuduj(udzial, plan: dict, autorzy: list, koordynator) -> None:
    kod, uzasadnienie = plan["obszar"]
    WyborObszaru.objects.get_or_create(udzial=udzial, defaults={
        "obszar": Obszar.objects.get(kod=kod), "kto": autorzy[0], "uzasadnienie": uzasadnienie})
    diagnoza, created = DiagnozaPoglebiona.objects.get_or_create(udzial=udzial, defaults={"stan": "zatwierdzona"})
    if not created:
        return

    def kto(i):
        return autorzy[i % len(autorzy)]

    ustalenia = [Ustalenie.objects.create(diagnoza=diagnoza, tresc=t, kolejnosc=i + 1, zmienil=kto(i))
                 for i, t in enumerate(plan["ustalenia"])]
    for nr, kody in plan["dowody"].items():
        ustalenia[nr].wartosci.set(WartoscWskaznika.objects.filter(udzial=udzial, wskaznik__kod__in=kody))
    stany = [StanDocelowy.objects.create(diagnoza=diagnoza, tresc=t, kolejnosc=i + 1, zmienil=kto(i + 1))
             for i, t in enumerate(plan["stany"])]
    przyczyny = [Przyczyna.objects.create(diagnoza=diagnoza, tresc=t, kategoria=k, interesariusze=kogo,
                                          kolejnosc=i + 1, zmienil=kto(i))
                 for i, (t, k, kogo) in enumerate(plan["przyczyny"])]
    for i, (tresc, u, s, p, status, ranga, powod, cele) in enumerate(plan["luki"]):
        luka = Luka.objects.create(diagnoza=diagnoza, tresc=tresc, ustalenie=ustalenia[u], stan_docelowy=stany[s],
                                   status=status, ranga=ranga, powod_odlozenia=powod, kolejnosc=i + 1, zmienil=kto(i))
        luka.przyczyny.set([przyczyny[n] for n in p])
        for j, (co, wskaznik, bazowa, docelowa, termin) in enumerate(cele):
            Cel.objects.create(luka=luka, tresc=co, wskaznik=wskaznik, wartosc_bazowa=bazowa,
                               wartosc_docelowa=docelowa, termin=termin, kolejnosc=j + 1, zmienil=kto(i + j))
    ct = ContentType.objects.get_for_model(DiagnozaPoglebiona)
    for z, na, akcja, who in (("robocza", "zlozona", "zloz", autorzy[0]),
                              ("zlozona", "zatwierdzona", "zatwierdz", koordynator)):
        ZmianaStanu.objects.create(typ_obiektu=ct, id_obiektu=str(diagnoza.pk), pole="stan", z_stanu=z, na_stan=na,
                                   akcja=akcja, kto=who)


def run_demo(world: dict, users: dict, udzialy: dict) -> None:
    """JST A and JST B of the 2022/2023 edition: approved deep diagnoses (see the module's docstring)."""
    if "0201" in udzialy:
        _zbuduj(udzialy["0201"], JST_A, [users["jst-a-lider"], users["jst-a-czlonek"]], users["koordynator"])
    if "2609022" in udzialy:
        _zbuduj(udzialy["2609022"], JST_B, [users["jst-b-lider"], users["jst-b-czlonek"]], users["koordynator"])
