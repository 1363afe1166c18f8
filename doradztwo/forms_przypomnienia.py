"""Forms of the reminder settings: an edition's rule (coordinators) and one's own opt-outs."""

from django import forms
from django.utils.translation import gettext_lazy as _

from doradztwo.przypomnienia import RodzajPrzypomnienia, Wybor


class RegulaForm(forms.Form):
    wlaczona = forms.BooleanField(label=_("Wysyłaj przypomnienia tego rodzaju"), required=False)
    wersja = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, rodzaj: RodzajPrzypomnienia, **kwargs):
        super().__init__(*args, **kwargs)
        if rodzaj.parametr:  # the kind's day of the month, lead time or day of the week
            self.fields["dni"] = forms.IntegerField(
                label=rodzaj.parametr, min_value=rodzaj.minimum, max_value=rodzaj.maksimum,
                help_text=_("Liczba od %(min)d do %(max)d.") % {"min": rodzaj.minimum, "max": rodzaj.maksimum},
            )
            self.order_fields(["wlaczona", "dni", "wersja"])


class PreferencjeForm(forms.Form):
    """One choice per reminder kind: bell and e-mail, bell only, or nothing."""

    def __init__(self, *args, rodzaje: list[RodzajPrzypomnienia], **kwargs):
        super().__init__(*args, **kwargs)
        for r in rodzaje:
            self.fields[r.kod] = forms.ChoiceField(
                label=r.nazwa, choices=Wybor.choices, initial=Wybor.WSZYSTKO,
                help_text=_("Do kogo: %(adresaci)s. %(opis)s") % {"adresaci": r.adresaci, "opis": r.opis},
            )
