"""Permission-matrix rows for the data-collection task (diagnoza/urls_zadanie.py).

The team writes (leader and members alike; only the leader submits); advisers and coordinators read
the page and get 403 on every write; coordinators review. ARGS build JST A's task lazily: two areas
(finances — variant 2 with `doplata_uczen` and one value; infrastructure — variant 1 with a table).
Delete rows: the leader's POST removes the object, so the member's POST that follows finds nothing
(404). DATA callables read current versions and free periods at each request."""

from diagnoza.forms_zadanie import ObszarForm, TabelaForm, WartoscForm, WnioskiForm, ZalacznikForm
from doradztwo.tests.matrix import parse_table


def _zadanie(world):
    from diagnoza import services_zadanie as s
    from diagnoza.models import ObszarZadania, TabelaDanych, WartoscWskaznika, Wskaznik, WyborObszaru
    from doradztwo.models import Obszar

    lider = world["personas"]["jst-a-lider"]
    udzial = world["udzial_a"]
    WyborObszaru.objects.get_or_create(udzial=udzial, defaults={
        "obszar": Obszar.objects.get(kod="budzet"), "kto": lider, "uzasadnienie": "Wybór do macierzy uprawnień."})
    zadanie = s.zadanie_zaloz(udzial=udzial, actor=lider)
    doplata = Wskaznik.objects.get(kod="doplata_uczen")
    finanse = ObszarZadania.objects.filter(zadanie=zadanie, obszar_zasobow=4).first()
    if finanse is None:
        finanse = s.obszar_dodaj(zadanie=zadanie, obszar_zasobow=4, wariant=2, actor=lider)
        s.wskazniki_wybierz(obszar=finanse, wskazniki=[doplata], wersja=finanse.wersja, actor=lider)
    infra = ObszarZadania.objects.filter(zadanie=zadanie, obszar_zasobow=2).first()
    if infra is None:
        infra = s.obszar_dodaj(zadanie=zadanie, obszar_zasobow=2, wariant=1, actor=lider)
    tabela = TabelaDanych.objects.filter(obszar=infra).first() or s.tabela_zapisz(
        obszar=infra, dane={"tytul": "Budynki", "kolumny": "Szkoła\nRok", "wiersze": "SP 1; 1968", "zrodlo": "x"},
        actor=lider)
    wartosc = WartoscWskaznika.objects.filter(udzial=udzial, wskaznik=doplata).first() or s.wartosc_zapisz(
        zadanie=zadanie, wskaznik=doplata, okres="2022", dane={"wydatki": "10", "subwencja": "4", "uczniowie": "2"},
        actor=lider)
    return {"zadanie": zadanie, "finanse": finanse, "infra": infra, "tabela": tabela, "wartosc": wartosc,
            "doplata": doplata}


def _pk(world):
    _zadanie(world)
    return {"pk": world["udzial_a"].pk}


def _with(key, kwarg):
    def args(world):
        return {"pk": world["udzial_a"].pk, kwarg: _zadanie(world)[key].pk}
    return args


def _wskazniki(world):
    z = _zadanie(world)
    z["finanse"].refresh_from_db()
    return {"wskazniki": [z["doplata"].pk], "wersja": z["finanse"].wersja}


def _wnioski(world):
    finanse = _zadanie(world)["finanse"]
    finanse.refresh_from_db()
    return {f"o{finanse.pk}-interpretacja": "Interpretacja", f"o{finanse.pk}-wnioski": "Wnioski",
            f"o{finanse.pk}-wersja": finanse.wersja}


def _tabela(world):
    tabela = _zadanie(world)["tabela"]
    tabela.refresh_from_db()
    return {"tytul": "Budynki", "kolumny": "Szkoła\nRok", "wiersze": "SP 1; 1968", "zrodlo": "ewidencja",
            "wersja": tabela.wersja}


def _nowa_wartosc(world):
    from diagnoza.models import WartoscWskaznika

    rok = 2000 + WartoscWskaznika.objects.count()
    return {"okres": str(rok), "d_wydatki": "10", "d_subwencja": "4", "d_uczniowie": "2"}


def _wartosc(world):
    wartosc = _zadanie(world)["wartosc"]
    wartosc.refresh_from_db()
    return {"okres": wartosc.okres, "d_wydatki": "12", "d_subwencja": "4", "d_uczniowie": "2",
            "wersja": wartosc.wersja}


ARGS = {
    "diagnoza:zadanie": _pk,
    "diagnoza:zadanie_obszar_dodaj": _pk,
    "diagnoza:zadanie_obszar_usun": _with("infra", "obszar_pk"),
    "diagnoza:zadanie_wskazniki": _with("finanse", "obszar_pk"),
    "diagnoza:zadanie_wnioski": _with("finanse", "obszar_pk"),
    "diagnoza:tabela_nowa": _with("infra", "obszar_pk"),
    "diagnoza:tabela": _with("tabela", "tabela_pk"),
    "diagnoza:tabela_usun": _with("tabela", "tabela_pk"),
    "diagnoza:tabela_zalacznik": _with("tabela", "tabela_pk"),
    "diagnoza:wartosc_nowa": _with("doplata", "wskaznik_pk"),
    "diagnoza:wartosc": _with("wartosc", "wartosc_pk"),
    "diagnoza:wartosc_usun": _with("wartosc", "wartosc_pk"),
    "diagnoza:zadanie_stan": lambda world: {**_pk(world), "akcja": "zloz"},
}
DATA = {
    "diagnoza:zadanie_obszar_dodaj": lambda world: {"obszar_zasobow": "1", "wariant": "2"},
    "diagnoza:zadanie_wskazniki": _wskazniki,
    "diagnoza:zadanie_wnioski": _wnioski,
    "diagnoza:tabela_nowa": _tabela,
    "diagnoza:tabela": _tabela,
    "diagnoza:wartosc_nowa": _nowa_wartosc,
    "diagnoza:wartosc": _wartosc,
}

ROWS = parse_table(
    "diagnoza",
    """
url                           | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
diagnoza:zadanie              | GET    | 302  | 200   | 200         | 404          | 200  | 200  | 404  | 404  | 200         | 200           | 404         | 404           | 404
diagnoza:zadanie              | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
diagnoza:zadanie_obszar_dodaj | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
diagnoza:zadanie_obszar_dodaj | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 400         | 400           | 404         | 404           | 404
diagnoza:zadanie_obszar_usun  | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
diagnoza:zadanie_obszar_usun  | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 302         | 404           | 404         | 404           | 404
diagnoza:zadanie_wskazniki    | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
diagnoza:zadanie_wskazniki    | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 302         | 302           | 404         | 404           | 404
diagnoza:zadanie_wnioski      | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
diagnoza:zadanie_wnioski      | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 302         | 302           | 404         | 404           | 404
diagnoza:tabela_nowa          | GET    | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 200         | 200           | 404         | 404           | 404
diagnoza:tabela_nowa          | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 302         | 302           | 404         | 404           | 404
diagnoza:tabela               | GET    | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 200         | 200           | 404         | 404           | 404
diagnoza:tabela               | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 302         | 302           | 404         | 404           | 404
diagnoza:tabela_usun          | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
diagnoza:tabela_usun          | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 302         | 404           | 404         | 404           | 404
diagnoza:tabela_zalacznik     | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
diagnoza:tabela_zalacznik     | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 400         | 400           | 404         | 404           | 404
diagnoza:wartosc_nowa         | GET    | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 200         | 200           | 404         | 404           | 404
diagnoza:wartosc_nowa         | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 302         | 302           | 404         | 404           | 404
diagnoza:wartosc              | GET    | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 200         | 200           | 404         | 404           | 404
diagnoza:wartosc              | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 302         | 302           | 404         | 404           | 404
diagnoza:wartosc_usun         | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
diagnoza:wartosc_usun         | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 302         | 404           | 404         | 404           | 404
diagnoza:zadanie_stan         | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
diagnoza:zadanie_stan         | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 302         | 403           | 404         | 404           | 404
""",
    args=ARGS,
    data=DATA,
)

# The form behind each POST that someone gets through (doradztwo/tests/test_wrogie_dane.py posts into it).
FORMS = {
    "diagnoza:zadanie_obszar_dodaj": ObszarForm,
    "diagnoza:zadanie_obszar_usun": (None, "no form: a button; the view reads nothing from the body"),
    "diagnoza:zadanie_wskazniki": (None, "checkboxes of indicators read by hand", ("wskazniki", "wersja")),
    "diagnoza:zadanie_wnioski": WnioskiForm,
    "diagnoza:tabela_nowa": TabelaForm,
    "diagnoza:tabela": TabelaForm,
    "diagnoza:tabela_usun": (None, "no form: a button; the view reads nothing from the body"),
    "diagnoza:tabela_zalacznik": ZalacznikForm,
    "diagnoza:wartosc_nowa": WartoscForm,
    "diagnoza:wartosc": WartoscForm,
    "diagnoza:wartosc_usun": (None, "no form: a button with an optional reason", ("powod",)),
    "diagnoza:zadanie_stan": (None, "no form: a button with an optional reason", ("powod",)),
}
