"""Comment threads of a participation: list and add, reply, resolve, reopen."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from doradztwo.forms import dodaj_bledy_uslugi
from doradztwo.komentarze import get_komentarz_for_role, komentarz_dodaj, komentarz_otworz, komentarz_rozwiaz
from jst.access import get_udzial_for_user
from jst.forms_komentarze import SEKCJE_UDZIALU, KomentarzForm, OdpowiedzForm, nazwa_sekcji


def _wroc(request, udzial, kotwica: str = "") -> str:
    """Back to the page the form was on (the participation page embeds threads too), else the list."""
    url = request.POST.get("wroc", "")
    if not (url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()})):
        url = reverse("jst:komentarze", args=[udzial.pk])
    return url.split("#")[0] + (f"#{kotwica}" if kotwica else "")


def _strona(request, udzial, rola, bledny=None, status=200):
    from doradztwo.models import Komentarz

    # The fixed sections, then every other section that has threads here (sheet, task, diagnosis).
    uzyte = sorted(set(Komentarz.objects.filter(udzial=udzial).values_list("sekcja", flat=True)) - set(SEKCJE_UDZIALU))
    sekcje = list(SEKCJE_UDZIALU.items()) + [(k, nazwa_sekcji(k)) for k in uzyte if nazwa_sekcji(k)]
    context = {"udzial": udzial, "rola": rola, "sekcje": sekcje, "komentarz_bledny": bledny,
               "komentarze_wroc": _wroc(request, udzial) if request.method == "POST" else None}
    return render(request, "doradztwo/komentarze/udzial.html", context, status=status)


@require_http_methods(["GET", "POST"])
def komentarze(request, pk):
    udzial, rola = get_udzial_for_user(request.user, pk, write=request.method == "POST")
    if request.method == "GET":
        return _strona(request, udzial, rola)
    data = request.POST.copy()
    if nazwa_sekcji(data.get("sekcja")) is None:  # only a tampered form gets here
        data["sekcja"] = next(iter(SEKCJE_UDZIALU))
    sekcja = data["sekcja"]
    form = KomentarzForm(data, rola=rola, auto_id=f"komentarz-{sekcja}-%s")
    if form.is_valid():
        try:
            komentarz = komentarz_dodaj(
                obiekt=udzial, udzial=udzial, sekcja=sekcja, tresc=form.cleaned_data["tresc"],
                prywatny=form.cleaned_data.get("prywatny", False), autor=request.user,
            )
        except ValidationError as error:
            dodaj_bledy_uslugi(form, error)
        else:
            messages.success(request, _("Komentarz dodany."))
            return redirect(_wroc(request, udzial, f"komentarz-{komentarz.pk}"))
    return _strona(request, udzial, rola, {"sekcja": sekcja, "form": form})


@require_POST
def komentarz_odpowiedz(request, pk, komentarz_pk):
    udzial, rola = get_udzial_for_user(request.user, pk, write=True)
    watek = get_komentarz_for_role(udzial, komentarz_pk, rola=rola)
    watek = watek.watek or watek
    form = OdpowiedzForm(request.POST, auto_id=f"odpowiedz-{watek.pk}-%s")
    if form.is_valid():
        try:
            odpowiedz = komentarz_dodaj(udzial=udzial, watek=watek, tresc=form.cleaned_data["tresc"],
                                        autor=request.user)
        except ValidationError as error:
            dodaj_bledy_uslugi(form, error)
        else:
            messages.success(request, _("Odpowiedź dodana."))
            return redirect(_wroc(request, udzial, f"komentarz-{odpowiedz.pk}"))
    return _strona(request, udzial, rola, {"watek": watek.pk, "form": form})


def _zmien_stan(request, pk, komentarz_pk, usluga, komunikat):
    udzial, rola = get_udzial_for_user(request.user, pk, write=True)
    komentarz = get_komentarz_for_role(udzial, komentarz_pk, rola=rola)
    try:
        usluga(komentarz=komentarz, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, komunikat)
    return redirect(_wroc(request, udzial, f"komentarz-{komentarz.pk}"))


@require_POST
def komentarz_rozwiaz_view(request, pk, komentarz_pk):
    return _zmien_stan(request, pk, komentarz_pk, komentarz_rozwiaz, _("Wątek oznaczony jako rozwiązany."))


@require_POST
def komentarz_otworz_view(request, pk, komentarz_pk):
    return _zmien_stan(request, pk, komentarz_pk, komentarz_otworz, _("Wątek otwarty ponownie."))
