"""The one function that decides a participation role (CONVENTIONS §1), and the doors to objects."""

import datetime
from dataclasses import dataclass
from enum import Enum

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from doradztwo.access import RolaEdycji, is_admin, require_coordinator, role_in_edition
from jst.models import CzlonekZespolu, Doradca, PrzydzialDoradcy, Udzial


class Rola(str, Enum):
    ADMINISTRATOR = "administrator"
    KOORDYNATOR = "koordynator"
    LIDER = "lider"
    CZLONEK = "czlonek"
    ROS = "ROS"
    PRO = "PRO"
    BYLY_DORADCA = "byly_doradca"


@dataclass(frozen=True)
class RolaWUdziale:
    rola: Rola
    edycja_zamknieta: bool

    @property
    def koordynuje(self) -> bool:
        return self.rola in (Rola.ADMINISTRATOR, Rola.KOORDYNATOR)

    @property
    def w_zespole(self) -> bool:
        return self.rola in (Rola.LIDER, Rola.CZLONEK)

    @property
    def doradza(self) -> bool:
        return self.rola in (Rola.ROS, Rola.PRO)

    @property
    def widzi_notatki_doradcow(self) -> bool:
        """Private notes of advisers: the pair and the coordinators, never the team."""
        return self.koordynuje or self.doradza

    @property
    def can_write(self) -> bool:
        """Teams and current advisers write while the edition is open; coordinators always."""
        if self.koordynuje:
            return True
        if self.edycja_zamknieta:
            return False
        return self.w_zespole or self.doradza


def _today() -> datetime.date:
    return timezone.localdate()


def active_assignment_q(today: datetime.date | None = None) -> Q:
    today = today or _today()
    return Q(od__lte=today) & (Q(do__isnull=True) | Q(do__gte=today))


def is_active_assignment(przydzial: PrzydzialDoradcy, today: datetime.date | None = None) -> bool:
    """`active_assignment_q` for an assignment already loaded."""
    today = today or _today()
    return przydzial.od <= today and (przydzial.do is None or przydzial.do >= today)


def _edition_role(user, edycja, koordynatorzy) -> RolaEdycji | None:
    if koordynatorzy is None:
        return role_in_edition(user, edycja)
    # role_in_edition's rule, read from the coordinators the caller has loaded (a test keeps them equal).
    if user.is_superuser:
        return RolaEdycji.ADMINISTRATOR
    if any(k.pk == user.pk for k in koordynatorzy):
        return RolaEdycji.KOORDYNATOR
    return None


def role_in(user, udzial: Udzial, *, koordynatorzy: list | None = None, zespol: list[CzlonekZespolu] | None = None,
            przydzialy: list[PrzydzialDoradcy] | None = None) -> RolaWUdziale | None:
    """The user's role in a participation, or None for an outsider. A caller that has already loaded the
    edition's coordinators, the participation's team members and its assignments (every one; assignments
    ordered by role then newest first, with `doradca`) passes them, and the role is read from them
    without further queries."""
    if not user.is_authenticated:
        return None
    closed = udzial.edycja.zamknieta
    edition_role = _edition_role(user, udzial.edycja, koordynatorzy)
    if edition_role is RolaEdycji.ADMINISTRATOR:
        return RolaWUdziale(Rola.ADMINISTRATOR, closed)
    if edition_role is RolaEdycji.KOORDYNATOR:
        return RolaWUdziale(Rola.KOORDYNATOR, closed)
    if zespol is not None:
        member = next((c for c in zespol if c.uzytkownik_id == user.pk and c.aktywny), None)
    else:
        member = CzlonekZespolu.objects.filter(udzial=udzial, uzytkownik=user, aktywny=True).first()
    if member is not None:
        return RolaWUdziale(Rola.LIDER if member.lider else Rola.CZLONEK, closed)
    today = _today()
    if przydzialy is not None:
        mine = [p for p in przydzialy if p.doradca.uzytkownik_id == user.pk]
        current = next((p for p in mine if is_active_assignment(p, today)), None)
        former = any(p.do is not None and p.do < today for p in mine)
    else:
        assignments = PrzydzialDoradcy.objects.filter(udzial=udzial, doradca__uzytkownik=user)
        current = assignments.filter(active_assignment_q(today)).first()
        former = current is None and assignments.filter(do__lt=today).exists()
    if current is not None:
        return RolaWUdziale(Rola(current.rola), closed)
    if former:
        return RolaWUdziale(Rola.BYLY_DORADCA, closed)
    return None


def get_udzial_for_user(user, pk, *, write: bool = False, coordinator: bool = False) -> tuple[Udzial, RolaWUdziale]:
    """The participation and the user's role in it. Outsiders 404; a role without the right 403."""
    udzial = get_object_or_404(Udzial.objects.select_related("jst", "edycja"), pk=pk)
    role = role_in(user, udzial)
    if role is None:
        raise Http404
    if coordinator and not role.koordynuje:
        raise PermissionDenied
    if write and not role.can_write:
        raise PermissionDenied
    return udzial, role


@dataclass(frozen=True)
class StronaUdzialu:
    udzial: Udzial
    rola: RolaWUdziale
    koordynatorzy: list  # the edition's coordinators by name
    zespol: list[CzlonekZespolu]  # every member, current first (leader first), then by name
    przydzialy: list[PrzydzialDoradcy]  # every assignment, by role then newest first


def get_udzial_page_for_user(user, pk) -> StronaUdzialu:
    """The participation page: the coordinators, the team and the assignments are loaded once, for the
    page and to decide the role (no query of its own for any role). Outsiders 404."""
    udzial = get_object_or_404(Udzial.objects.select_related("jst", "edycja"), pk=pk)
    koordynatorzy = list(udzial.edycja.koordynatorzy.order_by("last_name", "first_name"))
    zespol = list(CzlonekZespolu.objects.filter(udzial=udzial).select_related("uzytkownik")
                  .order_by("-aktywny", "-lider", "uzytkownik__last_name", "uzytkownik__first_name"))
    przydzialy = list(PrzydzialDoradcy.objects.filter(udzial=udzial).select_related("doradca__uzytkownik")
                      .order_by("rola", "-od"))
    role = role_in(user, udzial, koordynatorzy=koordynatorzy, zespol=zespol, przydzialy=przydzialy)
    if role is None:
        raise Http404
    return StronaUdzialu(udzial, role, koordynatorzy, zespol, przydzialy)


def participations_for(user) -> QuerySet[Udzial]:
    """Every participation the user may open (any role)."""
    qs = Udzial.objects.all()
    if is_admin(user):
        return qs
    return qs.filter(
        Q(edycja__koordynatorzy=user)
        | Q(zespol__uzytkownik=user, zespol__aktywny=True)
        | Q(przydzialy__doradca__uzytkownik=user)
    ).distinct()


def team_participations(user) -> QuerySet[Udzial]:
    return Udzial.objects.filter(zespol__uzytkownik=user, zespol__aktywny=True).distinct()


def advised_participations(user) -> QuerySet[Udzial]:
    """Participations where the user is a current ROS or PRO."""
    return Udzial.objects.filter(
        przydzialy__in=PrzydzialDoradcy.objects.filter(active_assignment_q(), doradca__uzytkownik=user)
    ).distinct()


def get_czlonek(udzial: Udzial, pk) -> CzlonekZespolu:
    """A team member, fetched through its participation."""
    return get_object_or_404(CzlonekZespolu.objects.select_related("uzytkownik"), udzial=udzial, pk=pk)


def get_przydzial(udzial: Udzial, pk) -> PrzydzialDoradcy:
    return get_object_or_404(PrzydzialDoradcy.objects.select_related("doradca__uzytkownik"), udzial=udzial, pk=pk)


def is_adviser(user) -> bool:
    return user.is_authenticated and Doradca.objects.filter(uzytkownik=user).exists()


def get_doradca_for_user(user, pk) -> Doradca:
    """An adviser's directory entry: coordinators only (others 403); an unknown id 404."""
    require_coordinator(user)
    return get_object_or_404(Doradca.objects.select_related("uzytkownik"), pk=pk)


def get_doradca_self(user) -> Doradca:
    """The signed-in adviser's own record (my entries, my hours, my timesheets, my costs). Anyone
    who is no adviser gets 403."""
    doradca = (Doradca.objects.select_related("uzytkownik").filter(uzytkownik=user).first()
               if user.is_authenticated else None)
    if doradca is None:
        raise PermissionDenied
    return doradca
