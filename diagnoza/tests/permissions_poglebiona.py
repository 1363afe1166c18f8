"""Permission-matrix rows for the deep diagnosis (diagnoza/urls_poglebiona.py).

The team writes (leader and members alike; only the leader submits); advisers and the edition's
coordinators read the page and get 403 on every write; coordinators review. ARGS build JST A's
diagnosis once per test (kept in `world`, so a later persona's request never recreates what an earlier
one deleted): the area chosen, two findings (the second free to delete), a target state, a cause, a
priority gap with a goal. DATA callables read current versions at each request."""

from diagnoza.forms_poglebiona import CelForm, LukaForm, PrzyczynaForm, StanDocelowyForm, UstalenieForm
from doradztwo.tests.matrix import parse_table


def _diagnoza(world):
    if "_poglebiona" in world:
        return world["_poglebiona"]
    from diagnoza import services_poglebiona as s
    from diagnoza.models import WyborObszaru
    from doradztwo.models import Obszar

    lider = world["personas"]["jst-a-lider"]
    udzial = world["udzial_a"]
    WyborObszaru.objects.get_or_create(udzial=udzial, defaults={
        "obszar": Obszar.objects.get(kod="zarzadzanie"), "kto": lider, "uzasadnienie": "Wybór do macierzy uprawnień."})
    diagnoza = s.diagnoza_zaloz(udzial=udzial, actor=lider)

    def dodaj(rodzaj, **dane):
        return s.pozycja_dodaj(diagnoza=diagnoza, rodzaj=rodzaj, dane=dane, actor=lider)

    ustalenie = dodaj("ustalenia", tresc="Dyrektorzy dostają informacje z wydziału z opóźnieniem.")
    wolne = dodaj("ustalenia", tresc="Ustalenie bez luki.")
    stan = dodaj("stany", tresc="Informacje docierają do dyrektorów w ciągu jednego dnia.")
    przyczyna = dodaj("przyczyny", tresc="Brak jednego kanału komunikacji.", kategoria="komunikacja")
    luka = dodaj("luki", tresc="Obieg informacji", ustalenie=ustalenie.pk, stan_docelowy=stan.pk,
                 przyczyny=[przyczyna.pk], status="priorytet", ranga="1")
    cel = dodaj("cele", luka=luka.pk, tresc="Jeden kanał informacji", wskaznik="odsetek dyrektorów",
                wartosc_bazowa="0%", wartosc_docelowa="100%", termin="30.06.2023")
    world["_poglebiona"] = {"diagnoza": diagnoza, "ustalenie": ustalenie, "wolne": wolne, "stan": stan,
                            "przyczyna": przyczyna, "luka": luka, "cel": cel}
    return world["_poglebiona"]


def _pk(world):
    _diagnoza(world)
    return {"pk": world["udzial_a"].pk}


def _pozycja(rodzaj, key, **extra):
    def args(world):
        return {"pk": world["udzial_a"].pk, "rodzaj": rodzaj, "poz_pk": _diagnoza(world)[key].pk, **extra}
    return args


def _stan_docelowy(world):
    stan = _diagnoza(world)["stan"]
    stan.refresh_from_db()
    return {f"stany-{stan.pk}-tresc": "Informacje docierają w ciągu jednego dnia roboczego.",
            f"stany-{stan.pk}-wersja": stan.wersja}


def _autozapis(world):
    ustalenie = _diagnoza(world)["ustalenie"]
    ustalenie.refresh_from_db()
    return {"pole": "tresc", "wartosc": "Tekst zapisany automatycznie.", "wersja": ustalenie.wersja}


ARGS = {
    "diagnoza:poglebiona": _pk,
    "diagnoza:poglebiona_dodaj": lambda world: {**_pk(world), "rodzaj": "ustalenia"},
    "diagnoza:poglebiona_pozycja": _pozycja("stany", "stan"),
    "diagnoza:poglebiona_autozapis": _pozycja("ustalenia", "ustalenie"),
    "diagnoza:poglebiona_usun": _pozycja("ustalenia", "wolne"),
    "diagnoza:poglebiona_przesun": _pozycja("ustalenia", "ustalenie", kierunek="dol"),
    "diagnoza:poglebiona_stan": lambda world: {**_pk(world), "akcja": "zloz"},
}
DATA = {
    "diagnoza:poglebiona_dodaj": lambda world: {"ustalenia-nowy-tresc": "Nowe ustalenie z macierzy."},
    "diagnoza:poglebiona_pozycja": _stan_docelowy,
    "diagnoza:poglebiona_autozapis": _autozapis,
    "diagnoza:poglebiona_usun": lambda world: {"potwierdz": "1"},
}

ROWS = parse_table(
    "diagnoza",
    """
url                           | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
diagnoza:poglebiona           | GET    | 302  | 200   | 200         | 404          | 200  | 200  | 404  | 404  | 200         | 200           | 404         | 404           | 404
diagnoza:poglebiona           | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
diagnoza:poglebiona_dodaj     | GET    | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 200         | 200           | 404         | 404           | 404
diagnoza:poglebiona_dodaj     | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 302         | 302           | 404         | 404           | 404
diagnoza:poglebiona_pozycja   | GET    | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 200         | 200           | 404         | 404           | 404
diagnoza:poglebiona_pozycja   | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 302         | 302           | 404         | 404           | 404
diagnoza:poglebiona_autozapis | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
diagnoza:poglebiona_autozapis | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 200         | 200           | 404         | 404           | 404
diagnoza:poglebiona_usun      | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
diagnoza:poglebiona_usun      | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 302         | 404           | 404         | 404           | 404
diagnoza:poglebiona_przesun   | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
diagnoza:poglebiona_przesun   | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 302         | 302           | 404         | 404           | 404
diagnoza:poglebiona_stan      | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
diagnoza:poglebiona_stan      | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 302         | 403           | 404         | 404           | 404
""",
    args=ARGS,
    data=DATA,
)

# The form behind each POST that someone gets through (doradztwo/tests/test_wrogie_dane.py posts into it).
FORMS = {
    "diagnoza:poglebiona_dodaj": (UstalenieForm, StanDocelowyForm, PrzyczynaForm, LukaForm, CelForm),
    "diagnoza:poglebiona_pozycja": (UstalenieForm, StanDocelowyForm, PrzyczynaForm, LukaForm, CelForm),
    "diagnoza:poglebiona_autozapis": (None, "the autosave call of one text field (fetch), read by hand", ("pole", "wartosc", "wersja")),
    "diagnoza:poglebiona_usun": (None, "no form: a confirmation button", ("potwierdz",)),
    "diagnoza:poglebiona_przesun": (None, "no form: a button (move up/down, the direction is in the URL); the view reads nothing from the body"),
    "diagnoza:poglebiona_stan": (None, "no form: a button with an optional reason", ("powod",)),
}
