import django_filters
from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from jst.models import JST, Doradca, PrzydzialDoradcy, Udzial


class ProstySelect(forms.Select):
    """A plain <select> written in Python. Django renders each option through a template include (about
    0.05 ms an option), and the adviser list of a national edition has over a thousand; no optgroups."""

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        selected = set(self.format_value(value))
        options = format_html_join("", "<option value=\"{}\"{}>{}</option>", (
            (str(v), " selected" if str(v) in selected else "", label) for v, label in self.choices))
        return format_html("<select{}>{}</select>", flatatt(final_attrs), options)


class UdzialFilter(django_filters.FilterSet):
    """Filters of the participation list; querysets start from what the user may see."""

    wojewodztwo = django_filters.ChoiceFilter(field_name="jst__wojewodztwo", label=_("Województwo"), choices=[],
                                              empty_label=_("wszystkie"))
    rodzaj = django_filters.ChoiceFilter(field_name="jst__rodzaj", label=_("Rodzaj JST"), choices=JST.Rodzaj.choices,
                                         empty_label=_("wszystkie"))
    etap = django_filters.ChoiceFilter(label=_("Etap"), choices=Udzial.Etap.choices, empty_label=_("wszystkie"))
    doradca = django_filters.ModelChoiceFilter(
        label=_("Doradca"), queryset=Doradca.objects.none(), method="filter_doradca", empty_label=_("wszyscy"),
        widget=ProstySelect,
    )
    q = django_filters.CharFilter(label=_("Nazwa lub TERYT"), method="filter_q")

    class Meta:
        model = Udzial
        fields = []

    def __init__(self, *args, edycja, **kwargs):
        super().__init__(*args, **kwargs)
        voivodeships = (  # order_by(): JST's default ordering would join the DISTINCT (a row per JST)
            JST.objects.filter(udzialy__edycja=edycja).order_by().values_list("wojewodztwo", flat=True).distinct()
        )
        self.filters["wojewodztwo"].extra["choices"] = [(w, w) for w in sorted(set(voivodeships))]
        self.filters["doradca"].queryset = (
            Doradca.objects.filter(przydzialy__udzial__edycja=edycja).select_related("uzytkownik").distinct()
            .order_by("uzytkownik__last_name", "uzytkownik__first_name")
        )

    def filter_doradca(self, queryset, name, value):
        from jst.access import active_assignment_q

        current = PrzydzialDoradcy.objects.filter(active_assignment_q(), doradca=value)
        return queryset.filter(przydzialy__in=current).distinct()

    def filter_q(self, queryset, name, value):
        from django.db.models import Q

        value = value.strip()
        if value.isdigit():
            return queryset.filter(Q(jst__teryt__startswith=value) | Q(jst__teryt_gminy__startswith=value))
        return queryset.filter(jst__nazwa__icontains=value)
