"""Doors to sheets: through the participation (jst.access.role_in decides the role)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from diagnoza.models import Arkusz, ArkuszEdycji, PytanieSzablonu
from jst.access import get_udzial_for_user


def wersja_dla_udzialu(udzial):
    """The template version the participation's sheet uses (its own, or the edition's frozen one)."""
    arkusz = Arkusz.objects.filter(udzial=udzial, czlonek__isnull=True).select_related("wersja_szablonu").first()
    if arkusz is not None:
        return arkusz, arkusz.wersja_szablonu
    wybor = ArkuszEdycji.objects.filter(edycja=udzial.edycja).select_related("wersja").first()
    return None, (wybor.wersja if wybor else None)


def get_arkusz_for_user(user, pk, *, write: bool = False):
    """(participation, role, sheet or None, version or None). Writing answers is the team's only."""
    udzial, rola = get_udzial_for_user(user, pk, write=write)
    if write and not rola.w_zespole:
        raise PermissionDenied
    arkusz, wersja = wersja_dla_udzialu(udzial)
    return udzial, rola, arkusz, wersja


def get_pytanie(wersja, pk) -> PytanieSzablonu:
    if wersja is None:
        raise Http404
    return get_object_or_404(PytanieSzablonu.objects.select_related("sekcja"), pk=pk, sekcja__wersja=wersja)
