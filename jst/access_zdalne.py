"""The doors to remote-advice entries (issue 8). An entry is reached through its participation's role
(jst.access.role_in): outsiders 404, insiders who are not its author 403 on edit; a former adviser
sees only their own entries."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from doradztwo.access import is_admin
from doradztwo.models import Edycja
from jst.access import Rola, RolaWUdziale, active_assignment_q, get_doradca_self, role_in  # noqa: F401
from jst.models import CzlonekZespolu, Doradca, Udzial, WpisZdalny


def get_wpis_for_user(user, pk, *, write: bool = False) -> tuple[WpisZdalny, RolaWUdziale]:
    """An entry and the user's role in its JST. Only its author edits it, while still assigned."""
    wpis = get_object_or_404(
        WpisZdalny.objects.select_related("doradca__uzytkownik", "udzial__jst", "udzial__edycja"), pk=pk)
    role = role_in(user, wpis.udzial)
    if role is None:
        raise Http404
    own = wpis.doradca.uzytkownik_id == user.pk
    if role.rola is Rola.BYLY_DORADCA and not own:
        raise Http404  # a former adviser keeps only their own entries
    if write and not (own and role.doradza and role.can_write):
        raise PermissionDenied
    return wpis, role


def wpisy_udzialu(user, udzial: Udzial, role: RolaWUdziale) -> QuerySet[WpisZdalny]:
    """The entries of a participation the user may read: all for the pair, coordinators and the team
    (it is their own advice); a former adviser only theirs."""
    qs = WpisZdalny.objects.filter(udzial=udzial)
    if role.rola is Rola.BYLY_DORADCA:
        qs = qs.filter(doradca__uzytkownik=user)
    return qs


def udzialy_do_wpisow(doradca: Doradca) -> QuerySet[Udzial]:
    """Participations an adviser may log entries for now: their current assignments, open editions."""
    return (Udzial.objects.filter(pk__in=doradca.przydzialy.filter(active_assignment_q()).values("udzial_id"))
            .exclude(edycja__status=Edycja.Status.ZAMKNIETA).select_related("jst", "edycja")
            .order_by("-edycja__data_od", "jst__nazwa", "pk"))


def udzialy_zmian_wlasnych_wpisow(user, doradca: Doradca) -> set[int]:
    """Ids of the participations where `user` (the adviser `doradca`) may still change their own
    entries: the batch form of get_wpis_for_user(write=True) for a list of own entries. role_in puts
    administrator, coordinator and team member before the assignment, and only a current ROS/PRO in
    an open edition writes. One query (none for an administrator)."""
    if is_admin(user):
        return set()
    qs = (Udzial.objects.filter(pk__in=doradca.przydzialy.filter(active_assignment_q()).values("udzial_id"))
          .exclude(edycja__status=Edycja.Status.ZAMKNIETA)
          .exclude(edycja__koordynatorzy=user)
          .exclude(pk__in=CzlonekZespolu.objects.filter(uzytkownik=user, aktywny=True).values("udzial_id")))
    return set(qs.values_list("pk", flat=True))
