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


# --- The data-collection task (zadanie wdrożeniowe): resource areas, indicators, values ---------------


class ObszarZasobow(models.IntegerChoices):
    """The seven local-resource areas of the implementation task (domain-details §4.2)."""

    LUDZKIE = 1, _("Zasoby ludzkie, wiedza (kapitał ludzki)")
    INFRASTRUKTURA = 2, _("Infrastruktura")
    SPOLECZNE = 3, _("Zasoby społeczne i demograficzne (w tym kapitał społeczny)")
    FINANSOWE = 4, _("Środki finansowe")
    INSTYTUCJE = 5, _("Instytucje i procedury, uwarunkowania (rozwiązania) organizacyjne")
    POTRZEBY = 6, _("Potrzeby i oczekiwania lokalnej społeczności, potencjał do działania")
    DZIALANIA = 7, _("Dotychczasowe działania i ich rezultaty")


class Wskaznik(models.Model):
    """An indicator of the catalogue: named inputs and a formula over them (parsed by a whitelist of
    the syntax tree in `diagnoza/wzory.py`, never eval)."""

    class TypOkresu(models.TextChoices):
        SZKOLNY = "szkolny", _("rok szkolny")
        KALENDARZOWY = "kalendarzowy", _("rok kalendarzowy")

    kod = models.SlugField(_("kod"), max_length=40, unique=True)
    nazwa = models.CharField(_("nazwa"), max_length=200)
    obszar_zasobow = models.PositiveSmallIntegerField(_("obszar zasobów"), choices=ObszarZasobow.choices)
    opis = models.TextField(_("opis i interpretacja"), blank=True)
    wzor = models.CharField(_("wzór"), max_length=500,
                            help_text=_("Działania + − * / i nawiasy na nazwach danych, np. (wydatki - subwencja) / uczniowie"))
    jednostka = models.CharField(_("jednostka wyniku"), max_length=40, blank=True)
    mnoznik = models.DecimalField(_("mnożnik"), max_digits=12, decimal_places=4, default=1)
    miejsca = models.PositiveSmallIntegerField(_("miejsca po przecinku"), default=2)
    typ_okresu = models.CharField(_("okres"), max_length=20, choices=TypOkresu.choices, default=TypOkresu.SZKOLNY)
    rodzaje_jst = models.JSONField(_("rodzaje JST"), default=list, blank=True,
                                   help_text=_("Puste: wszystkie rodzaje JST."))
    zrodlo_definicji = models.CharField(_("źródło definicji"), max_length=300, blank=True)
    aktywny = models.BooleanField(_("aktywny"), default=True)
    wersja = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("wskaźnik")
        verbose_name_plural = _("wskaźniki")
        ordering = ["obszar_zasobow", "nazwa", "pk"]

    def __str__(self):
        return self.nazwa


class DanaWskaznika(models.Model):
    """A named input of an indicator's formula, with its unit and data source."""

    class Zrodlo(models.TextChoices):
        SIO = "sio", _("SIO (System Informacji Oświatowej)")
        GUS = "gus", _("GUS (Bank Danych Lokalnych)")
        BUDZET = "budzet", _("budżet i sprawozdania budżetowe JST")
        EGZAMINY = "egzaminy", _("wyniki egzaminów (CKE/OKE)")
        ANKIETA = "ankieta", _("ankieta")
        WLASNE = "wlasne", _("dane własne JST")

    wskaznik = models.ForeignKey(Wskaznik, on_delete=models.CASCADE, related_name="dane")
    nazwa = models.CharField(_("nazwa we wzorze"), max_length=40)
    etykieta = models.CharField(_("opis danej"), max_length=200)
    jednostka = models.CharField(_("jednostka"), max_length=40, blank=True)
    zrodlo = models.CharField(_("źródło danych"), max_length=20, choices=Zrodlo.choices)
    kolejnosc = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("dana wskaźnika")
        verbose_name_plural = _("dane wskaźników")
        ordering = ["wskaznik", "kolejnosc", "pk"]
        constraints = [models.UniqueConstraint(fields=["wskaznik", "nazwa"], name="dana_wskaznika_raz")]

    def __str__(self):
        return self.etykieta


class ZadanieDanych(models.Model):
    """A participation's data-collection task; reviewed like the sheet (doradztwo.przeglad)."""

    udzial = models.OneToOneField(Udzial, on_delete=models.CASCADE, related_name="zadanie_danych")
    stan = models.CharField(_("stan"), max_length=20, default="robocza")
    # Once submitted, every later change of a value needs a reason (kept in the value's history).
    zlozone_raz = models.BooleanField(default=False)
    wersja = models.PositiveIntegerField(default=1)
    utworzone = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("zadanie wdrożeniowe")
        verbose_name_plural = _("zadania wdrożeniowe")

    def __str__(self):
        return str(self.udzial)


class ObszarZadania(models.Model):
    """One of the two resource areas the team chose, its variant, interpretation and conclusions."""

    class Wariant(models.IntegerChoices):
        TABELE = 1, _("wariant 1 — tabele danych")
        WSKAZNIKI = 2, _("wariant 2 — wskaźniki")

    zadanie = models.ForeignKey(ZadanieDanych, on_delete=models.CASCADE, related_name="obszary")
    obszar_zasobow = models.PositiveSmallIntegerField(_("obszar zasobów"), choices=ObszarZasobow.choices)
    wariant = models.PositiveSmallIntegerField(_("wariant"), choices=Wariant.choices)
    wskazniki = models.ManyToManyField(Wskaznik, blank=True, related_name="+", verbose_name=_("wskaźniki"))
    interpretacja = models.TextField(_("interpretacja"), blank=True)
    wnioski = models.TextField(_("wnioski"), blank=True)
    wersja = models.PositiveIntegerField(default=1)
    zmienil = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    zmieniony = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[wskazniki])

    class Meta:
        verbose_name = _("obszar zadania")
        verbose_name_plural = _("obszary zadania")
        ordering = ["zadanie", "obszar_zasobow"]
        constraints = [models.UniqueConstraint(fields=["zadanie", "obszar_zasobow"], name="obszar_zadania_raz")]

    def __str__(self):
        return self.get_obszar_zasobow_display()


class TabelaDanych(models.Model):
    """Variant 1: a data table (named columns with units, rows, source) with attachments."""

    obszar = models.ForeignKey(ObszarZadania, on_delete=models.CASCADE, related_name="tabele")
    tytul = models.CharField(_("tytuł tabeli"), max_length=200)
    # [{"nazwa": "…", "jednostka": "…"}, …] and [["…", …], …] (cells as typed).
    kolumny = models.JSONField(_("kolumny"), default=list)
    wiersze = models.JSONField(_("wiersze"), default=list)
    zrodlo = models.CharField(_("źródło danych"), max_length=300)
    uwagi = models.TextField(_("uwagi"), blank=True)
    zalaczniki = models.ManyToManyField("doradztwo.Plik", blank=True, related_name="+", verbose_name=_("załączniki"))
    wersja = models.PositiveIntegerField(default=1)
    zmienil = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    zmieniona = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tabela danych")
        verbose_name_plural = _("tabele danych")
        ordering = ["obszar", "pk"]

    def __str__(self):
        return self.tytul


class WartoscWskaznika(models.Model):
    """One period's inputs of an indicator for a participation, and the computed result (None = n/d)."""

    udzial = models.ForeignKey(Udzial, on_delete=models.CASCADE, related_name="wartosci_wskaznikow")
    wskaznik = models.ForeignKey(Wskaznik, on_delete=models.PROTECT, related_name="wartosci")
    okres = models.CharField(_("okres"), max_length=9, help_text=_("np. 2022/2023 albo 2023"))
    rok = models.PositiveSmallIntegerField(_("rok początku okresu"))  # sorting and charts
    dane = models.JSONField(_("dane"), default=dict)  # {"nazwa": "decimal as text"}
    wynik = models.DecimalField(_("wynik"), max_digits=20, decimal_places=4, null=True, blank=True)
    uwaga = models.TextField(_("uwaga"), blank=True)
    autor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    zmieniona = models.DateTimeField(auto_now=True)
    wersja = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("wartość wskaźnika")
        verbose_name_plural = _("wartości wskaźników")
        ordering = ["wskaznik", "rok"]
        constraints = [models.UniqueConstraint(fields=["udzial", "wskaznik", "okres"], name="wartosc_raz_na_okres")]
        indexes = [models.Index(fields=["wskaznik", "okres"])]

    def __str__(self):
        return f"{self.wskaznik.kod} {self.okres}: {self.wynik}"


# --- Deep diagnosis (diagnoza pogłębiona): as-is → to-be → causes → development gaps → goals -------------


class DiagnozaPoglebiona(models.Model):
    """The deep diagnosis of the chosen area; reviewed like the sheet (doradztwo.przeglad)."""

    udzial = models.OneToOneField(Udzial, on_delete=models.CASCADE, related_name="diagnoza_poglebiona")
    stan = models.CharField(_("stan"), max_length=20, default="robocza")
    wersja = models.PositiveIntegerField(default=1)
    utworzona = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("diagnoza pogłębiona")
        verbose_name_plural = _("diagnozy pogłębione")

    def __str__(self):
        return str(self.udzial)


class _Pozycja(models.Model):
    """Common to the items of a deep diagnosis: text, order, who and when, a version for conflicts."""

    diagnoza = models.ForeignKey(DiagnozaPoglebiona, on_delete=models.CASCADE, related_name="+")
    tresc = models.TextField(_("treść"))
    kolejnosc = models.PositiveIntegerField(default=0)
    wersja = models.PositiveIntegerField(default=1)
    zmienil = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    zmieniona = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["kolejnosc", "pk"]

    def __str__(self):
        return self.tresc[:80]


class Ustalenie(_Pozycja):
    """„Jak jest?” — a finding, optionally backed by indicator values or files from the task."""

    diagnoza = models.ForeignKey(DiagnozaPoglebiona, on_delete=models.CASCADE, related_name="ustalenia")
    wartosci = models.ManyToManyField(WartoscWskaznika, blank=True, related_name="+",
                                      verbose_name=_("wartości wskaźników"))
    pliki = models.ManyToManyField("doradztwo.Plik", blank=True, related_name="+", verbose_name=_("pliki"))
    history = HistoricalRecords()

    class Meta(_Pozycja.Meta):
        verbose_name = _("ustalenie")
        verbose_name_plural = _("ustalenia")


class StanDocelowy(_Pozycja):
    """„Jak chcemy, żeby było?” — a target state."""

    diagnoza = models.ForeignKey(DiagnozaPoglebiona, on_delete=models.CASCADE, related_name="stany_docelowe")
    history = HistoricalRecords()

    class Meta(_Pozycja.Meta):
        verbose_name = _("stan docelowy")
        verbose_name_plural = _("stany docelowe")


class Przyczyna(_Pozycja):
    """„Co powoduje…?” — a cause with its category and the stakeholders consulted."""

    class Kategoria(models.TextChoices):
        LUDZIE = "ludzie", _("ludzie")
        PROCEDURY = "procedury", _("procedury")
        ZASOBY = "zasoby", _("zasoby")
        KOMUNIKACJA = "komunikacja", _("komunikacja")
        PRAWO = "prawo", _("prawo")
        INNE = "inne", _("inne")

    diagnoza = models.ForeignKey(DiagnozaPoglebiona, on_delete=models.CASCADE, related_name="przyczyny")
    kategoria = models.CharField(_("kategoria"), max_length=20, choices=Kategoria.choices)
    interesariusze = models.CharField(_("konsultowani interesariusze"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta(_Pozycja.Meta):
        verbose_name = _("przyczyna")
        verbose_name_plural = _("przyczyny")


class Luka(_Pozycja):
    """A development gap: links a finding to a target state; a priority (ranked) or postponed (why)."""

    class Status(models.TextChoices):
        NOWA = "nowa", _("do decyzji")
        PRIORYTET = "priorytet", _("priorytet")
        ODLOZONA = "odlozona", _("odłożona")

    diagnoza = models.ForeignKey(DiagnozaPoglebiona, on_delete=models.CASCADE, related_name="luki")
    ustalenie = models.ForeignKey(Ustalenie, on_delete=models.PROTECT, related_name="luki", verbose_name=_("ustalenie"))
    stan_docelowy = models.ForeignKey(StanDocelowy, on_delete=models.PROTECT, related_name="luki",
                                      verbose_name=_("stan docelowy"))
    przyczyny = models.ManyToManyField(Przyczyna, blank=True, related_name="luki", verbose_name=_("przyczyny"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NOWA)
    ranga = models.PositiveSmallIntegerField(_("miejsce w kolejności priorytetów"), null=True, blank=True)
    powod_odlozenia = models.TextField(_("powód odłożenia"), blank=True)
    history = HistoricalRecords(m2m_fields=[przyczyny])

    class Meta(_Pozycja.Meta):
        verbose_name = _("luka rozwojowa")
        verbose_name_plural = _("luki rozwojowe")
        ordering = ["ranga", "kolejnosc", "pk"]


class Cel(models.Model):
    """A SMART goal attached to a priority gap: what, indicator, baseline, target, deadline."""

    luka = models.ForeignKey(Luka, on_delete=models.CASCADE, related_name="cele", verbose_name=_("luka rozwojowa"))
    tresc = models.TextField(_("co chcemy osiągnąć"))
    wskaznik = models.CharField(_("wskaźnik (miernik)"), max_length=300)
    wartosc_bazowa = models.CharField(_("wartość bazowa"), max_length=100)
    wartosc_docelowa = models.CharField(_("wartość docelowa"), max_length=100)
    termin = models.DateField(_("termin"))
    kolejnosc = models.PositiveIntegerField(default=0)
    wersja = models.PositiveIntegerField(default=1)
    zmienil = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    zmieniony = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cel")
        verbose_name_plural = _("cele")
        ordering = ["luka", "kolejnosc", "pk"]

    def __str__(self):
        return self.tresc[:80]
