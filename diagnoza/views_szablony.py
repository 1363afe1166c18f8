"""The template editor (coordinators and administrators): templates and versions, sections and
questions of a draft, preview, publishing, new versions, and the version an edition uses."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from diagnoza import services
from diagnoza import services_szablony as edytor
from diagnoza.forms_szablony import PytanieForm, SekcjaForm, SzablonForm, WersjaEdycjiForm
from diagnoza.models import (
    Arkusz,
    ArkuszEdycji,
    PytanieSzablonu,
    SekcjaSzablonu,
    SzablonArkusza,
    WersjaSzablonu,
)
from doradztwo.access import get_edycja_for_user, require_coordinator
from doradztwo.forms import dodaj_bledy_uslugi
from doradztwo.models import Edycja

ROBOCZA = WersjaSzablonu.Stan.ROBOCZA

# --- Access: templates are a catalogue every coordinator reads and edits (CONVENTIONS §4) ---------


def get_wersja_for_user(user, pk) -> WersjaSzablonu:
    """A template version: coordinators and administrators; other roles 403, an unknown pk 404."""
    require_coordinator(user)
    return get_object_or_404(WersjaSzablonu.objects.select_related("szablon"), pk=pk)


def get_sekcja(wersja: WersjaSzablonu, pk) -> SekcjaSzablonu:
    """A section through its version (a section of another version is 404)."""
    sekcja = get_object_or_404(SekcjaSzablonu.objects.select_related("obszar"), pk=pk, wersja=wersja)
    sekcja.wersja = wersja
    return sekcja


def get_pytanie(wersja: WersjaSzablonu, pk) -> PytanieSzablonu:
    pytanie = get_object_or_404(PytanieSzablonu.objects.select_related("sekcja"), pk=pk, sekcja__wersja=wersja)
    pytanie.sekcja.wersja = wersja
    return pytanie


def _tylko_robocza(wersja: WersjaSzablonu) -> None:
    """A published version cannot be edited: its edit pages and buttons answer 403."""
    if wersja.stan != ROBOCZA:
        raise PermissionDenied


# --- Reads ----------------------------------------------------------------------------------------


def _szablony():
    """Templates with their versions and, per version, how many editions use it: two queries in all."""
    edycje = (ArkuszEdycji.objects.filter(wersja=OuterRef("pk")).order_by().values("wersja")
              .annotate(n=Count("pk")).values("n"))
    wersje = WersjaSzablonu.objects.annotate(liczba_edycji=Coalesce(Subquery(edycje), 0)).order_by("-numer")
    return SzablonArkusza.objects.prefetch_related(Prefetch("wersje", queryset=wersje)).order_by("nazwa", "pk")


def _sekcje(wersja: WersjaSzablonu) -> list[SekcjaSzablonu]:
    """Sections with their areas and questions, in order: two queries whatever their number. Each
    question with a show-if gets `warunek_etykiety`: the awaited answers as the team reads them."""
    sekcje = list(wersja.sekcje.select_related("obszar")
                  .prefetch_related(Prefetch("pytania", queryset=PytanieSzablonu.objects.order_by("kolejnosc", "pk")))
                  .order_by("kolejnosc", "pk"))
    by_code = {p.kod: p for s in sekcje for p in s.pytania.all()}
    for p in by_code.values():
        warunek = p.pokaz_jesli or {}
        if warunek.get("kod"):
            zrodlo = by_code.get(warunek["kod"])
            labels = {str(v): label for v, label in (zrodlo.opcje if zrodlo else [])}
            p.warunek_etykiety = ", ".join(labels.get(str(v), str(v)) for v in warunek.get("wartosci", []))
    return sekcje


def _url_wersji(wersja: WersjaSzablonu, kotwica: str = "") -> str:
    return reverse("diagnoza:wersja", kwargs={"pk": wersja.pk}) + (f"#{kotwica}" if kotwica else "")


def _dane(request):
    """Bound on every POST, even an empty one (so it shows "required" errors instead of nothing)."""
    return request.POST if request.method == "POST" else None


def _bledy(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# --- Templates and versions -----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def szablony(request):
    require_coordinator(request.user)
    form = SzablonForm(_dane(request))
    if request.method == "POST" and form.is_valid():
        try:
            wersja = edytor.szablon_utworz(**form.cleaned_data, actor=request.user)
        except ValidationError as error:
            dodaj_bledy_uslugi(form, error)
        else:
            messages.success(request, _("Utworzono szablon „%(nazwa)s”. Dodaj sekcje i pytania, a potem opublikuj "
                                        "wersję.") % {"nazwa": wersja.szablon.nazwa})
            return redirect("diagnoza:wersja", pk=wersja.pk)
    return render(request, "diagnoza/szablony/lista.html", {"szablony": _szablony(), "form": form})


@require_GET
def wersja(request, pk):
    wersja = get_wersja_for_user(request.user, pk)
    wersje = list(wersja.szablon.wersje.order_by("-numer"))
    return render(request, "diagnoza/szablony/wersja.html", {
        "wersja": wersja,
        "sekcje": _sekcje(wersja),
        "wersje": wersje,
        "robocza": next((w for w in wersje if w.stan == ROBOCZA), None),
        "edycje": Edycja.objects.filter(arkusz_edycji__wersja=wersja).order_by("-data_od", "pk"),
        "liczba_arkuszy": Arkusz.objects.filter(wersja_szablonu=wersja).count(),
        "edytowalna": wersja.stan == ROBOCZA,
    })


@require_GET
def wersja_podglad(request, pk):
    wersja = get_wersja_for_user(request.user, pk)
    return render(request, "diagnoza/szablony/podglad.html", {"wersja": wersja, "sekcje": _sekcje(wersja)})


@require_POST
def wersja_opublikuj(request, pk):
    wersja = get_wersja_for_user(request.user, pk)
    try:
        edytor.wersja_opublikuj(wersja=wersja, actor=request.user)
    except ValidationError as error:
        _bledy(request, error)
    else:
        messages.success(request, _("Opublikowano wersję %(numer)d. Koordynatorzy mogą ją teraz wybrać dla edycji.")
                         % {"numer": wersja.numer})
    return redirect("diagnoza:wersja", pk=wersja.pk)


@require_POST
def wersja_nowa(request, pk):
    wersja = get_wersja_for_user(request.user, pk)
    try:
        nowa = edytor.wersja_utworz_nowa(wersja=wersja, actor=request.user)
    except ValidationError as error:
        _bledy(request, error)
        return redirect("diagnoza:wersja", pk=wersja.pk)
    messages.success(request, _("Utworzono wersję roboczą %(numer)d — kopię wersji %(z)d. Wersja %(z)d i arkusze, "
                                "które jej używają, pozostają bez zmian.") % {"numer": nowa.numer, "z": wersja.numer})
    return redirect("diagnoza:wersja", pk=nowa.pk)


# --- Editing a draft ------------------------------------------------------------------------------


def _formularz(request, wersja: WersjaSzablonu, form, zapisz: Callable, sukces: Callable, szablon: str,
               kontekst: dict):
    """The edit-page flow of a draft: save through the service, errors next to the fields, the input
    kept. A published version refuses with 403; a POST to it still shows what was typed."""
    status = 200
    if wersja.stan != ROBOCZA:
        if request.method != "POST":
            raise PermissionDenied
        form.is_valid()
        form.add_error(None, edytor.WersjaOpublikowana())
        status = 403
    elif request.method == "POST" and form.is_valid():
        try:
            obj = zapisz(form)
        except edytor.WersjaOpublikowana as error:  # published between opening the page and saving
            form.add_error(None, error)
            status = 403
        except ValidationError as error:
            dodaj_bledy_uslugi(form, error)
        else:
            komunikat, kotwica = sukces(obj)
            messages.success(request, komunikat)
            return redirect(_url_wersji(wersja, kotwica))
    return render(request, szablon, {**kontekst, "wersja": wersja, "form": form}, status=status)


@require_http_methods(["GET", "POST"])
def sekcja_dodaj(request, pk):
    wersja = get_wersja_for_user(request.user, pk)
    return _formularz(
        request, wersja, SekcjaForm(_dane(request)),
        lambda form: edytor.sekcja_dodaj(wersja=wersja, dane=form.cleaned_data, actor=request.user),
        lambda s: (_("Dodano sekcję „%(tytul)s”.") % {"tytul": s.tytul}, f"sekcja-{s.pk}"),
        "diagnoza/szablony/sekcja.html", {"sekcja": None},
    )


@require_http_methods(["GET", "POST"])
def sekcja_edytuj(request, pk, sekcja_pk):
    wersja = get_wersja_for_user(request.user, pk)
    sekcja = get_sekcja(wersja, sekcja_pk)
    return _formularz(
        request, wersja, SekcjaForm(request.POST) if request.method == "POST" else SekcjaForm.dla(sekcja),
        lambda form: edytor.sekcja_zmien(sekcja=sekcja, dane=form.cleaned_data, actor=request.user),
        lambda s: (_("Zapisano sekcję „%(tytul)s”.") % {"tytul": s.tytul}, f"sekcja-{s.pk}"),
        "diagnoza/szablony/sekcja.html", {"sekcja": sekcja},
    )


@require_http_methods(["GET", "POST"])
def sekcja_usun(request, pk, sekcja_pk):
    wersja = get_wersja_for_user(request.user, pk)
    sekcja = get_sekcja(wersja, sekcja_pk)
    _tylko_robocza(wersja)
    if request.method == "GET":
        return render(request, "diagnoza/szablony/usun.html", {
            "wersja": wersja, "obiekt": sekcja, "rodzaj": "sekcja",
            "pytania": sekcja.pytania.order_by("kolejnosc", "pk"),
        })
    try:
        edytor.sekcja_usun(sekcja=sekcja, actor=request.user)
    except ValidationError as error:
        _bledy(request, error)
        return redirect(_url_wersji(wersja, f"sekcja-{sekcja.pk}"))
    messages.success(request, _("Usunięto sekcję „%(tytul)s” z jej pytaniami.") % {"tytul": sekcja.tytul})
    return redirect(_url_wersji(wersja))


@require_POST
def sekcja_przesun(request, pk, sekcja_pk):
    wersja = get_wersja_for_user(request.user, pk)
    sekcja = get_sekcja(wersja, sekcja_pk)
    _tylko_robocza(wersja)
    try:
        edytor.sekcja_przesun(sekcja=sekcja, kierunek=request.POST.get("kierunek", ""), actor=request.user)
    except ValidationError as error:
        _bledy(request, error)
    return redirect(_url_wersji(wersja, f"sekcja-{sekcja.pk}"))


@require_http_methods(["GET", "POST"])
def pytanie_dodaj(request, pk, sekcja_pk):
    wersja = get_wersja_for_user(request.user, pk)
    sekcja = get_sekcja(wersja, sekcja_pk)
    return _formularz(
        request, wersja, PytanieForm(_dane(request)),
        lambda form: edytor.pytanie_dodaj(sekcja=sekcja, dane=form.dane(), actor=request.user),
        lambda p: (_("Dodano pytanie %(kod)s.") % {"kod": p.kod}, f"pytanie-{p.pk}"),
        "diagnoza/szablony/pytanie.html",
        {"sekcja": sekcja, "pytanie": None, "wczesniejsze": edytor.pytania_przed(wersja=wersja, sekcja=sekcja)},
    )


@require_http_methods(["GET", "POST"])
def pytanie_edytuj(request, pk, pytanie_pk):
    wersja = get_wersja_for_user(request.user, pk)
    pytanie = get_pytanie(wersja, pytanie_pk)
    return _formularz(
        request, wersja, PytanieForm(request.POST) if request.method == "POST" else PytanieForm.dla(pytanie),
        lambda form: edytor.pytanie_zmien(pytanie=pytanie, dane=form.dane(), actor=request.user),
        lambda p: (_("Zapisano pytanie %(kod)s.") % {"kod": p.kod}, f"pytanie-{p.pk}"),
        "diagnoza/szablony/pytanie.html",
        {"sekcja": pytanie.sekcja, "pytanie": pytanie,
         "wczesniejsze": edytor.pytania_przed(wersja=wersja, sekcja=pytanie.sekcja, pytanie=pytanie)},
    )


@require_http_methods(["GET", "POST"])
def pytanie_usun(request, pk, pytanie_pk):
    wersja = get_wersja_for_user(request.user, pk)
    pytanie = get_pytanie(wersja, pytanie_pk)
    _tylko_robocza(wersja)
    if request.method == "GET":
        return render(request, "diagnoza/szablony/usun.html", {"wersja": wersja, "obiekt": pytanie, "rodzaj": "pytanie"})
    try:
        edytor.pytanie_usun(pytanie=pytanie, actor=request.user)
    except ValidationError as error:
        _bledy(request, error)
        return redirect(_url_wersji(wersja, f"pytanie-{pytanie.pk}"))
    messages.success(request, _("Usunięto pytanie %(kod)s.") % {"kod": pytanie.kod})
    return redirect(_url_wersji(wersja, f"sekcja-{pytanie.sekcja_id}"))


@require_POST
def pytanie_przesun(request, pk, pytanie_pk):
    wersja = get_wersja_for_user(request.user, pk)
    pytanie = get_pytanie(wersja, pytanie_pk)
    _tylko_robocza(wersja)
    try:
        edytor.pytanie_przesun(pytanie=pytanie, kierunek=request.POST.get("kierunek", ""), actor=request.user)
    except ValidationError as error:
        _bledy(request, error)
    return redirect(_url_wersji(wersja, f"pytanie-{pytanie.pk}"))


# --- The edition's version ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def wersja_edycji(request, pk):
    edycja = get_edycja_for_user(request.user, pk)
    obecna = ArkuszEdycji.objects.filter(edycja=edycja).select_related("wersja__szablon").first()
    form = WersjaEdycjiForm(_dane(request), initial={"wersja": obecna.wersja_id if obecna else None})
    if request.method == "POST" and form.is_valid():
        try:
            services.edycja_ustaw_wersje(edycja=edycja, wersja=form.cleaned_data["wersja"], actor=request.user)
        except ValidationError as error:
            dodaj_bledy_uslugi(form, error)
        else:
            messages.success(request, _("Edycja używa teraz wersji %(numer)d szablonu „%(nazwa)s”.") % {
                "numer": form.cleaned_data["wersja"].numer, "nazwa": form.cleaned_data["wersja"].szablon.nazwa})
            return redirect("diagnoza:wersja_edycji", pk=edycja.pk)
    return render(request, "diagnoza/szablony/wersja_edycji.html", {
        "edycja": edycja, "obecna": obecna.wersja if obecna else None, "form": form,
        "liczba_arkuszy": Arkusz.objects.filter(udzial__edycja=edycja).count(),
    })
