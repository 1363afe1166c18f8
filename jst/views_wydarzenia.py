"""Edition events: the coordinator's management and attendance, the participants' list, details and
registration, the attendance-list PDF per day and the .ics file (issue 8)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doradztwo.access import get_edycja_for_user, role_in_edition
from doradztwo.forms import dodaj_bledy_uslugi
from doradztwo.services import KonfliktWersji
from doradztwo.views_zadania import strona_pliku
from doradztwo.wersje import konflikt_formularza
from jst import services_wydarzenia as services
from jst.access_wizyty import (
    czlonkostwa_w_edycji,
    czlonkowie_do_zapisu,
    edycje_uczestnika,
    get_wydarzenie_do_zapisu,
    get_wydarzenie_edycji,
    get_wydarzenie_for_user,
)
from jst.forms_wizyty import RejestracjaForm, WydarzenieForm
from jst.ical import odpowiedz_ics, wydarzenie_ics
from jst.models import Rejestracja, Wydarzenie
from jst.zadania_obecnosci import LISTA_OBECNOSCI

# --- The coordinator's pages ----------------------------------------------------------------


@require_GET
def wydarzenia_edycji(request, pk):
    edycja = get_edycja_for_user(request.user, pk)
    lista = list(Wydarzenie.objects.filter(edycja=edycja).annotate(zapisanych=Count("rejestracje")))
    return render(request, "jst/wydarzenia/lista_edycji.html", {"edycja": edycja, "wydarzenia": lista})


def _formularz(request, edycja, wydarzenie=None):
    form = WydarzenieForm(request.POST or None, instance=wydarzenie)
    status, konflikt = 200, None
    if request.method == "POST" and form.is_valid():
        try:
            if wydarzenie is None:
                zapisane = services.wydarzenie_utworz(edycja=edycja, dane=form.dane(), actor=request.user)
            else:
                zapisane = services.wydarzenie_zmien(wydarzenie=wydarzenie, dane=form.dane(),
                                                     wersja=form.cleaned_data["wersja"], actor=request.user)
        except KonfliktWersji as error:
            konflikt = konflikt_formularza(form, error, _(
                "Ktoś inny zapisał to wydarzenie, gdy je edytowałeś. Nic nie zostało zapisane. "
                "Porównaj wartości poniżej i zapisz ponownie."))
            status = 409
        except ValidationError as error:
            dodaj_bledy_uslugi(form, error)
        else:
            messages.success(request, _("Zapisano wydarzenie: %(nazwa)s.") % {"nazwa": zapisane.nazwa})
            return redirect("jst:wydarzenia_edycji", pk=edycja.pk)
    return render(request, "jst/wydarzenia/formularz.html",
                  {"edycja": edycja, "form": form, "wydarzenie": wydarzenie, "konflikt": konflikt}, status=status)


@require_http_methods(["GET", "POST"])
def wydarzenie_nowe(request, pk):
    return _formularz(request, get_edycja_for_user(request.user, pk))


@require_http_methods(["GET", "POST"])
def wydarzenie_edytuj(request, pk, wydarzenie_pk):
    edycja = get_edycja_for_user(request.user, pk)
    return _formularz(request, edycja, get_wydarzenie_edycji(edycja, wydarzenie_pk))


@require_http_methods(["GET", "POST"])
def obecnosc(request, pk, wydarzenie_pk):
    """A grid of registered members × days with one checkbox per cell, saved with one POST."""
    edycja = get_edycja_for_user(request.user, pk)
    wydarzenie = get_wydarzenie_edycji(edycja, wydarzenie_pk)
    dni = services.dni(wydarzenie)
    rejestracje = list(wydarzenie.rejestracje.select_related("czlonek__uzytkownik", "czlonek__udzial__jst")
                       .order_by("czlonek__udzial__jst__nazwa", "czlonek__uzytkownik__last_name", "pk"))
    blad = ""
    if request.method == "POST":
        obecni = set()
        try:
            for value in request.POST.getlist("obecny"):
                czlonek_pk, _sep, index = value.partition(":")
                obecni.add((int(czlonek_pk), dni[int(index)]))
            services.obecnosc_zapisz(wydarzenie=wydarzenie, obecni=obecni, actor=request.user)
        except (ValueError, IndexError):
            blad = _("Nieprawidłowe dane formularza — odśwież stronę i zaznacz obecność ponownie.")
        except ValidationError as error:
            blad = " ".join(error.messages)
        else:
            messages.success(request, _("Zapisano obecność."))
            return redirect("jst:obecnosc", pk=edycja.pk, wydarzenie_pk=wydarzenie.pk)
    zaznaczone = set(wydarzenie.obecnosci.filter(obecny=True).values_list("czlonek_id", "dzien"))
    wiersze = [{"rejestracja": r, "komorki": [{"wartosc": f"{r.czlonek_id}:{i}", "id": f"o-{r.czlonek_id}-{i}", "dzien": d,
                                               "obecny": (r.czlonek_id, d) in zaznaczone}
                                              for i, d in enumerate(dni)]} for r in rejestracje]
    return render(request, "jst/wydarzenia/obecnosc.html", {
        "edycja": edycja, "wydarzenie": wydarzenie, "dni": [(i + 1, d) for i, d in enumerate(dni)],
        "wiersze": wiersze, "blad": blad}, status=400 if blad else 200)


@require_http_methods(["GET", "POST"])
def lista_obecnosci_pdf(request, pk, wydarzenie_pk, dzien):
    edycja = get_edycja_for_user(request.user, pk)
    wydarzenie = get_wydarzenie_edycji(edycja, wydarzenie_pk)
    dni = services.dni(wydarzenie)
    if not 1 <= dzien <= len(dni):
        raise Http404
    return strona_pliku(request, LISTA_OBECNOSCI, {"wydarzenie": wydarzenie.pk, "dzien": dni[dzien - 1].isoformat()},
                        dostepny=True, szablon="jst/wydarzenia/pdf_strona.html",
                        kontekst={"edycja": edycja, "wydarzenie": wydarzenie, "dzien": dni[dzien - 1]})


# --- Participants' pages --------------------------------------------------------------------


@require_GET
def wydarzenia(request):
    """Events of every edition the user takes part in, with their own team's registrations."""
    lista = list(Wydarzenie.objects.filter(edycja__in=edycje_uczestnika(request.user)).select_related("edycja")
                 .annotate(zapisanych=Count("rejestracje")).order_by("-od", "pk"))
    moje = set(Rejestracja.objects.filter(czlonek__uzytkownik=request.user, czlonek__aktywny=True)
               .values_list("wydarzenie_id", flat=True))
    dzis = timezone.localdate()
    for w in lista:
        w.zapisany = w.pk in moje
        w.minione = w.do < dzis
    return render(request, "jst/wydarzenia/lista.html", {"wydarzenia": lista})


def _kontekst_wydarzenia(request, wydarzenie, form=None):
    czlonkowie = czlonkowie_do_zapisu(request.user, wydarzenie.edycja)
    zapisani_zespolu = list(wydarzenie.rejestracje.filter(czlonek__in=czlonkowie)
                            .select_related("czlonek__uzytkownik", "czlonek__udzial__jst").order_by("pk"))
    w_zespole = czlonkostwa_w_edycji(request.user, wydarzenie.edycja).exists()
    otwarte = wydarzenie.do >= timezone.localdate()
    if form is None and w_zespole and otwarte:
        form = RejestracjaForm(wydarzenie=wydarzenie, czlonkowie=czlonkowie)
    return {
        "wydarzenie": wydarzenie, "form": form, "zapisani_zespolu": zapisani_zespolu, "w_zespole": w_zespole,
        "zapisanych": wydarzenie.rejestracje.count(), "otwarte": otwarte,
        "mozna_wypisac": wydarzenie.od > timezone.localdate(),
        "koordynuje": role_in_edition(request.user, wydarzenie.edycja) is not None,
        "dni": [(i + 1, d) for i, d in enumerate(services.dni(wydarzenie))],
    }


@require_GET
def wydarzenie(request, pk):
    return render(request, "jst/wydarzenia/szczegoly.html",
                  _kontekst_wydarzenia(request, get_wydarzenie_for_user(request.user, pk)))


@require_POST
def wydarzenie_zapisz(request, pk):
    """A team member registers themselves; a leader may register any member of their team."""
    obiekt = get_wydarzenie_do_zapisu(request.user, pk)
    czlonkowie = czlonkowie_do_zapisu(request.user, obiekt.edycja)
    form = RejestracjaForm(request.POST, wydarzenie=obiekt, czlonkowie=czlonkowie)
    if form.is_valid():
        czlonek = form.cleaned_data["czlonek"] or czlonkostwa_w_edycji(request.user, obiekt.edycja) \
            .select_related("udzial").first()
        try:
            services.rejestracja_utworz(wydarzenie=obiekt, czlonek=czlonek, opcje=form.cleaned_data.get("opcje", []),
                                        actor=request.user)
        except ValidationError as error:
            dodaj_bledy_uslugi(form, error)
        else:
            messages.success(request, _("Zapisano na wydarzenie: %(kto)s.") % {"kto": czlonek})
            return redirect("jst:wydarzenie", pk=obiekt.pk)
    return render(request, "jst/wydarzenia/szczegoly.html", _kontekst_wydarzenia(request, obiekt, form))


@require_POST
def wydarzenie_wypisz(request, pk):
    obiekt = get_wydarzenie_do_zapisu(request.user, pk)
    czlonkowie = czlonkowie_do_zapisu(request.user, obiekt.edycja)
    wybrana = request.POST.get("rejestracja", "")
    wybrana = int(wybrana) if wybrana.isascii() and wybrana.isdigit() and len(wybrana) < 19 else None  # an id, or none
    rejestracja = (Rejestracja.objects.filter(wydarzenie=obiekt, czlonek__in=czlonkowie, pk=wybrana)
                   .select_related("wydarzenie", "czlonek__uzytkownik").first() if wybrana is not None else None)
    if rejestracja is None:
        messages.error(request, _("Nie znaleziono tej rejestracji — mogła zostać już anulowana."))
        return redirect("jst:wydarzenie", pk=obiekt.pk)
    try:
        services.rejestracja_usun(rejestracja=rejestracja, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Anulowano zapis: %(kto)s.") % {"kto": rejestracja.czlonek})
    return redirect("jst:wydarzenie", pk=obiekt.pk)


@require_GET
def wydarzenie_ics_view(request, pk):
    obiekt = get_wydarzenie_for_user(request.user, pk)
    return odpowiedz_ics(wydarzenie_ics(obiekt), f"wydarzenie-{obiekt.pk}.ics")

