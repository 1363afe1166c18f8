"""Final reports (three forms), their review, and the public good-practice library.

A participation has at most one `RaportKoncowy`, in the form its HDR planned. The text lives in
`SekcjaRaportu` rows (one per section key of the form, see `raporty.formy`), so two team members
editing different sections never conflict and each section keeps who/when and its own version.
The reportage's interview is a list of `PytanieWywiadu`; photos are `ZdjecieRaportu` (an uploaded
`doradztwo.Plik` with a caption and the pictured persons' consent).

Publication makes a *redacted copy* (`Publikacja`): what the coordinator confirmed, frozen at that
moment, with its own EXIF-stripped photos and a PDF rendered once — the public library never reads
the working report and anonymous visitors never start jobs."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hdr.models import FormaRaportu
from jst.models import Udzial


class RaportKoncowy(models.Model):
    udzial = models.OneToOneField(Udzial, on_delete=models.CASCADE, related_name="raport_koncowy")
    forma = models.CharField(_("forma raportu"), max_length=30, choices=FormaRaportu.choices)
    # Review state (doradztwo.przeglad): robocza → zlozona → zwrocona / zatwierdzona ("przyjęty").
    stan = models.CharField(_("stan"), max_length=20, default="robocza")
    tytul = models.CharField(_("tytuł"), max_length=300, blank=True)
    # Contact person of a good practice (section II) — published only with their consent.
    kontakt_imie_nazwisko = models.CharField(_("osoba do kontaktu"), max_length=200, blank=True)
    kontakt_funkcja = models.CharField(_("funkcja osoby do kontaktu"), max_length=200, blank=True)
    kontakt_email = models.EmailField(_("e-mail osoby do kontaktu"), blank=True)
    kontakt_telefon = models.CharField(_("telefon osoby do kontaktu"), max_length=40, blank=True)
    kontakt_zgoda = models.BooleanField(_("osoba do kontaktu zgodziła się na publikację danych"), default=False)
    # The reportage's interviewee.
    rozmowca = models.CharField(_("rozmówca (imię i nazwisko)"), max_length=200, blank=True)
    rozmowca_funkcja = models.CharField(_("funkcja rozmówcy"), max_length=200, blank=True)
    rozmowca_zgoda = models.BooleanField(_("rozmówca zgodził się na publikację wywiadu"), default=False)
    # Model documents (good practice, section III) and other attachments.
    dokumenty = models.ManyToManyField("doradztwo.Plik", blank=True, related_name="+",
                                       verbose_name=_("dokumenty wzorcowe"))
    wersja = models.PositiveIntegerField(default=1)
    zmienil = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+")
    zmieniony = models.DateTimeField(auto_now=True)
    utworzony = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("raport końcowy")
        verbose_name_plural = _("raporty końcowe")

    def __str__(self):
        return self.tytul or str(self.udzial)


class SekcjaRaportu(models.Model):
    """One section's text (Markdown, cleaned on render); keys per form in `raporty.formy`."""

    raport = models.ForeignKey(RaportKoncowy, on_delete=models.CASCADE, related_name="sekcje")
    klucz = models.CharField(max_length=40)
    tresc = models.TextField(_("treść"), blank=True)
    wersja = models.PositiveIntegerField(default=1)
    zmienil = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+")
    zmieniona = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sekcja raportu")
        verbose_name_plural = _("sekcje raportu")
        constraints = [models.UniqueConstraint(fields=["raport", "klucz"], name="sekcja_raportu_klucz")]

    def __str__(self):
        return self.klucz


class PytanieWywiadu(models.Model):
    raport = models.ForeignKey(RaportKoncowy, on_delete=models.CASCADE, related_name="pytania")
    kolejnosc = models.PositiveIntegerField(default=0)
    pytanie = models.TextField(_("pytanie"))
    odpowiedz = models.TextField(_("odpowiedź"), blank=True)
    wersja = models.PositiveIntegerField(default=1)
    zmienil = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+")
    zmienione = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pytanie wywiadu")
        verbose_name_plural = _("pytania wywiadu")
        ordering = ["kolejnosc", "pk"]

    def __str__(self):
        return self.pytanie[:80]


class ZdjecieRaportu(models.Model):
    raport = models.ForeignKey(RaportKoncowy, on_delete=models.CASCADE, related_name="zdjecia")
    plik = models.ForeignKey("doradztwo.Plik", on_delete=models.PROTECT, related_name="+")
    podpis = models.CharField(_("podpis"), max_length=300)
    zgoda = models.BooleanField(_("osoby na zdjęciu zgodziły się na publikację"), default=False)
    kolejnosc = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("zdjęcie raportu")
        verbose_name_plural = _("zdjęcia raportu")
        ordering = ["kolejnosc", "pk"]

    def __str__(self):
        return self.podpis


class Publikacja(models.Model):
    """The redacted public copy of an accepted good practice (or another accepted report).

    `tresc` holds the confirmed sections as {klucz: tekst}; `metryka` the facts shown in the library
    (JST name, kind, voivodeship, area, period). Unpublishing keeps the row (`opublikowana=False`) and
    the public URLs answer 404."""

    raport = models.OneToOneField(RaportKoncowy, on_delete=models.CASCADE, related_name="publikacja")
    tytul = models.CharField(_("tytuł"), max_length=300)
    lead = models.TextField(_("streszczenie"), blank=True)
    tresc = models.JSONField(default=dict)
    metryka = models.JSONField(default=dict)
    # Denormalised for the library's filters (no joins to the working data on public pages).
    obszar = models.ForeignKey("doradztwo.Obszar", on_delete=models.PROTECT, null=True, related_name="+",
                               verbose_name=_("obszar"))
    rodzaj_jst = models.CharField(_("rodzaj JST"), max_length=30)
    wojewodztwo = models.CharField(_("województwo"), max_length=60)
    nazwa_jst = models.CharField(_("JST"), max_length=300)
    kontakt = models.JSONField(default=dict, blank=True)
    opublikowana = models.BooleanField(_("opublikowana"), default=True)
    potwierdzil = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opublikowana_kiedy = models.DateTimeField(_("data publikacji"))
    plik_pdf = models.FileField(upload_to="publikacje/pdf/", max_length=300, blank=True)

    class Meta:
        verbose_name = _("publikacja dobrej praktyki")
        verbose_name_plural = _("publikacje dobrych praktyk")
        ordering = ["-opublikowana_kiedy", "-pk"]

    def __str__(self):
        return self.tytul


class ZdjeciePublikacji(models.Model):
    """A published photo: re-encoded without EXIF at publication."""

    publikacja = models.ForeignKey(Publikacja, on_delete=models.CASCADE, related_name="zdjecia")
    plik = models.FileField(upload_to="publikacje/zdjecia/", max_length=300)
    typ = models.CharField(max_length=40)
    podpis = models.CharField(_("podpis"), max_length=300)
    kolejnosc = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("zdjęcie publikacji")
        verbose_name_plural = _("zdjęcia publikacji")
        ordering = ["kolejnosc", "pk"]

    def __str__(self):
        return self.podpis
