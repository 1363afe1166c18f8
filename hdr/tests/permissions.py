"""Permission-matrix rows for the HDR plan (hdr/urls_plan.py), and the builders the plan tests share.

The team writes the plan (leader and members; only the leader submits); the JST's advisers read (and
comment); the edition's coordinators read and review (return, approve); outsiders 404, other roles
403. ARGS build JST A's deep diagnosis and HDR lazily and idempotently (a second call returns what the
first built). Delete rows: the leader's POST removes the action, so the member's POST that follows
finds nothing (404). Review rows: the first reviewer's POST changes the state, the second one's is
refused by the state machine with a message and a redirect (302). DATA callables read current
versions at each request."""

import datetime

from doradztwo.tests.matrix import parse_table
from hdr.forms import DzialanieForm, OkresForm, PowodForm

OKRES_OD, OKRES_DO = datetime.date(2022, 11, 1), datetime.date(2023, 6, 30)
OBSZARY = {"udzial_a": "zarzadzanie", "udzial_b": "budzet"}
LIDERZY = {"udzial_a": "jst-a-lider", "udzial_b": "jst-b-lider"}


def diagnoza(world, key: str = "udzial_a", *, celow_na_luke=(1,), stan: str = "zatwierdzona"):
    """The chosen area and a deep diagnosis with ranked priority gaps (each with the given number of
    goals) and one postponed gap. Returns the priority goals, ordered. Idempotent."""
    from diagnoza.models import Cel, DiagnozaPoglebiona, Luka, StanDocelowy, Ustalenie, WyborObszaru
    from doradztwo.models import Obszar

    udzial, lider = world[key], world["personas"][LIDERZY[key]]
    WyborObszaru.objects.get_or_create(udzial=udzial, defaults={
        "obszar": Obszar.objects.get(kod=OBSZARY[key]), "kto": lider, "uzasadnienie": "Wybór do testów HDR."})
    diag, _ = DiagnozaPoglebiona.objects.get_or_create(udzial=udzial, defaults={"stan": stan})
    if not Luka.objects.filter(diagnoza=diag).exists():
        for i, n in enumerate([*celow_na_luke, None], start=1):
            ustalenie = Ustalenie.objects.create(diagnoza=diag, tresc=f"Ustalenie {i}", kolejnosc=i, zmienil=lider)
            stan_docelowy = StanDocelowy.objects.create(diagnoza=diag, tresc=f"Stan docelowy {i}", kolejnosc=i,
                                                        zmienil=lider)
            if n is None:  # a postponed gap: never part of the HDR's traceability
                Luka.objects.create(diagnoza=diag, ustalenie=ustalenie, stan_docelowy=stan_docelowy,
                                    tresc="Luka odłożona", status=Luka.Status.ODLOZONA, kolejnosc=i,
                                    powod_odlozenia="Na kolejny rok.", zmienil=lider)
                continue
            luka = Luka.objects.create(diagnoza=diag, ustalenie=ustalenie, stan_docelowy=stan_docelowy,
                                       tresc=f"Luka {i}", status=Luka.Status.PRIORYTET, ranga=i, kolejnosc=i,
                                       zmienil=lider)
            for j in range(1, n + 1):
                Cel.objects.create(luka=luka, tresc=f"Cel {i}.{j}", wskaznik="liczba procedur", wartosc_bazowa="0",
                                   wartosc_docelowa="3", termin=datetime.date(2023, 5, 31), kolejnosc=j,
                                   zmienil=lider)
    return list(Cel.objects.filter(luka__diagnoza=diag, luka__status=Luka.Status.PRIORYTET)
                .order_by("luka__ranga", "kolejnosc", "pk"))


def plan(world, *, stan: str = "robocza", dzialan: int = 1, raport: bool = True):
    """JST A's HDR with version 1 in `stan`: `dzialan` actions (15.11.2022 – 10.02.2023) serving the
    goals in turn, and the final-report action. Complete (submittable) when `dzialan` ≥ the goals.
    Returns (hdr, version 1). Idempotent."""
    from django.utils import timezone

    from doradztwo.models import Obszar
    from hdr.models import Dzialanie, Hdr, WersjaHdr

    cele = diagnoza(world)
    lider = world["personas"]["jst-a-lider"]
    hdr, _ = Hdr.objects.get_or_create(udzial=world["udzial_a"],
                                       defaults={"obszar": Obszar.objects.get(kod="zarzadzanie")})
    wersja, created = WersjaHdr.objects.get_or_create(hdr=hdr, numer=1, defaults={
        "stan": stan, "okres_od": OKRES_OD, "okres_do": OKRES_DO, "utworzyl": lider,
        "zatwierdzona": timezone.now() if stan == "zatwierdzona" else None})
    if created:
        rows = [Dzialanie(wersja_hdr=wersja, kolejnosc=i, nazwa=f"Działanie {i + 1}", od=datetime.date(2022, 11, 15),
                          do=datetime.date(2023, 2, 10), wlasciciel_nazwa="Jan Kowalski, dyrektor CUW",
                          zmienil=lider) for i in range(dzialan)]
        if raport:
            rows.append(Dzialanie(wersja_hdr=wersja, kolejnosc=dzialan, nazwa="Raport końcowy", raport_koncowy=True,
                                  forma_raportu="dobra_praktyka", autor_raportu="Zespół JST",
                                  od=datetime.date(2023, 5, 1), do=datetime.date(2023, 5, 31),
                                  wlasciciel_nazwa="Zespół JST", zmienil=lider))
        rows = Dzialanie.objects.bulk_create(rows)
        Przez = Dzialanie.cele.through
        Przez.objects.bulk_create([Przez(dzialanie_id=d.pk, cel_id=cele[i % len(cele)].pk)
                                   for i, d in enumerate(rows) if not d.raport_koncowy and cele])
    return hdr, wersja


def pierwsze_dzialanie(wersja):
    return wersja.dzialania.filter(raport_koncowy=False).order_by("kolejnosc", "pk").first()


def _pk(**kwargs):
    def args(world):
        plan(world, **kwargs)
        return {"pk": world["udzial_a"].pk}
    return args


def _bez_hdr(world):
    diagnoza(world)
    return {"pk": world["udzial_a"].pk}


def _dzialanie(world):
    _hdr, wersja = plan(world, dzialan=2)
    return {"pk": world["udzial_a"].pk, "klucz": pierwsze_dzialanie(wersja).klucz}


def _wersja(world):
    plan(world)
    return {"pk": world["udzial_a"].pk, "numer": 1}


def _okres_dane(world):
    _hdr, wersja = plan(world)
    wersja.refresh_from_db()
    return {"okres_od": "01.11.2022", "okres_do": "30.06.2023", "ryzyka": "Zmiana dyrektorów szkół.",
            "wersja": wersja.wersja}


def _dzialanie_dane(world):
    _hdr, wersja = plan(world, dzialan=2)
    d = pierwsze_dzialanie(wersja)
    return {"nazwa": "Procedura obiegu dokumentów", "od": "15.11.2022", "do": "10.02.2023",
            "wlasciciel_nazwa": "Jan Kowalski, dyrektor CUW", "kwota": "1 500,00", "zrodlo_finansowania": "budżet JST",
            "wersja": d.wersja}


ARGS = {
    "hdr:hdr": _pk(),
    "hdr:zaloz": _bez_hdr,
    "hdr:okres": _pk(),
    "hdr:dzialanie_nowe": _pk(),
    "hdr:dzialanie": _dzialanie,
    "hdr:dzialanie_usun": _dzialanie,
    "hdr:zloz": _pk(),
    "hdr:zwroc": _pk(stan="zlozona"),
    "hdr:zatwierdz": _pk(stan="zlozona"),
    "hdr:wersja_nowa": _pk(stan="zatwierdzona"),
    "hdr:wersja": _wersja,
}
DATA = {
    "hdr:zaloz": lambda world: {"okres_od": "01.11.2022", "okres_do": "30.06.2023", "ryzyka": ""},
    "hdr:okres": _okres_dane,
    "hdr:dzialanie_nowe": lambda world: {"nazwa": "Spotkanie z dyrektorami", "od": "01.12.2022", "do": "31.01.2023",
                                         "wlasciciel_nazwa": "Anna Nowak, naczelnik wydziału"},
    "hdr:dzialanie": _dzialanie_dane,
    "hdr:zwroc": lambda world: {"powod": "Uzupełnijcie mierniki sukcesu."},
    "hdr:wersja_nowa": lambda world: {"powod": "Przesunięcie terminu po zmianie dyrektora."},
}

ROWS = parse_table(
    "hdr",
    """
url                 | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
hdr:hdr             | GET    | 302  | 200   | 200         | 404          | 200  | 200  | 404  | 404  | 200         | 200           | 404         | 404           | 404
hdr:hdr             | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
hdr:zaloz           | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
hdr:zaloz           | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 302         | 302           | 404         | 404           | 404
hdr:okres           | GET    | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 200         | 200           | 404         | 404           | 404
hdr:okres           | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 302         | 302           | 404         | 404           | 404
hdr:dzialanie_nowe  | GET    | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 200         | 200           | 404         | 404           | 404
hdr:dzialanie_nowe  | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 302         | 302           | 404         | 404           | 404
hdr:dzialanie       | GET    | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 200         | 200           | 404         | 404           | 404
hdr:dzialanie       | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 302         | 302           | 404         | 404           | 404
hdr:dzialanie_usun  | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
hdr:dzialanie_usun  | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 302         | 404           | 404         | 404           | 404
hdr:zloz            | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
hdr:zloz            | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 302         | 403           | 404         | 404           | 404
hdr:zwroc           | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
hdr:zwroc           | POST   | 302  | 302   | 302         | 404          | 403  | 403  | 404  | 404  | 403         | 403           | 404         | 404           | 404
hdr:zatwierdz       | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
hdr:zatwierdz       | POST   | 302  | 302   | 302         | 404          | 403  | 403  | 404  | 404  | 403         | 403           | 404         | 404           | 404
hdr:wersja_nowa     | GET    | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 200         | 200           | 404         | 404           | 404
hdr:wersja_nowa     | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 302         | 302           | 404         | 404           | 404
hdr:wersja          | GET    | 302  | 200   | 200         | 404          | 200  | 200  | 404  | 404  | 200         | 200           | 404         | 404           | 404
hdr:wersja          | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
""",
    args=ARGS,
    data=DATA,
)

# The form behind each POST that someone gets through (doradztwo/tests/test_wrogie_dane.py posts into it).
FORMS = {
    "hdr:zaloz": OkresForm,
    "hdr:okres": OkresForm,
    "hdr:dzialanie_nowe": DzialanieForm,
    "hdr:dzialanie": DzialanieForm,
    "hdr:dzialanie_usun": (None, "no form: a button; the view reads nothing from the body"),
    "hdr:zloz": (None, "no form: a button with an optional reason", ("powod",)),
    "hdr:zwroc": (None, "no form: a button with the reason read by hand", ("powod",)),
    "hdr:zatwierdz": (None, "no form: a button with an optional reason", ("powod",)),
    "hdr:wersja_nowa": PowodForm,
}
