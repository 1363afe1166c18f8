"""The default stage calendar of an edition (the model of the programme, domain.md §process).

Each stage: code, name, start and end as a fraction of the edition's duration, description. Planned
dates are computed from the edition's dates and are editable afterwards.
"""

import datetime

from django.utils.translation import gettext_lazy as _

DOMYSLNY_KALENDARZ = [
    ("inauguracja", _("Spotkanie inauguracyjne (2 dni)"), 0.0, 0.01,
     _("Wykład wprowadzający, warsztaty o obszarach i narzędziach, arkusz diagnostyczny.")),
    ("wybor_obszaru", _("Arkusz diagnostyczny i wybór obszaru"), 0.0, 0.06,
     _("Zespół wypełnia arkusz diagnostyczny i wybiera jeden z 12 obszarów.")),
    ("szkolenie_1", _("Szkolenie warsztatowe I (2 dni)"), 0.09, 0.10,
     _("Zarządzanie oświatą samorządową.")),
    ("zbieranie_danych", _("Zbieranie danych (zadanie wdrożeniowe)"), 0.06, 0.20,
     _("Dwa z siedmiu obszarów zasobów, po dwa wskaźniki; wsparcie zdalne doradców.")),
    ("szkolenie_2", _("Szkolenie warsztatowe II (2 dni)"), 0.21, 0.22,
     _("Kompetencje miękkie.")),
    ("spotkanie_1", _("Spotkanie doradcze w JST nr 1 (2 dni)"), 0.25, 0.35,
     _("Jak jest? Jak chcemy, żeby było? Kodeks etyczny i zasady współpracy zespołu.")),
    ("diagnoza_poglebiona", _("Diagnoza pogłębiona"), 0.30, 0.45,
     _("Przyczyny i luka rozwojowa.")),
    ("spotkanie_2", _("Spotkanie doradcze w JST nr 2 — HDR (2 dni)"), 0.45, 0.55,
     _("Priorytety rozwojowe i harmonogram działań rozwojowych (HDR).")),
    ("wdrazanie", _("Wdrażanie HDR"), 0.55, 0.95,
     _("Wdrażanie działań z HDR przy wsparciu zdalnym doradców.")),
    ("raport", _("Raport końcowy"), 0.85, 0.97,
     _("Opis dobrej praktyki, studium refleksji albo minireportaż z wywiadem.")),
    ("podsumowanie", _("Spotkanie podsumowujące (2 dni)"), 0.99, 1.0,
     _("Wymiana doświadczeń i prezentacja rozwiązań przyjętych w HDR.")),
]


def planowane_daty(data_od: datetime.date, data_do: datetime.date, start: float, koniec: float):
    days = (data_do - data_od).days
    return (
        data_od + datetime.timedelta(days=round(days * start)),
        data_od + datetime.timedelta(days=round(days * koniec)),
    )
