"""Doors to an HDR: always through its participation (jst.access.role_in decides the role).

The team writes the plan (leader and members; only the leader submits), the JST's advisers read and
comment, the edition's coordinators read and review; outsiders get 404, other roles 403."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from hdr.models import Dzialanie, Hdr, WersjaHdr
from jst.access import RolaWUdziale, get_udzial_for_user
from jst.models import Udzial


def get_hdr_for_user(user, pk, *, write: bool = False) -> tuple[Udzial, RolaWUdziale, Hdr | None]:
    """(participation, role, HDR or None). Writing the plan is the team's only."""
    udzial, rola = get_udzial_for_user(user, pk, write=write)
    if write and not rola.w_zespole:
        raise PermissionDenied
    hdr = Hdr.objects.filter(udzial=udzial).select_related("obszar").first()
    return udzial, rola, hdr


def require_hdr(hdr: Hdr | None) -> Hdr:
    """Pages below the HDR exist only once the HDR does."""
    if hdr is None:
        raise Http404
    return hdr


def get_wersja(hdr: Hdr | None, numer) -> WersjaHdr:
    """A version of this participation's HDR by its number; another HDR's number is simply absent."""
    return get_object_or_404(WersjaHdr.objects.select_related("utworzyl"), hdr=require_hdr(hdr), numer=numer)


def najnowsza(hdr: Hdr | None) -> WersjaHdr:
    """The newest version: the one the team works on (a draft) or the one in force."""
    wersja = WersjaHdr.objects.filter(hdr=require_hdr(hdr)).order_by("-numer").first()
    if wersja is None:
        raise Http404
    return wersja


def get_dzialanie(wersja: WersjaHdr, klucz) -> Dzialanie:
    """An action of the given version by its key (the same key names it in every version)."""
    return get_object_or_404(Dzialanie.objects.select_related("wlasciciel__uzytkownik"), wersja_hdr=wersja,
                             klucz=klucz)


def moze_zlozyc(rola: RolaWUdziale) -> bool:
    return rola.rola.value == "lider" and rola.can_write


def moze_edytowac(rola: RolaWUdziale) -> bool:
    return rola.w_zespole and rola.can_write
