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


# --- Shared machinery -----------------------------------------------------------------------


class Wysylka(models.Model):
    """The outbox: work to dispatch after commit (e-mails, tasks). A save never needs the broker:
    rows are written in the transaction and flushed after commit and by a beat task."""

    class Rodzaj(models.TextChoices):
        EMAIL = "email", _("e-mail")
        ZADANIE = "zadanie", _("zadanie w tle")

    class Status(models.TextChoices):
        OCZEKUJE = "oczekuje", _("oczekuje")
        W_KOLEJCE = "w_kolejce", _("w kolejce")
        WYSYLANIE = "wysylanie", _("wysyłanie")
        WYSLANA = "wyslana", _("wysłana")
        BLAD = "blad", _("błąd")

    rodzaj = models.CharField(max_length=20, choices=Rodzaj.choices)
    dane = models.JSONField(default=dict)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OCZEKUJE, db_index=True)
    proby = models.PositiveSmallIntegerField(default=0)
    blad = models.TextField(blank=True)
    utworzona = models.DateTimeField(auto_now_add=True, db_index=True)
    przekazana = models.DateTimeField(null=True, blank=True)
    wyslana = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("wysyłka")
        verbose_name_plural = _("wysyłki")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.rodzaj} #{self.pk} ({self.status})"


def _plik_zadania(instance, filename):
    return f"zadania/{instance.pk}/{filename}"


class Zadanie(models.Model):
    """A background job a user started with a POST (PDF, export): progress, result file or error."""

    class Status(models.TextChoices):
        OCZEKUJE = "oczekuje", _("oczekuje w kolejce")
        W_TOKU = "w_toku", _("w toku")
        GOTOWE = "gotowe", _("gotowe")
        BLAD = "blad", _("błąd")
        BRAK_DOSTEPU = "brak_dostepu", _("brak dostępu")

    rodzaj = models.CharField(_("rodzaj"), max_length=60, db_index=True)
    zlecajacy = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="zadania")
    parametry = models.JSONField(default=dict)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OCZEKUJE)
    postep = models.PositiveSmallIntegerField(_("postęp (%)"), default=0)
    komunikat = models.TextField(_("komunikat"), blank=True)
    plik = models.FileField(upload_to=_plik_zadania, blank=True)
    nazwa_pliku = models.CharField(max_length=200, blank=True)
    # A digest of the data the file was made from: an identical request reuses the stored file.
    klucz_danych = models.CharField(max_length=64, blank=True, db_index=True)
    proby = models.PositiveSmallIntegerField(default=0)
    utworzone = models.DateTimeField(auto_now_add=True)
    rozpoczete = models.DateTimeField(null=True, blank=True)
    zakonczone = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("zadanie w tle")
        verbose_name_plural = _("zadania w tle")
        ordering = ["-utworzone", "-pk"]
        indexes = [models.Index(fields=["rodzaj", "klucz_danych", "status"], name="zadanie_reuse_idx")]

    def __str__(self):
        return f"{self.rodzaj} #{self.pk} ({self.status})"

    @property
    def zakonczone_ok(self) -> bool:
        return self.status == self.Status.GOTOWE and bool(self.plik)

    @property
    def trwa(self) -> bool:
        return self.status in (self.Status.OCZEKUJE, self.Status.W_TOKU)


class Powiadomienie(models.Model):
    """An in-app notification (the bell); its e-mail twin goes through the outbox."""

    odbiorca = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="powiadomienia")
    rodzaj = models.CharField(_("rodzaj"), max_length=60)
    tytul = models.CharField(_("tytuł"), max_length=200)
    tresc = models.TextField(_("treść"), blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    utworzone = models.DateTimeField(auto_now_add=True)
    przeczytane = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("powiadomienie")
        verbose_name_plural = _("powiadomienia")
        ordering = ["-utworzone", "-pk"]
        indexes = [models.Index(fields=["odbiorca", "przeczytane"], name="powiadomienie_nieprzecz_idx")]

    def __str__(self):
        return self.tytul


class Komentarz(models.Model):
    """A comment in a thread on a section of any object of a participation.

    `prywatny`: seen by the adviser pair and the edition's coordinators only, never by the team."""

    typ_obiektu = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    id_obiektu = models.CharField(max_length=64)
    sekcja = models.CharField(_("sekcja"), max_length=100, blank=True)
    # The participation the object belongs to: the access scope of the thread.
    udzial = models.ForeignKey("jst.Udzial", on_delete=models.CASCADE, related_name="komentarze")
    watek = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="odpowiedzi")
    autor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    tresc = models.TextField(_("treść"))
    prywatny = models.BooleanField(_("tylko dla doradców i koordynatorów"), default=False)
    rozwiazany = models.BooleanField(_("rozwiązany"), default=False)
    rozwiazal = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")
    rozwiazany_kiedy = models.DateTimeField(null=True, blank=True)
    utworzony = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("komentarz")
        verbose_name_plural = _("komentarze")
        ordering = ["utworzony", "pk"]
        indexes = [models.Index(fields=["typ_obiektu", "id_obiektu", "sekcja"], name="komentarz_obiekt_idx")]

    def __str__(self):
        return self.tresc[:60]


def _plik_udzialu(instance, filename):
    owner = f"udzialy/{instance.udzial_id}" if instance.udzial_id else f"doradcy/{instance.doradca_id}"
    return f"pliki/{owner}/{filename}"


class Plik(models.Model):
    """An uploaded file, stored per owning object; served only by access-checked views."""

    class Rodzaj(models.TextChoices):
        DOKUMENT = "dokument", _("dokument")
        ZDJECIE = "zdjecie", _("zdjęcie")

    udzial = models.ForeignKey("jst.Udzial", on_delete=models.CASCADE, null=True, blank=True, related_name="pliki")
    doradca = models.ForeignKey("jst.Doradca", on_delete=models.CASCADE, null=True, blank=True, related_name="pliki")
    rodzaj = models.CharField(_("rodzaj"), max_length=20, choices=Rodzaj.choices)
    plik = models.FileField(upload_to=_plik_udzialu, max_length=300)
    nazwa = models.CharField(_("nazwa pliku"), max_length=200)
    typ = models.CharField(_("typ"), max_length=100)
    rozmiar = models.PositiveIntegerField(_("rozmiar (bajty)"))
    opis = models.CharField(_("opis"), max_length=300, blank=True)
    dodal = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dodany = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("plik")
        verbose_name_plural = _("pliki")
        ordering = ["-dodany", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(udzial__isnull=False, doradca__isnull=True)
                | models.Q(udzial__isnull=True, doradca__isnull=False),
                name="plik_jeden_wlasciciel",
            ),
        ]

    def __str__(self):
        return self.nazwa


class ZmianaStanu(models.Model):
    """One transition of a reviewed object (submit, return, approve, reopen, close…): who, when, why."""

    typ_obiektu = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    id_obiektu = models.CharField(max_length=64)
    pole = models.CharField(max_length=40)
    z_stanu = models.CharField(max_length=30)
    na_stan = models.CharField(max_length=30)
    akcja = models.CharField(max_length=40)
    kto = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    kiedy = models.DateTimeField(auto_now_add=True)
    powod = models.TextField(blank=True)

    class Meta:
        verbose_name = _("zmiana stanu")
        verbose_name_plural = _("zmiany stanu")
        ordering = ["kiedy", "pk"]
        indexes = [models.Index(fields=["typ_obiektu", "id_obiektu"], name="zmiana_stanu_obiekt_idx")]


# --- Reminders (issue 10): edition rules, the sent log, personal opt-outs ---------------------------


class RegulaPrzypomnienia(models.Model):
    """An edition's setting for one reminder kind (`doradztwo.przypomnienia`). No row means the kind's
    defaults: a row is written when a coordinator first saves the rule, never on a page view."""

    edycja = models.ForeignKey(Edycja, on_delete=models.CASCADE, related_name="reguly_przypomnien")
    rodzaj = models.CharField(_("rodzaj przypomnienia"), max_length=40)
    wlaczona = models.BooleanField(_("włączone"), default=True)
    # Meaning per kind: day of the month, days ahead, days after a deadline or day of the week.
    dni = models.PositiveSmallIntegerField(_("dni"), null=True, blank=True)
    wersja = models.PositiveIntegerField(default=1)
    zmienil = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+")
    zmieniona = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reguła przypomnienia")
        verbose_name_plural = _("reguły przypomnień")
        ordering = ["edycja", "rodzaj"]
        constraints = [models.UniqueConstraint(fields=["edycja", "rodzaj"], name="regula_przypomnienia_raz")]

    def __str__(self):
        return f"{self.edycja}: {self.rodzaj}"


class WyslanePrzypomnienie(models.Model):
    """The sent log. The unique constraint is the at-most-once guarantee: a reminder is sent only by
    the process whose INSERT of this row succeeded (two beat runs at once send one e-mail)."""

    edycja = models.ForeignKey(Edycja, on_delete=models.CASCADE, related_name="wyslane_przypomnienia")
    rodzaj = models.CharField(_("rodzaj przypomnienia"), max_length=40)
    odbiorca = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("odbiorca"))
    typ_obiektu = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    id_obiektu = models.CharField(max_length=64)
    # The period the reminder is about: a month ("2026-11"), a due date ("2026-11-30"), a week ("2026-W48").
    okres = models.CharField(_("okres"), max_length=20)
    opis = models.CharField(_("czego dotyczy"), max_length=300, blank=True)
    # The recipient had switched this kind off: nothing went out, the row stops further attempts.
    pominiete = models.BooleanField(_("pominięte (wyłączone przez odbiorcę)"), default=False)
    wyslane = models.DateTimeField(_("wysłane"), auto_now_add=True)

    class Meta:
        verbose_name = _("wysłane przypomnienie")
        verbose_name_plural = _("wysłane przypomnienia")
        ordering = ["-wyslane", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["rodzaj", "odbiorca", "typ_obiektu", "id_obiektu", "okres"],
                                    name="przypomnienie_raz"),
        ]
        indexes = [models.Index(fields=["edycja", "-wyslane"], name="przypomnienie_edycja_idx")]

    def __str__(self):
        return f"{self.rodzaj} → {self.odbiorca_id} ({self.okres})"


class WylaczeniePowiadomien(models.Model):
    """A person switched one optional notification kind off on one channel; read by
    `doradztwo.powiadomienia._wylaczyli()` (workflow kinds cannot be switched off)."""

    class Kanal(models.TextChoices):
        DZWONEK = "dzwonek", _("w systemie")
        EMAIL = "email", _("e-mail")

    uzytkownik = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                   related_name="wylaczone_powiadomienia")
    rodzaj = models.CharField(_("rodzaj powiadomienia"), max_length=60)
    kanal = models.CharField(_("kanał"), max_length=10, choices=Kanal.choices)

    class Meta:
        verbose_name = _("wyłączone powiadomienie")
        verbose_name_plural = _("wyłączone powiadomienia")
        constraints = [models.UniqueConstraint(fields=["uzytkownik", "rodzaj", "kanal"],
                                               name="wylaczenie_powiadomien_raz")]

    def __str__(self):
        return f"{self.uzytkownik_id}: {self.rodzaj} ({self.kanal})"


# --- Personal data (issue 11, RODO): retention per record kind, anonymisations, retained evidence -----


class RetencjaDanych(models.Model):
    """How long one kind of evidence record keeps a departed person's name, and why (`doradztwo.rodo`).
    Kinds are registered by the apps' `rodo.py`; defaults are seeded by a data migration, an
    administrator edits them on /rodo/retencja/. No row: the kind has no period set and its records
    are kept until an administrator sets one."""

    rodzaj = models.CharField(_("rodzaj dokumentu"), max_length=40, unique=True)
    # Counted from the end of the calendar year in which the record's edition ended.
    lata = models.PositiveSmallIntegerField(_("liczba lat przechowywania"))
    podstawa = models.TextField(_("podstawa prawna i uzasadnienie"))
    wersja = models.PositiveIntegerField(default=1)
    zmienil = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+")
    zmieniona = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("okres przechowywania danych")
        verbose_name_plural = _("okresy przechowywania danych")
        ordering = ["rodzaj"]
        constraints = [models.CheckConstraint(condition=models.Q(lata__gte=1), name="retencja_co_najmniej_rok")]

    def __str__(self):
        return f"{self.rodzaj}: {self.lata}"


class Anonimizacja(models.Model):
    """A person's account was anonymised (irreversible): who did it, when and why. The account row
    stays (its id keeps the audit and every foreign key) under the pseudonym."""

    osoba = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="anonimizacja")
    pseudonim = models.CharField(_("pseudonim"), max_length=150)
    powod = models.TextField(_("powód"))
    kto = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                            verbose_name=_("kto"))
    kiedy = models.DateTimeField(_("kiedy"), auto_now_add=True)

    class Meta:
        verbose_name = _("anonimizacja")
        verbose_name_plural = _("anonimizacje")
        ordering = ["-kiedy", "-pk"]

    def __str__(self):
        return self.pseudonim


class ZachowaneDane(models.Model):
    """What the law requires to stay of an anonymised person in one evidence record (an attendance,
    a timesheet…): the name, the function, the JST — nothing else. The only place their name is left."""

    anonimizacja = models.ForeignKey(Anonimizacja, on_delete=models.CASCADE, related_name="zachowane")
    rodzaj = models.CharField(_("rodzaj dokumentu"), max_length=40)
    typ_obiektu = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    id_obiektu = models.CharField(max_length=64)
    opis = models.CharField(_("dokument"), max_length=300)
    dane = models.JSONField(_("zachowane dane"), default=dict)
    # The edition's end: the retention period is counted from the end of that year.
    data_odniesienia = models.DateField(_("koniec edycji"))
    przechowywac_do = models.DateField(_("przechowywać do"), null=True, blank=True)

    class Meta:
        verbose_name = _("zachowane dane osoby")
        verbose_name_plural = _("zachowane dane osób")
        ordering = ["rodzaj", "data_odniesienia", "pk"]
        indexes = [models.Index(fields=["typ_obiektu", "id_obiektu"], name="zachowane_obiekt_idx")]

    def __str__(self):
        return self.opis
