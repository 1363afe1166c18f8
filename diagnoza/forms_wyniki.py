from django import forms
from django.utils.translation import gettext_lazy as _

from diagnoza.services_wyniki import MIN_UZASADNIENIE
from doradztwo.models import Obszar


class WyborObszaruForm(forms.Form):
    obszar = forms.ModelChoiceField(
        label=_("Wybrany obszar"),
        queryset=Obszar.objects.filter(aktywny=True).order_by("numer"),
        empty_label=_("— wybierz obszar —"),
        error_messages={"required": _("Wybierz obszar."),
                        "invalid_choice": _("Wybierz obszar z listy.")},
    )
    uzasadnienie = forms.CharField(
        label=_("Uzasadnienie wyboru"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_("Dlaczego zespół wybrał ten obszar? Co najmniej 20 znaków."),
        error_messages={"required": _("Napisz uzasadnienie wyboru.")},
    )
    wersja = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_uzasadnienie(self):
        text = self.cleaned_data["uzasadnienie"].strip()
        if len(text) < MIN_UZASADNIENIE:
            raise forms.ValidationError(
                _("Uzasadnienie musi mieć co najmniej %(n)d znaków (teraz: %(ile)d)."),
                params={"n": MIN_UZASADNIENIE, "ile": len(text)},
            )
        return text
