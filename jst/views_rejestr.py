"""The JST register screen and the live-search fragment: a catalogue shared by coordinators and
administrators (CONVENTIONS §4)."""

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from doradztwo.access import require_coordinator
from jst.models import JST
from jst.rejestr import stan_rejestru, szukaj_jst, wojewodztwa_rejestru

LIMIT = 20


class SzukajJSTForm(forms.Form):
    """GET search of the register. A plain form, not a FilterSet: the search orders and limits the
    results itself (jst.rejestr.szukaj_jst), the two filters are simple equalities."""

    q = forms.CharField(
        label=_("Nazwa lub kod TERYT"), required=False, max_length=200,
        help_text=_("Np. „Bolesławiec” albo „0201”. Nazwy JST się powtarzają — sprawdź rodzaj i powiat."),
    )
    wojewodztwo = forms.ChoiceField(label=_("Województwo"), required=False)
    rodzaj = forms.ChoiceField(label=_("Rodzaj JST"), required=False,
                               choices=[("", _("wszystkie rodzaje"))] + JST.Rodzaj.choices)
    nieaktywne = forms.BooleanField(label=_("Pokaż także JST, których nie ma już w rejestrze TERYT"),
                                    required=False)

    def __init__(self, *args, wojewodztwa: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wojewodztwo"].choices = [("", _("wszystkie województwa"))] + [(w, w) for w in wojewodztwa]


@require_GET
def rejestr(request):
    require_coordinator(request.user)
    form = SzukajJSTForm(request.GET, wojewodztwa=wojewodztwa_rejestru())
    wyniki: list[JST] = []
    if form.is_valid():
        dane = form.cleaned_data
        wyniki = szukaj_jst(dane["q"], limit=LIMIT + 1, tylko_aktywne=not dane["nieaktywne"],
                            wojewodztwo=dane["wojewodztwo"], rodzaj=dane["rodzaj"])
    return render(request, "jst/rejestr/rejestr.html", {
        "form": form,
        "wyniki": wyniki[:LIMIT],
        "wiecej": len(wyniki) > LIMIT,
        "limit": LIMIT,
        "stan_na": stan_rejestru(),
    })


@require_GET
def szukaj(request):
    """The same search as an htmx fragment for live search (active JSTs only); an empty query
    lists nothing."""
    require_coordinator(request.user)
    q = request.GET.get("q", "")[:200]
    wyniki = szukaj_jst(q, limit=LIMIT) if q.strip() else []
    return render(request, "jst/rejestr/_wyniki.html", {"wyniki": wyniki, "q": q.strip()})
