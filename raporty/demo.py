"""Demo step for the final reports (CONVENTIONS §5, issue 9): JST A (Powiat Bolesławiecki, 0201) has a
complete good practice — the eight ORE sections, a contact person who agreed to publication, a model
document — submitted, returned once with a remark on the costs, submitted again and accepted (the
review history with dates). JST B (Gmina Dwikozy, 2609022) has not started its report.

Written directly (not through the review services) so the seed sends no notification or e-mail; the
pre-filled parts come from the same function the "Rozpocznij raport" button uses. Idempotent: an
existing report is left as it is. At the end, the publication step (raporty/demo_publikacja.py) runs
when it exists."""

import datetime
from importlib import import_module
from importlib.util import find_spec

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile

from doradztwo.models import Komentarz, Plik, ZmianaStanu
from hdr.models import FormaRaportu
from jst.models import Udzial
from raporty import services
from raporty.models import RaportKoncowy, SekcjaRaportu

UTC = datetime.UTC


def _kiedy(d: datetime.date, godzina: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(d, datetime.time(godzina), tzinfo=UTC)


TYTUL_A = "Jednolite procedury w oświacie powiatu"

TEKSTY_A = {
    "lokalny_system": (
        "{wstep}\n\n"
        "Powiat prowadzi 11 szkół i placówek: 4 licea ogólnokształcące, 3 zespoły szkół zawodowych, specjalny "
        "ośrodek szkolno-wychowawczy, poradnię psychologiczno-pedagogiczną, bursę i centrum kształcenia "
        "zawodowego. Uczy się w nich ok. 4200 uczniów, pracuje ok. 480 nauczycieli (w przeliczeniu na etaty).\n\n"
        "Sprawy oświaty prowadzi Wydział Edukacji Starostwa Powiatowego w Bolesławcu (5 osób). Szkoły "
        "rozliczają się z wydziałem papierowo, a każda z nich wypracowała przez lata własne wzory wniosków "
        "i własne terminy."),
    "problem": (
        "{wstep}\n\n"
        "W arkuszu diagnostycznym najniżej oceniliśmy obszar zarządzania oświatą. Diagnoza pogłębiona "
        "pokazała, że:\n\n"
        "- arkusze organizacji szkół wracały do poprawy średnio trzy razy, bo szkoły korzystały z różnych "
        "wzorów i terminów;\n"
        "- wnioski dyrektorów (o zatrudnienie, remonty, doposażenie) krążyły między szkołą a starostwem "
        "nawet sześć tygodni;\n"
        "- informacja o stanie realizacji zadań oświatowych dla rady powiatu powstawała z danych zbieranych "
        "od szkół ręcznie, bez korzystania z SIO.\n\n"
        "Dyrektorzy mówili nam wprost: „Nie wiemy, na jakim etapie jest nasza sprawa”."),
    "rozwiazanie": (
        "Ujednoliciliśmy i opisaliśmy procedury obiegu dokumentów między szkołami a wydziałem edukacji "
        "i przenieśliśmy najczęstsze z nich do elektronicznego obiegu dokumentów (EZD) starostwa.\n\n"
        "Rozwiązanie ma trzy części:\n\n"
        "1. **Sześć wspólnych procedur** (arkusz organizacji, wniosek o zatrudnienie, wniosek o remont, "
        "sprawozdania, zamówienia, skargi) z jednym wzorem dokumentu i stałym terminem — przyjętych "
        "zarządzeniem starosty.\n"
        "2. **Elektroniczny obieg wniosków**: dyrektor składa wniosek w EZD i widzi, kto i kiedy go "
        "rozpatruje.\n"
        "3. **Stałe spotkania dyrektorów z wydziałem** raz w miesiącu, z notatką z ustaleń, oraz "
        "kodeks współpracy zespołu oświatowego.\n\n"
        "Dane do informacji o stanie oświaty bierzemy teraz z SIO, a szkoły tylko je uzupełniają."),
    "kto_kiedy": (
        "Zespół JST (dyrektor wydziału edukacji, dyrektor szkoły, skarbnik powiatu) przy wsparciu doradców "
        "ROS i PRO zaplanował działania w HDR i wdrażał je od listopada 2022 r. do maja 2023 r.\n\n"
        "{wstep}"),
    "efekty": (
        "- Wszystkie sześć procedur obowiązuje od 1 kwietnia 2023 r. we wszystkich szkołach powiatu.\n"
        "- Arkusze organizacji na rok 2023/2024 wróciły do poprawy średnio raz (wcześniej trzy razy).\n"
        "- 82% wniosków dyrektorów składanych jest elektronicznie; średni czas rozpatrzenia spadł z sześciu "
        "do dwóch tygodni.\n"
        "- Informacja o stanie realizacji zadań oświatowych zawiera 12 wskaźników zamiast czterech.\n\n"
        "{wstep}\n\n"
        "Dyrektorzy oceniają współpracę z wydziałem wyżej niż przed rokiem (ankieta po szkoleniu)."),
    "koszt": (
        "{wstep}\n\n"
        "Największym kosztem był czas pracy: ok. 120 godzin pracowników wydziału i ok. 60 godzin dyrektorów "
        "szkół (warsztaty, konsultacje procedur, szkolenia). Doradztwo w programie było bezpłatne dla powiatu."),
    "dlaczego": (
        "Rozwiązanie nie wymaga dużych pieniędzy, a szybko porządkuje codzienną współpracę organu "
        "prowadzącego ze szkołami. Dyrektorzy zyskują przewidywalne terminy i wiedzą, co dzieje się z ich "
        "sprawami, a wydział — czas na analizę danych zamiast przepisywania dokumentów. Procedury są "
        "proste do przeniesienia: każda JST ma podobne sprawy i zwykle ma już system EZD."),
    "replikacja": (
        "- Zacznijcie od spisu procedur, które naprawdę działają w szkołach — nie od nowego regulaminu.\n"
        "- Zaproście dyrektorów do pisania wzorów od początku; procedura przyjęta bez nich nie zadziała.\n"
        "- Wdrażajcie EZD etapami: najpierw dwie szkoły testowe, potem pozostałe.\n"
        "- Zaplanujcie szkolenie sekretariatów szkół — to one najczęściej składają wnioski.\n"
        "- Ustalcie stały dzień spotkań dyrektorów z wydziałem i piszcie krótkie notatki z ustaleń."),
}

DOKUMENT_A = (
    "Procedura obiegu wniosków dyrektorów szkół i placówek prowadzonych przez Powiat Bolesławiecki\n\n"
    "1. Dyrektor składa wniosek w systemie EZD starostwa na formularzu nr 1.\n"
    "2. Wydział Edukacji rejestruje wniosek w ciągu 2 dni roboczych i wskazuje osobę prowadzącą.\n"
    "3. Wniosek wymagający opinii skarbnika trafia do niego w ciągu 5 dni roboczych.\n"
    "4. Decyzję lub odpowiedź dyrektor otrzymuje w EZD najpóźniej w ciągu 14 dni od złożenia wniosku.\n"
    "5. O każdej zmianie statusu wniosku system powiadamia dyrektora.\n"
)


def _historia(raport: RaportKoncowy, zmiany) -> None:
    ct = ContentType.objects.get_for_model(RaportKoncowy)
    for akcja, z, na, kto, kiedy, powod in zmiany:
        zmiana = ZmianaStanu.objects.create(typ_obiektu=ct, id_obiektu=str(raport.pk), pole="stan", z_stanu=z,
                                            na_stan=na, akcja=akcja, kto=kto, powod=powod)
        ZmianaStanu.objects.filter(pk=zmiana.pk).update(kiedy=_kiedy(kiedy))


def _dokument(udzial: Udzial, autor) -> Plik:
    from doradztwo.pliki import plik_dodaj

    nazwa = "Procedura obiegu wniosków dyrektorów.txt"
    istniejacy = Plik.objects.filter(udzial=udzial, nazwa=nazwa).first()
    if istniejacy is not None:
        return istniejacy
    plik = ContentFile(DOKUMENT_A.encode("utf-8"), name=nazwa)
    return plik_dodaj(udzial=udzial, plik=plik, rodzaj=Plik.Rodzaj.DOKUMENT,
                      opis="Wzór procedury przyjętej zarządzeniem starosty", actor=autor)


def _jst_a(stdout, users, udzial: Udzial) -> RaportKoncowy:
    lider, koordynator = users["jst-a-lider"], users["koordynator"]
    plan = services.plan_z_hdr(udzial)
    _tytul, wstepne = services.wstepne_tresci(udzial, FormaRaportu.DOBRA_PRAKTYKA, plan)
    raport = RaportKoncowy.objects.create(
        udzial=udzial, forma=FormaRaportu.DOBRA_PRAKTYKA, stan="zatwierdzona", tytul=TYTUL_A,
        kontakt_imie_nazwisko=lider.get_full_name() or "Łucja Liderska",
        kontakt_funkcja="dyrektor Wydziału Edukacji Starostwa Powiatowego w Bolesławcu",
        kontakt_email="jst-a-lider@demo.doradztwo.invalid", kontakt_telefon="75 612 34 56", kontakt_zgoda=True,
        wersja=6, zmienil=lider)
    for klucz, tekst in TEKSTY_A.items():
        tresc = tekst.replace("{wstep}", wstepne.get(klucz, "")).strip()
        SekcjaRaportu.objects.create(raport=raport, klucz=klucz, tresc=tresc, wersja=3 if klucz == "koszt" else 2,
                                     zmienil=lider)
    SekcjaRaportu.objects.filter(raport=raport).update(zmieniona=_kiedy(datetime.date(2023, 5, 25), 14))
    raport.dokumenty.add(_dokument(udzial, lider))
    RaportKoncowy.objects.filter(pk=raport.pk).update(utworzony=_kiedy(datetime.date(2023, 5, 4), 9),
                                                      zmieniony=_kiedy(datetime.date(2023, 5, 30), 11))
    powod = ("Prosimy uzupełnić część 6 o czas pracy pracowników wydziału i dyrektorów — to też koszt "
             "rozwiązania.")
    _historia(raport, [
        ("zloz", "robocza", "zlozona", lider, datetime.date(2023, 5, 22), ""),
        ("zwroc", "zlozona", "zwrocona", koordynator, datetime.date(2023, 5, 24), powod),
        ("zloz", "zwrocona", "zlozona", lider, datetime.date(2023, 5, 26), ""),
        ("zatwierdz", "zlozona", "zatwierdzona", koordynator, datetime.date(2023, 5, 30), ""),
    ])
    # The return's remark on the costs section, answered and resolved.
    ct = ContentType.objects.get_for_model(Udzial)
    watek = Komentarz.objects.create(
        typ_obiektu=ct, id_obiektu=str(udzial.pk), udzial=udzial, sekcja=services.klucz_komentarzy("koszt"),
        autor=koordynator, tresc="Brakuje kosztu czasu pracy — ile godzin zajęło przygotowanie procedur?",
        rozwiazany=True, rozwiazal=lider, rozwiazany_kiedy=_kiedy(datetime.date(2023, 5, 25), 15))
    odpowiedz = Komentarz.objects.create(
        typ_obiektu=ct, id_obiektu=str(udzial.pk), udzial=udzial, sekcja=watek.sekcja, watek=watek, autor=lider,
        tresc="Uzupełniliśmy: ok. 120 godzin pracy wydziału i ok. 60 godzin dyrektorów.")
    Komentarz.objects.filter(pk=watek.pk).update(utworzony=_kiedy(datetime.date(2023, 5, 24), 11))
    Komentarz.objects.filter(pk=odpowiedz.pk).update(utworzony=_kiedy(datetime.date(2023, 5, 25), 14))
    stdout.write("demo: JST A final report (good practice) accepted")
    return raport


def run(stdout, world: dict) -> dict:
    users, udzialy = world["users"], world["udzialy"]
    udzial_a = udzialy.get("0201")
    raport_a = None
    if udzial_a is not None:
        raport_a = RaportKoncowy.objects.filter(udzial=udzial_a).first() or _jst_a(stdout, users, udzial_a)
    # JST B (2609022) has not started its report: nothing to create.
    wynik = {"raport_a": raport_a}
    if find_spec("raporty.demo_publikacja") is not None:
        import_module("raporty.demo_publikacja").run_demo({**world, **wynik})
    return wynik
