"""The indicator catalogue (coordinators and administrators, CONVENTIONS §4): the list by resource
area, a new indicator, editing one (with its inputs), and "Sprawdź wzór" — the saved formula computed
on sample inputs. No delete: stored values refer to indicators, so an indicator is deactivated."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from diagnoza import wzory
from diagnoza.forms_wskazniki import (
    RODZAJE_JST,
    FiltrForm,
    PodgladForm,
    WskaznikForm,
    dane_tekstem,
    liczba_tekstem,
)
from diagnoza.models import ObszarZasobow, Wskaznik
from diagnoza.services_wskazniki import POLA, nieuzyte_dane, wskaznik_utworz, wskaznik_zmien
from doradztwo.access import require_coordinator
from doradztwo.forms import dodaj_bledy_uslugi
from doradztwo.services import KonfliktWersji
from doradztwo.wersje import konflikt_formularza, roznice

ETYKIETY_RODZAJOW = dict(RODZAJE_JST)


def get_wskaznik_for_user(user, pk) -> Wskaznik:
    """A catalogue indicator: every coordinator and administrator; other roles 403, an unknown pk 404."""
    require_coordinator(user)
    return get_object_or_404(Wskaznik.objects.prefetch_related("dane"), pk=pk)


def rodzaje_tekstem(rodzaje: list[str]) -> str:
    if not rodzaje:
        return _("wszystkie")
    return ", ".join(str(ETYKIETY_RODZAJOW.get(r, r)) for r in rodzaje)


def _do_porownania(dane: dict, wejscia) -> dict:
    """Values as the conflict table shows them, for the saved row and for what was typed alike."""
    return {
        **{k: dane.get(k) for k in ("kod", "nazwa", "opis", "wzor", "jednostka", "zrodlo_definicji")},
        "obszar_zasobow": str(ObszarZasobow(dane["obszar_zasobow"]).label),
        "wejscia": dane_tekstem(wejscia),
        "mnoznik": liczba_tekstem(dane["mnoznik"]),
        "miejsca": str(dane["miejsca"]),
        "typ_okresu": str(Wskaznik.TypOkresu(dane["typ_okresu"]).label),
        "rodzaje_jst": rodzaje_tekstem(dane["rodzaje_jst"]),
        "aktywny": _("tak") if dane["aktywny"] else _("nie"),
    }


class _Wejscie:
    """A typed input line with the attributes `dane_tekstem` reads."""

    def __init__(self, d: dict):
        self.__dict__.update(d)


def _po_zapisie(request, wskaznik: Wskaznik, komunikat: str):
    messages.success(request, komunikat)
    nieuzyte = nieuzyte_dane(wskaznik)
    if nieuzyte:
        messages.warning(request, _("Wzór nie używa danych: %(nazwy)s. Zespoły i tak będą je wpisywać — usuń je z "
                                    "listy, jeśli nie są potrzebne.") % {"nazwy": ", ".join(nieuzyte)})
    if getattr(wskaznik, "przeliczone", 0):
        messages.info(request, _("Przeliczono zapisane wartości wskaźnika (zmienione wyniki: %(n)d).")
                      % {"n": wskaznik.przeliczone})
    return redirect("diagnoza:wskaznik", pk=wskaznik.pk)


# --- The list -----------------------------------------------------------------------------------


@require_GET
def wskazniki(request):
    require_coordinator(request.user)
    filtr = FiltrForm(request.GET or None)
    rows = Wskaznik.objects.annotate(liczba_wartosci=Count("wartosci")).order_by("obszar_zasobow", "nazwa", "pk")
    obszary = ObszarZasobow.choices
    if filtr.is_valid():
        if filtr.cleaned_data["obszar"] is not None:
            rows = rows.filter(obszar_zasobow=filtr.cleaned_data["obszar"])
            obszary = [(v, label) for v, label in obszary if v == filtr.cleaned_data["obszar"]]
        if filtr.cleaned_data["aktywny"] is not None:
            rows = rows.filter(aktywny=filtr.cleaned_data["aktywny"])
    by_area: dict[int, list] = {}
    for w in rows:
        w.rodzaje_tekstem = rodzaje_tekstem(w.rodzaje_jst)
        w.mnoznik_tekstem = liczba_tekstem(w.mnoznik)
        by_area.setdefault(w.obszar_zasobow, []).append(w)
    grupy = [{"numer": v, "nazwa": label, "wskazniki": by_area.get(v, [])} for v, label in obszary]
    return render(request, "diagnoza/wskazniki/lista.html", {"grupy": grupy, "filtr": filtr,
                                                             "liczba": sum(len(g["wskazniki"]) for g in grupy)})


# --- Create and edit ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def wskaznik_nowy(request):
    require_coordinator(request.user)
    form = WskaznikForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            wskaznik = wskaznik_utworz(dane=form.dane(), wejscia=form.cleaned_data["wejscia"], actor=request.user)
        except ValidationError as error:
            dodaj_bledy_uslugi(form, error)
        else:
            return _po_zapisie(request, wskaznik, _("Dodano wskaźnik „%(nazwa)s”.") % {"nazwa": wskaznik.nazwa})
    return render(request, "diagnoza/wskazniki/wskaznik.html", {"form": form, "wskaznik": None})


def _strona(request, wskaznik: Wskaznik, form, *, podglad=None, wynik=None, konflikt=None, status=200):
    if podglad is None:
        podglad = PodgladForm(wskaznik=wskaznik)
    return render(request, "diagnoza/wskazniki/wskaznik.html", {
        "wskaznik": wskaznik, "form": form, "podglad": podglad, "wynik": wynik, "konflikt": konflikt,
        "liczba_wartosci": wskaznik.liczba_wartosci,
    }, status=status)


@require_http_methods(["GET", "POST"])
def wskaznik(request, pk):
    wskaznik = get_wskaznik_for_user(request.user, pk)
    wskaznik.liczba_wartosci = wskaznik.wartosci.count()
    zablokowany = wskaznik.liczba_wartosci > 0
    if request.method != "POST":
        form = WskaznikForm(initial=WskaznikForm.poczatkowe(wskaznik), kod_zablokowany=zablokowany)
        return _strona(request, wskaznik, form)
    # A disabled code field takes its value from `initial`, never from the POST.
    form = WskaznikForm(request.POST, initial={"kod": wskaznik.kod}, kod_zablokowany=zablokowany)
    if not form.is_valid():
        return _strona(request, wskaznik, form)
    try:
        zapisany = wskaznik_zmien(wskaznik=wskaznik, dane=form.dane(), wejscia=form.cleaned_data["wejscia"],
                                  wersja=form.cleaned_data["wersja"], actor=request.user)
    except KonfliktWersji as error:
        aktualny = Wskaznik.objects.prefetch_related("dane").get(pk=error.aktualny.pk)
        etykiety = {name: field.label for name, field in form.fields.items() if name != "wersja"}
        konflikt = roznice(_do_porownania({p: getattr(aktualny, p) for p in POLA}, aktualny.dane.all()),
                           _do_porownania(form.cleaned_data, [_Wejscie(w) for w in form.cleaned_data["wejscia"]]),
                           etykiety)
        if not konflikt:
            messages.info(request, _("Ktoś inny zapisał już dokładnie te same zmiany."))
            return redirect("diagnoza:wskaznik", pk=wskaznik.pk)
        konflikt_formularza(form, error, _("Ktoś inny zapisał ten wskaźnik, gdy go edytowałeś. Nic nie zostało "
                                           "zapisane. Porównaj wartości poniżej i zapisz ponownie."),
                            konflikt, wartosci={"wersja": str(aktualny.wersja)})
        aktualny.liczba_wartosci = wskaznik.liczba_wartosci
        return _strona(request, aktualny, form, konflikt=konflikt, status=409)
    except ValidationError as error:
        dodaj_bledy_uslugi(form, error)
        return _strona(request, wskaznik, form)
    return _po_zapisie(request, zapisany, _("Zapisano wskaźnik „%(nazwa)s”.") % {"nazwa": zapisany.nazwa})


@require_GET
def wskaznik_sprawdz(request, pk):
    """The edit page with the saved formula computed on the sample inputs typed (nothing is saved)."""
    wskaznik = get_wskaznik_for_user(request.user, pk)
    wskaznik.liczba_wartosci = wskaznik.wartosci.count()
    form = WskaznikForm(initial=WskaznikForm.poczatkowe(wskaznik), kod_zablokowany=wskaznik.liczba_wartosci > 0)
    podglad = PodgladForm(request.GET or None, wskaznik=wskaznik)
    wynik = None
    if podglad.is_valid():
        try:
            value = wzory.oblicz(wskaznik.wzor, podglad.cleaned_data, mnoznik=wskaznik.mnoznik,
                                 miejsca=wskaznik.miejsca)
        except wzory.BrakWyniku:
            wynik = _("n/d")
        except ValidationError as error:  # a formula saved before the current rules
            podglad.add_error(None, error)
        except ArithmeticError:  # decimal.InvalidOperation: beyond the engine's 40 digits
            podglad.add_error(None, _("Wynik jest za duży, aby go pokazać."))
        else:
            wynik = formats.number_format(value, decimal_pos=wskaznik.miejsca, use_l10n=True, force_grouping=True)
    return _strona(request, wskaznik, form, podglad=podglad, wynik=wynik)
