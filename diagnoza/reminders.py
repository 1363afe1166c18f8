"""Reminder kinds of the diagnosis (issue 10): the sheet, the data-collection task and the deep diagnosis
not submitted by the end of their calendar stage (to the team leader and the current advisers)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from diagnoza.models import Arkusz, DiagnozaPoglebiona, ZadanieDanych
from jst.reminders import ZLOZONE, zarejestruj_dokument_po_terminie

zarejestruj_dokument_po_terminie(
    kod="arkusz_po_terminie", kolejnosc=50,
    nazwa=gettext_lazy("Arkusz diagnostyczny po terminie"),
    opis=gettext_lazy("Arkusz diagnostyczny nie został złożony do końca etapu „Arkusz diagnostyczny i wybór "
                      "obszaru” w kalendarzu edycji."),
    kod_etapu="wybor_obszaru", etap_udzialu="arkusz_zlozony",
    zlozone=lambda edycja: Arkusz.objects.filter(udzial__edycja=edycja, czlonek__isnull=True, stan__in=ZLOZONE)
    .values("udzial_id"),
    tytul=gettext_lazy("Arkusz diagnostyczny po terminie — %(jst)s"),
    tresc=gettext_lazy("Arkusz diagnostyczny (%(jst)s) nie został jeszcze złożony, a planowany termin etapu "
                       "„%(etap)s” minął %(data)s."),
    dokument=gettext_lazy("arkusz diagnostyczny"),
    link=lambda u: reverse("diagnoza:arkusz", args=[u.pk]),
)
zarejestruj_dokument_po_terminie(
    kod="zadanie_po_terminie", kolejnosc=60,
    nazwa=gettext_lazy("Zadanie wdrożeniowe po terminie"),
    opis=gettext_lazy("Zadanie wdrożeniowe nie zostało złożone do końca etapu „Zbieranie danych” w kalendarzu "
                      "edycji."),
    kod_etapu="zbieranie_danych", etap_udzialu="dane_zebrane",
    zlozone=lambda edycja: ZadanieDanych.objects.filter(udzial__edycja=edycja, stan__in=ZLOZONE).values("udzial_id"),
    tytul=gettext_lazy("Zadanie wdrożeniowe po terminie — %(jst)s"),
    tresc=gettext_lazy("Zadanie wdrożeniowe (zbieranie danych, %(jst)s) nie zostało jeszcze złożone, a "
                       "planowany termin etapu „%(etap)s” minął %(data)s."),
    dokument=gettext_lazy("zadanie wdrożeniowe"),
    link=lambda u: reverse("diagnoza:zadanie", args=[u.pk]),
)
zarejestruj_dokument_po_terminie(
    kod="diagnoza_po_terminie", kolejnosc=70,
    nazwa=gettext_lazy("Diagnoza pogłębiona po terminie"),
    opis=gettext_lazy("Diagnoza pogłębiona nie została złożona do końca etapu „Diagnoza pogłębiona” "
                      "w kalendarzu edycji."),
    kod_etapu="diagnoza_poglebiona", etap_udzialu="diagnoza_poglebiona",
    zlozone=lambda edycja: DiagnozaPoglebiona.objects.filter(udzial__edycja=edycja, stan__in=ZLOZONE)
    .values("udzial_id"),
    tytul=gettext_lazy("Diagnoza pogłębiona po terminie — %(jst)s"),
    tresc=gettext_lazy("Diagnoza pogłębiona (%(jst)s) nie została jeszcze złożona, a planowany termin etapu "
                       "„%(etap)s” minął %(data)s."),
    dokument=gettext_lazy("diagnoza pogłębiona"),
    link=lambda u: reverse("diagnoza:poglebiona", args=[u.pk]),
)
