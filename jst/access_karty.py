"""The doors to monthly timesheets (issue 8). A card is an adviser × edition × month: the adviser sees
their own, the edition's coordinators (and administrators) everyone's; other advisers and other
editions' coordinators get 404 (the card does not exist for them); team members 403."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from doradztwo.access import is_coordinator, role_in_edition
from doradztwo.models import Edycja
from jst.access import get_doradca_self
from jst.karty import doradca_w_edycji, miesiac_w_edycji
from jst.models import Doradca


@dataclass(frozen=True)
class DostepKarty:
    edycja: Edycja
    doradca: Doradca
    miesiac: datetime.date
    koordynuje: bool  # may approve, return and reopen

    @property
    def wlasna(self) -> bool:
        return not self.koordynuje


def _sprawdz(edycja: Edycja, doradca: Doradca, miesiac: datetime.date) -> None:
    if not miesiac_w_edycji(edycja, miesiac) or not doradca_w_edycji(doradca, edycja):
        raise Http404


def get_moja_karta(user, edycja_pk, miesiac: datetime.date) -> DostepKarty:
    """The signed-in adviser's own card: non-advisers 403; an edition they never worked in 404."""
    doradca = get_doradca_self(user)
    edycja = get_object_or_404(Edycja, pk=edycja_pk)
    _sprawdz(edycja, doradca, miesiac)
    return DostepKarty(edycja, doradca, miesiac, koordynuje=False)


def get_karta_for_user(user, edycja_pk, doradca_pk, miesiac: datetime.date, *,
                       coordinator: bool = False) -> DostepKarty:
    """Any adviser's card in an edition. `coordinator`: the edition's coordinators only (the adviser 403)."""
    edycja = get_object_or_404(Edycja, pk=edycja_pk)
    doradca = get_object_or_404(Doradca.objects.select_related("uzytkownik"), pk=doradca_pk)
    if role_in_edition(user, edycja) is not None:
        _sprawdz(edycja, doradca, miesiac)
        return DostepKarty(edycja, doradca, miesiac, koordynuje=True)
    if doradca.uzytkownik_id == user.pk:
        _sprawdz(edycja, doradca, miesiac)
        if coordinator:
            raise PermissionDenied
        return DostepKarty(edycja, doradca, miesiac, koordynuje=False)
    if is_coordinator(user) or Doradca.objects.filter(uzytkownik=user).exists():
        raise Http404  # another edition's coordinator, another adviser: not theirs to know about
    raise PermissionDenied


def ma_dostep_do_karty(user, edycja_pk, doradca_pk, miesiac: datetime.date) -> bool:
    """For the PDF job (re-checked by the worker)."""
    try:
        get_karta_for_user(user, edycja_pk, doradca_pk, miesiac)
    except (Http404, PermissionDenied):
        return False
    return True
