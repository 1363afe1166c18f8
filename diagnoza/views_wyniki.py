"""Sheet results of a participation, the area choice, and the coordinator's overview of an edition."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from diagnoza import wyniki as w
from diagnoza.forms_wyniki import WyborObszaruForm
from diagnoza.services_wyniki import obszar_wybierz
from doradztwo.access import get_edycja_for_user
from doradztwo.forms import dodaj_bledy_uslugi
from doradztwo.przeglad import etykieta_stanu_zespolu
from doradztwo.services import KonfliktWersji
from doradztwo.wersje import konflikt_formularza
from doradztwo.wykresy import wykres_slupkowy
from jst.access import get_udzial_for_user

NA_STRONIE = 50  # JSTs a page of the edition overview: an edition has up to ~2,800


def _etykieta(wynik: w.WynikObszaru) -> str:
    return str(wynik.obszar) if wynik.obszar is not None else wynik.tytul


def _kontekst_wynikow(udzial) -> dict:
    arkusze = w.arkusze_udzialu(udzial)
    wyniki = w.wyniki_arkusza(arkusze)
    stan = w.stan_arkusza(arkusze)
    z_wynikiem = [x for x in wyniki if x.srednia is not None]
    wykres = None
    if z_wynikiem:
        wykres = wykres_slupkowy(
            _("Średnia ocen w obszarach (skala 1–4)"),
            [_etykieta(x) for x in z_wynikiem],
            [x.srednia for x in z_wynikiem],
            opis=_("Wykres słupkowy: średnia ocen stwierdzeń w każdym obszarze, na skali od 1 do 4. "
                   "Dokładne liczby są w tabeli pod wykresem."),
            naglowek_wartosci=_("Średnia"),
        )
    return {
        "udzial": udzial,
        "arkusze": arkusze,
        "wyniki": wyniki,
        "indywidualny": any(a.czlonek_id is not None for a in arkusze),
        "stan": stan,
        "stan_etykieta": capfirst(etykieta_stanu_zespolu(stan)) if stan else "",
        "zlozony": stan in w.ZLOZONE,
        "sugestie": w.sugestie(wyniki),
        "wykres": wykres,
    }


@require_http_methods(["GET"])
def wyniki(request, pk):
    udzial, rola = get_udzial_for_user(request.user, pk)
    context = _kontekst_wynikow(udzial)
    context.update(rola=rola, wybor=w.wybor_udzialu(udzial), moze_wybrac=w.moze_wybrac_obszar(rola))
    return render(request, "diagnoza/wyniki/wyniki.html", context)


@require_http_methods(["GET", "POST"])
def wybor_obszaru(request, pk):
    """The leader or a coordinator records the chosen area; a stale form shows both choices (409)."""
    udzial, _rola = w.get_udzial_do_wyboru_obszaru(request.user, pk)
    context = _kontekst_wynikow(udzial)
    wybor = w.wybor_udzialu(udzial)
    initial = {"wersja": wybor.wersja if wybor else 0}
    if wybor is not None:
        initial.update(obszar=wybor.obszar_id, uzasadnienie=wybor.uzasadnienie)
    form = WyborObszaruForm(request.POST or None, initial=initial)
    konflikt, status = None, 200
    if request.method == "POST" and form.is_valid():
        try:
            obszar_wybierz(udzial=udzial, actor=request.user, obszar=form.cleaned_data["obszar"],
                           uzasadnienie=form.cleaned_data["uzasadnienie"], wersja=form.cleaned_data["wersja"])
        except KonfliktWersji as error:
            wybor = w.wybor_udzialu(udzial)
            konflikt = konflikt_formularza(form, error, _(
                "Ktoś inny zapisał wybór obszaru, gdy go edytowałeś. Nic nie zostało zapisane. "
                "Porównaj oba wybory poniżej; aby zostawić swój, zapisz ponownie."),
                _roznice(wybor, form.cleaned_data))  # `wybor` (who, when) is shown above the table
            status = 409
        except ValidationError as error:
            dodaj_bledy_uslugi(form, error)
        else:
            messages.success(request, _("Zapisano wybrany obszar: %(obszar)s.") % {"obszar": form.cleaned_data["obszar"]})
            return redirect("diagnoza:wyniki", pk=udzial.pk)
    context.update(form=form, wybor=wybor, konflikt=konflikt, pokaz_formularz=context["zlozony"] or form.is_bound)
    return render(request, "diagnoza/wyniki/wybor_obszaru.html", context, status=status)


def _roznice(wybor, wpisane: dict) -> list[dict]:
    """Rows for includes/konflikt.html: the saved choice beside the one the user typed."""
    pola = WyborObszaruForm.base_fields
    rows = [
        {"pole": pola["obszar"].label, "zapisane": wybor.obszar, "wpisane": wpisane["obszar"]},
        {"pole": pola["uzasadnienie"].label, "zapisane": wybor.uzasadnienie, "wpisane": wpisane["uzasadnienie"]},
    ]
    return [r for r in rows if r["zapisane"] != r["wpisane"]]


@require_http_methods(["GET"])
def przeglad_edycji(request, pk):
    edycja = get_edycja_for_user(request.user, pk)
    strona = Paginator(w.udzialy_edycji(edycja), NA_STRONIE).get_page(request.GET.get("strona"))
    obszary, wiersze = w.przeglad_edycji(strona.object_list)
    for wiersz in wiersze:
        wiersz.stan_etykieta = capfirst(etykieta_stanu_zespolu(wiersz.stan)) if wiersz.stan else ""
    return render(request, "diagnoza/wyniki/przeglad_edycji.html",
                  {"edycja": edycja, "obszary": obszary, "wiersze": wiersze, "strona": strona})
