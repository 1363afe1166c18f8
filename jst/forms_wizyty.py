"""Forms for visits, travel costs, events and registrations (issue 8). Choices always start from
what the user may pick (the JST's advisers and team, the adviser's own editions and visits)."""

from functools import partial

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from doradztwo.forms import DataInput
from doradztwo.pliki import dozwolone_opis
from jst.models import CzlonekZespolu, Doradca, KosztPodrozy, PrzydzialDoradcy, Udzial, Wizyta, Wydarzenie

TAK_NIE = [("", _("nie zapisano")), ("tak", _("tak, odbyło się")), ("nie", _("nie odbyło się"))]


class CzlonekChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.uzytkownik.get_full_name() or obj.uzytkownik.username} — {obj.funkcja}"


class WizytaForm(forms.ModelForm):
    wersja = forms.IntegerField(widget=forms.HiddenInput, required=False)
    wlodarz = forms.ChoiceField(label=_("Spotkanie z wójtem / burmistrzem / prezydentem / starostą"),
                                choices=TAK_NIE, required=False)

    class Meta:
        model = Wizyta
        fields = ["typ", "od", "do", "miejsce", "program", "doradcy", "uczestnicy", "interesariusze",
                  "notatki_wlodarz", "rezultaty", "notatki_dla_jst", "notatki_prywatne"]
        widgets = {
            "od": DataInput(), "do": DataInput(),
            "doradcy": forms.CheckboxSelectMultiple, "uczestnicy": forms.CheckboxSelectMultiple,
            "program": forms.Textarea(attrs={"rows": 4}), "interesariusze": forms.Textarea(attrs={"rows": 3}),
            "notatki_wlodarz": forms.Textarea(attrs={"rows": 3}), "rezultaty": forms.Textarea(attrs={"rows": 4}),
            "notatki_dla_jst": forms.Textarea(attrs={"rows": 3}), "notatki_prywatne": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "interesariusze": _("Np. „Anna Nowak — radna powiatu”, jedna osoba w wierszu."),
            "notatki_dla_jst": _("Widoczne dla zespołu JST."),
            "notatki_prywatne": _("Widoczne tylko dla doradców tej JST i koordynatorów — nigdy dla zespołu."),
            "od": _("Spotkanie w JST nr 1 i nr 2 trwa dwa kolejne dni."),
        }

    def __init__(self, *args, udzial: Udzial, **kwargs):
        super().__init__(*args, **kwargs)
        # The JST's advisers: the current pair, plus whoever is already on this visit.
        assigned = PrzydzialDoradcy.objects.filter(udzial=udzial).values("doradca_id")
        current = self.instance.doradcy.values("pk") if self.instance.pk else Doradca.objects.none().values("pk")
        self.fields["doradcy"].queryset = (Doradca.objects.filter(Q(pk__in=assigned) | Q(pk__in=current))
                                           .select_related("uzytkownik").order_by("uzytkownik__last_name"))
        self.fields["uczestnicy"] = CzlonekChoice(
            label=_("Uczestnicy z zespołu"), required=False, widget=forms.CheckboxSelectMultiple,
            queryset=CzlonekZespolu.objects.filter(udzial=udzial, aktywny=True).select_related("uzytkownik")
            .order_by("uzytkownik__last_name", "uzytkownik__first_name"))
        if self.instance.pk:
            self.fields["wersja"].initial = self.instance.wersja
            self.fields["wlodarz"].initial = {True: "tak", False: "nie"}.get(self.instance.spotkanie_z_wlodarzem, "")
        else:
            self.fields["doradcy"].initial = list(PrzydzialDoradcy.objects.filter(udzial=udzial, do__isnull=True)
                                                  .values_list("doradca_id", flat=True))

    def dane(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("wersja", "wlodarz", "doradcy", "uczestnicy")}
        data["spotkanie_z_wlodarzem"] = {"tak": True, "nie": False}.get(self.cleaned_data.get("wlodarz"))
        return data


class KosztForm(forms.ModelForm):
    wersja = forms.IntegerField(widget=forms.HiddenInput, required=False)
    dokument = forms.FileField(label=_("Skan dokumentu (bilet, faktura, rachunek)"), required=False)
    usun_dokumenty = forms.ModelMultipleChoiceField(label=_("Usuń dokumenty"), required=False, queryset=None,
                                                    widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = KosztPodrozy
        fields = ["edycja", "wizyta", "data", "transport", "kwota_transport", "kwota_nocleg", "kwota_inne", "opis"]
        widgets = {"data": DataInput()}
        localized_fields = ["kwota_transport", "kwota_nocleg", "kwota_inne"]  # "123,45" as Polish users type it

    def __init__(self, *args, edycje, wizyty, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edycja"].queryset = edycje
        self.fields["wizyta"].queryset = wizyty
        self.fields["wizyta"].label_from_instance = lambda w: f"{w} — {w.udzial.jst.nazwa_pelna}"
        self.fields["dokument"].help_text = _("Dozwolone: %(typy)s.") % {"typy": dozwolone_opis("dokument")}
        if self.instance.pk:
            self.fields["wersja"].initial = self.instance.wersja
            self.fields["usun_dokumenty"].queryset = self.instance.dokumenty.all()
        else:
            del self.fields["usun_dokumenty"]

    def dane(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("wersja", "dokument", "usun_dokumenty")}


class WydarzenieForm(forms.ModelForm):
    wersja = forms.IntegerField(widget=forms.HiddenInput, required=False)
    opcje_tekst = forms.CharField(label=_("Opcje rejestracji"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text=_("Jedna opcja w wierszu, np. „przejazd autokarem”, „nocleg”."))

    class Meta:
        model = Wydarzenie
        fields = ["rodzaj", "nazwa", "od", "do", "miejsce", "link", "program", "limit_miejsc"]
        widgets = {"od": DataInput(), "do": DataInput(), "program": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"limit_miejsc": _("Puste pole: bez limitu.")}
        # A link typed without a scheme gets https:// (Django 6's default, set explicitly).
        field_classes = {"link": partial(forms.URLField, assume_scheme="https")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["wersja"].initial = self.instance.wersja
            self.fields["opcje_tekst"].initial = "\n".join(self.instance.opcje)

    def clean_opcje_tekst(self):
        lines = [" ".join(line.split()) for line in self.cleaned_data["opcje_tekst"].splitlines()]
        opcje = list(dict.fromkeys(line for line in lines if line))
        if any(len(o) > 100 for o in opcje):
            raise forms.ValidationError(_("Opcja może mieć najwyżej 100 znaków."))
        return opcje

    def dane(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("wersja", "opcje_tekst")}
        data["opcje"] = self.cleaned_data["opcje_tekst"]
        return data


class RejestracjaForm(forms.Form):
    czlonek = forms.ModelChoiceField(label=_("Kogo zapisać"), queryset=None, required=False,
                                     help_text=_("Puste pole: zapisujesz siebie."))
    opcje = forms.MultipleChoiceField(label=_("Opcje"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, wydarzenie: Wydarzenie, czlonkowie, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["czlonek"].queryset = czlonkowie
        self.fields["czlonek"].label_from_instance = (
            lambda c: f"{c.uzytkownik.get_full_name() or c.uzytkownik.username} — {c.udzial.jst.nazwa_pelna}")
        self.fields["opcje"].choices = [(o, o) for o in wydarzenie.opcje]
        if not wydarzenie.opcje:
            del self.fields["opcje"]
