"""Permission-matrix rows for publication (raporty/urls_publikacja.py).

The rows use their own participation (JST "Publikacyjna" in the 2022/2023 edition, nobody's but the
edition's coordinators'), with an accepted report and a publication made here idempotently, so no
other row depends on it. The coordinator's screens: admin and koordynator 200/302, koordynator2 and
everyone else 404 (outsiders; that the team and advisers of a participation get 403 is tested in
test_publikacja.py). The public library answers 200 to everyone, anonymous included; its PDF URL
shows "being prepared" (no PDF is rendered here), so the gate audits it as a page.
"""

from doradztwo.tests.matrix import parse_table
from raporty.forms_publikacja import PublikacjaForm


def _png() -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 6), (20, 120, 60)).save(buf, "PNG")
    return buf.getvalue()


def _raport(world):
    import datetime

    from django.core.files.base import ContentFile

    from doradztwo.models import Plik
    from jst.models import JST, Udzial
    from raporty.models import RaportKoncowy, SekcjaRaportu, ZdjecieRaportu

    jst, _ = JST.objects.get_or_create(teryt="0299011", defaults={
        "klucz": "029901", "nazwa": "Publikacyjna", "rodzaj": JST.Rodzaj.GMINA_MIEJSKA,
        "wojewodztwo": "dolnośląskie", "powiat": "bolesławiecki", "stan_na": datetime.date(2024, 1, 1)})
    udzial, _ = Udzial.objects.get_or_create(edycja=world["edycja"], jst=jst,
                                             defaults={"etap": Udzial.Etap.ZAKONCZONY})
    raport, created = RaportKoncowy.objects.get_or_create(udzial=udzial, defaults={
        "forma": "dobra_praktyka", "stan": "zatwierdzona", "tytul": "Wspólny transport do szkół",
        "kontakt_imie_nazwisko": "Anna Nowak", "kontakt_email": "anna.nowak@example.org", "kontakt_zgoda": True})
    if created:
        SekcjaRaportu.objects.create(raport=raport, klucz="problem", tresc="Długie dojazdy uczniów.")
        SekcjaRaportu.objects.create(raport=raport, klucz="rozwiazanie", tresc="Wspólny **rozkład** autobusów.")
        plik = Plik(udzial=udzial, rodzaj=Plik.Rodzaj.ZDJECIE, nazwa="autobus.png", typ="image/png",
                    rozmiar=len(_png()), dodal=world["personas"]["koordynator"])
        plik.plik.save("autobus.png", ContentFile(_png()), save=False)
        plik.save()
        ZdjecieRaportu.objects.create(raport=raport, plik=plik, podpis="Autobus szkolny", zgoda=True)
    return raport


def _publikacja(world):
    from raporty import publikacja as uslugi
    from raporty.models import Publikacja

    raport = _raport(world)
    istniejaca = Publikacja.objects.filter(raport=raport).first()
    if istniejaca is not None:
        return istniejaca
    dane = uslugi.propozycja(raport)
    klucze = [k for k, _t, _p in uslugi.pola_sekcji(raport)]
    return uslugi.publikacja_opublikuj(
        raport=raport, tytul=dane["tytul"], lead=dane["lead"], okres=dane["okres"],
        sekcje={k: dane[f"sekcja_{k}"] for k in klucze}, pokaz_kontakt=True,
        zdjecia=list(raport.zdjecia.all()), potwierdzenie=True, actor=world["personas"]["koordynator"],
        zlec_pdf=False)


def _udzial(world) -> dict:
    return {"pk": _publikacja(world).raport.udzial_id}


def _formularz(world) -> dict:
    from raporty import publikacja as uslugi

    raport = _raport(world)
    dane = uslugi.propozycja(raport, z_raportu=True)
    post = {k: v for k, v in dane.items() if k not in ("zdjecia", "pokaz_kontakt")}
    post.update({"zdjecia": [str(pk) for pk in dane["zdjecia"]], "pokaz_kontakt": "on", "potwierdzam": "on"})
    return post


def _zdjecie(world) -> dict:
    pub = _publikacja(world)
    return {"pk": pub.pk, "zid": pub.zdjecia.get().pk}


ARGS = {
    "raporty:publikacja": _udzial,
    "raporty:publikacja_wycofaj": _udzial,
    "raporty:publikacja_pdf": _udzial,
    "raporty:dobra_praktyka": lambda world: {"pk": _publikacja(world).pk},
    "raporty:dobra_praktyka_zdjecie": _zdjecie,
    "raporty:dobra_praktyka_pdf": lambda world: {"pk": _publikacja(world).pk},
}

DATA = {
    "raporty:publikacja": _formularz,
    "raporty:publikacja_wycofaj": lambda world: {"potwierdz": "1"},
}

# The photo URL answers with the image itself (an attachment): no page to audit.
DOWNLOADS = {"raporty:dobra_praktyka_zdjecie"}

ROWS = parse_table(
    "raporty",
    """
url                            | method | anon | admin | koordynator | koordynator2 | ros1 | pro1 | ros2 | pro2 | jst-a-lider | jst-a-czlonek | jst-b-lider | jst-b-czlonek | doradca-spoza
raporty:publikacja             | GET    | 302  | 200   | 200         | 404          | 404  | 404  | 404  | 404  | 404         | 404           | 404         | 404           | 404
raporty:publikacja             | POST   | 302  | 302   | 302         | 404          | 404  | 404  | 404  | 404  | 404         | 404           | 404         | 404           | 404
raporty:publikacja_wycofaj     | GET    | 302  | 200   | 200         | 404          | 404  | 404  | 404  | 404  | 404         | 404           | 404         | 404           | 404
raporty:publikacja_wycofaj     | POST   | 302  | 302   | 302         | 404          | 404  | 404  | 404  | 404  | 404         | 404           | 404         | 404           | 404
raporty:publikacja_pdf         | GET    | 302  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
raporty:publikacja_pdf         | POST   | 302  | 302   | 302         | 404          | 404  | 404  | 404  | 404  | 404         | 404           | 404         | 404           | 404
raporty:dobre_praktyki         | GET    | 200  | 200   | 200         | 200          | 200  | 200  | 200  | 200  | 200         | 200           | 200         | 200           | 200
raporty:dobre_praktyki         | POST   | 405  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
raporty:dobra_praktyka         | GET    | 200  | 200   | 200         | 200          | 200  | 200  | 200  | 200  | 200         | 200           | 200         | 200           | 200
raporty:dobra_praktyka         | POST   | 405  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
raporty:dobra_praktyka_zdjecie | GET    | 200  | 200   | 200         | 200          | 200  | 200  | 200  | 200  | 200         | 200           | 200         | 200           | 200
raporty:dobra_praktyka_zdjecie | POST   | 405  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
raporty:dobra_praktyka_pdf     | GET    | 200  | 200   | 200         | 200          | 200  | 200  | 200  | 200  | 200         | 200           | 200         | 200           | 200
raporty:dobra_praktyka_pdf     | POST   | 405  | 405   | 405         | 405          | 405  | 405  | 405  | 405  | 405         | 405           | 405         | 405           | 405
""",
    args=ARGS,
    data=DATA,
)

# The form behind each POST that someone gets through (doradztwo/tests/test_wrogie_dane.py posts into it).
FORMS = {
    "raporty:publikacja": PublikacjaForm,
    "raporty:publikacja_wycofaj": (None, "no form: a confirmation button; the view reads nothing from the body"),
    "raporty:publikacja_pdf": (None, "no form: starts a PDF job; the body is ignored"),
}
