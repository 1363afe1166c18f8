from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class UzytkownikManager(UserManager):
    def get_by_natural_key(self, username):
        # Usernames are e-mail addresses: "Jan@Gmina.pl" and "jan@gmina.pl" are one person.
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class Uzytkownik(AbstractUser):
    """A person who signs in. Roles come from assignments, never from flags on this row."""

    telefon = models.CharField(_("telefon"), max_length=40, blank=True)
    zaproszenie_wyslane = models.DateTimeField(_("zaproszenie wysłane"), null=True, blank=True)
    # ORE staff an administrator made coordinators; which editions they run is Edycja.koordynatorzy.
    koordynator = models.BooleanField(_("koordynator ORE"), default=False)

    objects = UzytkownikManager()

    class Meta:
        verbose_name = _("użytkownik")
        verbose_name_plural = _("użytkownicy")
        constraints = [
            models.UniqueConstraint(Lower("username"), name="uzytkownik_username_ci_unique"),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def zaproszenie_przyjete(self) -> bool:
        """An invited person has accepted once they have set a password and signed in."""
        return self.has_usable_password() and self.last_login is not None


class Edycja(models.Model):
    """One edition of the programme, with its settings and stage calendar."""

    class Status(models.TextChoices):
        PLANOWANA = "planowana", _("planowana")
        AKTYWNA = "aktywna", _("aktywna")
        ZAMKNIETA = "zamknieta", _("zamknięta")

    nazwa = models.CharField(_("nazwa"), max_length=200)
    data_od = models.DateField(_("początek"))
    data_do = models.DateField(_("koniec"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANOWANA)
    norma_godzin = models.DecimalField(
        _("norma godzin doradztwa zdalnego na miesiąc (na doradcę i JST)"),
        max_digits=4, decimal_places=1, default=Decimal("1.0"),
    )
    zespol_min = models.PositiveSmallIntegerField(_("minimalna liczba osób w zespole"), default=3)
    zespol_max = models.PositiveSmallIntegerField(_("maksymalna liczba osób w zespole"), default=5)
    wymaga_pracownika_jst = models.BooleanField(_("zespół musi mieć pracownika JST"), default=True)
    wymaga_dyrektora = models.BooleanField(_("zespół musi mieć dyrektora szkoły"), default=True)
    koordynatorzy = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="koordynowane_edycje", blank=True, verbose_name=_("koordynatorzy")
    )
    utworzona = models.DateTimeField(auto_now_add=True)
    wersja = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("edycja")
        verbose_name_plural = _("edycje")
        ordering = ["-data_od", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(data_do__gte=models.F("data_od")), name="edycja_daty_rosnace"),
            models.CheckConstraint(condition=models.Q(zespol_max__gte=models.F("zespol_min")),
                                   name="edycja_zespol_min_max"),
        ]

    def __str__(self):
        return self.nazwa

    @property
    def zamknieta(self) -> bool:
        return self.status == self.Status.ZAMKNIETA


class EtapKalendarza(models.Model):
    """A stage of an edition's calendar with its planned dates (created from the default model)."""

    edycja = models.ForeignKey(Edycja, on_delete=models.CASCADE, related_name="kalendarz")
    kod = models.SlugField(_("kod"), max_length=40)
    nazwa = models.CharField(_("nazwa"), max_length=200)
    kolejnosc = models.PositiveSmallIntegerField(_("kolejność"))
    data_od = models.DateField(_("planowany początek"))
    data_do = models.DateField(_("planowany koniec"))
    opis = models.TextField(_("opis"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("etap kalendarza")
        verbose_name_plural = _("etapy kalendarza")
        ordering = ["edycja", "kolejnosc"]
        constraints = [
            models.UniqueConstraint(fields=["edycja", "kod"], name="etap_kalendarza_kod_unikalny"),
            models.CheckConstraint(condition=models.Q(data_do__gte=models.F("data_od")), name="etap_daty_rosnace"),
        ]

    def __str__(self):
        return self.nazwa


class Obszar(models.Model):
    """One of the 12 areas, keyed by a stable code (the numbering differs between sources)."""

    kod = models.SlugField(_("kod"), max_length=40, unique=True)
    numer = models.PositiveSmallIntegerField(_("numer"))
    nazwa = models.CharField(_("nazwa"), max_length=300)
    opis = models.TextField(_("opis"), blank=True)
    zadania = models.TextField(_("zadania dla JST"), blank=True, help_text=_("Jedna pozycja w wierszu."))
    narzedzia_zarzadcze = models.TextField(
        _("narzędzia i rozwiązania zarządcze"), blank=True, help_text=_("Jedna pozycja w wierszu.")
    )
    narzedzia_rozwoju = models.TextField(
        _("narzędzia i rozwiązania wspierające personalny rozwój organizacji"), blank=True,
        help_text=_("Jedna pozycja w wierszu."),
    )
    aktywny = models.BooleanField(_("aktywny"), default=True)
    wersja = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("obszar")
        verbose_name_plural = _("obszary")
        ordering = ["numer"]

    def __str__(self):
        return f"{self.numer}. {self.nazwa}"

    @staticmethod
    def _lista(text: str) -> list[str]:
        return [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]

    @property
    def lista_zadan(self) -> list[str]:
        return self._lista(self.zadania)

    @property
    def lista_narzedzi_zarzadczych(self) -> list[str]:
        return self._lista(self.narzedzia_zarzadcze)

    @property
    def lista_narzedzi_rozwoju(self) -> list[str]:
        return self._lista(self.narzedzia_rozwoju)


class WpisAudytu(models.Model):
    """Who did what to which object, when. Written by services through `doradztwo.audit.audit()`."""

    kiedy = models.DateTimeField(_("kiedy"), auto_now_add=True, db_index=True)
    kto = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("kto"),
    )
    akcja = models.CharField(_("akcja"), max_length=80, db_index=True)
    typ_obiektu = models.ForeignKey(ContentType, on_delete=models.SET_NULL, null=True, blank=True)
    id_obiektu = models.CharField(max_length=64, blank=True)
    opis_obiektu = models.CharField(_("obiekt"), max_length=300, blank=True)
    dane = models.JSONField(_("dane"), default=dict, blank=True)

    class Meta:
        verbose_name = _("wpis audytu")
        verbose_name_plural = _("wpisy audytu")
        ordering = ["-kiedy", "-pk"]
        indexes = [models.Index(fields=["typ_obiektu", "id_obiektu"], name="audyt_obiekt_idx")]

    def __str__(self):
        return f"{self.kiedy:%Y-%m-%d %H:%M} {self.akcja} {self.opis_obiektu}"
