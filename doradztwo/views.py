from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doradztwo import services
from doradztwo.access import require_admin
from doradztwo.forms import KoordynatorForm


@login_not_required
@require_GET
def deklaracja_dostepnosci(request):
    return render(request, "doradztwo/deklaracja_dostepnosci.html")


@login_not_required
@require_GET
def rodo(request):
    return render(request, "doradztwo/rodo.html")


@require_http_methods(["GET", "POST"])
def koordynatorzy(request):
    """Administrators create coordinators' accounts (with an invitation) and see who accepted."""
    require_admin(request.user)
    form = KoordynatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = services.uzytkownik_zapros(email=data["email"], imie=data["imie"], nazwisko=data["nazwisko"],
                                          telefon=data["telefon"], koordynator=True, actor=request.user)
        if user.nowe_konto:
            messages.success(request, _("%(kto)s jest koordynatorem. Zaproszenie wysłane na %(email)s.") % {
                "kto": user, "email": user.email})
        else:
            messages.success(request, _("%(kto)s ma już konto i jest teraz koordynatorem.") % {"kto": user})
        return redirect("koordynatorzy")
    people = get_user_model().objects.filter(koordynator=True).order_by("last_name", "first_name")
    return render(request, "doradztwo/koordynatorzy/lista.html", {"form": form, "koordynatorzy": people})


@require_POST
def koordynator_zaproszenie(request, pk):
    require_admin(request.user)
    user = get_object_or_404(get_user_model(), pk=pk, koordynator=True)
    try:
        services.uzytkownik_wyslij_zaproszenie(uzytkownik=user, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Zaproszenie wysłane ponownie na %(email)s.") % {"email": user.email})
    return redirect("koordynatorzy")
