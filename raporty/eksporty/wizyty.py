"""On-site visits and advisers' travel costs: one row per visit × adviser (the adviser's costs of
that visit summed), then one row per cost not linked to a visit. Advisers' private notes, notes
from the meeting with the mayor and the scanned documents are never exported."""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext_lazy, pgettext_lazy

from jst.models import Doradca, KosztPodrozy, Wizyta
from raporty.eksporty.rejestr import Eksport, eksport_zarejestruj, odcisk_zapytania
from raporty.eksporty.zapis import PORCJA, Kolumna

ZERO = Decimal("0.00")
WIZYTA = pgettext_lazy("rodzaj wiersza eksportu wizyt", "wizyta")
KOSZT = pgettext_lazy("rodzaj wiersza eksportu wizyt", "koszt bez wizyty")


@dataclass
class WierszWizyty:
    edycja: object
    doradca: Doradca
    wizyta: Wizyta | None = None
    data: datetime.date | None = None  # a cost without a visit: its date
    koszty: list[KosztPodrozy] = field(default_factory=list)

    def suma(self, pole: str) -> Decimal:
        return sum((getattr(k, pole) for k in self.koszty), ZERO)

    @property
    def razem(self) -> Decimal:
        return self.suma("kwota_transport") + self.suma("kwota_nocleg") + self.suma("kwota_inne")


def _wizyty(edycja):
    """Visits with their advisers and costs: one query plus two per chunk."""
    return (Wizyta.objects.filter(udzial__edycja=edycja).select_related("udzial__jst", "udzial__edycja")
            .annotate(liczba_uczestnikow=Count("uczestnicy", distinct=True))
            .prefetch_related(
                Prefetch("doradcy", queryset=Doradca.objects.select_related("uzytkownik")
                         .order_by("-specjalnosc", "uzytkownik__last_name", "pk")),
                Prefetch("koszty", queryset=KosztPodrozy.objects.select_related("doradca__uzytkownik")
                         .order_by("data", "pk")))
            .order_by("od", "udzial__jst__teryt", "pk"))


def wiersze_wizyt(edycja) -> Iterator[WierszWizyty]:
    for w in _wizyty(edycja).iterator(chunk_size=PORCJA):
        doradcy = list(w.doradcy.all())
        # A cost may belong to an adviser no longer listed on the visit: they get a row too.
        doradcy += list({k.doradca.pk: k.doradca for k in w.koszty.all()
                         if k.doradca_id not in {d.pk for d in doradcy}}.values())
        for d in doradcy:
            yield WierszWizyty(w.udzial.edycja, d, wizyta=w, koszty=[k for k in w.koszty.all() if k.doradca_id == d.pk])
    for k in (KosztPodrozy.objects.filter(edycja=edycja, wizyta__isnull=True)
              .select_related("edycja", "doradca__uzytkownik").order_by("data", "pk").iterator(chunk_size=PORCJA)):
        yield WierszWizyty(k.edycja, k.doradca, data=k.data, koszty=[k])


def _w(getter):
    """A visit column: empty on the rows of costs without a visit."""
    return lambda r: getter(r.wizyta) if r.wizyta is not None else None


def _opis_kosztow(r: WierszWizyty) -> str:
    return "; ".join(" — ".join(t for t in (k.transport, k.opis) if t) for k in r.koszty if k.transport or k.opis)


def _doradca(r: WierszWizyty) -> str:
    user = r.doradca.uzytkownik
    return user.get_full_name() or user.get_username()


KOLUMNY_WIZYT: list[Kolumna] = [
    (gettext_lazy("Edycja"), lambda r: r.edycja.nazwa),
    (gettext_lazy("Rodzaj wiersza"), lambda r: str(WIZYTA if r.wizyta is not None else KOSZT)),
    (gettext_lazy("TERYT"), _w(lambda w: w.udzial.jst.teryt)),
    (gettext_lazy("JST"), _w(lambda w: str(w.udzial.jst.nazwa_pelna))),
    (gettext_lazy("Rodzaj wizyty"), _w(lambda w: str(w.get_typ_display()))),
    (gettext_lazy("Od"), lambda r: r.wizyta.od if r.wizyta is not None else r.data),
    (gettext_lazy("Do"), lambda r: r.wizyta.do if r.wizyta is not None else r.data),
    (gettext_lazy("Dni"), _w(lambda w: (w.do - w.od).days + 1)),
    (gettext_lazy("Miejsce"), _w(lambda w: w.miejsce)),
    (gettext_lazy("Uczestnicy z zespołu"), _w(lambda w: w.liczba_uczestnikow)),
    (gettext_lazy("Spotkanie z włodarzem"), _w(lambda w: w.spotkanie_z_wlodarzem)),
    (gettext_lazy("Doradca"), _doradca),
    (gettext_lazy("Specjalność doradcy"), lambda r: r.doradca.specjalnosc),
    (gettext_lazy("Transport (zł)"), lambda r: r.suma("kwota_transport")),
    (gettext_lazy("Nocleg (zł)"), lambda r: r.suma("kwota_nocleg")),
    (gettext_lazy("Inne (zł)"), lambda r: r.suma("kwota_inne")),
    (gettext_lazy("Razem (zł)"), lambda r: r.razem),
    (gettext_lazy("Pozycje kosztów"), lambda r: len(r.koszty)),
    (gettext_lazy("Trasa i opis kosztów"), _opis_kosztow),
]


def _koszty(edycja):
    return KosztPodrozy.objects.filter(Q(edycja=edycja) | Q(wizyta__udzial__edycja=edycja))


def _liczba(edycja) -> int:
    return (Wizyta.doradcy.through.objects.filter(wizyta__udzial__edycja=edycja).count()
            + KosztPodrozy.objects.filter(edycja=edycja, wizyta__isnull=True).count())


def _odcisk(edycja) -> tuple:
    return (
        odcisk_zapytania(Wizyta.objects.filter(udzial__edycja=edycja), "udzial_id", "typ", "od", "do", "miejsce",
                         "spotkanie_z_wlodarzem", "wersja"),
        odcisk_zapytania(Wizyta.doradcy.through.objects.filter(wizyta__udzial__edycja=edycja), "wizyta_id",
                         "doradca_id"),
        odcisk_zapytania(Wizyta.uczestnicy.through.objects.filter(wizyta__udzial__edycja=edycja), "wizyta_id",
                         "czlonekzespolu_id"),
        odcisk_zapytania(_koszty(edycja).distinct(), "wizyta_id", "doradca_id", "edycja_id", "data", "transport",
                         "opis", "kwota_transport", "kwota_nocleg", "kwota_inne", "wersja"),
    )


WIZYTY = eksport_zarejestruj(Eksport(
    slug="wizyty", kolejnosc=70, rodzaj="eksport_wizyty", plik="wizyty-koszty",
    tytul=gettext_lazy("Wizyty i koszty podróży"),
    opis=gettext_lazy("Jeden wiersz na wizytę i doradcę (rodzaj, daty, liczba dni, miejsce, uczestnicy, koszty "
                      "doradcy związane z wizytą), a po nich koszty podróży niezwiązane z wizytą. Notatki "
                      "prywatne doradców nie są eksportowane."),
    arkusz=gettext_lazy("Wizyty i koszty"), kolumny=KOLUMNY_WIZYT, wiersze=wiersze_wizyt, liczba=_liczba,
    odcisk=_odcisk,
))
