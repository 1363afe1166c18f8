"""Permission-matrix rows for the template editor (/szablony/…) and an edition's sheet version
(/edycje/<id>/arkusze/szablon/).

Templates are a catalogue every coordinator reads and edits (CONVENTIONS §4): administrators and both
coordinators get the pages, everyone else 403. The edition's version is the edition's coordinators'
only (koordynator2 → 404). The method is checked before the role, so GET on a POST-only URL is 405
for every signed-in persona.

The objects are made lazily in ARGS (DATA only reads: it runs between the fingerprints of refused
POSTs). Successful POSTs that the next persona would repeat are chosen so that they stay repeatable:
deleting m1 (or its section) is refused because m2 shows only on m1's answer; moving the first section
or question up changes nothing; publishing the empty draft is refused with a message; the second
"new version" is refused because the first made a draft. Those refusals answer 302 back to the version
page with the Polish message.
"""

from diagnoza.forms_szablony import PytanieForm, SekcjaForm, SzablonForm, WersjaEdycjiForm
from diagnoza.models import PytanieSzablonu, SekcjaSzablonu, WersjaSzablonu
from doradztwo.tests.matrix import parse_table

ROBOCZA = "Szablon macierzy — wersja robocza"
PUSTA = "Szablon macierzy — pusty"
OPUBLIKOWANA = "Szablon macierzy — opublikowany"


def _skala(kod: str, **extra) -> dict:
    return {"kod": kod, "tresc": f"Stwierdzenie {kod}", "pomoc": "", "typ": "skala", "wymagane": True,
            "opcje": [[1, "nie"], [2, "tak"]], "nie_wiem": True, "minimum": None, "maksimum": None, "jednostka": "",
            "pokaz_jesli": {}, **extra}


def _wersja(world, nazwa: str) -> WersjaSzablonu:
    """One of three templates, made once per test: a draft with two sections (m2 in section 2 shows only
    when m1 in section 1 is 1), an empty draft, and a published version."""
    from diagnoza import services, services_szablony

    wersja = WersjaSzablonu.objects.filter(szablon__nazwa=nazwa).order_by("numer").first()
    if wersja is not None:
        return wersja
    actor = world["personas"]["koordynator"]
    wersja = services_szablony.szablon_utworz(nazwa=nazwa, opis="", tryb="wspolny", actor=actor)
    if nazwa == PUSTA:
        return wersja
    s1 = services_szablony.sekcja_dodaj(wersja=wersja, dane={"tytul": "Sekcja 1", "opis": "", "obszar": None},
                                        actor=actor)
    s2 = services_szablony.sekcja_dodaj(wersja=wersja, dane={"tytul": "Sekcja 2", "opis": "", "obszar": None},
                                        actor=actor)
    services_szablony.pytanie_dodaj(sekcja=s1, dane=_skala("m1"), actor=actor)
    services_szablony.pytanie_dodaj(sekcja=s2, dane=_skala("m2", pokaz_jesli={"kod": "m1", "wartosci": ["1"]}),
                                    actor=actor)
    if nazwa == OPUBLIKOWANA:
        wersja = services.wersja_opublikuj(wersja=wersja, actor=actor)
    return wersja


def _robocza(world) -> dict:
    return {"pk": _wersja(world, ROBOCZA).pk}


def _sekcja_1(world) -> dict:
    wersja = _wersja(world, ROBOCZA)
    return {"pk": wersja.pk, "sekcja_pk": SekcjaSzablonu.objects.get(wersja=wersja, tytul="Sekcja 1").pk}


def _m1(world) -> dict:
    wersja = _wersja(world, ROBOCZA)
    return {"pk": wersja.pk, "pytanie_pk": PytanieSzablonu.objects.get(sekcja__wersja=wersja, kod="m1").pk}


def _edycja(world) -> dict:
    _wersja(world, OPUBLIKOWANA)  # something to choose (DATA only reads)
    return {"pk": world["edycja"].pk}


ARGS = {
    "diagnoza:wersja": _robocza,
    "diagnoza:wersja_podglad": _robocza,
    "diagnoza:wersja_opublikuj": lambda world: {"pk": _wersja(world, PUSTA).pk},
    "diagnoza:wersja_nowa": lambda world: {"pk": _wersja(world, OPUBLIKOWANA).pk},
    "diagnoza:sekcja_dodaj": _robocza,
    "diagnoza:sekcja_edytuj": _sekcja_1,
    "diagnoza:sekcja_usun": _sekcja_1,
    "diagnoza:sekcja_przesun": _sekcja_1,
    "diagnoza:pytanie_dodaj": _sekcja_1,
    "diagnoza:pytanie_edytuj": _m1,
    "diagnoza:pytanie_usun": _m1,
    "diagnoza:pytanie_przesun": _m1,
    "diagnoza:wersja_edycji": _edycja,
}


def _pytanie(kod: str) -> dict:
    return {"typ": "skala", "kod": kod, "tresc": f"Stwierdzenie {kod}", "wymagane": "on", "nie_wiem": "on",
            "opcje": "1|nie\n2|tak"}


DATA = {
    "diagnoza:szablony": lambda world: {"nazwa": "Szablon dodany w macierzy", "opis": "", "tryb": "wspolny"},
    "diagnoza:sekcja_dodaj": lambda world: {"tytul": "Sekcja dodana w macierzy", "opis": "", "obszar": ""},
    "diagnoza:sekcja_edytuj": lambda world: {"tytul": "Sekcja 1", "opis": "Opis z macierzy.", "obszar": ""},
    "diagnoza:sekcja_przesun": lambda world: {"kierunek": "gora"},
    # A code not used yet, whichever persona posts (reads only).
    "diagnoza:pytanie_dodaj": lambda world: _pytanie(f"macierz-{PytanieSzablonu.objects.count()}"),
    "diagnoza:pytanie_edytuj": lambda world: _pytanie("m1"),
    "diagnoza:pytanie_przesun": lambda world: {"kierunek": "gora"},
    "diagnoza:wersja_edycji": lambda world: {
        "wersja": WersjaSzablonu.objects.get(szablon__nazwa=OPUBLIKOWANA, numer=1).pk},
}

ROWS = parse_table(
    "diagnoza",
    """
url                        | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
diagnoza:szablony          | GET    | 302  | 200   | 200         | 200          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
diagnoza:szablony          | POST   | 302  | 302   | 302         | 302          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
diagnoza:wersja            | GET    | 302  | 200   | 200         | 200          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
diagnoza:wersja            | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
diagnoza:wersja_podglad    | GET    | 302  | 200   | 200         | 200          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
diagnoza:wersja_podglad    | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
diagnoza:wersja_opublikuj  | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
diagnoza:wersja_opublikuj  | POST   | 302  | 302   | 302         | 302          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
diagnoza:wersja_nowa       | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
diagnoza:wersja_nowa       | POST   | 302  | 302   | 302         | 302          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
diagnoza:sekcja_dodaj      | GET    | 302  | 200   | 200         | 200          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
diagnoza:sekcja_dodaj      | POST   | 302  | 302   | 302         | 302          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
diagnoza:sekcja_edytuj     | GET    | 302  | 200   | 200         | 200          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
diagnoza:sekcja_edytuj     | POST   | 302  | 302   | 302         | 302          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
diagnoza:sekcja_usun       | GET    | 302  | 200   | 200         | 200          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
diagnoza:sekcja_usun       | POST   | 302  | 302   | 302         | 302          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
diagnoza:sekcja_przesun    | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
diagnoza:sekcja_przesun    | POST   | 302  | 302   | 302         | 302          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
diagnoza:pytanie_dodaj     | GET    | 302  | 200   | 200         | 200          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
diagnoza:pytanie_dodaj     | POST   | 302  | 302   | 302         | 302          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
diagnoza:pytanie_edytuj    | GET    | 302  | 200   | 200         | 200          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
diagnoza:pytanie_edytuj    | POST   | 302  | 302   | 302         | 302          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
diagnoza:pytanie_usun      | GET    | 302  | 200   | 200         | 200          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
diagnoza:pytanie_usun      | POST   | 302  | 302   | 302         | 302          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
diagnoza:pytanie_przesun   | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
diagnoza:pytanie_przesun   | POST   | 302  | 302   | 302         | 302          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
diagnoza:wersja_edycji     | GET    | 302  | 200   | 200         | 404          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
diagnoza:wersja_edycji     | POST   | 302  | 302   | 302         | 404          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
""",
    args=ARGS,
    data=DATA,
)

# The form behind each POST that someone gets through (doradztwo/tests/test_wrogie_dane.py posts into it).
FORMS = {
    "diagnoza:szablony": SzablonForm,
    "diagnoza:wersja_opublikuj": (None, "no form: a button; the view reads nothing from the body"),
    "diagnoza:wersja_nowa": (None, "no form: a button; the view reads nothing from the body"),
    "diagnoza:sekcja_dodaj": SekcjaForm,
    "diagnoza:sekcja_edytuj": SekcjaForm,
    "diagnoza:sekcja_usun": (None, "no form: a confirmation button; the view reads nothing from the body"),
    "diagnoza:sekcja_przesun": (None, "no form: a button naming the direction", ("kierunek",)),
    "diagnoza:pytanie_dodaj": PytanieForm,
    "diagnoza:pytanie_edytuj": PytanieForm,
    "diagnoza:pytanie_usun": (None, "no form: a confirmation button; the view reads nothing from the body"),
    "diagnoza:pytanie_przesun": (None, "no form: a button naming the direction", ("kierunek",)),
    "diagnoza:wersja_edycji": WersjaEdycjiForm,
}
