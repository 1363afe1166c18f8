"""Reminder settings: an edition's rules and sent log (`/edycje/<id>/przypomnienia/`, the edition's
coordinators), one rule's form, and one's own notification settings (`/powiadomienia/ustawienia/`)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from doradztwo import przypomnienia
from doradztwo.access import get_edycja_for_user
from doradztwo.forms import dodaj_bledy_uslugi
from doradztwo.forms_przypomnienia import PreferencjeForm, RegulaForm
from doradztwo.services import KonfliktWersji
from doradztwo.wersje import konflikt_formularza

NA_STRONE = 50


@require_GET
def edycja(request, pk):
    edycja = get_edycja_for_user(request.user, pk)
    reguly = przypomnienia.reguly_edycji(edycja)
    nazwy = {r.rodzaj.kod: r.rodzaj.nazwa for r in reguly}
    kod = request.GET.get("rodzaj", "")
    if kod not in nazwy:
        kod = ""
    strona = Paginator(przypomnienia.wyslane_edycji(edycja, kod), NA_STRONE).get_page(request.GET.get("strona"))
    for wpis in strona:
        wpis.rodzaj_nazwa = nazwy.get(wpis.rodzaj, wpis.rodzaj)
        wpis.okres_pl = przypomnienia.okres_pl(wpis.okres)
    return render(request, "doradztwo/przypomnienia/edycja.html", {
        "edycja": edycja, "reguly": reguly, "strona": strona, "kod": kod, "nazwy": nazwy,
    })


@require_http_methods(["GET", "POST"])
def regula(request, pk, rodzaj):
    edycja = get_edycja_for_user(request.user, pk)
    regula = przypomnienia.regula_edycji(edycja, rodzaj)
    if regula is None:
        raise Http404
    form = RegulaForm(request.POST or None, rodzaj=regula.rodzaj,
                      initial={"wlaczona": regula.wlaczona, "dni": regula.dni, "wersja": regula.wersja})
    konflikt, status = None, 200
    if request.method == "POST" and form.is_valid():
        try:
            przypomnienia.regula_zapisz(edycja=edycja, kod=rodzaj, wlaczona=form.cleaned_data["wlaczona"],
                                        dni=form.cleaned_data.get("dni"), wersja=form.cleaned_data.get("wersja"),
                                        actor=request.user)
        except KonfliktWersji as error:
            konflikt = _tak_nie(konflikt_formularza(form, error, _(
                "Ktoś inny zapisał to ustawienie, gdy je edytowałeś. Nic nie zostało zapisane. "
                "Porównaj wartości poniżej i zapisz ponownie.")))
            status = 409
        except ValidationError as error:
            dodaj_bledy_uslugi(form, error)
        else:
            messages.success(request, _("Zapisano ustawienie przypomnienia „%(nazwa)s”.") % {
                "nazwa": regula.rodzaj.nazwa})
            return redirect("przypomnienia:edycja", pk=edycja.pk)
    return render(request, "doradztwo/przypomnienia/regula.html",
                  {"edycja": edycja, "regula": regula, "form": form, "konflikt": konflikt}, status=status)


def _tak_nie(rows: list[dict]) -> list[dict]:
    def show(value):
        return (_("tak") if value else _("nie")) if isinstance(value, bool) else value

    return [{**row, "zapisane": show(row["zapisane"]), "wpisane": show(row["wpisane"])} for row in rows]


@require_http_methods(["GET", "POST"])
def ustawienia(request):
    rodzaje = przypomnienia.rodzaje()
    form = PreferencjeForm(request.POST or None, rodzaje=rodzaje, initial=przypomnienia.preferencje(request.user))
    if request.method == "POST" and form.is_valid():
        przypomnienia.preferencje_zapisz(uzytkownik=request.user, wybory=form.cleaned_data, actor=request.user)
        messages.success(request, _("Zapisano ustawienia powiadomień."))
        return redirect("przypomnienia:ustawienia")
    return render(request, "doradztwo/przypomnienia/ustawienia.html", {"form": form})
