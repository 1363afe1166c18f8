"""Doors to a final report: always through its participation (jst.access.role_in decides the role).

The team writes the report (leader and members; only the leader submits); the JST's advisers read and
comment; the edition's coordinators (and administrators) read, comment and review; outsiders get 404,
other roles 403. Child objects (a section, an interview question, a photo) are fetched through the
report, so another JST's id is simply absent (404)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from doradztwo.access import get_edycja_for_user
from hdr.models import FormaRaportu
from jst.access import RolaWUdziale, get_udzial_for_user
from jst.models import Udzial
from raporty.formy import Sekcja, sekcja
from raporty.models import PytanieWywiadu, RaportKoncowy, SekcjaRaportu, ZdjecieRaportu


def get_raport_for_user(user, pk, *, write: bool = False) -> tuple[Udzial, RolaWUdziale, RaportKoncowy | None]:
    """(participation, role, report or None). Writing the report is the team's only."""
    udzial, rola = get_udzial_for_user(user, pk, write=write)
    if write and not rola.w_zespole:
        raise PermissionDenied
    raport = RaportKoncowy.objects.filter(udzial=udzial).select_related("zmienil").first()
    return udzial, rola, raport


def require_raport(raport: RaportKoncowy | None, forma: str | None = None) -> RaportKoncowy:
    """Pages below the report exist only once it does (and, for a form's own parts, in that form)."""
    if raport is None or (forma is not None and raport.forma != forma):
        raise Http404
    return raport


def get_sekcja(raport: RaportKoncowy | None, klucz: str) -> tuple[Sekcja, SekcjaRaportu]:
    """(definition, row) of a section of the report's form; the row is unsaved when never written (a GET
    creates nothing). A key the form does not have is 404."""
    raport = require_raport(raport)
    definicja = sekcja(raport.forma, klucz)
    if definicja is None:
        raise Http404
    wiersz = (SekcjaRaportu.objects.filter(raport=raport, klucz=klucz).select_related("zmienil").first()
              or SekcjaRaportu(raport=raport, klucz=klucz))
    return definicja, wiersz


def get_pytanie(raport: RaportKoncowy | None, pk) -> PytanieWywiadu:
    raport = require_raport(raport, FormaRaportu.MINIREPORTAZ)
    return get_object_or_404(PytanieWywiadu.objects.select_related("raport", "zmienil"), pk=pk, raport=raport)


def get_zdjecie(raport: RaportKoncowy | None, pk) -> ZdjecieRaportu:
    raport = require_raport(raport, FormaRaportu.MINIREPORTAZ)
    return get_object_or_404(ZdjecieRaportu.objects.select_related("raport", "plik"), pk=pk, raport=raport)


def moze_edytowac(rola: RolaWUdziale) -> bool:
    return rola.w_zespole and rola.can_write


def moze_zlozyc(rola: RolaWUdziale) -> bool:
    return rola.rola.value == "lider" and rola.can_write


def moze_wykonac(rola: RolaWUdziale, akcja: str) -> bool:
    """Who may take a review step: the leader submits, the edition's coordinators do the rest."""
    if akcja == "zloz":
        return moze_zlozyc(rola)
    return akcja in ("zwroc", "zatwierdz", "otworz") and rola.koordynuje


def get_edycja_raportow(user, pk):
    """An edition's report list: its coordinators and administrators; other coordinators 404, others 403."""
    return get_edycja_for_user(user, pk)
