"""The diagnostic sheet: the whole sheet on one page, per-answer autosave, submit and reopen."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from diagnoza import services
from diagnoza.access import czlonek_uzytkownika, get_arkusz_for_user, get_pytanie, indywidualny, kopia_do_pokazania
from diagnoza.models import Odpowiedz, PytanieSzablonu
from doradztwo.przeglad import StanPrzegladu, historia, zablokowany


def _etykieta(pytanie, odpowiedz) -> str:
    if odpowiedz is None:
        return ""
    if odpowiedz.nie_wiem:
        return _("nie dotyczy / nie wiem")
    labels = {str(v): label for v, label in pytanie.opcje}
    value = odpowiedz.wartosc
    if isinstance(value, list):
        return ", ".join(labels.get(str(v), str(v)) for v in value)
    return labels.get(str(value), "" if value is None else str(value))


@require_GET
def arkusz(request, pk):
    udzial, rola, sheet, wersja = get_arkusz_for_user(request.user, pk)
    sekcje = []
    osoba, czlonkowie = None, []
    zrodlo = sheet  # the sheet whose answers are shown
    if indywidualny(wersja):
        osoba, zrodlo, czlonkowie = kopia_do_pokazania(request.user, udzial, rola, request.GET.get("osoba"))
    if wersja is not None:
        answers = {}
        if zrodlo is not None:
            answers = {o.pytanie_id: o for o in Odpowiedz.objects.filter(arkusz=zrodlo).select_related("autor")}
        sekcje = list(wersja.sekcje.select_related("obszar").prefetch_related(
            Prefetch("pytania", queryset=PytanieSzablonu.objects.order_by("kolejnosc", "pk"))))
        for sekcja in sekcje:
            sekcja.klucz_komentarzy = f"arkusz-{sekcja.kolejnosc}"
            sekcja.lista = []
            for pytanie in sekcja.pytania.all():
                odpowiedz = answers.get(pytanie.pk)
                sekcja.lista.append({"p": pytanie, "o": odpowiedz, "etykieta": _etykieta(pytanie, odpowiedz)})
            sekcja.wymagane = sum(1 for x in sekcja.lista if x["p"].wymagane)
            sekcja.odpowiedziane = sum(1 for x in sekcja.lista if x["o"] and (x["o"].wartosc is not None or x["o"].nie_wiem))
    stan = sheet.stan if sheet else StanPrzegladu.ROBOCZA
    edytowalny = rola.w_zespole and rola.can_write and not zablokowany(stan)
    return render(request, "diagnoza/arkusz.html", {
        "udzial": udzial, "rola": rola, "arkusz": sheet, "wersja": wersja, "sekcje": sekcje,
        "indywidualny": indywidualny(wersja), "osoba": osoba, "czlonkowie": czlonkowie,
        "stan": stan, "stan_etykieta": dict(StanPrzegladu.choices).get(stan, stan), "edytowalny": edytowalny,
        "wymagane": sum(s.wymagane for s in sekcje), "odpowiedziane": sum(s.odpowiedziane for s in sekcje),
        "historia_stanu": historia(sheet, "stan")[:10] if sheet else [],
        "klucz_lokalny": f"arkusz:{request.user.pk}:{udzial.pk}:{wersja.pk if wersja else 0}",
    })


def _json_odpowiedz(pytanie, odpowiedz, status=200, **extra):
    return JsonResponse({
        "wersja": odpowiedz.wersja, "wartosc": odpowiedz.wartosc, "nie_wiem": odpowiedz.nie_wiem,
        "etykieta": _etykieta(pytanie, odpowiedz), "autor": str(odpowiedz.autor),
        "czas": formats.date_format(timezone.localtime(odpowiedz.zmieniona), "SHORT_DATETIME_FORMAT"), **extra,
    }, status=status)


@require_POST
def odpowiedz(request, pk):
    """Autosave of one answer (fetch from the sheet page). JSON: 200 saved, 409 conflict with the
    other value/author/time, 400 invalid (message for the field), 401 signed out (middleware)."""
    udzial, rola, sheet, wersja = get_arkusz_for_user(request.user, pk, write=True)
    numer = str(request.POST.get("pytanie", ""))  # an id int() and the database accept, else 404
    pytanie = get_pytanie(wersja if numer.isdecimal() and len(numer) < 19 else None, numer or 0)
    try:
        expected = int(request.POST.get("wersja") or 0)
    except ValueError:
        return JsonResponse({"blad": _("Odśwież stronę i spróbuj ponownie.")}, status=400)
    wartosc = request.POST.getlist("wartosc") if pytanie.typ == PytanieSzablonu.Typ.WIELOKROTNY \
        else request.POST.get("wartosc")
    nie_wiem = request.POST.get("nie_wiem") == "1"
    try:
        if indywidualny(wersja):
            sheet = services.arkusz_zaloz(udzial=udzial, czlonek=czlonek_uzytkownika(request.user, udzial),
                                          actor=request.user)
        elif sheet is None:
            sheet = services.arkusz_zaloz(udzial=udzial, actor=request.user)
        saved = services.odpowiedz_zapisz(arkusz=sheet, pytanie=pytanie, wartosc=wartosc, nie_wiem=nie_wiem,
                                          wersja=expected, actor=request.user)
    except services.KonfliktOdpowiedzi as conflict:
        return _json_odpowiedz(pytanie, conflict.aktualna, status=409)
    except ValidationError as error:
        return JsonResponse({"blad": " ".join(error.messages)}, status=400)
    return _json_odpowiedz(pytanie, saved)


@require_POST
def zmien_stan(request, pk, akcja):
    """Submit (the leader), return / approve / reopen (the edition's coordinators)."""
    udzial, rola, sheet, wersja = get_arkusz_for_user(request.user, pk)
    allowed = {"zloz": rola.rola.value == "lider" and rola.can_write,
               "zwroc": rola.koordynuje, "zatwierdz": rola.koordynuje, "otworz": rola.koordynuje}
    if not allowed.get(akcja):
        raise PermissionDenied
    if sheet is None:
        messages.error(request, _("Arkusz nie ma jeszcze żadnej odpowiedzi."))
        return redirect("diagnoza:arkusz", pk=udzial.pk)
    try:
        services.arkusz_zmien_stan(arkusz=sheet, akcja=akcja, powod=request.POST.get("powod", ""),
                                   actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, {
            "zloz": _("Arkusz złożony. Koordynator i doradcy zostali powiadomieni."),
            "zwroc": _("Arkusz zwrócony zespołowi do uzupełnienia."),
            "zatwierdz": _("Arkusz zatwierdzony."),
            "otworz": _("Arkusz otwarty ponownie."),
        }[akcja])
    return redirect("diagnoza:arkusz", pk=udzial.pk)
