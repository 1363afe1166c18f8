"""Doors to sheets: through the participation (jst.access.role_in decides the role)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from diagnoza.models import Arkusz, ArkuszEdycji, PytanieSzablonu, SzablonArkusza
from jst.access import get_udzial_for_user
from jst.models import CzlonekZespolu


def wersja_dla_udzialu(udzial):
    """The template version the participation's sheet uses (its own, or the edition's frozen one)."""
    arkusz = Arkusz.objects.filter(udzial=udzial, czlonek__isnull=True).select_related("wersja_szablonu__szablon").first()
    if arkusz is not None:
        return arkusz, arkusz.wersja_szablonu
    wybor = ArkuszEdycji.objects.filter(edycja=udzial.edycja).select_related("wersja__szablon").first()
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


def indywidualny(wersja) -> bool:
    return wersja is not None and wersja.szablon.tryb == SzablonArkusza.Tryb.INDYWIDUALNY


def czlonek_uzytkownika(user, udzial) -> CzlonekZespolu:
    """The user's active team membership: whose copy they fill in (individual mode)."""
    czlonek = CzlonekZespolu.objects.filter(udzial=udzial, uzytkownik=user, aktywny=True).first()
    if czlonek is None:
        raise PermissionDenied
    return czlonek


def kopia_do_pokazania(user, udzial, rola, osoba_pk):
    """Individual mode: (member whose copy is shown, their copy or None, members to choose from).
    The team sees only its own copy; advisers and coordinators choose any member (the first by
    default); an unknown `osoba` is a 404."""
    czlonkowie = list(CzlonekZespolu.objects.filter(udzial=udzial).select_related("uzytkownik")
                      .order_by("-aktywny", "uzytkownik__last_name", "uzytkownik__first_name", "pk"))
    kopie = {a.czlonek_id: a for a in Arkusz.objects.filter(udzial=udzial, czlonek__isnull=False)}
    czlonkowie = [c for c in czlonkowie if c.aktywny or c.pk in kopie]
    if rola.w_zespole:
        czlonek = next((c for c in czlonkowie if c.uzytkownik_id == user.pk and c.aktywny), None)
        if czlonek is None:
            raise PermissionDenied
        return czlonek, kopie.get(czlonek.pk), []
    if osoba_pk:
        czlonek = next((c for c in czlonkowie if str(c.pk) == str(osoba_pk)), None)
        if czlonek is None:
            raise Http404
    else:
        czlonek = czlonkowie[0] if czlonkowie else None
    for c in czlonkowie:
        c.kopia = kopie.get(c.pk)
    return czlonek, (kopie.get(czlonek.pk) if czlonek else None), czlonkowie


def get_zadanie_for_user(user, pk, *, write: bool = False):
    """(participation, role, task or None). Writing the task is the team's only (the coordinators
    review it)."""
    from diagnoza.models import ZadanieDanych

    udzial, rola = get_udzial_for_user(user, pk, write=write)
    if write and not rola.w_zespole:
        raise PermissionDenied
    return udzial, rola, ZadanieDanych.objects.filter(udzial=udzial).first()


def get_obszar_zadania(zadanie, pk):
    from diagnoza.models import ObszarZadania

    if zadanie is None:
        raise Http404
    return get_object_or_404(ObszarZadania.objects.select_related("zadanie__udzial__jst"), pk=pk, zadanie=zadanie)


def get_wartosc(zadanie, pk):
    from diagnoza.models import WartoscWskaznika

    if zadanie is None:
        raise Http404
    return get_object_or_404(WartoscWskaznika.objects.select_related("wskaznik"), pk=pk, udzial_id=zadanie.udzial_id)


def get_tabela(zadanie, pk):
    from diagnoza.models import TabelaDanych

    if zadanie is None:
        raise Http404
    return get_object_or_404(TabelaDanych.objects.select_related("obszar__zadanie__udzial"), pk=pk,
                             obszar__zadanie=zadanie)


def get_wskaznik_zadania(zadanie, pk):
    """An indicator chosen in the task (variant 2)."""
    from diagnoza.models import ObszarZadania, Wskaznik

    if zadanie is None:
        raise Http404
    wskaznik = get_object_or_404(Wskaznik.objects.prefetch_related("dane"), pk=pk)
    if not ObszarZadania.objects.filter(zadanie=zadanie, wariant=ObszarZadania.Wariant.WSKAZNIKI,
                                        wskazniki=wskaznik).exists():
        raise Http404
    return wskaznik


# --- The deep diagnosis (diagnoza pogłębiona) ---------------------------------------------------


def get_poglebiona_for_user(user, pk, *, write: bool = False):
    """(participation, role, deep diagnosis or None). Writing is the team's only; advisers and the
    edition's coordinators read (coordinators review through the state actions)."""
    from diagnoza.models import DiagnozaPoglebiona

    udzial, rola = get_udzial_for_user(user, pk, write=write)
    if write and not rola.w_zespole:
        raise PermissionDenied
    return udzial, rola, DiagnozaPoglebiona.objects.filter(udzial=udzial).first()


def get_pozycja_poglebionej(diagnoza, model, pk):
    """An item of the deep diagnosis fetched through it (a goal through its gap); anything else 404."""
    from diagnoza.models import Cel

    if diagnoza is None:
        raise Http404
    if model is Cel:
        return get_object_or_404(Cel.objects.select_related("luka__diagnoza"), pk=pk, luka__diagnoza=diagnoza)
    return get_object_or_404(model.objects.select_related("diagnoza"), pk=pk, diagnoza=diagnoza)
