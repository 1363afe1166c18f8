"""Filters of the public good-practice library: words (each must occur in the title, lead, sections
or JST name), area, JST kind, voivodeship. The queryset passed in holds published copies only."""

import django_filters
from django.utils.translation import gettext_lazy as _

from doradztwo.models import Obszar
from jst.forms_doradcy import WOJEWODZTWA_CHOICES
from jst.models import JST
from raporty.models import Publikacja
from raporty.publikacja import slowa_zapytania


class PublikacjaFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Szukaj"), method="szukaj", max_length=200,
                                  help_text=_("Słowa z tytułu lub treści, np. „doradztwo zawodowe”."))
    obszar = django_filters.ModelChoiceFilter(label=_("Obszar"), queryset=Obszar.objects.order_by("numer"),
                                              empty_label=_("wszystkie"))
    rodzaj_jst = django_filters.ChoiceFilter(label=_("Rodzaj JST"), choices=JST.Rodzaj.choices,
                                             empty_label=_("wszystkie"))
    wojewodztwo = django_filters.ChoiceFilter(label=_("Województwo"), choices=WOJEWODZTWA_CHOICES,
                                              empty_label=_("wszystkie"))

    class Meta:
        model = Publikacja
        fields = []

    def szukaj(self, queryset, name, value):
        # A key lookup reads the decoded, lower-cased search text on SQLite and PostgreSQL alike.
        for slowo in slowa_zapytania(value):
            queryset = queryset.filter(metryka__szukaj__icontains=slowo)
        return queryset
