from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from doradztwo.models import Edycja, EtapKalendarza


class DataInput(forms.DateInput):
    """A native date picker; the value travels as ISO, the browser shows it in the user's locale."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def dodaj_bledy_uslugi(form: forms.Form, error) -> None:
    """Show a service's ValidationError next to its field, or above the form when it names no field."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for e in errors:
                form.add_error(field if field in form.fields else None, e)
    else:
        for message in error.messages:
            form.add_error(None, message)


def konflikt_roznice(form: forms.Form, aktualny) -> list[dict]:
    """For a stale save: each field where the saved value differs from what the user typed."""
    rows = []
    for name, field in form.fields.items():
        if name == "wersja" or not hasattr(aktualny, name):
            continue
        saved = getattr(aktualny, name)
        if hasattr(saved, "all"):  # many-to-many
            saved_display = ", ".join(str(o) for o in saved.all())
            typed = form.cleaned_data.get(name) if hasattr(form, "cleaned_data") else None
            typed_display = ", ".join(str(o) for o in typed) if typed is not None else ""
            if {o.pk for o in saved.all()} == {o.pk for o in (typed or [])}:
                continue
        else:
            typed = form.cleaned_data.get(name) if hasattr(form, "cleaned_data") else form.data.get(name)
            if typed == saved:
                continue
            saved_display, typed_display = saved, typed
        rows.append({"pole": field.label, "zapisane": saved_display, "wpisane": typed_display})
    return rows


class EdycjaForm(forms.ModelForm):
    wersja = forms.IntegerField(widget=forms.HiddenInput, required=False)
    koordynatorzy = forms.ModelMultipleChoiceField(
        label=_("Koordynatorzy"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Koordynatorzy ORE prowadzący tę edycję. Ty zostaniesz dodany automatycznie."),
    )

    class Meta:
        model = Edycja
        fields = ["nazwa", "data_od", "data_do", "norma_godzin", "zespol_min", "zespol_max",
                  "wymaga_pracownika_jst", "wymaga_dyrektora"]
        widgets = {"data_od": DataInput(), "data_do": DataInput()}
        localized_fields = ["norma_godzin"]  # "1,5" as Polish users type it
        labels = {
            "nazwa": _("Nazwa edycji"),
            "data_od": _("Początek edycji"),
            "data_do": _("Koniec edycji"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["koordynatorzy"].queryset = get_user_model().objects.filter(koordynator=True).order_by(
            "last_name", "first_name")
        if self.instance.pk:
            self.fields["wersja"].initial = self.instance.wersja
            self.fields["koordynatorzy"].initial = list(self.instance.koordynatorzy.all())
            self.fields["koordynatorzy"].help_text = ""

    def clean(self):
        data = super().clean()
        if data.get("data_od") and data.get("data_do") and data["data_do"] < data["data_od"]:
            self.add_error("data_do", _("Koniec edycji nie może być wcześniejszy niż jej początek."))
        if data.get("zespol_min") is not None and data.get("zespol_max") is not None \
                and data["zespol_max"] < data["zespol_min"]:
            self.add_error("zespol_max", _("Maksymalna liczba osób nie może być mniejsza niż minimalna."))
        if data.get("norma_godzin") is not None and data["norma_godzin"] <= 0:
            self.add_error("norma_godzin", _("Norma godzin musi być większa od zera."))
        return data

    def _post_clean(self):
        # The service writes the row; the model's check constraints are enforced by clean() above.
        pass


class EtapKalendarzaForm(forms.ModelForm):
    class Meta:
        model = EtapKalendarza
        fields = ["nazwa", "data_od", "data_do"]
        widgets = {"data_od": DataInput(), "data_do": DataInput()}

    def clean(self):
        data = super().clean()
        if data.get("data_od") and data.get("data_do") and data["data_do"] < data["data_od"]:
            self.add_error("data_do", _("Koniec etapu nie może być wcześniejszy niż jego początek."))
        return data


KalendarzFormSet = forms.modelformset_factory(EtapKalendarza, form=EtapKalendarzaForm, extra=0, can_delete=False)


class KopiaEdycjiForm(forms.Form):
    nazwa = forms.CharField(label=_("Nazwa nowej edycji"), max_length=200)
    data_od = forms.DateField(label=_("Początek nowej edycji"), widget=DataInput(),
                              help_text=_("Kalendarz etapów przesunie się o tyle samo dni."))

    def clean_data_od(self):
        value = self.cleaned_data["data_od"]
        if not 2000 <= value.year <= 2100:
            raise forms.ValidationError(_("Podaj datę z lat 2000–2100."))
        return value


class StatusEdycjiForm(forms.Form):
    status = forms.ChoiceField(label=_("Nowy status"), choices=Edycja.Status.choices)
    powod = forms.CharField(label=_("Powód"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
                            help_text=_("Wymagany przy ponownym otwarciu zamkniętej edycji."))


class OsobaForm(forms.Form):
    """A person invited by e-mail (coordinator, adviser, team member): the account's own fields."""

    imie = forms.CharField(label=_("Imię"), max_length=150)
    nazwisko = forms.CharField(label=_("Nazwisko"), max_length=150)
    email = forms.EmailField(label=_("Adres e-mail"), max_length=150,
                             help_text=_("Będzie nazwą konta; wyślemy na niego zaproszenie."))
    telefon = forms.CharField(label=_("Telefon"), max_length=40, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, hint in (("email", "email"), ("telefon", "tel"), ("imie", "given-name"), ("nazwisko", "family-name")):
            self.fields[name].widget.attrs["autocomplete"] = hint


class KoordynatorForm(OsobaForm):
    pass
