"""Edition-level access: the only door from a URL id to an edition (CONVENTIONS §1, §4)."""

from enum import Enum

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from doradztwo.models import Edycja, Obszar


class RolaEdycji(str, Enum):
    ADMINISTRATOR = "administrator"
    KOORDYNATOR = "koordynator"


def is_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


def is_coordinator(user) -> bool:
    """ORE coordinator (an account an administrator made) or an administrator."""
    return bool(user.is_authenticated and (user.is_superuser or user.koordynator))


def role_in_edition(user, edycja: Edycja) -> RolaEdycji | None:
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return RolaEdycji.ADMINISTRATOR
    if edycja.koordynatorzy.filter(pk=user.pk).exists():
        return RolaEdycji.KOORDYNATOR
    return None


def editions_for(user) -> QuerySet[Edycja]:
    """The editions a user manages: all for an administrator, their own for a coordinator."""
    if is_admin(user):
        return Edycja.objects.all()
    return Edycja.objects.filter(koordynatorzy=user)


def require_coordinator(user) -> None:
    """Pages of the coordinator's role: anyone else gets 403."""
    if not is_coordinator(user):
        raise PermissionDenied


def require_admin(user) -> None:
    if not is_admin(user):
        raise PermissionDenied


def get_edycja_for_user(user, pk) -> Edycja:
    """An edition the user manages. Non-coordinators get 403; another edition's coordinator 404."""
    require_coordinator(user)
    edycja = get_object_or_404(Edycja, pk=pk)
    if role_in_edition(user, edycja) is None:
        raise Http404
    return edycja


def get_obszar_for_user(user, pk) -> Obszar:
    """The 12-area catalogue is shared by all coordinators: other roles 403, an unknown area 404."""
    require_coordinator(user)
    return get_object_or_404(Obszar, pk=pk)


def get_zadanie_for_user(user, pk):
    """A background job: its requester's (and administrators'); anyone else 404."""
    from doradztwo.models import Zadanie

    zadanie = get_object_or_404(Zadanie.objects.select_related("zlecajacy"), pk=pk)
    if zadanie.zlecajacy_id != user.pk and not is_admin(user):
        raise Http404
    return zadanie
