"""The final report of a participation: one page with every part of the report's form (sections with
autosave through static/js/autosave.js, title and contact person or interviewee, model documents, the
interview, photos), each part's own page for saving without JavaScript and for conflicts, the review,
and the coordinator's list of an edition's reports. Access through raporty.access; every change
through raporty.services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doradztwo.forms import dodaj_bledy_uslugi
from doradztwo.models import Plik
from doradztwo.przeglad import historia, zablokowany
from doradztwo.services import KonfliktWersji
from doradztwo.wersje import konflikt_formularza
from hdr.models import FormaRaportu
from raporty import services
from raporty.access import (
    get_edycja_raportow,
    get_pytanie,
    get_raport_for_user,
    get_sekcja,
    get_zdjecie,
    moze_edytowac,
    moze_wykonac,
    moze_zlozyc,
    require_raport,
)
from raporty.forms import (
    DaneForm,
    DokumentForm,
    DokumentyForm,
    FiltrRaportowForm,
    PytanieForm,
    RozpocznijForm,
    SekcjaForm,
    ZdjecieEdycjaForm,
    ZdjecieForm,
    ZwrotForm,
)
from raporty.formy import sekcje
from raporty.pulpit import NA_STRONIE


def _czas(value) -> str:
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT") if value else "—"


def _wroc(udzial, kotwica: str = ""):
    response = redirect("raporty:raport", pk=udzial.pk)
    if kotwica:
        response["Location"] += f"#{kotwica}"
    return response


def _blokada(request, raport) -> bool:
    """A write page of a submitted or accepted report: say so (the services refuse the change anyway)."""
    if zablokowany(raport.stan):
        messages.info(request, _("Raport jest złożony lub przyjęty — zmiany są zablokowane, dopóki koordynator "
                                 "go nie zwróci albo nie otworzy ponownie."))
        return True
    return False


def _konflikt(wiersze: list[dict], aktualny, kiedy) -> dict:
    """Both values of a stale save, with who saved the other one and when."""
    return {"wiersze": wiersze, "kto": str(aktualny.zmienil) if aktualny.zmienil_id else "—", "kiedy": _czas(kiedy)}


def _wiersze(form, aktualny, pola, logiczne=()) -> list[dict]:
    """The fields whose saved value differs from the typed one ("tak"/"nie" for yes/no fields, "—" for empty)."""
    wiersze = []
    for name in pola:
        zapisane, wpisane = getattr(aktualny, name), form.cleaned_data.get(name)
        if zapisane == wpisane:
            continue
        if name in logiczne:
            zapisane, wpisane = (_("tak") if zapisane else _("nie")), (_("tak") if wpisane else _("nie"))
        wiersze.append({"pole": form.fields[name].label, "zapisane": zapisane or "—", "wpisane": wpisane or "—"})
    return wiersze


def _usun(request, udzial, raport, co, tekst, usun, kotwica: str, komunikat, kotwica_po: str):
    """Delete a question or a photo: the first POST (its button) asks for confirmation, the confirmed one
    deletes and goes back to the list; a refusal goes back to the item."""
    if request.POST.get("potwierdz") != "1":
        return render(request, "raporty/raport/usun.html", {
            "udzial": udzial, "raport": raport, "co": co, "tekst": tekst, "akcja": request.path})
    try:
        usun()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _wroc(udzial, kotwica)
    messages.success(request, komunikat)
    return _wroc(udzial, kotwica_po)


def _przesun(request, udzial, przesun, kotwica: str):
    """Move a question or a photo up or down and go back to it."""
    try:
        przesun()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _wroc(udzial, kotwica)


# --- The page ---------------------------------------------------------------------------------


@require_GET
def raport(request, pk):
    udzial, rola, raport = get_raport_for_user(request.user, pk)
    plan = services.plan_z_hdr(udzial)
    context = {"udzial": udzial, "rola": rola, "raport": raport, "plan": plan,
               "moze_edytowac": moze_edytowac(rola), "formy": FormaRaportu}
    if raport is None:
        context["rozpocznij"] = RozpocznijForm() if moze_edytowac(rola) and plan is None else None
        return render(request, "raporty/raport/raport.html", context)
    edytowalny = moze_edytowac(rola) and not zablokowany(raport.stan)
    lista = services.sekcje_raportu(raport)
    if edytowalny:
        for s in lista:
            s.form = SekcjaForm(prefix=f"sekcja-{s.klucz}", definicja=s.definicja,
                                initial={"tresc": s.wiersz.tresc, "wersja": s.wiersz.wersja})
    context.update({
        "edytowalny": edytowalny, "sekcje": lista, "stan_etykieta": services.etykieta_stanu(raport.stan),
        "dane_form": DaneForm(forma=raport.forma, initial=_initial_danych(raport)) if edytowalny else None,
        "historia_stanu": list(historia(raport, "stan")[:10]), "akcje": services.AKCJE,
        "moze_zlozyc": moze_zlozyc(rola) and raport.stan in ("robocza", "zwrocona"),
        "braki": services.braki(raport) if raport.stan in ("robocza", "zwrocona") else [],
    })
    if raport.forma == FormaRaportu.DOBRA_PRAKTYKA:
        context["dokumenty"] = services.dokumenty(raport)
    if raport.forma == FormaRaportu.MINIREPORTAZ:
        pytania = services.pytania(raport)
        if edytowalny:
            for p in pytania:
                p.form = PytanieForm(prefix=f"pytanie-{p.pk}", autozapis=True,
                                     initial={"pytanie": p.pytanie, "odpowiedz": p.odpowiedz, "wersja": p.wersja})
            context["nowe_pytanie"] = PytanieForm(prefix="pytanie-nowe")
        context.update({"pytania": pytania, "zdjecia": services.zdjecia(raport)})
    if rola.koordynuje and raport.stan == "zlozona":
        context["zwrot_form"] = ZwrotForm(sekcje=sekcje(raport.forma))
    return render(request, "raporty/raport/raport.html", context)


@require_POST
def rozpocznij(request, pk):
    """„Rozpocznij raport”: creates the report (the only way a report comes to exist)."""
    udzial, rola, raport = get_raport_for_user(request.user, pk, write=True)
    if raport is not None:
        return _wroc(udzial)
    plan = services.plan_z_hdr(udzial)
    form = RozpocznijForm(request.POST)
    forma = ""
    if plan is None:
        if not form.is_valid():
            return render(request, "raporty/raport/raport.html", {
                "udzial": udzial, "rola": rola, "raport": None, "plan": None, "rozpocznij": form,
                "moze_edytowac": True, "formy": FormaRaportu}, status=400)
        forma = form.cleaned_data["forma"]
    try:
        nowy = services.raport_rozpocznij(udzial=udzial, forma=forma, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _wroc(udzial)
    messages.success(request, _("Raport rozpoczęty: %(forma)s. Sekcje wypełniliśmy tym, co wiemy z diagnozy i HDR "
                                "— sprawdźcie i uzupełnijcie je.") % {"forma": nowy.get_forma_display()})
    return _wroc(udzial)


# --- Sections ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def sekcja(request, pk, klucz):
    """One section's editor without JavaScript; a stale save answers 409 with both texts."""
    udzial, rola, raport = get_raport_for_user(request.user, pk, write=True)
    definicja, wiersz = get_sekcja(raport, klucz)
    zablokowana = _blokada(request, raport) if request.method == "GET" else False
    prefix = f"sekcja-{klucz}"
    initial = {"tresc": wiersz.tresc, "wersja": wiersz.wersja}
    form = SekcjaForm(request.POST if request.method == "POST" else None, prefix=prefix, definicja=definicja,
                      initial=initial)
    konflikt, status = None, 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                wiersz = services.sekcja_zapisz(raport=raport, klucz=klucz, tresc=form.cleaned_data["tresc"],
                                                wersja=form.cleaned_data.get("wersja"), actor=request.user)
            except KonfliktWersji as error:
                a = error.aktualny
                konflikt = konflikt_formularza(form, error, _(
                    "Ktoś inny zmienił tę sekcję, gdy ją edytowałeś. Nic nie zostało zapisane. "
                    "Porównaj teksty poniżej; aby zostawić swój, zapisz ponownie."), _konflikt(
                        [{"pole": definicja.tytul, "zapisane": a.tresc, "wpisane": form.cleaned_data["tresc"]}],
                        a, a.zmieniona))
                wiersz, status = a, 409
            except ValidationError as error:
                dodaj_bledy_uslugi(form, error)
            else:
                messages.success(request, _("Zapisano sekcję „%(s)s”.") % {"s": definicja.tytul})
                return _wroc(udzial, f"sekcja-{klucz}")
    return render(request, "raporty/raport/sekcja.html", {
        "udzial": udzial, "rola": rola, "raport": raport, "definicja": definicja, "wiersz": wiersz,
        "form": None if zablokowana else form, "konflikt": konflikt}, status=status)


def _json(wiersz, pole: str, status: int = 200, **extra) -> JsonResponse:
    """The row as saved: the field's value, who and when (what autosave.js shows and adopts)."""
    pola = {p: getattr(wiersz, p) for p in (("tresc",) if pole == "tresc" else services.POLA_PYTANIA)}
    kiedy = getattr(wiersz, "zmieniona", None) or getattr(wiersz, "zmienione", None)
    return JsonResponse({"wersja": wiersz.wersja, "pole": pole, "wartosc": getattr(wiersz, pole), "pola": pola,
                         "autor": str(wiersz.zmienil) if wiersz.zmienil_id else "—", "czas": _czas(kiedy), **extra},
                        status=status)


def _autozapis(zapisz, pole: str, etykieta) -> JsonResponse:
    """Run an autosave: 200 with the saved row, 409 with the other one (nothing saved), 400 refused."""
    try:
        saved = zapisz()
    except KonfliktWersji as conflict:
        return _json(conflict.aktualny, pole, status=409, etykieta=str(etykieta))
    except ValidationError as error:
        return JsonResponse({"blad": " ".join(error.messages)}, status=400)
    return _json(saved, pole, komunikat=_("zapisano"), zapisano=saved.zapisano)


def _wersja_z(request) -> int | None:
    try:
        return int(request.POST.get("wersja") or 0)
    except ValueError:
        return None


@require_POST
def sekcja_autozapis(request, pk, klucz):
    """Autosave of a section (fetch from the page). JSON: 200 saved, 409 conflict (the other text, author,
    time; nothing saved), 400 invalid or locked, 401 signed out (middleware)."""
    udzial, rola, raport = get_raport_for_user(request.user, pk, write=True)
    definicja, _wiersz = get_sekcja(raport, klucz)
    wersja = _wersja_z(request)
    if request.POST.get("pole") != "tresc" or wersja is None:
        return JsonResponse({"blad": _("Odśwież stronę i spróbuj ponownie.")}, status=400)
    return _autozapis(lambda: services.sekcja_zapisz(raport=raport, klucz=klucz, tresc=request.POST.get("wartosc", ""),
                                                     wersja=wersja, actor=request.user),
                      "tresc", definicja.tytul)


# --- Title, contact person, interviewee ---------------------------------------------------------


def _initial_danych(raport) -> dict:
    return {**{p: getattr(raport, p) for p in services.POLA_DANYCH.get(raport.forma, ())}, "wersja": raport.wersja}


@require_http_methods(["GET", "POST"])
def dane(request, pk):
    udzial, rola, raport = get_raport_for_user(request.user, pk, write=True)
    raport = require_raport(raport)
    zablokowana = _blokada(request, raport) if request.method == "GET" else False
    form = DaneForm(request.POST if request.method == "POST" else None, forma=raport.forma,
                    initial=_initial_danych(raport))
    konflikt, status = None, 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.raport_zapisz_dane(raport=raport, dane=form.dane(), wersja=form.cleaned_data.get("wersja"),
                                            actor=request.user)
            except KonfliktWersji as error:
                a = error.aktualny
                pola = [name for name in form.fields if name != "wersja"]
                konflikt = konflikt_formularza(form, error, _(
                    "Ktoś inny zmienił dane raportu, gdy je edytowałeś. Nic nie zostało zapisane. "
                    "Porównaj wartości poniżej; aby zostawić swoje, zapisz ponownie."),
                    _konflikt(_wiersze(form, a, pola, services.POLA_LOGICZNE), a, a.zmieniony))
                raport, status = a, 409
            except ValidationError as error:
                dodaj_bledy_uslugi(form, error)
            else:
                messages.success(request, _("Zapisano dane raportu."))
                return _wroc(udzial, "dane-raportu")
    return render(request, "raporty/raport/dane.html", {
        "udzial": udzial, "rola": rola, "raport": raport, "form": None if zablokowana else form,
        "konflikt": konflikt}, status=status)


# --- Model documents (good practice) ------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def dokumenty(request, pk):
    """Choose the model documents among the participation's files, or upload a new one."""
    udzial, rola, raport = get_raport_for_user(request.user, pk, write=True)
    raport = require_raport(raport, FormaRaportu.DOBRA_PRAKTYKA)
    zablokowana = _blokada(request, raport) if request.method == "GET" else False
    pliki = list(Plik.objects.filter(udzial=udzial).order_by("nazwa", "pk"))
    wybrane = [str(p.pk) for p in raport.dokumenty.all()]
    wybor = DokumentyForm(initial={"pliki": wybrane}, pliki=pliki)
    nowy = DokumentForm()
    status = 200
    if request.method == "POST":
        status = 400
        if "plik" in request.FILES or request.POST.get("akcja") == "dodaj":
            nowy = DokumentForm(request.POST, request.FILES)
            if nowy.is_valid():
                try:
                    plik = services.dokument_dodaj(raport=raport, plik=nowy.cleaned_data["plik"],
                                                   opis=nowy.cleaned_data["opis"], actor=request.user)
                except ValidationError as error:
                    dodaj_bledy_uslugi(nowy, error)
                else:
                    messages.success(request, _("Dodano dokument wzorcowy „%(nazwa)s”.") % {"nazwa": plik.nazwa})
                    return _wroc(udzial, "dokumenty")
        else:
            wybor = DokumentyForm(request.POST, pliki=pliki)
            if wybor.is_valid():
                try:
                    services.dokumenty_ustaw(raport=raport, pliki=wybor.cleaned_data["pliki"], actor=request.user)
                except ValidationError as error:
                    dodaj_bledy_uslugi(wybor, error)
                else:
                    messages.success(request, _("Zapisano listę dokumentów wzorcowych."))
                    return _wroc(udzial, "dokumenty")
    return render(request, "raporty/raport/dokumenty.html", {
        "udzial": udzial, "rola": rola, "raport": raport, "zablokowana": zablokowana, "wybor": wybor,
        "nowy": nowy, "pliki": pliki}, status=status)


# --- Interview (reportage) ----------------------------------------------------------------------


def _strona_pytania(request, udzial, raport, form, pytanie=None, konflikt=None, status=200, zablokowana=False):
    return render(request, "raporty/raport/pytanie.html", {
        "udzial": udzial, "raport": raport, "form": None if zablokowana else form, "pytanie": pytanie,
        "konflikt": konflikt}, status=status)


@require_http_methods(["GET", "POST"])
def pytanie_dodaj(request, pk):
    udzial, rola, raport = get_raport_for_user(request.user, pk, write=True)
    raport = require_raport(raport, FormaRaportu.MINIREPORTAZ)
    zablokowana = _blokada(request, raport) if request.method == "GET" else False
    form = PytanieForm(request.POST if request.method == "POST" else None, prefix="pytanie-nowe")
    if request.method == "GET":
        return _strona_pytania(request, udzial, raport, form, zablokowana=zablokowana)
    if form.is_valid():
        try:
            nowe = services.pytanie_dodaj(raport=raport, dane=form.dane(), actor=request.user)
        except ValidationError as error:
            dodaj_bledy_uslugi(form, error)
        else:
            messages.success(request, _("Dodano pytanie wywiadu."))
            return _wroc(udzial, f"pytanie-{nowe.pk}")
    return _strona_pytania(request, udzial, raport, form, status=400)


@require_http_methods(["GET", "POST"])
def pytanie(request, pk, pytanie_pk):
    udzial, rola, raport = get_raport_for_user(request.user, pk, write=True)
    obj = get_pytanie(raport, pytanie_pk)
    zablokowana = _blokada(request, raport) if request.method == "GET" else False
    form = PytanieForm(request.POST if request.method == "POST" else None, prefix=f"pytanie-{obj.pk}",
                       initial={"pytanie": obj.pytanie, "odpowiedz": obj.odpowiedz, "wersja": obj.wersja})
    if request.method == "GET":
        return _strona_pytania(request, udzial, raport, form, obj, zablokowana=zablokowana)
    konflikt, status = None, 400
    if form.is_valid():
        try:
            services.pytanie_zmien(pytanie=obj, dane=form.dane(), wersja=form.cleaned_data.get("wersja"),
                                   actor=request.user)
        except KonfliktWersji as error:
            a = error.aktualny
            konflikt = konflikt_formularza(form, error, _(
                "Ktoś inny zmienił to pytanie, gdy je edytowałeś. Nic nie zostało zapisane. "
                "Porównaj teksty poniżej; aby zostawić swoje, zapisz ponownie."),
                _konflikt(_wiersze(form, a, services.POLA_PYTANIA), a, a.zmienione))
            obj, status = a, 409
        except ValidationError as error:
            dodaj_bledy_uslugi(form, error)
        else:
            messages.success(request, _("Zapisano pytanie wywiadu."))
            return _wroc(udzial, f"pytanie-{obj.pk}")
    return _strona_pytania(request, udzial, raport, form, obj, konflikt, status)


@require_POST
def pytanie_autozapis(request, pk, pytanie_pk):
    """Autosave of a question or its answer: JSON like the sections' autosave."""
    udzial, rola, raport = get_raport_for_user(request.user, pk, write=True)
    obj = get_pytanie(raport, pytanie_pk)
    pole, wersja = request.POST.get("pole", ""), _wersja_z(request)
    if pole not in services.POLA_PYTANIA or wersja is None:
        return JsonResponse({"blad": _("Odśwież stronę i spróbuj ponownie.")}, status=400)
    return _autozapis(lambda: services.pytanie_zapisz_pole(pytanie=obj, pole=pole, wartosc=request.POST.get("wartosc", ""),
                                                           wersja=wersja, actor=request.user),
                      pole, PytanieForm.base_fields[pole].label)


@require_POST
def pytanie_usun(request, pk, pytanie_pk):
    """The first POST (the question's button) asks for confirmation; the confirmed POST deletes."""
    udzial, rola, raport = get_raport_for_user(request.user, pk, write=True)
    obj = get_pytanie(raport, pytanie_pk)
    return _usun(request, udzial, raport, _("pytanie wywiadu"), obj.pytanie,
                 lambda: services.pytanie_usun(pytanie=obj, actor=request.user),
                 f"pytanie-{obj.pk}", _("Usunięto pytanie wywiadu."), "wywiad")


@require_POST
def pytanie_przesun(request, pk, pytanie_pk, kierunek):
    udzial, rola, raport = get_raport_for_user(request.user, pk, write=True)
    obj = get_pytanie(raport, pytanie_pk)
    return _przesun(request, udzial, lambda: services.pytanie_przesun(pytanie=obj, kierunek=kierunek,
                                                                      actor=request.user), f"pytanie-{obj.pk}")


# --- Photos (reportage) -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def zdjecia(request, pk):
    """The reportage's photos with the upload form."""
    udzial, rola, raport = get_raport_for_user(request.user, pk, write=True)
    raport = require_raport(raport, FormaRaportu.MINIREPORTAZ)
    zablokowana = _blokada(request, raport) if request.method == "GET" else False
    form = ZdjecieForm(request.POST or None, request.FILES or None) if request.method == "POST" else ZdjecieForm()
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.zdjecie_dodaj(raport=raport, plik=form.cleaned_data["plik"],
                                       dane={k: form.cleaned_data[k] for k in ("podpis", "zgoda")}, actor=request.user)
            except ValidationError as error:
                dodaj_bledy_uslugi(form, error)
            else:
                messages.success(request, _("Dodano zdjęcie."))
                return _wroc(udzial, "zdjecia")
    return render(request, "raporty/raport/zdjecia.html", {
        "udzial": udzial, "rola": rola, "raport": raport, "zdjecia": services.zdjecia(raport),
        "form": None if zablokowana else form}, status=status)


@require_http_methods(["GET", "POST"])
def zdjecie(request, pk, zdjecie_pk):
    udzial, rola, raport = get_raport_for_user(request.user, pk, write=True)
    obj = get_zdjecie(raport, zdjecie_pk)
    zablokowana = _blokada(request, raport) if request.method == "GET" else False
    form = ZdjecieEdycjaForm(request.POST if request.method == "POST" else None,
                             initial=ZdjecieEdycjaForm.initial_z(obj))
    konflikt, status = None, 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.zdjecie_zmien(zdjecie=obj, dane={k: form.cleaned_data[k] for k in ("podpis", "zgoda")},
                                       poprzednie=form.poprzednie(), actor=request.user)
            except KonfliktWersji as error:
                a = error.aktualny
                tak_nie = {True: _("tak"), False: _("nie")}
                wiersze = [row for row in (
                    {"pole": form.fields["podpis"].label, "zapisane": a.podpis, "wpisane": form.cleaned_data["podpis"]},
                    {"pole": form.fields["zgoda"].label, "zapisane": tak_nie[a.zgoda],
                     "wpisane": tak_nie[form.cleaned_data["zgoda"]]},
                ) if row["zapisane"] != row["wpisane"]]
                konflikt = konflikt_formularza(form, error, _(
                    "Ktoś inny zmienił podpis lub zgodę, gdy je edytowałeś. Nic nie zostało "
                    "zapisane. Porównaj wartości poniżej; aby zostawić swoje, zapisz ponownie."),
                    {"wiersze": wiersze, "kto": None, "kiedy": None},
                    wartosci={"podpis_przed": a.podpis, "zgoda_przed": "1" if a.zgoda else ""})
                obj, status = a, 409
            except ValidationError as error:
                dodaj_bledy_uslugi(form, error)
            else:
                messages.success(request, _("Zapisano podpis zdjęcia."))
                return _wroc(udzial, f"zdjecie-{obj.pk}")
    return render(request, "raporty/raport/zdjecie.html", {
        "udzial": udzial, "raport": raport, "zdjecie": obj, "form": None if zablokowana else form,
        "konflikt": konflikt}, status=status)


@require_POST
def zdjecie_usun(request, pk, zdjecie_pk):
    udzial, rola, raport = get_raport_for_user(request.user, pk, write=True)
    obj = get_zdjecie(raport, zdjecie_pk)
    return _usun(request, udzial, raport, _("zdjęcie"), obj.podpis,
                 lambda: services.zdjecie_usun(zdjecie=obj, actor=request.user),
                 f"zdjecie-{obj.pk}", _("Usunięto zdjęcie."), "zdjecia")


@require_POST
def zdjecie_przesun(request, pk, zdjecie_pk, kierunek):
    udzial, rola, raport = get_raport_for_user(request.user, pk, write=True)
    obj = get_zdjecie(raport, zdjecie_pk)
    return _przesun(request, udzial, lambda: services.zdjecie_przesun(zdjecie=obj, kierunek=kierunek,
                                                                      actor=request.user), f"zdjecie-{obj.pk}")


# --- Review -----------------------------------------------------------------------------------


@require_POST
def zmien_stan(request, pk, akcja):
    """Submit (the leader), return with a reason and per-section remarks / accept / reopen (coordinators)."""
    udzial, rola, raport = get_raport_for_user(request.user, pk)
    if not moze_wykonac(rola, akcja):
        raise PermissionDenied
    if raport is None:
        messages.error(request, _("Zespół nie rozpoczął jeszcze raportu końcowego."))
        return _wroc(udzial, "przeglad")
    powod, uwagi = request.POST.get("powod", ""), {}
    if akcja == "zwroc":
        form = ZwrotForm(request.POST, sekcje=sekcje(raport.forma))
        if form.is_valid():
            powod, uwagi = form.cleaned_data["powod"], form.uwagi()
        elif "powod" in form.errors:
            messages.error(request, _("Podaj powód zwrotu."))
            return _wroc(udzial, "przeglad")
        else:
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
            return _wroc(udzial, "przeglad")
    try:
        services.raport_zmien_stan(raport=raport, akcja=akcja, powod=powod, uwagi=uwagi, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, {
            "zloz": _("Raport końcowy złożony. Koordynator i doradcy zostali powiadomieni."),
            "zwroc": _("Raport końcowy zwrócony zespołowi do poprawy."),
            "zatwierdz": _("Raport końcowy przyjęty. Udział JST jest zakończony."),
            "otworz": _("Raport końcowy otwarty ponownie."),
        }[akcja])
    return _wroc(udzial, "przeglad")


# --- The coordinator's list -------------------------------------------------------------------


@require_GET
def raporty_edycji(request, pk):
    edycja = get_edycja_raportow(request.user, pk)
    filtr = FiltrRaportowForm(request.GET)
    stan = filtr.cleaned_data["stan"] if filtr.is_valid() else ""
    strona = Paginator(services.raporty_edycji(edycja, stan=stan), NA_STRONIE).get_page(request.GET.get("strona"))
    strona.object_list = services.opisz_raporty(strona.object_list)
    return render(request, "raporty/raport/lista.html", {
        "edycja": edycja, "strona": strona, "wiersze": strona.object_list, "filtr": filtr, "stan": stan,
        **services.liczby_raportow(edycja),
    })
