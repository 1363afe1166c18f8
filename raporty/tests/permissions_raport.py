"""Permission-matrix rows for the final report (raporty/urls_raport.py).

The team writes (leader and members alike; only the leader submits); the JST's advisers and the
edition's coordinators read the page (and comment) and get 403 on every write; coordinators review;
outsiders 404. JST A's report is a good practice (sections, contact person, documents); the interview
and photo rows use JST B's report, a reportage (JST B's team writes, ros2/pro2 read). ARGS build the
reports lazily and idempotently (kept in `world`); DATA callables only read (current versions) at each
request. Delete rows: the leader's POST removes the item, so the member's POST that follows finds
nothing (404). The submit row: the leader's POST is refused by the missing sections (a message and a
redirect, 302), everyone else 403/404."""

from doradztwo.tests.matrix import parse_table
from raporty.forms import (
    DaneForm,
    DokumentForm,
    DokumentyForm,
    PytanieForm,
    RozpocznijForm,
    SekcjaForm,
    ZdjecieEdycjaForm,
    ZdjecieForm,
    ZwrotForm,
)


def raport_a(world):
    """JST A's good practice, started by its leader (no approved HDR here: the form is chosen)."""
    if "_raport_a" not in world:
        from raporty import services

        world["_raport_a"] = services.raport_rozpocznij(udzial=world["udzial_a"], forma="dobra_praktyka",
                                                        actor=world["personas"]["jst-a-lider"])
    return world["_raport_a"]


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 40, 40)).save(out, "PNG")
    return out.getvalue()


def _upload(name: str = "zdjecie.png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, _png(), content_type="image/png")


def raport_b(world) -> dict:
    """JST B's reportage with two questions and two photos (the second of each free to delete)."""
    if "_raport_b" not in world:
        from raporty import services

        lider = world["personas"]["jst-b-lider"]
        raport = services.raport_rozpocznij(udzial=world["udzial_b"], forma="minireportaz", actor=lider)

        def pytanie(tekst):
            return services.pytanie_dodaj(raport=raport, dane={"pytanie": tekst, "odpowiedz": "Odpowiedź."},
                                          actor=lider)

        def zdjecie(podpis):
            return services.zdjecie_dodaj(raport=raport, plik=_upload(), dane={"podpis": podpis, "zgoda": True},
                                          actor=lider)

        world["_raport_b"] = {"raport": raport, "pytanie": pytanie("Od czego zaczęliście?"),
                              "pytanie_wolne": pytanie("Co dalej?"), "zdjecie": zdjecie("Warsztat budżetowy"),
                              "zdjecie_wolne": zdjecie("Spotkanie z dyrektorami")}
    return world["_raport_b"]


def _a(world):
    raport_a(world)
    return {"pk": world["udzial_a"].pk}


def _b(key=None, **extra):
    def args(world):
        obj = raport_b(world)
        out = {"pk": world["udzial_b"].pk, **extra}
        if key:
            out["pytanie_pk" if key.startswith("pytanie") else "zdjecie_pk"] = obj[key].pk
        return out
    return args


def _sekcja(world):
    from raporty.models import SekcjaRaportu

    wiersz = SekcjaRaportu.objects.filter(raport=raport_a(world), klucz="problem").first()
    return {"sekcja-problem-tresc": "Arkusze organizacji wracały do poprawy po trzy razy.",
            "sekcja-problem-wersja": wiersz.wersja if wiersz else 1}


def _autozapis_sekcji(world):
    from raporty.models import SekcjaRaportu

    wiersz = SekcjaRaportu.objects.filter(raport=raport_a(world), klucz="rozwiazanie").first()
    return {"pole": "tresc", "wartosc": "Wspólne procedury i elektroniczny obieg.",
            "wersja": wiersz.wersja if wiersz else 1}


def _dane(world):
    from raporty.models import RaportKoncowy

    raport = RaportKoncowy.objects.get(pk=raport_a(world).pk)
    return {"tytul": "Jednolite procedury", "kontakt_imie_nazwisko": "Jan Kowalski", "kontakt_email": "",
            "kontakt_telefon": "", "kontakt_funkcja": "", "wersja": raport.wersja}


def _pytanie(world):
    from raporty.models import PytanieWywiadu

    p = PytanieWywiadu.objects.get(pk=raport_b(world)["pytanie"].pk)
    prefix = f"pytanie-{p.pk}"
    return {f"{prefix}-pytanie": "Od czego zaczęliście pracę?", f"{prefix}-odpowiedz": "Od diagnozy.",
            f"{prefix}-wersja": p.wersja}


def _autozapis_pytania(world):
    from raporty.models import PytanieWywiadu

    p = PytanieWywiadu.objects.get(pk=raport_b(world)["pytanie"].pk)
    return {"pole": "odpowiedz", "wartosc": "Od arkusza diagnostycznego.", "wersja": p.wersja}


def _zdjecie(world):
    from raporty.models import ZdjecieRaportu

    z = ZdjecieRaportu.objects.get(pk=raport_b(world)["zdjecie"].pk)
    return {"podpis": "Warsztat budżetowy z dyrektorami", "zgoda": "on", "podpis_przed": z.podpis,
            "zgoda_przed": "1" if z.zgoda else ""}


ARGS = {
    "raporty:raport": _a,
    "raporty:raport_rozpocznij": lambda world: {"pk": world["udzial_a"].pk},
    "raporty:raport_dane": _a,
    "raporty:raport_sekcja": lambda world: {**_a(world), "klucz": "problem"},
    "raporty:raport_sekcja_autozapis": lambda world: {**_a(world), "klucz": "rozwiazanie"},
    "raporty:raport_dokumenty": _a,
    "raporty:raport_pytanie_dodaj": _b(),
    "raporty:raport_pytanie": _b("pytanie"),
    "raporty:raport_pytanie_autozapis": _b("pytanie"),
    "raporty:raport_pytanie_usun": _b("pytanie_wolne"),
    "raporty:raport_pytanie_przesun": _b("pytanie", kierunek="dol"),
    "raporty:raport_zdjecia": _b(),
    "raporty:raport_zdjecie": _b("zdjecie"),
    "raporty:raport_zdjecie_usun": _b("zdjecie_wolne"),
    "raporty:raport_zdjecie_przesun": _b("zdjecie", kierunek="dol"),
    "raporty:raport_stan": lambda world: {**_a(world), "akcja": "zloz"},
    "raporty:raporty_edycji": lambda world: {"pk": world["edycja"].pk},
}
DATA = {
    "raporty:raport_rozpocznij": lambda world: {"forma": "dobra_praktyka"},
    "raporty:raport_dane": _dane,
    "raporty:raport_sekcja": _sekcja,
    "raporty:raport_sekcja_autozapis": _autozapis_sekcji,
    "raporty:raport_dokumenty": lambda world: {"akcja": "wybierz"},
    "raporty:raport_pytanie_dodaj": lambda world: {"pytanie-nowe-pytanie": "Co było najtrudniejsze?",
                                                   "pytanie-nowe-odpowiedz": "Zmiana przyzwyczajeń."},
    "raporty:raport_pytanie": _pytanie,
    "raporty:raport_pytanie_autozapis": _autozapis_pytania,
    "raporty:raport_pytanie_usun": lambda world: {"potwierdz": "1"},
    "raporty:raport_zdjecia": lambda world: {"plik": _upload(), "podpis": "Spotkanie zespołu", "zgoda": "on"},
    "raporty:raport_zdjecie": _zdjecie,
    "raporty:raport_zdjecie_usun": lambda world: {"potwierdz": "1"},
}

ROWS = parse_table(
    "raporty",
    """
url                              | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
raporty:raport                   | GET    | 302  | 200   | 200         | 404          | 200  | 200  | 404  | 404  | 200         | 200           | 404         | 404           | 404
raporty:raport                   | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
raporty:raport_rozpocznij        | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
raporty:raport_rozpocznij        | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 302         | 302           | 404         | 404           | 404
raporty:raport_dane              | GET    | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 200         | 200           | 404         | 404           | 404
raporty:raport_dane              | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 302         | 302           | 404         | 404           | 404
raporty:raport_sekcja            | GET    | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 200         | 200           | 404         | 404           | 404
raporty:raport_sekcja            | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 302         | 302           | 404         | 404           | 404
raporty:raport_sekcja_autozapis  | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
raporty:raport_sekcja_autozapis  | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 200         | 200           | 404         | 404           | 404
raporty:raport_dokumenty         | GET    | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 200         | 200           | 404         | 404           | 404
raporty:raport_dokumenty         | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 302         | 302           | 404         | 404           | 404
raporty:raport_pytanie_dodaj     | GET    | 302  | 403   | 403         | 404          | 404  | 404  | 403  | 403  | 404         | 404           | 200         | 200           | 404
raporty:raport_pytanie_dodaj     | POST   | 302  | 403   | 403         | 404          | 404  | 404  | 403  | 403  | 404         | 404           | 302         | 302           | 404
raporty:raport_pytanie           | GET    | 302  | 403   | 403         | 404          | 404  | 404  | 403  | 403  | 404         | 404           | 200         | 200           | 404
raporty:raport_pytanie           | POST   | 302  | 403   | 403         | 404          | 404  | 404  | 403  | 403  | 404         | 404           | 302         | 302           | 404
raporty:raport_pytanie_autozapis | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
raporty:raport_pytanie_autozapis | POST   | 302  | 403   | 403         | 404          | 404  | 404  | 403  | 403  | 404         | 404           | 200         | 200           | 404
raporty:raport_pytanie_usun      | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
raporty:raport_pytanie_usun      | POST   | 302  | 403   | 403         | 404          | 404  | 404  | 403  | 403  | 404         | 404           | 302         | 404           | 404
raporty:raport_pytanie_przesun   | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
raporty:raport_pytanie_przesun   | POST   | 302  | 403   | 403         | 404          | 404  | 404  | 403  | 403  | 404         | 404           | 302         | 302           | 404
raporty:raport_zdjecia           | GET    | 302  | 403   | 403         | 404          | 404  | 404  | 403  | 403  | 404         | 404           | 200         | 200           | 404
raporty:raport_zdjecia           | POST   | 302  | 403   | 403         | 404          | 404  | 404  | 403  | 403  | 404         | 404           | 302         | 302           | 404
raporty:raport_zdjecie           | GET    | 302  | 403   | 403         | 404          | 404  | 404  | 403  | 403  | 404         | 404           | 200         | 200           | 404
raporty:raport_zdjecie           | POST   | 302  | 403   | 403         | 404          | 404  | 404  | 403  | 403  | 404         | 404           | 302         | 302           | 404
raporty:raport_zdjecie_usun      | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
raporty:raport_zdjecie_usun      | POST   | 302  | 403   | 403         | 404          | 404  | 404  | 403  | 403  | 404         | 404           | 302         | 404           | 404
raporty:raport_zdjecie_przesun   | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
raporty:raport_zdjecie_przesun   | POST   | 302  | 403   | 403         | 404          | 404  | 404  | 403  | 403  | 404         | 404           | 302         | 302           | 404
raporty:raport_stan              | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
raporty:raport_stan              | POST   | 302  | 403   | 403         | 404          | 403  | 403  | 404  | 404  | 302         | 403           | 404         | 404           | 404
raporty:raporty_edycji           | GET    | 302  | 200   | 200         | 404          | 403  | 403  | 403  | 403  | 403         | 403           | 403         | 403           | 403
raporty:raporty_edycji           | POST   | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
""",
    args=ARGS,
    data=DATA,
)

# The form behind each POST that someone gets through (doradztwo/tests/test_wrogie_dane.py posts into it).
FORMS = {
    "raporty:raport_rozpocznij": RozpocznijForm,
    "raporty:raport_dane": DaneForm,
    "raporty:raport_sekcja": SekcjaForm,
    "raporty:raport_sekcja_autozapis": (None, "the autosave call of a section (fetch), read by hand", ("pole", "wartosc", "wersja")),
    "raporty:raport_dokumenty": (DokumentyForm, DokumentForm),
    "raporty:raport_pytanie_dodaj": PytanieForm,
    "raporty:raport_pytanie": PytanieForm,
    "raporty:raport_pytanie_autozapis": (None, "the autosave call of one field (fetch), read by hand", ("pole", "wartosc", "wersja")),
    "raporty:raport_pytanie_usun": (None, "no form: a confirmation button", ("potwierdz",)),
    "raporty:raport_pytanie_przesun": (None, "no form: a button (the direction is in the URL); the view reads nothing from the body"),
    "raporty:raport_zdjecia": ZdjecieForm,
    "raporty:raport_zdjecie": ZdjecieEdycjaForm,
    "raporty:raport_zdjecie_usun": (None, "no form: a confirmation button", ("potwierdz",)),
    "raporty:raport_zdjecie_przesun": (None, "no form: a button (the direction is in the URL); the view reads nothing from the body"),
    "raporty:raport_stan": ZwrotForm,
}
