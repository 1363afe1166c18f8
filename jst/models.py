from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from doradztwo.models import Edycja


class JST(models.Model):
    """A local-government unit from the TERYT register (one row per legal entity).

    `klucz` is the stable key across yearly refreshes: 2 digits for a voivodeship, 4 for a county or
    a city with county rights, 6 (WOJ+POW+GMI) for a gmina — RODZ, the 7th digit, changes when a
    village gains town rights. A city with county rights is one JST: `teryt` holds its 4-digit
    county code and `teryt_gminy` its 7-digit gmina code; both find it.
    """

    class Rodzaj(models.TextChoices):
        GMINA_MIEJSKA = "gmina_miejska", _("gmina miejska")
        GMINA_WIEJSKA = "gmina_wiejska", _("gmina wiejska")
        GMINA_MIEJSKO_WIEJSKA = "gmina_miejsko_wiejska", _("gmina miejsko-wiejska")
        MIASTO_NA_PRAWACH_POWIATU = "miasto_na_prawach_powiatu", _("miasto na prawach powiatu")
        POWIAT = "powiat", _("powiat")
        WOJEWODZTWO = "wojewodztwo", _("województwo")

    teryt = models.CharField(_("kod TERYT"), max_length=7, unique=True)
    teryt_gminy = models.CharField(_("kod TERYT gminy"), max_length=7, unique=True, null=True, blank=True)
    klucz = models.CharField(_("klucz stały"), max_length=6, unique=True)
    nazwa = models.CharField(_("nazwa"), max_length=200)
    rodzaj = models.CharField(_("rodzaj"), max_length=30, choices=Rodzaj.choices)
    wojewodztwo = models.CharField(_("województwo"), max_length=60)
    powiat = models.CharField(_("powiat"), max_length=100, blank=True)
    stan_na = models.DateField(_("stan rejestru na"))
    aktywna = models.BooleanField(_("aktywna"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("JST")
        verbose_name_plural = _("JST")
        ordering = ["nazwa", "teryt"]

    def __str__(self):
        return self.nazwa_pelna

    @property
    def nazwa_pelna(self) -> str:
        """Name as users know it: "Gmina Dwikozy", "Powiat bolesławiecki", "Miasto Kraków"."""
        # Part of the proper name; the English catalogue keeps the Polish word ("Powiat bolesławiecki").
        prefix = {
            self.Rodzaj.POWIAT: pgettext_lazy("prefiks nazwy JST", "Powiat"),
            self.Rodzaj.WOJEWODZTWO: pgettext_lazy("prefiks nazwy JST", "Województwo"),
            self.Rodzaj.MIASTO_NA_PRAWACH_POWIATU: pgettext_lazy("prefiks nazwy JST", "Miasto"),
        }.get(self.rodzaj, pgettext_lazy("prefiks nazwy JST", "Gmina"))
        return f"{prefix} {self.nazwa}"

    @property
    def opis(self) -> str:
        """Name + kind + county: names repeat (two Bolesławiecs in one county)."""
        parts = [self.nazwa_pelna, self.get_rodzaj_display()]
        if self.rodzaj not in (self.Rodzaj.WOJEWODZTWO, self.Rodzaj.POWIAT, self.Rodzaj.MIASTO_NA_PRAWACH_POWIATU):
            parts.append(_("powiat %(powiat)s") % {"powiat": self.powiat})
        parts.append(_("woj. %(woj)s") % {"woj": self.wojewodztwo})
        return ", ".join(str(p) for p in parts)


class Udzial(models.Model):
    """A JST's participation in an edition. `etap` only moves forward, set by the completing service."""

    class Etap(models.TextChoices):
        ZGLOSZONY = "zgloszony", _("zgłoszony")
        ZESPOL_ZATWIERDZONY = "zespol_zatwierdzony", _("zespół zatwierdzony")
        ARKUSZ_ZLOZONY = "arkusz_zlozony", _("arkusz złożony")
        OBSZAR_WYBRANY = "obszar_wybrany", _("obszar wybrany")
        DANE_ZEBRANE = "dane_zebrane", _("dane zebrane")
        SPOTKANIE_1 = "spotkanie_1", _("po 1. spotkaniu w JST")
        DIAGNOZA_POGLEBIONA = "diagnoza_poglebiona", _("diagnoza pogłębiona")
        SPOTKANIE_2 = "spotkanie_2", _("po 2. spotkaniu w JST")
        HDR_ZATWIERDZONY = "hdr_zatwierdzony", _("HDR zatwierdzony")
        WDRAZANIE = "wdrazanie", _("wdrażanie HDR")
        RAPORT_ZLOZONY = "raport_zlozony", _("raport złożony")
        ZAKONCZONY = "zakonczony", _("zakończony")

    edycja = models.ForeignKey(Edycja, on_delete=models.PROTECT, related_name="udzialy")
    jst = models.ForeignKey(JST, on_delete=models.PROTECT, related_name="udzialy")
    etap = models.CharField(_("etap"), max_length=30, choices=Etap.choices, default=Etap.ZGLOSZONY)
    # The team's review state (doradztwo.przeglad): robocza → zatwierdzona, reopened with a reason.
    stan_zespolu = models.CharField(_("stan zespołu"), max_length=20, default="robocza")
    zapisany = models.DateTimeField(_("zapisany"), auto_now_add=True)
    wersja = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("udział")
        verbose_name_plural = _("udziały")
        constraints = [models.UniqueConstraint(fields=["edycja", "jst"], name="udzial_jst_raz_w_edycji")]

    def __str__(self):
        return f"{self.jst.nazwa_pelna} — {self.edycja}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("jst:udzial", args=[self.pk])

    @property
    def numer_etapu(self) -> int:
        return list(self.Etap.values).index(self.etap)


class ZmianaEtapu(models.Model):
    """The stage history of a participation: each change with who and why."""

    udzial = models.ForeignKey(Udzial, on_delete=models.CASCADE, related_name="zmiany_etapu")
    z_etapu = models.CharField(_("z etapu"), max_length=30, choices=Udzial.Etap.choices, blank=True)
    na_etap = models.CharField(_("na etap"), max_length=30, choices=Udzial.Etap.choices)
    kto = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    kiedy = models.DateTimeField(_("kiedy"), auto_now_add=True)
    powod = models.TextField(_("powód"))

    class Meta:
        verbose_name = _("zmiana etapu")
        verbose_name_plural = _("zmiany etapu")
        ordering = ["udzial", "kiedy", "pk"]


class CzlonekZespolu(models.Model):
    """A member of a JST team. Leaving ends access (`aktywny=False`); answers keep their name."""

    class Rodzaj(models.TextChoices):
        PRACOWNIK_JST = "pracownik_jst", _("pracownik JST")
        DYREKTOR = "dyrektor", _("dyrektor szkoły lub placówki")
        INNY = "inny", _("inna osoba (np. radny, partner społeczny)")

    udzial = models.ForeignKey(Udzial, on_delete=models.CASCADE, related_name="zespol")
    uzytkownik = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="czlonkostwa")
    funkcja = models.CharField(_("funkcja"), max_length=200, help_text=_("np. naczelnik wydziału oświaty, skarbnik"))
    rodzaj = models.CharField(_("rodzaj"), max_length=20, choices=Rodzaj.choices)
    nazwa_szkoly = models.CharField(_("nazwa szkoły lub placówki"), max_length=300, blank=True)
    lider = models.BooleanField(_("lider zespołu"), default=False)
    aktywny = models.BooleanField(_("aktywny"), default=True)
    wersja = models.PositiveIntegerField(default=1)
    dolaczyl = models.DateTimeField(_("dołączył"), auto_now_add=True)
    odszedl = models.DateTimeField(_("odszedł"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("członek zespołu")
        verbose_name_plural = _("członkowie zespołu")
        constraints = [
            models.UniqueConstraint(
                fields=["udzial"], condition=models.Q(lider=True, aktywny=True), name="zespol_jeden_lider"
            ),
            models.UniqueConstraint(
                fields=["udzial", "uzytkownik"], condition=models.Q(aktywny=True), name="zespol_osoba_raz"
            ),
        ]

    def __str__(self):
        return str(self.uzytkownik)


class Doradca(models.Model):
    """An adviser of the programme (ROS and/or PRO); may serve many JSTs in many editions."""

    class Specjalnosc(models.TextChoices):
        ROS = "ROS", _("ROS — ekspert ds. rozwoju oświaty samorządowej")
        PRO = "PRO", _("PRO — ekspert ds. personalnego rozwoju organizacji")

    uzytkownik = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="doradca")
    specjalnosc = models.CharField(_("specjalność"), max_length=3, choices=Specjalnosc.choices)
    wojewodztwo = models.CharField(_("województwo"), max_length=60, blank=True)
    notatka = models.TextField(_("notatka (doświadczenie, obszary)"), blank=True)
    aktywny = models.BooleanField(_("aktywny"), default=True)
    wersja = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("doradca")
        verbose_name_plural = _("doradcy")

    def __str__(self):
        return str(self.uzytkownik)


class PrzydzialDoradcy(models.Model):
    """An adviser's ROS or PRO assignment to a participation, from–to. Replacing closes it."""

    class Rola(models.TextChoices):
        ROS = "ROS", _("ROS")
        PRO = "PRO", _("PRO")

    udzial = models.ForeignKey(Udzial, on_delete=models.CASCADE, related_name="przydzialy")
    doradca = models.ForeignKey(Doradca, on_delete=models.PROTECT, related_name="przydzialy")
    rola = models.CharField(_("rola"), max_length=3, choices=Rola.choices)
    od = models.DateField(_("od"))
    do = models.DateField(_("do"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("przydział doradcy")
        verbose_name_plural = _("przydziały doradców")
        ordering = ["udzial", "rola", "-od"]
        constraints = [
            models.UniqueConstraint(
                fields=["udzial", "rola"], condition=models.Q(do__isnull=True), name="przydzial_jeden_aktywny_na_role"
            ),
            models.CheckConstraint(
                condition=models.Q(do__isnull=True) | models.Q(do__gte=models.F("od")), name="przydzial_daty"
            ),
        ]

    def __str__(self):
        return f"{self.rola}: {self.doradca}"
