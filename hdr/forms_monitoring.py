from django import forms
from django.utils.translation import gettext_lazy as _

from hdr.models import StatusDzialania


class PostepForm(forms.Form):
    data = forms.DateField(label=_("Data"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                           input_formats=["%Y-%m-%d", "%d.%m.%Y"],
                           error_messages={"required": _("Podaj datę."), "invalid": _("Podaj datę w formacie dd.mm.rrrr.")})
    status = forms.ChoiceField(label=_("Status"), choices=StatusDzialania.choices,
                               error_messages={"invalid_choice": _("Wybierz status z listy.")})
    postep = forms.CharField(label=_("Postęp (%)"), max_length=5, widget=forms.TextInput(attrs={"inputmode": "numeric"}),
                             error_messages={"required": _("Podaj postęp jako liczbę od 0 do 100.")})
    wartosc_aktualna = forms.CharField(label=_("Wartość osiągnięta miernika"), required=False, max_length=100)
    notatka = forms.CharField(label=_("Notatka"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    dowod = forms.FileField(label=_("Dowód (plik, opcjonalnie)"), required=False)
