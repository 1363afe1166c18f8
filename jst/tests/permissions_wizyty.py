"""Permission-matrix rows for visits, travel costs and events (jst/urls_wizyty.py).

Visits of JST A: everyone with a role in JST A reads (the team without private notes); ros1, pro1
and the coordinators write (valid POSTs redirect), the team gets 403 on writing pages; everyone
outside JST A gets 404 — `ros2` included. Delete pages answer an unconfirmed POST with the
confirmation page (200), so every persona meets the same visit or cost.

Costs: every adviser has "my costs"; a cost of ros1 is 404 to every other adviser and 403 to people
who are no advisers; its scanned document is ros1's and the 2022/2023 coordinators'.

Events of the 2022/2023 edition: its coordinators manage them; every participant of the edition
(advisers and teams of JST A and B) reads; team members register (the event in the rows is over,
so a registration answers with the form's message, 200); koordynator2 and doradca-spoza get 404.
"""

import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from doradztwo.tests.matrix import parse_table
from jst.forms_wizyty import KosztForm, RejestracjaForm, WizytaForm, WydarzenieForm


def _wizyta(world):
    from jst.models import Wizyta

    wizyta, created = Wizyta.objects.get_or_create(
        udzial=world["udzial_a"], miejsce="Starostwo Powiatowe — macierz",
        defaults={"typ": Wizyta.Typ.INNA, "od": datetime.date(2022, 11, 10), "do": datetime.date(2022, 11, 10),
                  "notatki_prywatne": "prywatne", "autor": world["personas"]["ros1"]})
    if created:
        wizyta.doradcy.set([world["doradcy"]["ros1"], world["doradcy"]["pro1"]])
    return wizyta


def _wizyta_args(world) -> dict:
    return {"pk": world["udzial_a"].pk, "wizyta_pk": _wizyta(world).pk}


def _wizyta_data(world) -> dict:
    from jst.models import Wizyta

    wizyta = Wizyta.objects.get(pk=_wizyta(world).pk)
    return {"typ": "inna", "od": "2022-11-10", "do": "2022-11-10", "miejsce": wizyta.miejsce, "program": "Warsztat",
            "doradcy": [world["doradcy"]["ros1"].pk, world["doradcy"]["pro1"].pk], "wersja": wizyta.wersja}


def _nowa_wizyta_data(world) -> dict:
    return {"typ": "ekspercka", "od": "2022-12-01", "do": "2022-12-01", "miejsce": "Bolesławiec",
            "doradcy": [world["doradcy"]["ros1"].pk]}


def _koszt(world):
    from jst.models import KosztPodrozy

    koszt, _created = KosztPodrozy.objects.get_or_create(
        doradca=world["doradcy"]["ros1"], edycja=world["edycja"], opis="macierz",
        defaults={"data": datetime.date(2022, 11, 10), "kwota_transport": "120.50"})
    return koszt


def _koszt_args(world) -> dict:
    return {"pk": _koszt(world).pk}


def _koszt_data(world) -> dict:
    from jst.models import KosztPodrozy

    koszt = KosztPodrozy.objects.get(pk=_koszt(world).pk)
    return {"edycja": world["edycja"].pk, "data": "2022-11-10", "kwota_transport": "130,50", "kwota_nocleg": "0",
            "kwota_inne": "0", "opis": "macierz", "wersja": koszt.wersja}


def _dokument_args(world) -> dict:
    from doradztwo.models import Plik

    koszt = _koszt(world)
    doradca = world["doradcy"]["ros1"]
    nazwa = f"pliki/doradcy/{doradca.pk}/macierz-bilet.txt"
    if not default_storage.exists(nazwa):
        default_storage.save(nazwa, ContentFile(b"Bilet PKP\n"))
    plik, _created = Plik.objects.get_or_create(
        doradca=doradca, nazwa="bilet.txt",
        defaults={"rodzaj": Plik.Rodzaj.DOKUMENT, "plik": nazwa, "typ": "text/plain", "rozmiar": 10,
                  "dodal": world["personas"]["ros1"]})
    koszt.dokumenty.add(plik)
    return {"pk": koszt.pk, "plik_pk": plik.pk}


def _wydarzenie(world):
    from jst.models import Wydarzenie

    wydarzenie, _created = Wydarzenie.objects.get_or_create(
        edycja=world["edycja"], nazwa="Warsztaty — macierz",
        defaults={"rodzaj": Wydarzenie.Rodzaj.WARSZTATY_1, "od": datetime.date(2023, 3, 9),
                  "do": datetime.date(2023, 3, 10), "miejsce": "Warszawa, ORE", "limit_miejsc": 40,
                  "opcje": ["przejazd autokarem"]})
    return wydarzenie


def _wydarzenie_edycji_args(world) -> dict:
    return {"pk": world["edycja"].pk, "wydarzenie_pk": _wydarzenie(world).pk}


def _wydarzenie_data(world) -> dict:
    from jst.models import Wydarzenie

    wydarzenie = Wydarzenie.objects.get(pk=_wydarzenie(world).pk)
    return {"rodzaj": "warsztaty_1", "nazwa": "Warsztaty — macierz", "od": "2023-03-09", "do": "2023-03-10",
            "miejsce": "Warszawa, ORE, sala 2", "limit_miejsc": "40", "opcje_tekst": "przejazd autokarem",
            "wersja": wydarzenie.wersja}


ARGS = {
    "jst:wizyty": lambda world: {"pk": world["udzial_a"].pk},
    "jst:wizyta_nowa": lambda world: {"pk": world["udzial_a"].pk},
    "jst:wizyta": _wizyta_args,
    "jst:wizyta_edytuj": _wizyta_args,
    "jst:wizyta_usun": _wizyta_args,
    "jst:wizyta_ics": _wizyta_args,
    "jst:koszt_edytuj": _koszt_args,
    "jst:koszt_usun": _koszt_args,
    "jst:koszt_dokument": _dokument_args,
    "jst:koszty_edycji": lambda world: {"pk": world["edycja"].pk},
    "jst:wydarzenia_edycji": lambda world: {"pk": world["edycja"].pk},
    "jst:wydarzenie_nowe": lambda world: {"pk": world["edycja"].pk},
    "jst:wydarzenie_edytuj": _wydarzenie_edycji_args,
    "jst:obecnosc": _wydarzenie_edycji_args,
    "jst:lista_obecnosci_pdf": lambda world: {**_wydarzenie_edycji_args(world), "dzien": 1},
    "jst:wydarzenie": lambda world: {"pk": _wydarzenie(world).pk},
    "jst:wydarzenie_zapisz": lambda world: {"pk": _wydarzenie(world).pk},
    "jst:wydarzenie_wypisz": lambda world: {"pk": _wydarzenie(world).pk},
    "jst:wydarzenie_ics": lambda world: {"pk": _wydarzenie(world).pk},
}

DATA = {
    "jst:wizyta_nowa": _nowa_wizyta_data,
    "jst:wizyta_edytuj": _wizyta_data,
    "jst:koszt_edytuj": _koszt_data,
    "jst:wydarzenie_nowe": lambda world: {"rodzaj": "online", "nazwa": "Spotkanie online", "od": "2023-01-12",
                                          "do": "2023-01-12", "link": "https://spotkanie.example.org/abc"},
    "jst:wydarzenie_edytuj": _wydarzenie_data,
}

# Answers with a file, not a page (the accessibility gate skips them).
DOWNLOADS = {"jst:koszt_dokument", "jst:wizyta_ics", "jst:wydarzenie_ics"}

ROWS = parse_table(
    "jst",
    """
url                     | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
jst:wizyty              | GET    | 302  | 200   | 200         | 404          | 200  | 200  | 404  | 404  | 200         | 200           | 404         | 404           | 404
jst:wizyty              | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
jst:wizyta_nowa         | GET    | 302  | 200   | 200         | 404          | 200  | 200  | 404  | 404  | 403         | 403           | 404         | 404           | 404
jst:wizyta_nowa         | POST   | 302  | 302   | 302         | 404          | 302  | 302  | 404  | 404  | 403         | 403           | 404         | 404           | 404
jst:wizyta              | GET    | 302  | 200   | 200         | 404          | 200  | 200  | 404  | 404  | 200         | 200           | 404         | 404           | 404
jst:wizyta              | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
jst:wizyta_edytuj       | GET    | 302  | 200   | 200         | 404          | 200  | 200  | 404  | 404  | 403         | 403           | 404         | 404           | 404
jst:wizyta_edytuj       | POST   | 302  | 302   | 302         | 404          | 302  | 302  | 404  | 404  | 403         | 403           | 404         | 404           | 404
jst:wizyta_usun         | GET    | 302  | 200   | 200         | 404          | 200  | 200  | 404  | 404  | 403         | 403           | 404         | 404           | 404
jst:wizyta_usun         | POST   | 302  | 200   | 200         | 404          | 200  | 200  | 404  | 404  | 403         | 403           | 404         | 404           | 404
jst:wizyta_ics          | GET    | 302  | 200   | 200         | 404          | 200  | 200  | 404  | 404  | 200         | 200           | 404         | 404           | 404
jst:wizyta_ics          | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
jst:koszty              | GET    | 302  | 403   | 403         | 403          | 200  | 200  | 200  | 200  | 403         | 403           | 403         | 403           | 200
jst:koszty              | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
jst:koszt_nowy          | GET    | 302  | 403   | 403         | 403          | 200  | 200  | 200  | 200  | 403         | 403           | 403         | 403           | 200
jst:koszt_nowy          | POST   | 302  | 403   | 403         | 403          | 200  | 200  | 200  | 200  | 403         | 403           | 403         | 403           | 200
jst:koszt_edytuj        | GET    | 302  | 403   | 403         | 403          | 200  | 404  | 404  | 404  | 403         | 403           | 403         | 403           | 404
jst:koszt_edytuj        | POST   | 302  | 403   | 403         | 403          | 302  | 404  | 404  | 404  | 403         | 403           | 403         | 403           | 404
jst:koszt_usun          | GET    | 302  | 403   | 403         | 403          | 200  | 404  | 404  | 404  | 403         | 403           | 403         | 403           | 404
jst:koszt_usun          | POST   | 302  | 403   | 403         | 403          | 200  | 404  | 404  | 404  | 403         | 403           | 403         | 403           | 404
jst:koszt_dokument      | GET    | 302  | 200   | 200         | 404          | 200  | 404  | 404  | 404  | 404         | 404           | 404         | 404           | 404
jst:koszt_dokument      | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
jst:koszty_edycji       | GET    | 302  | 200   | 200         | 404          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
jst:koszty_edycji       | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
jst:wydarzenia_edycji   | GET    | 302  | 200   | 200         | 404          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
jst:wydarzenia_edycji   | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
jst:wydarzenie_nowe     | GET    | 302  | 200   | 200         | 404          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
jst:wydarzenie_nowe     | POST   | 302  | 302   | 302         | 404          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
jst:wydarzenie_edytuj   | GET    | 302  | 200   | 200         | 404          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
jst:wydarzenie_edytuj   | POST   | 302  | 302   | 302         | 404          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
jst:obecnosc            | GET    | 302  | 200   | 200         | 404          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
jst:obecnosc            | POST   | 302  | 302   | 302         | 404          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
jst:lista_obecnosci_pdf | GET    | 302  | 200   | 200         | 404          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
jst:lista_obecnosci_pdf | POST   | 302  | 302   | 302         | 404          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
jst:wydarzenia          | GET    | 302  | 200   | 200         | 200          | 200  | 200  | 200  | 200  | 200         | 200           | 200         | 200           | 200
jst:wydarzenia          | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
jst:wydarzenie          | GET    | 302  | 200   | 200         | 404          | 200  | 200  | 200  | 200  | 200         | 200           | 200         | 200           | 404
jst:wydarzenie          | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
jst:wydarzenie_zapisz   | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
jst:wydarzenie_zapisz   | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 403  | 403  | 200         | 200           | 200         | 200           | 404
jst:wydarzenie_wypisz   | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
jst:wydarzenie_wypisz   | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 403  | 403  | 302         | 302           | 302         | 302           | 404
jst:wydarzenie_ics      | GET    | 302  | 200   | 200         | 404          | 200  | 200  | 200  | 200  | 200         | 200           | 200         | 200           | 404
jst:wydarzenie_ics      | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
""",
    args=ARGS,
    data=DATA,
)

# The form behind each POST that someone gets through (doradztwo/tests/test_wrogie_dane.py posts into it).
FORMS = {
    "jst:wizyta_nowa": WizytaForm,
    "jst:wizyta_edytuj": WizytaForm,
    "jst:wizyta_usun": (None, "no form: a confirmation button", ("potwierdz",)),
    "jst:koszt_nowy": KosztForm,
    "jst:koszt_edytuj": KosztForm,
    "jst:koszt_usun": (None, "no form: a confirmation button", ("potwierdz",)),
    "jst:wydarzenie_nowe": WydarzenieForm,
    "jst:wydarzenie_edytuj": WydarzenieForm,
    "jst:obecnosc": (None, "a grid of checkboxes read by hand (member:day)", ("obecny",)),
    "jst:lista_obecnosci_pdf": (None, "no form: starts a PDF job; the body is ignored"),
    "jst:wydarzenie_zapisz": RejestracjaForm,
    "jst:wydarzenie_wypisz": (None, "no form: a button naming the registration", ("rejestracja",)),
}
