"""Filters of the administrator's audit page. Every filter is an indexed or small-table lookup, so
the page stays fast at 100k entries: the actor is matched in the (small) user table first and the
log is filtered with `kto IN (…)`, never a select of all users."""

import datetime

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from doradztwo.models import WpisAudytu

# Apps whose objects the audit log points at (the matrix apps; contrib models are never targets
# except the user model, which lives in doradztwo).
APLIKACJE = ("doradztwo", "jst", "diagnoza", "hdr", "raporty")

# Known action prefixes (a value ending in "." covers every action of that kind). New kinds still
# show up through the free-text "starts with" filter.
RODZAJE_AKCJI = [
    ("logowanie.", _("Logowania (udane i nieudane)")),
    ("logowanie.nieudane", _("Nieudane logowania")),
    ("wylogowanie", _("Wylogowania")),
    ("uzytkownik.", _("Konta użytkowników")),
    ("edycja.", _("Edycje")),
    ("obszar.", _("Obszary")),
    ("jst.", _("Rejestr JST")),
    ("udzial.", _("Udziały JST")),
    ("zespol.", _("Zespoły JST")),
    ("doradca.", _("Doradcy")),
    ("przydzial.", _("Przydziały doradców")),
    ("zadanie.", _("Zadania w tle")),
]

NAJWCZESNIEJ = datetime.date(2000, 1, 1)
NAJPOZNIEJ = datetime.date(2099, 12, 31)


def _rozsadna_data(value: datetime.date) -> None:
    # Dates far out of range would overflow when turned into a time-zone-aware bound.
    if not NAJWCZESNIEJ <= value <= NAJPOZNIEJ:
        raise ValidationError(_("Podaj datę z lat 2000–2099."), code="zakres")


def _pole_daty(label):
    return django_filters.DateFilter(
        label=label,
        method="filtruj_date",
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        validators=[_rozsadna_data],
        widget=forms.DateInput(
            format="%Y-%m-%d",
            attrs={"type": "date", "min": NAJWCZESNIEJ.isoformat(), "max": NAJPOZNIEJ.isoformat()},
        ),
    )


def poczatek_dnia(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of `day` in the programme's time zone (settings.TIME_ZONE,
    Europe/Warsaw): a day the admin picks is a Polish calendar day, not a UTC one."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min), timezone.get_default_timezone())


class AudytFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        od, do = cleaned.get("od"), cleaned.get("do")
        if od and do and do < od:
            self.add_error("do", _("Data „do” nie może być wcześniejsza niż data „od”."))
        return cleaned


class WpisAudytuFilter(django_filters.FilterSet):
    kto = django_filters.CharFilter(
        label=_("Osoba"), method="filtruj_kto", max_length=150,
        help_text=_("Fragment loginu, adresu e-mail, imienia lub nazwiska."),
    )
    rodzaj = django_filters.ChoiceFilter(
        label=_("Rodzaj akcji"), choices=RODZAJE_AKCJI, method="filtruj_akcje", empty_label=_("wszystkie"),
    )
    akcja = django_filters.CharFilter(
        label=_("Akcja zaczyna się od"), method="filtruj_akcje", max_length=80,
        help_text=_("Na przykład „edycja.” albo „udzial.etap”."),
    )
    od = _pole_daty(_("Od dnia"))
    do = _pole_daty(_("Do dnia (włącznie)"))
    typ_obiektu = django_filters.ChoiceFilter(
        label=_("Rodzaj obiektu"), choices=[], empty_label=_("wszystkie"),
    )
    id_obiektu = django_filters.CharFilter(label=_("Identyfikator obiektu"), max_length=64)

    class Meta:
        model = WpisAudytu
        fields = []
        form = AudytFilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["typ_obiektu"].extra["choices"] = self._typy_obiektow()

    @staticmethod
    def _typy_obiektow() -> list[tuple[int, str]]:
        """Our models by their Polish names (simple_history's shadow tables are never targets)."""
        choices = []
        for ct in ContentType.objects.filter(app_label__in=APLIKACJE).exclude(model__startswith="historical"):
            model = ct.model_class()
            if model is not None:
                choices.append((ct.pk, capfirst(model._meta.verbose_name)))
        return sorted(choices, key=lambda choice: str(choice[1]).casefold())

    def filtruj_kto(self, queryset, name, value):
        # Every word must match the same person somewhere: "Nowak Anna" and "anna@" find Anna Nowak.
        users = get_user_model()._default_manager.all()
        for word in value.split()[:5]:
            users = users.filter(
                Q(username__icontains=word) | Q(email__icontains=word)
                | Q(first_name__icontains=word) | Q(last_name__icontains=word)
            )
        return queryset.filter(kto__in=users.values("pk"))

    def filtruj_akcje(self, queryset, name, value):
        # Action codes are lower-case ASCII; a prefix uses the akcja index (LIKE 'x%').
        return queryset.filter(akcja__startswith=value.strip().lower())

    def filtruj_date(self, queryset, name, value):
        if name == "od":
            return queryset.filter(kiedy__gte=poczatek_dnia(value))
        # "to" includes the whole day: everything before the next Polish midnight.
        return queryset.filter(kiedy__lt=poczatek_dnia(value + datetime.timedelta(days=1)))
