"""Filters of the edition dashboard. The queryset starts from the edition's participations (the
coordinator's scope); "late only" depends on derived milestones, so the view applies it after
computing them (`tylko_opoznione`)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from jst.access import active_assignment_q
from jst.forms_doradcy import WOJEWODZTWA_CHOICES
from jst.models import JST, Doradca, PrzydzialDoradcy, Udzial


class PulpitFilter(django_filters.FilterSet):
    wojewodztwo = django_filters.ChoiceFilter(field_name="jst__wojewodztwo", label=_("Województwo"),
                                              choices=WOJEWODZTWA_CHOICES, empty_label=_("wszystkie"))
    rodzaj = django_filters.ChoiceFilter(field_name="jst__rodzaj", label=_("Rodzaj JST"), choices=JST.Rodzaj.choices,
                                         empty_label=_("wszystkie"))
    doradca = django_filters.ChoiceFilter(label=_("Doradca"), choices=[], method="filter_doradca",
                                          empty_label=_("wszyscy"))
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
        doradcy = (Doradca.objects.filter(przydzialy__in=self._przydzialy()).select_related("uzytkownik").distinct()
                   .order_by("uzytkownik__last_name", "uzytkownik__first_name", "pk"))
        self.filters["doradca"].extra["choices"] = [(str(d.pk), f"{d} ({d.specjalnosc})") for d in doradcy]

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
