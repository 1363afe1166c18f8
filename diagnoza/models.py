"""Diagnostic sheets: versioned templates (data, not code), sheets per participation, answers."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from doradztwo.models import Edycja, Obszar
from jst.models import CzlonekZespolu, Udzial


class SzablonArkusza(models.Model):
    """A sheet template. Its content lives in versions; an edition freezes the version it uses."""

    class Tryb(models.TextChoices):
        WSPOLNY = "wspolny", _("wspólny — jedna odpowiedź zespołu na pytanie")
        INDYWIDUALNY = "indywidualny", _("indywidualny — każdy członek zespołu odpowiada osobno")

    nazwa = models.CharField(_("nazwa"), max_length=200)
    opis = models.TextField(_("opis"), blank=True)
    tryb = models.CharField(_("tryb"), max_length=20, choices=Tryb.choices, default=Tryb.WSPOLNY)
    utworzony = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("szablon arkusza")
        verbose_name_plural = _("szablony arkuszy")
        ordering = ["nazwa", "pk"]

    def __str__(self):
        return self.nazwa


class WersjaSzablonu(models.Model):
    """One version of a template. Published versions never change; editing makes a new draft."""

    class Stan(models.TextChoices):
        ROBOCZA = "robocza", _("robocza")
        OPUBLIKOWANA = "opublikowana", _("opublikowana")

    szablon = models.ForeignKey(SzablonArkusza, on_delete=models.CASCADE, related_name="wersje")
    numer = models.PositiveIntegerField(_("numer wersji"))
    stan = models.CharField(_("stan"), max_length=20, choices=Stan.choices, default=Stan.ROBOCZA)
    opublikowana = models.DateTimeField(_("opublikowana"), null=True, blank=True)
    utworzyl = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    utworzona = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("wersja szablonu")
        verbose_name_plural = _("wersje szablonu")
        ordering = ["szablon", "-numer"]
        constraints = [models.UniqueConstraint(fields=["szablon", "numer"], name="wersja_szablonu_numer")]

    def __str__(self):
        return f"{self.szablon} v{self.numer}"


class SekcjaSzablonu(models.Model):
    wersja = models.ForeignKey(WersjaSzablonu, on_delete=models.CASCADE, related_name="sekcje")
    kolejnosc = models.PositiveSmallIntegerField(_("kolejność"))
    tytul = models.CharField(_("tytuł"), max_length=300)
    opis = models.TextField(_("opis"), blank=True)
    obszar = models.ForeignKey(Obszar, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("obszar"))

    class Meta:
        verbose_name = _("sekcja szablonu")
        verbose_name_plural = _("sekcje szablonu")
        ordering = ["wersja", "kolejnosc", "pk"]

    def __str__(self):
        return self.tytul


class PytanieSzablonu(models.Model):
    """A question. `kod` is stable across versions of one template (results compare by it)."""

    class Typ(models.TextChoices):
        SKALA = "skala", _("skala z opisanymi punktami")
        JEDNOKROTNY = "jednokrotny", _("wybór jednej odpowiedzi")
        WIELOKROTNY = "wielokrotny", _("wybór wielu odpowiedzi")
        TAK_NIE = "tak_nie", _("tak / nie")
        LICZBA = "liczba", _("liczba")
        TEKST_KROTKI = "tekst_krotki", _("krótki tekst")
        TEKST_DLUGI = "tekst_dlugi", _("dłuższy tekst")
        DATA = "data", _("data")

    sekcja = models.ForeignKey(SekcjaSzablonu, on_delete=models.CASCADE, related_name="pytania")
    kolejnosc = models.PositiveSmallIntegerField(_("kolejność"))
    kod = models.SlugField(_("kod"), max_length=40)
    tresc = models.TextField(_("treść"))
    pomoc = models.TextField(_("podpowiedź"), blank=True)
    typ = models.CharField(_("typ"), max_length=20, choices=Typ.choices, default=Typ.SKALA)
    wymagane = models.BooleanField(_("wymagane"), default=True)
    # Scale points [[value, label], …] or choices [[value, label], …].
    opcje = models.JSONField(_("opcje"), default=list, blank=True)
    nie_wiem = models.BooleanField(_("dopuszcza „nie dotyczy / nie wiem”"), default=True)
    minimum = models.DecimalField(_("minimum"), max_digits=14, decimal_places=2, null=True, blank=True)
    maksimum = models.DecimalField(_("maksimum"), max_digits=14, decimal_places=2, null=True, blank=True)
    jednostka = models.CharField(_("jednostka"), max_length=30, blank=True)
    # Shown only when the question with code `kod` has one of `wartosci`: {"kod": …, "wartosci": […]}.
    pokaz_jesli = models.JSONField(_("pokaż, jeśli"), default=dict, blank=True)

    class Meta:
        verbose_name = _("pytanie szablonu")
        verbose_name_plural = _("pytania szablonu")
        ordering = ["sekcja", "kolejnosc", "pk"]

    def __str__(self):
        return self.tresc[:80]


class ArkuszEdycji(models.Model):
    """The template version an edition uses, frozen for its sheets."""

    edycja = models.OneToOneField(Edycja, on_delete=models.CASCADE, related_name="arkusz_edycji")
    wersja = models.ForeignKey(WersjaSzablonu, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("arkusz edycji")
        verbose_name_plural = _("arkusze edycji")


class Arkusz(models.Model):
    """A participation's sheet (shared mode), or one member's copy (individual mode)."""

    udzial = models.ForeignKey(Udzial, on_delete=models.CASCADE, related_name="arkusze")
    czlonek = models.ForeignKey(CzlonekZespolu, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="arkusze")
    wersja_szablonu = models.ForeignKey(WersjaSzablonu, on_delete=models.PROTECT, related_name="arkusze")
    # Review state (doradztwo.przeglad): robocza → złożona → zwrócona / zatwierdzona, reopened with a reason.
    stan = models.CharField(_("stan"), max_length=20, default="robocza")
    wersja = models.PositiveIntegerField(default=1)
    utworzony = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("arkusz")
        verbose_name_plural = _("arkusze")
        constraints = [
            models.UniqueConstraint(fields=["udzial"], condition=models.Q(czlonek__isnull=True),
                                    name="arkusz_wspolny_raz"),
            models.UniqueConstraint(fields=["udzial", "czlonek"], name="arkusz_czlonka_raz"),
        ]

    def __str__(self):
        return f"{self.udzial} — {self.wersja_szablonu}"


class Odpowiedz(models.Model):
    """One answer. Its own version: different questions never conflict; a stale save of the same
    question is a conflict the user resolves. History keeps who and when for every change."""

    arkusz = models.ForeignKey(Arkusz, on_delete=models.CASCADE, related_name="odpowiedzi")
    pytanie = models.ForeignKey(PytanieSzablonu, on_delete=models.PROTECT, related_name="odpowiedzi")
    wartosc = models.JSONField(_("wartość"), null=True, blank=True)
    nie_wiem = models.BooleanField(_("nie dotyczy / nie wiem"), default=False)
    wersja = models.PositiveIntegerField(default=1)
    autor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    zmieniona = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("odpowiedź")
        verbose_name_plural = _("odpowiedzi")
        constraints = [models.UniqueConstraint(fields=["arkusz", "pytanie"], name="odpowiedz_raz_na_pytanie")]

    def __str__(self):
        return f"{self.pytanie.kod}: {self.wartosc}"


class WyborObszaru(models.Model):
    """The area the team chose after the sheet, with its justification (never chosen automatically)."""

    udzial = models.OneToOneField(Udzial, on_delete=models.CASCADE, related_name="wybor_obszaru")
    obszar = models.ForeignKey(Obszar, on_delete=models.PROTECT, related_name="+", verbose_name=_("obszar"))
    uzasadnienie = models.TextField(_("uzasadnienie"))
    kto = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kiedy = models.DateTimeField(auto_now=True)
    wersja = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("wybór obszaru")
        verbose_name_plural = _("wybory obszaru")
