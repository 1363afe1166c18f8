"""The administrator's personal-data pages (RODO, issue 11): find a person, see what we hold and what
stays after an anonymisation (with the reason), export it (JSON or PDF, as a job), anonymise a person
who left, and set the retention period of each kind of evidence. Administrators only: anyone else 403."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from doradztwo import rodo
from doradztwo.access import require_admin
from doradztwo.forms import dodaj_bledy_uslugi, konflikt_roznice
from doradztwo.forms_rodo import AnonimizacjaForm, RetencjaForm, SzukajOsobyForm
from doradztwo.models import RetencjaDanych
from doradztwo.services import KonfliktWersji
from doradztwo.views_zadania import strona_pliku
from doradztwo.zadania_rodo import FORMATY, dane_pdf


@require_GET
def osoby(request):
    require_admin(request.user)
    form = SzukajOsobyForm(request.GET or None)
    szukano = form.is_valid() and bool(form.cleaned_data["q"].strip())
    wyniki = list(rodo.szukaj_osob(form.cleaned_data["q"])) if szukano else []
    return render(request, "doradztwo/rodo/osoby.html", {
        "form": form, "szukano": szukano, "wyniki": wyniki, "limit": rodo.MAKS_WYNIKOW,
    })


@require_GET
def osoba(request, pk):
    uzytkownik = rodo.get_osoba_for_user(request.user, pk)
    return render(request, "doradztwo/rodo/osoba.html", {
        **dane_pdf(uzytkownik), "uwagi": [] if rodo.zanonimizowana(uzytkownik) else rodo.uwagi(uzytkownik),
    })


@require_http_methods(["GET", "POST"])
def eksport(request, pk, typ):
    """GET serves the stored current file (or the running job, or a page with the button); POST starts
    the job."""
    uzytkownik = rodo.get_osoba_for_user(request.user, pk)
    rodzaj = FORMATY.get(typ)
    if rodzaj is None:
        raise Http404
    return strona_pliku(request, rodzaj, {"osoba": uzytkownik.pk}, dostepny=True,
                        szablon="doradztwo/rodo/eksport.html", kontekst={"osoba": uzytkownik, "typ": typ})


@require_http_methods(["GET", "POST"])
def anonimizacja(request, pk):
    uzytkownik = rodo.get_osoba_for_user(request.user, pk)
    if rodo.zanonimizowana(uzytkownik) is not None:
        if request.method == "POST":
            messages.info(request, _("Dane tej osoby zostały już zanonimizowane."))
            return redirect("rodo_admin:osoba", pk=uzytkownik.pk)
        return render(request, "doradztwo/rodo/anonimizacja.html", {"osoba": uzytkownik, "juz": True})
    form = AnonimizacjaForm(request.POST or None, login=uzytkownik.get_username())
    if request.method == "POST" and form.is_valid():
        try:
            wynik = rodo.osoba_anonimizuj(uzytkownik=uzytkownik, powod=form.cleaned_data["powod"],
                                          actor=request.user)
        except ValidationError as error:
            dodaj_bledy_uslugi(form, error)
        else:
            messages.success(request, _("Dane osoby zanonimizowano. Zachowane dokumenty: %(n)d.") % {
                "n": wynik.zachowane.count()})
            return redirect("rodo_admin:osoba", pk=uzytkownik.pk)
    return render(request, "doradztwo/rodo/anonimizacja.html", {
        "osoba": uzytkownik, "form": form, "zachowane": rodo.pozycje_zachowane(uzytkownik),
        "uwagi": rodo.uwagi(uzytkownik), "wlasne_konto": uzytkownik.pk == request.user.pk,
    })


@require_GET
def retencja(request):
    require_admin(request.user)
    zapisane = rodo.okresy()
    pozycje = [{"kod": r.kod, "nazwa": r.nazwa, "opis": r.opis, "regula": zapisane.pop(r.kod, None)}
               for r in rodo.rodzaje_retencji()]
    # Rows of a kind no app registers any more: still shown, so nothing is hidden from the administrator.
    pozycje += [{"kod": kod, "nazwa": kod, "opis": "", "regula": regula} for kod, regula in sorted(zapisane.items())]
    return render(request, "doradztwo/rodo/retencja.html", {"pozycje": pozycje})


@require_http_methods(["GET", "POST"])
def retencja_rodzaj(request, kod):
    require_admin(request.user)
    rodzaj = rodo.rodzaj_retencji(kod)
    regula = RetencjaDanych.objects.filter(rodzaj=kod).first()
    if rodzaj is None and regula is None:
        raise Http404
    nazwa = rodzaj.nazwa if rodzaj else kod
    initial = {"lata": regula.lata, "podstawa": regula.podstawa, "wersja": regula.wersja} if regula else {"wersja": 0}
    form = RetencjaForm(request.POST or None, initial=initial)
    konflikt, status = None, 200
    if request.method == "POST" and form.is_valid():
        try:
            rodo.retencja_zapisz(kod=kod, lata=form.cleaned_data["lata"], podstawa=form.cleaned_data["podstawa"],
                                 wersja=form.cleaned_data.get("wersja"), actor=request.user)
        except KonfliktWersji as error:
            konflikt, status = konflikt_roznice(form, error.aktualny), 409
            form.add_error(None, _("Ktoś inny zapisał to ustawienie, gdy je edytowałeś. Nic nie zostało zapisane. "
                                   "Porównaj wartości poniżej i zapisz ponownie."))
            data = request.POST.copy()
            data["wersja"] = error.aktualny.wersja
            form.data = data
        except ValidationError as error:
            dodaj_bledy_uslugi(form, error)
        else:
            messages.success(request, _("Zapisano okres przechowywania: %(nazwa)s.") % {"nazwa": nazwa})
            return redirect("rodo_admin:retencja")
    return render(request, "doradztwo/rodo/retencja_rodzaj.html", {
        "kod": kod, "nazwa": nazwa, "rodzaj": rodzaj, "regula": regula, "form": form, "konflikt": konflikt,
    }, status=status)
