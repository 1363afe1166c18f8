"""Filters of the adviser directory. The queryset given to the FilterSet is already the
coordinator's view (jst.selectors_doradcy.doradcy_katalog)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jst.forms_doradcy import WOJEWODZTWA_CHOICES
from jst.models import Doradca


class DoradcaFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Szukaj (imię, nazwisko, e-mail)"), method="szukaj")
    specjalnosc = django_filters.ChoiceFilter(label=_("Specjalność"), choices=Doradca.Specjalnosc.choices,
                                              empty_label=_("wszystkie"))
    wojewodztwo = django_filters.ChoiceFilter(label=_("Województwo"), choices=WOJEWODZTWA_CHOICES,
                                              empty_label=_("wszystkie"))

    class Meta:
        model = Doradca
        fields = ["q", "specjalnosc", "wojewodztwo"]

    def szukaj(self, queryset, name, value):
        # Every word must match somewhere: "Nowak Anna" and "anna@" both find Anna Nowak.
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(uzytkownik__first_name__icontains=word)
                | Q(uzytkownik__last_name__icontains=word)
                | Q(uzytkownik__email__icontains=word)
            )
        return queryset
