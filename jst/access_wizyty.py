"""The doors to on-site visits, travel costs and events (issue 8).

Visits are reached through their participation (jst.access.role_in): outsiders 404, the team reads
(never the private notes), the current advisers and coordinators write. Travel costs belong to one
adviser: another adviser's cost is 404, the edition's coordinators read them on the edition's list.
Events belong to an edition: its coordinators manage them; team members and advisers of the
edition's JSTs read and (team members) register.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from doradztwo.access import is_admin, role_in_edition
from doradztwo.models import Edycja, Plik
from jst.access import Rola, RolaWUdziale, get_doradca_self, get_udzial_for_user  # noqa: F401
from jst.models import CzlonekZespolu, Doradca, KosztPodrozy, Udzial, Wizyta, Wydarzenie

# --- Visits ---------------------------------------------------------------------------------


def moze_pisac_wizyty(role: RolaWUdziale) -> bool:
    """Coordinators always; the JST's current advisers while the edition is open. Never the team."""
    return role.koordynuje or (role.doradza and role.can_write)


def wizyty_udzialu(user, udzial: Udzial, role: RolaWUdziale) -> QuerySet[Wizyta]:
    """Visits the user may read: all for the JST's people; a former adviser only the ones they made."""
    qs = Wizyta.objects.filter(udzial=udzial)
    if role.rola is Rola.BYLY_DORADCA:
        qs = qs.filter(doradcy__uzytkownik=user)
    return qs


def get_udzial_wizyt(user, pk, *, write: bool = False) -> tuple[Udzial, RolaWUdziale]:
    udzial, role = get_udzial_for_user(user, pk)
    if write and not moze_pisac_wizyty(role):
        raise PermissionDenied
    return udzial, role


def get_wizyta_for_user(user, pk, wizyta_pk, *, write: bool = False) -> tuple[Udzial, RolaWUdziale, Wizyta]:
    """A visit through its participation: another JST's visit is 404, as if it did not exist."""
    udzial, role = get_udzial_for_user(user, pk)
    wizyta = get_object_or_404(wizyty_udzialu(user, udzial, role).select_related("autor"), pk=wizyta_pk)
    if write and not moze_pisac_wizyty(role):
        raise PermissionDenied
    return udzial, role, wizyta


# --- Travel costs ---------------------------------------------------------------------------


def get_koszt_for_user(user, pk) -> tuple[Doradca, KosztPodrozy]:
    """The adviser's own cost for editing; another adviser's cost is 404."""
    doradca = get_doradca_self(user)
    koszt = get_object_or_404(KosztPodrozy.objects.select_related("edycja", "wizyta"), pk=pk, doradca=doradca)
    return doradca, koszt


def get_dokument_kosztu(user, pk, plik_pk) -> tuple[KosztPodrozy, Plik]:
    """A scanned document of a cost: its adviser and the edition's coordinators; anyone else 404."""
    koszt = get_object_or_404(KosztPodrozy.objects.select_related("edycja", "doradca"), pk=pk)
    own = user.is_authenticated and koszt.doradca.uzytkownik_id == user.pk
    if not own and role_in_edition(user, koszt.edycja) is None:
        raise Http404
    plik = get_object_or_404(koszt.dokumenty.all(), pk=plik_pk)
    return koszt, plik


# --- Events ---------------------------------------------------------------------------------


def edycje_uczestnika(user) -> QuerySet[Edycja]:
    """Editions whose events the user sees: coordinated, or with a JST where they are in the team or
    an adviser."""
    if is_admin(user):
        return Edycja.objects.all()
    return Edycja.objects.filter(
        Q(koordynatorzy=user)
        | Q(udzialy__zespol__uzytkownik=user, udzialy__zespol__aktywny=True)
        | Q(udzialy__przydzialy__doradca__uzytkownik=user)
    ).distinct()


def get_wydarzenie_for_user(user, pk) -> Wydarzenie:
    """An event of an edition the user takes part in; others 404."""
    return get_object_or_404(Wydarzenie.objects.select_related("edycja")
                             .filter(edycja__in=edycje_uczestnika(user)), pk=pk)


def czlonkostwa_w_edycji(user, edycja: Edycja) -> QuerySet[CzlonekZespolu]:
    """The user's active team memberships in the edition (normally one)."""
    return CzlonekZespolu.objects.filter(uzytkownik=user, aktywny=True, udzial__edycja=edycja)


def czlonkowie_do_zapisu(user, edycja: Edycja) -> QuerySet[CzlonekZespolu]:
    """Whom the user may register: themselves, and as a leader every active member of their team."""
    own = czlonkostwa_w_edycji(user, edycja)
    led = own.filter(lider=True).values("udzial_id")
    return (CzlonekZespolu.objects.filter(Q(pk__in=own.values("pk")) | Q(udzial_id__in=led, aktywny=True))
            .select_related("uzytkownik", "udzial__jst").order_by("uzytkownik__last_name", "uzytkownik__first_name"))


def get_wydarzenie_do_zapisu(user, pk) -> Wydarzenie:
    """Registration is the team's: other participants of the edition get 403, outsiders 404."""
    wydarzenie = get_wydarzenie_for_user(user, pk)
    if not czlonkostwa_w_edycji(user, wydarzenie.edycja).exists():
        raise PermissionDenied
    return wydarzenie


def get_wydarzenie_edycji(edycja: Edycja, pk) -> Wydarzenie:
    """An event fetched through its edition (the edition was already checked by get_edycja_for_user)."""
    return get_object_or_404(Wydarzenie.objects.select_related("edycja"), edycja=edycja, pk=pk)
