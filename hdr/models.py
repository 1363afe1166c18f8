"""The HDR (harmonogram działań rozwojowych): one per participation, for the chosen area.

Plan fields are versioned: each `WersjaHdr` owns its own copy of the actions (`Dzialanie`), so an
approved version N stays in force, readable and unchanged, while draft N+1 is edited and reviewed.
An action keeps its identity across versions in `klucz`. Monitoring (status, progress, actual value,
dated updates) is not versioned: it is keyed by (HDR, klucz)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from diagnoza.models import Cel
from doradztwo.models import Obszar
from jst.models import CzlonekZespolu, Udzial


class FormaRaportu(models.TextChoices):
    DOBRA_PRAKTYKA = "dobra_praktyka", _("opis dobrej praktyki")
    STUDIUM_REFLEKSJI = "studium_refleksji", _("studium refleksji")
    MINIREPORTAZ = "minireportaz", _("minireportaż z wywiadem")


class StatusDzialania(models.TextChoices):
    PLANOWANE = "planowane", _("planowane")
    W_TRAKCIE = "w_trakcie", _("w trakcie")
    ZREALIZOWANE = "zrealizowane", _("zrealizowane")
    ANULOWANE = "anulowane", _("anulowane")


class Hdr(models.Model):
    udzial = models.OneToOneField(Udzial, on_delete=models.CASCADE, related_name="hdr")
    obszar = models.ForeignKey(Obszar, on_delete=models.PROTECT, related_name="+", verbose_name=_("obszar"))
    utworzony = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("HDR")
        verbose_name_plural = _("HDR")

    def __str__(self):
        return f"HDR {self.udzial}"


class WersjaHdr(models.Model):
    """A version of the plan. Review state through doradztwo.przeglad (robocza → zlozona →
    zwrocona / zatwierdzona); the newest approved version is in force; a later draft needs a reason."""

    hdr = models.ForeignKey(Hdr, on_delete=models.CASCADE, related_name="wersje")
    numer = models.PositiveIntegerField(_("numer wersji"))
    stan = models.CharField(_("stan"), max_length=20, default="robocza")
    okres_od = models.DateField(_("okres od"))
    okres_do = models.DateField(_("okres do"))
    ryzyka = models.TextField(_("ryzyka i założenia"), blank=True)
    powod_zmiany = models.TextField(_("powód zmiany"), blank=True)
    zatwierdzona = models.DateTimeField(_("zatwierdzona"), null=True, blank=True)
    wersja = models.PositiveIntegerField(default=1)
    utworzyl = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    utworzona = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("wersja HDR")
        verbose_name_plural = _("wersje HDR")
        ordering = ["hdr", "numer"]
        constraints = [models.UniqueConstraint(fields=["hdr", "numer"], name="wersja_hdr_raz")]

    def __str__(self):
        return f"{self.hdr} v{self.numer}"


class Dzialanie(models.Model):
    """An action of one HDR version (plan fields only)."""

    wersja_hdr = models.ForeignKey(WersjaHdr, on_delete=models.CASCADE, related_name="dzialania")
    klucz = models.UUIDField(default=uuid.uuid4, editable=False)
    kolejnosc = models.PositiveIntegerField(default=0)
    nazwa = models.CharField(_("nazwa działania"), max_length=300)
    opis = models.TextField(_("opis i kroki"), blank=True)
    cele = models.ManyToManyField(Cel, blank=True, related_name="dzialania", verbose_name=_("cele, którym służy"))
    narzedzia = models.JSONField(_("narzędzia z katalogu obszaru"), default=list, blank=True)
    narzedzia_inne = models.CharField(_("inne narzędzia"), max_length=500, blank=True)
    wlasciciel = models.ForeignKey(CzlonekZespolu, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("osoba odpowiedzialna z zespołu"))
    wlasciciel_nazwa = models.CharField(_("osoba odpowiedzialna spoza zespołu"), max_length=200, blank=True)
    wspolrealizatorzy = models.CharField(_("współrealizatorzy"), max_length=500, blank=True)
    od = models.DateField(_("początek"))
    do = models.DateField(_("koniec"))
    zasoby_ludzie = models.CharField(_("zasoby ludzkie"), max_length=500, blank=True)
    kwota = models.DecimalField(_("kwota (zł)"), max_digits=14, decimal_places=2, null=True, blank=True)
    zrodlo_finansowania = models.CharField(_("źródło finansowania"), max_length=300, blank=True)
    materialy = models.CharField(_("zasoby materialne"), max_length=500, blank=True)
    miernik = models.CharField(_("miernik sukcesu"), max_length=300, blank=True)
    wartosc_bazowa = models.CharField(_("wartość bazowa"), max_length=100, blank=True)
    wartosc_docelowa = models.CharField(_("wartość docelowa"), max_length=100, blank=True)
    sposob_monitorowania = models.CharField(_("sposób monitorowania"), max_length=500, blank=True)
    # The final-report action (required once per version): its form, due date (`do`) and author.
    raport_koncowy = models.BooleanField(_("działanie: raport końcowy"), default=False)
    forma_raportu = models.CharField(_("forma raportu końcowego"), max_length=30, choices=FormaRaportu.choices,
                                     blank=True)
    autor_raportu = models.CharField(_("autor raportu"), max_length=200, blank=True)
    wersja = models.PositiveIntegerField(default=1)
    zmienil = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    zmienione = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("działanie")
        verbose_name_plural = _("działania")
        ordering = ["wersja_hdr", "od", "kolejnosc", "pk"]
        constraints = [models.UniqueConstraint(fields=["wersja_hdr", "klucz"], name="dzialanie_raz_w_wersji")]

    def __str__(self):
        return self.nazwa


class MonitoringDzialania(models.Model):
    """The current status of an action (not versioned): the latest progress update writes it."""

    hdr = models.ForeignKey(Hdr, on_delete=models.CASCADE, related_name="monitoring")
    klucz = models.UUIDField()
    status = models.CharField(_("status"), max_length=20, choices=StatusDzialania.choices,
                              default=StatusDzialania.PLANOWANE)
    postep = models.PositiveSmallIntegerField(_("postęp (%)"), default=0)
    wartosc_aktualna = models.CharField(_("wartość osiągnięta"), max_length=100, blank=True)
    wersja = models.PositiveIntegerField(default=1)
    zmieniony = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("monitoring działania")
        verbose_name_plural = _("monitoring działań")
        constraints = [models.UniqueConstraint(fields=["hdr", "klucz"], name="monitoring_raz")]


class Postep(models.Model):
    """A dated progress update of an action: status, progress, actual value, note and evidence."""

    hdr = models.ForeignKey(Hdr, on_delete=models.CASCADE, related_name="postepy")
    klucz = models.UUIDField()
    data = models.DateField(_("data"))
    status = models.CharField(_("status"), max_length=20, choices=StatusDzialania.choices)
    postep = models.PositiveSmallIntegerField(_("postęp (%)"))
    wartosc_aktualna = models.CharField(_("wartość osiągnięta"), max_length=100, blank=True)
    notatka = models.TextField(_("notatka"), blank=True)
    dowod = models.ForeignKey("doradztwo.Plik", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                              verbose_name=_("dowód (plik)"))
    autor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    utworzony = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("postęp działania")
        verbose_name_plural = _("postępy działań")
        ordering = ["-data", "-pk"]
        indexes = [models.Index(fields=["hdr", "klucz"])]

    def __str__(self):
        return f"{self.data}: {self.postep}%"


class PowiazanieWpisu(models.Model):
    """The optional link of an adviser's remote entry (jst.WpisZdalny) to an HDR action (by klucz)."""

    wpis = models.OneToOneField("jst.WpisZdalny", on_delete=models.CASCADE, related_name="powiazanie_hdr")
    hdr = models.ForeignKey(Hdr, on_delete=models.CASCADE, related_name="powiazane_wpisy")
    klucz = models.UUIDField()

    class Meta:
        verbose_name = _("powiązanie wpisu z działaniem HDR")
        verbose_name_plural = _("powiązania wpisów z działaniami HDR")
