"""Forms of remote-advice entries and the grids' filters. The rules live in jst/services_zdalne.py;
these forms check input and offer only what the adviser may choose."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from doradztwo.forms import DataInput
from jst.access_zdalne import udzialy_do_wpisow
from jst.models import CzlonekZespolu, Doradca, Udzial, WpisZdalny
from jst.normy import PONIZEJ_NORMY, Status, pelna_nazwa_miesiaca
from jst.services_zdalne import KROK_MINUT, MAKS_MINUT


def czas_trwania(minuty: int) -> str:
    """"45 min", "1 h", "1 h 30 min"."""
    h, m = divmod(int(minuty), 60)
    if not h:
        return _("%(m)d min") % {"m": m}
    if not m:
        return _("%(h)d h") % {"h": h}
    return _("%(h)d h %(m)d min") % {"h": h, "m": m}


def minuty_choices() -> list[tuple[int, str]]:
    """Built per form, in the request's language (a module-level list would freeze the language
    active at import)."""
    return [(m, czas_trwania(m)) for m in range(KROK_MINUT, MAKS_MINUT + 1, KROK_MINUT)]


class UdzialChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Udzial) -> str:
        return f"{obj.jst.nazwa_pelna} ({obj.edycja.nazwa})"


class CzlonekChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: CzlonekZespolu) -> str:
        name = obj.uzytkownik.get_full_name() or obj.uzytkownik.get_username()
        return f"{name} — {obj.funkcja} ({obj.udzial.jst.nazwa_pelna})"


class WpisZdalnyForm(forms.Form):
    udzial = UdzialChoiceField(label=_("JST"), queryset=Udzial.objects.none(),
                               empty_label=_("— wybierz JST —"))
    data = forms.DateField(label=_("Data"), widget=DataInput())
    poczatek = forms.TimeField(label=_("Godzina rozpoczęcia"), widget=forms.TimeInput(
        attrs={"type": "time", "step": KROK_MINUT * 60}, format="%H:%M"))
    minuty = forms.TypedChoiceField(label=_("Czas trwania"), coerce=int, choices=minuty_choices, initial=60)
    forma = forms.ChoiceField(label=_("Forma"), choices=WpisZdalny.Forma.choices)
    temat = forms.CharField(label=_("Temat"), max_length=300)
    obecni = CzlonekChoiceField(label=_("Obecni członkowie zespołu"), required=False,
                                queryset=CzlonekZespolu.objects.none(), widget=forms.CheckboxSelectMultiple,
                                help_text=_("Zaznacz tylko osoby z zespołu wybranej JST."))
    ustalenia = forms.CharField(label=_("Wynik i uzgodnione kolejne kroki"), required=False,
                                widget=forms.Textarea(attrs={"rows": 4}))
    etap = forms.ChoiceField(label=_("Etap, którego dotyczy (opcjonalnie)"), required=False,
                             choices=[("", _("— nie dotyczy —")), *Udzial.Etap.choices])
    wersja = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, doradca: Doradca, wpis: WpisZdalny | None = None, **kwargs):
        if wpis is not None:
            kwargs.setdefault("initial", {
                "udzial": wpis.udzial_id, "data": wpis.data, "poczatek": wpis.poczatek, "minuty": wpis.minuty,
                "forma": wpis.forma, "temat": wpis.temat, "obecni": [c.pk for c in wpis.obecni.all()],
                "ustalenia": wpis.ustalenia, "etap": wpis.etap, "wersja": wpis.wersja,
            })
        else:
            kwargs.setdefault("initial", {"data": timezone.localdate()})
        super().__init__(*args, **kwargs)
        udzialy = udzialy_do_wpisow(doradca)
        people = Q(udzial__in=udzialy.values("pk"), aktywny=True)
        if wpis is not None:
            # The entry's own JST and people stay choosable, so saving does not silently drop them.
            udzialy = Udzial.objects.filter(Q(pk__in=udzialy.values("pk")) | Q(pk=wpis.udzial_id)).select_related(
                "jst", "edycja").order_by("-edycja__data_od", "jst__nazwa", "pk")
            people |= Q(pk__in=wpis.obecni.values("pk"))
        self.fields["udzial"].queryset = udzialy
        self.fields["obecni"].queryset = CzlonekZespolu.objects.filter(people).select_related(
            "uzytkownik", "udzial__jst").order_by("udzial__jst__nazwa", "uzytkownik__last_name",
                                                   "uzytkownik__first_name", "pk")


class FiltrWpisowForm(forms.Form):
    """My entries: by month and by JST; choices come from the adviser's own data."""

    miesiac = forms.ChoiceField(label=_("Miesiąc"), required=False)
    udzial = forms.ChoiceField(label=_("JST"), required=False)

    def __init__(self, *args, miesiace, udzialy, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["miesiac"].choices = [("", _("wszystkie")),
                                          *[(m.strftime("%Y-%m"), pelna_nazwa_miesiaca(m)) for m in miesiace]]
        self.fields["udzial"].choices = [("", _("wszystkie")),
                                         *[(str(u.pk), f"{u.jst.nazwa_pelna} ({u.edycja.nazwa})") for u in udzialy]]


class FiltrGodzinForm(forms.Form):
    """The coordinator's grid: by adviser (name; digits are an adviser id), JST (name or TERYT prefix) and
    overall status.
    Text fields, not lists: an edition has thousands of JSTs and over a thousand advisers."""

    doradca = forms.CharField(label=_("Doradca (imię lub nazwisko)"), required=False, max_length=100)
    jst = forms.CharField(label=_("JST (nazwa lub TERYT)"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Stan łącznie"), required=False,
                               choices=[("", _("wszystkie")), (PONIZEJ_NORMY, _("poniżej normy (częściowo lub brak)")),
                                        *Status.choices])
