"""Teams and contacts: one row per active team member and per current adviser of every JST of the
edition, with e-mail and phone. Personal data: the edition's coordinators and administrators only
(`rejestr.ma_dostep`), never advisers or teams."""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy, pgettext_lazy

from jst.access import active_assignment_q
from jst.models import CzlonekZespolu, PrzydzialDoradcy, Udzial
from raporty.eksporty.rejestr import Eksport, eksport_zarejestruj, odcisk_zapytania
from raporty.eksporty.zapis import PORCJA, Kolumna

ROLE = {
    "lider": pgettext_lazy("rola w eksporcie kontaktów", "lider zespołu"),
    "czlonek": pgettext_lazy("rola w eksporcie kontaktów", "członek zespołu"),
    "ROS": pgettext_lazy("rola w eksporcie kontaktów", "doradca ROS"),
    "PRO": pgettext_lazy("rola w eksporcie kontaktów", "doradca PRO"),
}


@dataclass
class Kontakt:
    udzial: Udzial
    rola: str
    uzytkownik: object
    funkcja: str = ""
    rodzaj: str = ""
    szkola: str = ""
    od: datetime.date | datetime.datetime | None = None


def _udzialy(edycja):
    """Participations with their active team and current advisers: one query plus two per chunk."""
    return (Udzial.objects.filter(edycja=edycja).select_related("edycja", "jst")
            .prefetch_related(
                Prefetch("zespol", queryset=CzlonekZespolu.objects.filter(aktywny=True).select_related("uzytkownik")
                         .order_by("-lider", "uzytkownik__last_name", "uzytkownik__first_name", "pk"),
                         to_attr="aktywni"),
                Prefetch("przydzialy", queryset=PrzydzialDoradcy.objects.filter(active_assignment_q())
                         .select_related("doradca__uzytkownik").order_by("-rola", "od", "pk"), to_attr="aktualne"))
            .order_by("jst__teryt", "pk"))


def wiersze_kontaktow(edycja) -> Iterator[Kontakt]:
    for u in _udzialy(edycja).iterator(chunk_size=PORCJA):
        for c in u.aktywni:
            yield Kontakt(u, ROLE["lider" if c.lider else "czlonek"], c.uzytkownik, c.funkcja,
                          str(c.get_rodzaj_display()), c.nazwa_szkoly, c.dolaczyl)
        for p in u.aktualne:  # ROS before PRO
            yield Kontakt(u, ROLE[p.rola], p.doradca.uzytkownik, od=p.od)


def _email(k: Kontakt) -> str:
    user = k.uzytkownik
    return user.email or (user.username if "@" in user.username else "")


KOLUMNY_KONTAKTOW: list[Kolumna] = [
    (gettext_lazy("Edycja"), lambda k: k.udzial.edycja.nazwa),
    (gettext_lazy("TERYT"), lambda k: k.udzial.jst.teryt),
    (gettext_lazy("JST"), lambda k: str(k.udzial.jst.nazwa_pelna)),
    (gettext_lazy("Rola"), lambda k: str(k.rola)),
    (gettext_lazy("Imię"), lambda k: k.uzytkownik.first_name),
    (gettext_lazy("Nazwisko"), lambda k: k.uzytkownik.last_name),
    (gettext_lazy("E-mail"), _email),
    (gettext_lazy("Telefon"), lambda k: k.uzytkownik.telefon),
    (gettext_lazy("Funkcja"), lambda k: k.funkcja),
    (gettext_lazy("Rodzaj członka zespołu"), lambda k: k.rodzaj),
    (gettext_lazy("Szkoła lub placówka"), lambda k: k.szkola),
    (gettext_lazy("Od"), lambda k: k.od.date() if isinstance(k.od, datetime.datetime) else k.od),
]


def _liczba(edycja) -> int:
    return (CzlonekZespolu.objects.filter(udzial__edycja=edycja, aktywny=True).count()
            + PrzydzialDoradcy.objects.filter(active_assignment_q(), udzial__edycja=edycja).count())


def _odcisk(edycja) -> tuple:
    return (
        odcisk_zapytania(CzlonekZespolu.objects.filter(udzial__edycja=edycja), "uzytkownik_id", "lider", "aktywny",
                         "funkcja", "rodzaj", "nazwa_szkoly"),
        odcisk_zapytania(PrzydzialDoradcy.objects.filter(udzial__edycja=edycja), "doradca_id", "rola", "od", "do"),
    )


KONTAKTY = eksport_zarejestruj(Eksport(
    slug="kontakty", kolejnosc=20, rodzaj="eksport_kontakty", plik="zespoly-kontakty",
    tytul=gettext_lazy("Zespoły i kontakty"),
    opis=gettext_lazy("Jeden wiersz na każdą osobę z aktywnego zespołu JST i każdego obecnego doradcę: rola, imię "
                      "i nazwisko, e-mail, telefon, funkcja. Dane osobowe — tylko dla koordynatorów edycji."),
    arkusz=gettext_lazy("Kontakty"), kolumny=KOLUMNY_KONTAKTOW, wiersze=wiersze_kontaktow, liczba=_liczba,
    odcisk=_odcisk, wedlug_dnia=True,  # "current adviser" is decided by today's date
))
