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


# --- Advisers' work: remote advice, timesheets, on-site visits, travel costs, events ---------------------


class WpisZdalny(models.Model):
    """An adviser's remote advice for one JST: EU-funded hours, the evidence ORE settles."""

    class Forma(models.TextChoices):
        TELEFON = "telefon", _("telefon")
        WIDEO = "wideo", _("wideokonferencja")
        EMAIL = "email", _("e-mail")
        INNA = "inna", _("inna")

    doradca = models.ForeignKey(Doradca, on_delete=models.PROTECT, related_name="wpisy_zdalne")
    udzial = models.ForeignKey(Udzial, on_delete=models.CASCADE, related_name="wpisy_zdalne", verbose_name=_("JST"))
    data = models.DateField(_("data"))
    poczatek = models.TimeField(_("godzina rozpoczęcia"))
    minuty = models.PositiveSmallIntegerField(_("czas trwania (minuty)"))
    forma = models.CharField(_("forma"), max_length=20, choices=Forma.choices)
    temat = models.CharField(_("temat"), max_length=300)
    obecni = models.ManyToManyField(CzlonekZespolu, blank=True, related_name="+", verbose_name=_("obecni członkowie zespołu"))
    ustalenia = models.TextField(_("wynik i uzgodnione kolejne kroki"), blank=True)
    etap = models.CharField(_("etap, którego dotyczy"), max_length=30, choices=Udzial.Etap.choices, blank=True)
    wersja = models.PositiveIntegerField(default=1)
    utworzony = models.DateTimeField(auto_now_add=True)
    zmieniony = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[obecni])

    class Meta:
        verbose_name = _("wpis doradztwa zdalnego")
        verbose_name_plural = _("wpisy doradztwa zdalnego")
        ordering = ["-data", "-poczatek", "-pk"]
        indexes = [models.Index(fields=["doradca", "data"]), models.Index(fields=["udzial", "data"])]

    def __str__(self):
        return f"{self.data} {self.poczatek:%H:%M} ({self.minuty} min)"


class KartaCzasuPracy(models.Model):
    """An adviser's month in an edition: submitted by the adviser, approved or returned by the
    coordinator (doradztwo.przeglad); an approved month is locked for remote entries and visits."""

    doradca = models.ForeignKey(Doradca, on_delete=models.PROTECT, related_name="karty")
    edycja = models.ForeignKey(Edycja, on_delete=models.CASCADE, related_name="karty_czasu")
    miesiac = models.DateField(_("miesiąc"))  # the first day of the month
    stan = models.CharField(_("stan"), max_length=20, default="robocza")
    wersja = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("karta czasu pracy")
        verbose_name_plural = _("karty czasu pracy")
        ordering = ["-miesiac", "doradca"]
        constraints = [models.UniqueConstraint(fields=["doradca", "edycja", "miesiac"], name="karta_raz_na_miesiac")]

    def __str__(self):
        return f"{self.doradca} {self.miesiac:%m.%Y}"


class Wizyta(models.Model):
    """An on-site visit: meetings 1 and 2 (two days, the pair together), an expert visit, other."""

    class Typ(models.TextChoices):
        SPOTKANIE_1 = "spotkanie_1", _("spotkanie w JST nr 1")
        SPOTKANIE_2 = "spotkanie_2", _("spotkanie w JST nr 2")
        EKSPERCKA = "ekspercka", _("jednorazowa wizyta ekspercka")
        INNA = "inna", _("inna wizyta")

    udzial = models.ForeignKey(Udzial, on_delete=models.CASCADE, related_name="wizyty", verbose_name=_("JST"))
    typ = models.CharField(_("rodzaj wizyty"), max_length=20, choices=Typ.choices)
    od = models.DateField(_("pierwszy dzień"))
    do = models.DateField(_("ostatni dzień"))
    miejsce = models.CharField(_("miejsce"), max_length=300)
    program = models.TextField(_("program"), blank=True)
    doradcy = models.ManyToManyField(Doradca, related_name="wizyty", verbose_name=_("doradcy"))
    uczestnicy = models.ManyToManyField(CzlonekZespolu, blank=True, related_name="+",
                                        verbose_name=_("uczestnicy z zespołu"))
    interesariusze = models.TextField(_("inni uczestnicy (osoba — funkcja, jedna w wierszu)"), blank=True)
    spotkanie_z_wlodarzem = models.BooleanField(_("odbyło się spotkanie z wójtem / burmistrzem / prezydentem / starostą"),
                                                null=True, blank=True)
    notatki_wlodarz = models.TextField(_("notatki ze spotkania z włodarzem"), blank=True)
    rezultaty = models.TextField(_("rezultaty"), blank=True)
    notatki_dla_jst = models.TextField(_("notatki dla JST"), blank=True)
    notatki_prywatne = models.TextField(_("notatki prywatne doradców"), blank=True)
    wersja = models.PositiveIntegerField(default=1)
    autor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    zmieniona = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[doradcy, uczestnicy])

    class Meta:
        verbose_name = _("wizyta")
        verbose_name_plural = _("wizyty")
        ordering = ["-od", "-pk"]

    def __str__(self):
        return f"{self.get_typ_display()} {self.od:%d.%m.%Y}"


class KosztPodrozy(models.Model):
    """An adviser's travel cost (transport, lodging), with scanned documents."""

    doradca = models.ForeignKey(Doradca, on_delete=models.PROTECT, related_name="koszty")
    wizyta = models.ForeignKey(Wizyta, on_delete=models.PROTECT, null=True, blank=True, related_name="koszty",
                               verbose_name=_("wizyta"))
    edycja = models.ForeignKey(Edycja, on_delete=models.CASCADE, related_name="koszty_podrozy")
    data = models.DateField(_("data"))
    transport = models.CharField(_("środek transportu i trasa"), max_length=300, blank=True)
    kwota_transport = models.DecimalField(_("transport (zł)"), max_digits=10, decimal_places=2, default=0)
    kwota_nocleg = models.DecimalField(_("nocleg (zł)"), max_digits=10, decimal_places=2, default=0)
    kwota_inne = models.DecimalField(_("inne (zł)"), max_digits=10, decimal_places=2, default=0)
    opis = models.CharField(_("opis"), max_length=500, blank=True)
    dokumenty = models.ManyToManyField("doradztwo.Plik", blank=True, related_name="+", verbose_name=_("dokumenty"))
    wersja = models.PositiveIntegerField(default=1)
    zmieniony = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("koszt podróży")
        verbose_name_plural = _("koszty podróży")
        ordering = ["-data", "-pk"]

    def __str__(self):
        return f"{self.doradca} {self.data:%d.%m.%Y}"


class Wydarzenie(models.Model):
    """An edition event: opening and closing meetings, workshop rounds, online meetings."""

    class Rodzaj(models.TextChoices):
        OTWARCIE = "otwarcie", _("spotkanie otwierające")
        ZAMKNIECIE = "zamkniecie", _("spotkanie podsumowujące")
        WARSZTATY_1 = "warsztaty_1", _("warsztaty — runda 1")
        WARSZTATY_2 = "warsztaty_2", _("warsztaty — runda 2")
        ONLINE = "online", _("spotkanie online")

    edycja = models.ForeignKey(Edycja, on_delete=models.CASCADE, related_name="wydarzenia")
    rodzaj = models.CharField(_("rodzaj"), max_length=20, choices=Rodzaj.choices)
    nazwa = models.CharField(_("nazwa"), max_length=200)
    od = models.DateField(_("pierwszy dzień"))
    do = models.DateField(_("ostatni dzień"))
    miejsce = models.CharField(_("miejsce"), max_length=300, blank=True)
    link = models.URLField(_("link do spotkania online"), blank=True)
    program = models.TextField(_("program"), blank=True)
    limit_miejsc = models.PositiveIntegerField(_("liczba miejsc"), null=True, blank=True)
    opcje = models.JSONField(_("opcje rejestracji"), default=list, blank=True)  # e.g. ["przejazd autokarem"]
    wersja = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("wydarzenie")
        verbose_name_plural = _("wydarzenia")
        ordering = ["od", "pk"]

    def __str__(self):
        return self.nazwa


class Rejestracja(models.Model):
    wydarzenie = models.ForeignKey(Wydarzenie, on_delete=models.CASCADE, related_name="rejestracje")
    czlonek = models.ForeignKey(CzlonekZespolu, on_delete=models.PROTECT, related_name="rejestracje")
    opcje = models.JSONField(_("wybrane opcje"), default=list, blank=True)
    utworzona = models.DateTimeField(auto_now_add=True)
    zapisal = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("rejestracja")
        verbose_name_plural = _("rejestracje")
        constraints = [models.UniqueConstraint(fields=["wydarzenie", "czlonek"], name="rejestracja_raz")]


class Obecnosc(models.Model):
    wydarzenie = models.ForeignKey(Wydarzenie, on_delete=models.CASCADE, related_name="obecnosci")
    czlonek = models.ForeignKey(CzlonekZespolu, on_delete=models.PROTECT, related_name="obecnosci")
    dzien = models.DateField(_("dzień"))
    obecny = models.BooleanField(_("obecny"), default=False)
    zaznaczyl = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    zmieniona = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("obecność")
        verbose_name_plural = _("obecności")
        constraints = [models.UniqueConstraint(fields=["wydarzenie", "czlonek", "dzien"], name="obecnosc_raz")]
