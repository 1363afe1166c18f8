"""Filters of the edition dashboard. The queryset starts from the edition's participations (the
coordinator's scope); "late only" depends on derived milestones, so the view applies it after
computing them (`tylko_opoznione`)."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from jst.access import active_assignment_q
from jst.forms_doradcy import WOJEWODZTWA_CHOICES
from jst.models import JST, Doradca, PrzydzialDoradcy, Udzial


class SzybkiSelect(forms.Select):
    """A select rendered in Python, with the markup of Django's templates: the adviser filter has one
    option per adviser of the edition (1,400 at national scale), and rendering each option through
    its template took a third of a second."""

    def render(self, name, value, attrs=None, renderer=None):
        wybrane = set(self.format_value(value))
        opcje = "".join(
            f'\n  <option value="{escape(v)}"{" selected" if str(v) in wybrane else ""}>{escape(etykieta)}</option>'
            for v, etykieta in self.choices)
        return format_html('<select name="{}"{}>{}\n</select>', name, flatatt(self.build_attrs(self.attrs, attrs)),
                           mark_safe(opcje))  # noqa: S308 — every value and label is escaped above


class PulpitFilter(django_filters.FilterSet):
    wojewodztwo = django_filters.ChoiceFilter(field_name="jst__wojewodztwo", label=_("Województwo"),
                                              choices=WOJEWODZTWA_CHOICES, empty_label=_("wszystkie"))
    rodzaj = django_filters.ChoiceFilter(field_name="jst__rodzaj", label=_("Rodzaj JST"), choices=JST.Rodzaj.choices,
                                         empty_label=_("wszystkie"))
    doradca = django_filters.ChoiceFilter(label=_("Doradca"), choices=[], method="filter_doradca",
                                          empty_label=_("wszyscy"), widget=SzybkiSelect)
    etap = django_filters.ChoiceFilter(label=_("Etap"), choices=Udzial.Etap.choices, empty_label=_("wszystkie"))
    opoznione = django_filters.BooleanFilter(label=_("Tylko JST z opóźnieniami"), method="filter_opoznione",
                                             widget=forms.CheckboxInput)

    class Meta:
        model = Udzial
        fields = []

    def __init__(self, *args, edycja, **kwargs):
        super().__init__(*args, **kwargs)
        self.edycja = edycja
        # One query: the advisers currently assigned in this edition (the choices validate without another).
        doradcy = (Doradca.objects.filter(Exists(self._przydzialy().filter(doradca=OuterRef("pk"))))
                   .order_by("uzytkownik__last_name", "uzytkownik__first_name", "pk")
                   .values_list("pk", "uzytkownik__first_name", "uzytkownik__last_name", "uzytkownik__username",
                                "specjalnosc"))
        # Labels as str(doradca) gives them (the full name, else the login), without building models.
        self.filters["doradca"].extra["choices"] = [
            (str(pk), f"{f'{imie} {nazwisko}'.strip() or login} ({specjalnosc})")
            for pk, imie, nazwisko, login, specjalnosc in doradcy]

    def _przydzialy(self):
        return PrzydzialDoradcy.objects.filter(active_assignment_q(), udzial__edycja=self.edycja)

    def filter_doradca(self, queryset, name, value):
        return queryset.filter(przydzialy__in=self._przydzialy().filter(doradca_id=value)).distinct()

    def filter_opoznione(self, queryset, name, value):
        return queryset  # applied to the computed milestones, see `tylko_opoznione`

    @property
    def tylko_opoznione(self) -> bool:
        return bool(self.is_bound and self.form.is_valid() and self.form.cleaned_data.get("opoznione"))

    @property
    def aktywny(self) -> bool:
        """Whether any filter is set (the page then says how many JSTs match)."""
        if not self.is_bound or not self.form.is_valid():
            return False
        return any(v not in (None, "", False) for v in self.form.cleaned_data.values())
