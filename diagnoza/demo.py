"""Demo step for diagnoza/: sheets of both editions (CONVENTIONS §5, issue 5).

Written directly (not through services) so the seed sends no notification or e-mail."""

from django.contrib.contenttypes.models import ContentType

from diagnoza.models import (
    Arkusz,
    ArkuszEdycji,
    Odpowiedz,
    PytanieSzablonu,
    WartoscWskaznika,
    WersjaSzablonu,
    WyborObszaru,
)
from doradztwo.models import Obszar, ZmianaStanu

POWOD_B = "uzupełnienie po spotkaniu 1"


def _answers(arkusz, pytania, autor, limit=None, seed=0):
    existing = set(Odpowiedz.objects.filter(arkusz=arkusz).values_list("pytanie_id", flat=True))
    rows = []
    for i, p in enumerate(pytania[:limit] if limit else pytania):
        if p.pk in existing:
            continue
        value = 1 + (i * 7 + seed + p.sekcja.kolejnosc * 3) % 4
        rows.append(Odpowiedz(arkusz=arkusz, pytanie=p, wartosc=None if i % 17 == 5 else value,
                              nie_wiem=i % 17 == 5, autor=autor))
    Odpowiedz.objects.bulk_create(rows)


def _state(arkusz, changes, kto):
    ct = ContentType.objects.get_for_model(Arkusz)
    if ZmianaStanu.objects.filter(typ_obiektu=ct, id_obiektu=str(arkusz.pk)).exists():
        return
    previous = "robocza"
    for akcja, na, powod in changes:
        ZmianaStanu.objects.create(typ_obiektu=ct, id_obiektu=str(arkusz.pk), pole="stan", z_stanu=previous,
                                   na_stan=na, akcja=akcja, kto=kto(akcja), powod=powod)
        previous = na
    Arkusz.objects.filter(pk=arkusz.pk).update(stan=previous)


def run(stdout, world: dict) -> dict:
    users, udzialy = world["users"], world["udzialy"]
    wersja = WersjaSzablonu.objects.filter(stan="opublikowana", szablon__nazwa__startswith="Arkusz diagnostyczny") \
        .order_by("numer").first()
    if wersja is None:
        stdout.write("demo: no published sheet template — sheets skipped")
        return {}
    for key in ("edycja_2022", "edycja_biezaca"):
        ArkuszEdycji.objects.get_or_create(edycja=world[key], defaults={"wersja": wersja})
    pytania = list(PytanieSzablonu.objects.filter(sekcja__wersja=wersja).select_related("sekcja")
                   .order_by("sekcja__kolejnosc", "kolejnosc"))
    obszary = {o.kod: o for o in Obszar.objects.all()}

    def sheet(code):
        arkusz, _ = Arkusz.objects.get_or_create(udzial=udzialy[code], czlonek=None,
                                                 defaults={"wersja_szablonu": wersja})
        return arkusz

    a, b = sheet("0201"), sheet("2609022")
    _answers(a, pytania, users["jst-a-lider"], seed=1)
    _answers(b, pytania, users["jst-b-lider"], seed=2)
    lider = {"zloz": users["jst-a-lider"]}
    _state(a, [("zloz", "zlozona", ""), ("zatwierdz", "zatwierdzona", "")],
           lambda akcja: lider.get(akcja, users["koordynator"]))
    _state(b, [("zloz", "zlozona", ""), ("zatwierdz", "zatwierdzona", ""), ("otworz", "robocza", POWOD_B)],
           lambda akcja: users["jst-b-lider"] if akcja == "zloz" else users["koordynator"])
    WyborObszaru.objects.get_or_create(udzial=udzialy["0201"], defaults={
        "obszar": obszary["zarzadzanie"], "kto": users["jst-a-lider"],
        "uzasadnienie": "Najniższe wyniki w obszarze zarządzania oświatą; chcemy uporządkować procedury i obieg "
                        "informacji między wydziałem a dyrektorami."})
    WyborObszaru.objects.get_or_create(udzial=udzialy["2609022"], defaults={
        "obszar": obszary["budzet"], "kto": users["jst-b-lider"],
        "uzasadnienie": "Planowanie budżetu oświaty to dla gminy największe wyzwanie; dyrektorzy chcą "
                        "uczestniczyć w nim od początku."})
    # Other 2022/2023 JSTs past the sheet stage: complete, approved sheets.
    for code, udzial in udzialy.items():
        if udzial.edycja_id == world["edycja_2022"].pk and code not in ("0201", "2609022") \
                and udzial.numer_etapu >= 2:
            s = sheet(code)
            _answers(s, pytania, users["admin"], seed=len(code))
            _state(s, [("zloz", "zlozona", ""), ("zatwierdz", "zatwierdzona", "")], lambda akcja: users["admin"])
    # The current edition: six open sheets, two partly filled.
    for i, (code, udzial) in enumerate((c, u) for c, u in udzialy.items() if u.edycja_id == world["edycja_biezaca"].pk):
        s = sheet(code)
        if i < 2:
            _answers(s, pytania, users["admin"], limit=20 + 10 * i, seed=i)
    stdout.write("demo: diagnostic sheets ready")
    _zadania(world, users, udzialy)
    stdout.write("demo: data-collection tasks ready")
    from diagnoza.demo_poglebiona import run_demo

    run_demo(world, users, udzialy)  # after the tasks: findings link their indicator values
    stdout.write("demo: deep diagnoses ready")
    return {}


# --- The data-collection task (issue 6) --------------------------------------------------------------

# Per-pupil figures in the range Polish reports publish (wydatki, subwencja per pupil; pupils; FTEs; classes).
_FINANSE = {"0201": (15120, 8410, 4210), "1407": (16480, 8930, 3870), "0602": (14750, 8650, 5120),
            "0464": (13980, 8120, 11840), "1062": (14210, 8260, 9650), "2609022": (17890, 9120, 512)}


def _wartosci(udzial, wskaznik, autor, rows):
    from diagnoza.services_zadanie import wynik

    for okres, rok, dane in rows:
        dane = {k: str(v) for k, v in dane.items()}
        WartoscWskaznika.objects.get_or_create(udzial=udzial, wskaznik=wskaznik, okres=okres, defaults={
            "rok": rok, "dane": dane, "wynik": wynik(wskaznik, dane), "autor": autor})


def _finanse(udzial, autor, wskazniki, code):
    wydatki_u, subw_u, uczniowie = _FINANSE[code]
    for kod in ("doplata_uczen", "pokrycie_subw"):
        rows = []
        for i, rok in enumerate((2020, 2021, 2022)):
            n = uczniowie - 40 * (2 - i)
            wydatki, subwencja = (wydatki_u + 650 * i) * n, (subw_u + 310 * i) * n
            dane = {"wydatki": f"{wydatki}.00", "subwencja": f"{subwencja}.00", "uczniowie": n}
            rows.append((str(rok), rok, {k: v for k, v in dane.items()
                                        if k in {d.nazwa for d in wskazniki[kod].dane.all()}}))
        _wartosci(udzial, wskazniki[kod], autor, rows)


def _zadania(world, users, udzialy):
    from diagnoza.models import ObszarZadania, TabelaDanych, Wskaznik, ZadanieDanych
    from jst.models import Udzial

    wskazniki = {w.kod: w for w in Wskaznik.objects.prefetch_related("dane")}
    if len(wskazniki) < 4:
        return
    prog = list(Udzial.Etap.values).index("dane_zebrane")
    etapy = dict(Udzial.objects.filter(pk__in=[u.pk for u in udzialy.values()]).values_list("pk", "etap"))
    for code, udzial in udzialy.items():
        if udzial.edycja_id != world["edycja_2022"].pk or code == "2609022":
            continue
        if list(Udzial.Etap.values).index(etapy[udzial.pk]) < prog:
            continue
        autor = users["jst-a-lider"] if code == "0201" else users["admin"]
        zadanie, created = ZadanieDanych.objects.get_or_create(udzial=udzial, defaults={
            "stan": "zatwierdzona", "zlozone_raz": True})
        if not created:
            continue
        finanse = ObszarZadania.objects.create(
            zadanie=zadanie, obszar_zasobow=4, wariant=2, zmienil=autor,
            interpretacja="Dopłata z budżetu JST do każdego ucznia rośnie z roku na rok szybciej niż subwencja; "
                          "subwencja pokrywa nieco ponad połowę bieżących wydatków.",
            wnioski="Potrzebujemy wieloletniego planu sieci szkół i rozmowy z dyrektorami o organizacji oddziałów.")
        finanse.wskazniki.set([wskazniki["doplata_uczen"], wskazniki["pokrycie_subw"]])
        if code in _FINANSE:
            _finanse(udzial, autor, wskazniki, code)
        if code == "0201":
            kadry = ObszarZadania.objects.create(
                zadanie=zadanie, obszar_zasobow=1, wariant=2, zmienil=autor,
                interpretacja="Na etat nauczycielski przypada mniej uczniów niż w podobnych powiatach, a liczba "
                              "etatów na oddział rośnie.",
                wnioski="Analiza arkuszy organizacyjnych szkół przed zatwierdzeniem — cel na spotkanie 1.")
            kadry.wskazniki.set([wskazniki["uczn_etat"], wskazniki["etaty_oddz"]])
            for rok, uczniowie, etaty, oddzialy in ((2020, 4130, 462.5, 176), (2021, 4170, 470.2, 178),
                                                    (2022, 4210, 481.7, 180)):
                okres = f"{rok}/{rok + 1}"
                _wartosci(udzial, wskazniki["uczn_etat"], autor,
                          [(okres, rok, {"uczniowie": uczniowie, "etaty_nauczycieli": etaty})])
                _wartosci(udzial, wskazniki["etaty_oddz"], autor,
                          [(okres, rok, {"etaty_nauczycieli": etaty, "oddzialy": oddzialy})])
        else:
            infra = ObszarZadania.objects.create(
                zadanie=zadanie, obszar_zasobow=2, wariant=1, zmienil=autor,
                interpretacja="Dwa budynki wymagają termomodernizacji.", wnioski="Plan remontów na 5 lat.")
            TabelaDanych.objects.create(
                obszar=infra, tytul="Budynki szkół", zrodlo="ewidencja środków trwałych", zmienil=autor,
                kolumny=[{"nazwa": "Szkoła", "jednostka": ""}, {"nazwa": "Powierzchnia", "jednostka": "m²"},
                         {"nazwa": "Rok budowy", "jednostka": ""}],
                wiersze=[["Szkoła Podstawowa nr 1", "2 400", "1968"], ["Szkoła Podstawowa nr 2", "1 150", "2004"]])
    # JST B: one area done, the other chosen but empty.
    b = udzialy.get("2609022")
    if b is not None:
        zadanie, created = ZadanieDanych.objects.get_or_create(udzial=b)
        if created:
            finanse = ObszarZadania.objects.create(
                zadanie=zadanie, obszar_zasobow=4, wariant=2, zmienil=users["jst-b-lider"],
                interpretacja="Gmina dopłaca do ucznia prawie tyle, ile wynosi subwencja.",
                wnioski="Trzeba przejrzeć organizację małych szkół i dowozów.")
            finanse.wskazniki.set([wskazniki["doplata_uczen"], wskazniki["pokrycie_subw"]])
            _finanse(b, users["jst-b-lider"], wskazniki, "2609022")
            ObszarZadania.objects.create(zadanie=zadanie, obszar_zasobow=6, wariant=2, zmienil=users["jst-b-czlonek"])
