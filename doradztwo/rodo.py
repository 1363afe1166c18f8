"""Personal data (RODO, issue 11): what we hold about a person, its export, and the anonymisation of a
person who left — with the evidence EU rules make us keep.

Each app describes its own data in `<app>/rodo.py` and registers a `Dostawca` with `zarejestruj()`;
this module never imports an app to its right: `autodiscover_modules("rodo")` loads them, as the
reminders load `reminders.py`. A provider has three functions over an `Osoba`:

- `zbierz(osoba)` → `Sekcja` list: everything the app holds about the person (the export);
- `zachowane(osoba)` → `Zachowany` list: evidence records under retention (an attendance, a timesheet),
  each with its retention kind (`RodzajRetencji`, registered by the app) and what the law needs kept;
- `anonimizuj(osoba)` (optional): the app's structural clean-up (end team memberships, clear an
  adviser's note, drop a report's contact person) — before the systematic scrub.

The systematic scrub (`wyczysc_teksty`) does not trust hand lists: it walks every model Django knows
(history tables, the outbox, notifications, the audit, the admin log included) and every CharField,
TextField and JSONField without choices, and replaces the person's full name, e-mail address, phone
and e-mail-like login with the pseudonym wherever someone typed them. Then the account itself loses
its name, e-mail, phone and password; the audit keeps the account id under the pseudonym. The name
stays only in `ZachowaneDane` rows — one per retained evidence record, listed on the person's page
with the reason and the date until which it is kept.

Known limit: a name typed in an inflected form ("z Gertrudą …") or a first name alone is not found;
the person's page says so and the administrator can correct such texts by hand."""

import datetime
import html
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.utils import getaddresses
from functools import cached_property
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import formats, timezone, translation
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doradztwo.access import require_admin
from doradztwo.audit import audit
from doradztwo.models import (
    Anonimizacja,
    Edycja,
    Komentarz,
    Plik,
    Powiadomienie,
    RetencjaDanych,
    WpisAudytu,
    WylaczeniePowiadomien,
    WyslanePrzypomnienie,
    Wysylka,
    ZachowaneDane,
    Zadanie,
    ZmianaStanu,
)
from doradztwo.services import KonfliktWersji

# Stored data, not a UI string: the account's new name in every language.
PSEUDONIM = "Osoba zanonimizowana nr {id}"
LOGIN = "zanonimizowana-{id}"
MIN_CYFR_TELEFONU = 7
MAKS_LAT = 50

# What a retained record may keep, with its label (keys of `Zachowany.dane`).
ETYKIETY_DANYCH = {
    "imie_nazwisko": gettext_lazy("imię i nazwisko"),
    "funkcja": gettext_lazy("funkcja"),
    "rola": gettext_lazy("rola"),
    "jst": gettext_lazy("JST"),
}


# --- What the apps register -----------------------------------------------------------------------


@dataclass(frozen=True)
class RodzajRetencji:
    """A kind of evidence record kept under EU retention rules (its period: `RetencjaDanych`)."""

    kod: str
    nazwa: str
    opis: str = ""  # what the record proves and what of the person stays in it
    kolejnosc: int = 100


@dataclass
class Sekcja:
    """One table of the export: `kolumny` are (key, label) pairs, `wiersze` dicts by key with plain
    values (str, numbers, dates, bools, None)."""

    klucz: str
    tytul: str
    kolumny: list[tuple[str, str]]
    wiersze: list[dict] = field(default_factory=list)


@dataclass
class Zachowany:
    """An evidence record the law makes us keep with the person's name: `dane` is what stays (keys of
    ETYKIETY_DANYCH), `data_odniesienia` the end of its edition (the period counts from that year)."""

    rodzaj: str
    obiekt: models.Model
    opis: str
    dane: dict
    data_odniesienia: datetime.date

    @property
    def klucz(self) -> tuple[int, str]:
        return ContentType.objects.get_for_model(self.obiekt).pk, str(self.obiekt.pk)


@dataclass(frozen=True)
class Dostawca:
    aplikacja: str
    zbierz: Callable[["Osoba"], list[Sekcja]]
    zachowane: Callable[["Osoba"], list[Zachowany]]
    anonimizuj: Callable[["Osoba"], None] | None = None
    # Things the administrator should know before anonymising (an open adviser assignment…).
    uwagi: Callable[["Osoba"], list[str]] | None = None
    kolejnosc: int = 100


_DOSTAWCY: dict[str, Dostawca] = {}
_RODZAJE: dict[str, RodzajRetencji] = {}
_odkryte = False


def zarejestruj(dostawca: Dostawca) -> Dostawca:
    """Called at import by each app's `rodo.py`."""
    _DOSTAWCY[dostawca.aplikacja] = dostawca
    return dostawca


def zarejestruj_rodzaj(rodzaj: RodzajRetencji) -> RodzajRetencji:
    _RODZAJE[rodzaj.kod] = rodzaj
    return rodzaj


def _odkryj() -> None:
    global _odkryte
    if not _odkryte:
        autodiscover_modules("rodo")
        _odkryte = True


def dostawcy() -> list[Dostawca]:
    _odkryj()
    return sorted(_DOSTAWCY.values(), key=lambda d: (d.kolejnosc, d.aplikacja))


def rodzaje_retencji() -> list[RodzajRetencji]:
    _odkryj()
    return sorted(_RODZAJE.values(), key=lambda r: (r.kolejnosc, r.kod))


def rodzaj_retencji(kod: str) -> RodzajRetencji | None:
    _odkryj()
    return _RODZAJE.get(kod)


def nazwa_rodzaju(kod: str) -> str:
    rodzaj = rodzaj_retencji(kod)
    return str(rodzaj.nazwa) if rodzaj else kod


# --- The person -----------------------------------------------------------------------------------


class Osoba:
    """A person as the providers see them: the account, what identifies them in typed text, and the
    pseudonym that replaces it. `actor` is the administrator during an anonymisation."""

    def __init__(self, uzytkownik, actor=None):
        self.uzytkownik = uzytkownik
        self.actor = actor
        self.imie_nazwisko = " ".join(uzytkownik.get_full_name().split())
        self.email = (uzytkownik.email or "").strip()
        self.telefon = (getattr(uzytkownik, "telefon", "") or "").strip()
        self.login = uzytkownik.get_username()
        self.pseudonim = PSEUDONIM.format(id=uzytkownik.pk)

    @cached_property
    def terminy(self) -> list[str]:
        """Every string that identifies the person in typed text."""
        terms = set()
        imie, nazwisko = self.uzytkownik.first_name.strip(), self.uzytkownik.last_name.strip()
        if imie and nazwisko:
            terms |= {f"{imie} {nazwisko}", f"{nazwisko} {imie}"}
        for adres in {self.email, self.login if "@" in self.login else ""}:
            if adres:
                terms.add(adres)
        cyfry = re.sub(r"\D", "", self.telefon)
        if len(cyfry) >= MIN_CYFR_TELEFONU:
            terms |= {self.telefon, re.sub(r"[\s\-()]", "", self.telefon)}
        terms |= {html.escape(t) for t in list(terms)}  # as it stands in an HTML e-mail
        return sorted((t for t in terms if t), key=len, reverse=True)

    @cached_property
    def wzorzec(self) -> re.Pattern | None:
        if not self.terminy:
            return None
        alternatywy = "|".join(r"\s+".join(re.escape(part) for part in t.split()) for t in self.terminy)
        # Whole words only: "anna.kowalska@x.pl" must not match inside "joanna.kowalska@x.pl".
        return re.compile(rf"(?<![\w.+\-])(?:{alternatywy})(?![\w\-]|\.\w)", re.IGNORECASE)

    @cached_property
    def warianty_wyszukiwania(self) -> list[str]:
        """Substrings the database pre-filter looks for, a superset of what the pattern matches: the
        last name stands for the full name (any spacing, either order). JSON on SQLite is stored with
        "\\u017c" escapes, so each is also looked for escaped."""
        nazwisko = self.uzytkownik.last_name.strip()
        wzorcowe = [t for t in self.terminy if not (nazwisko and nazwisko.lower() in t.lower())]
        if nazwisko and self.uzytkownik.first_name.strip():
            wzorcowe += [nazwisko, html.escape(nazwisko)]
        warianty = set()
        for t in wzorcowe:
            warianty.add(t)
            warianty.add(json.dumps(t)[1:-1])
        return sorted(warianty)

    def zastap(self, tekst: str) -> str:
        if not tekst or self.wzorzec is None:
            return tekst
        return self.wzorzec.sub(self.pseudonim, tekst)

    def zastap_w(self, wartosc: Any) -> Any:
        """The same replacement inside JSON values (dict keys included)."""
        if isinstance(wartosc, str):
            return self.zastap(wartosc)
        if isinstance(wartosc, list):
            return [self.zastap_w(v) for v in wartosc]
        if isinstance(wartosc, dict):
            return {self.zastap(k) if isinstance(k, str) else k: self.zastap_w(v) for k, v in wartosc.items()}
        return wartosc

    def wspomniana_w(self, tekst: str) -> bool:
        return bool(tekst) and self.wzorzec is not None and self.wzorzec.search(tekst) is not None

    def adresat(self, adresy: Iterable[str]) -> bool:
        """Is one of these e-mail recipients ("Name <a@b>" or "a@b") this person?"""
        if not self.email:
            return False
        return any(adres.strip().lower() == self.email.lower() for _nazwa, adres in getaddresses(list(adresy)))


def zanonimizowana(uzytkownik) -> Anonimizacja | None:
    """The person's anonymisation, if any (from the relation cache when the row was select_related)."""
    try:
        return uzytkownik.anonimizacja
    except Anonimizacja.DoesNotExist:
        return None


# --- Access and selectors -------------------------------------------------------------------------


MAKS_WYNIKOW = 50


def get_osoba_for_user(user, pk):
    """A person's account for the personal-data pages: administrators only (others 403), an unknown
    id 404."""
    require_admin(user)
    return get_object_or_404(get_user_model().objects.select_related("anonimizacja"), pk=pk)


def szukaj_osob(q: str):
    """Accounts whose name, login or e-mail contains every word of `q` (at most MAKS_WYNIKOW)."""
    users = get_user_model().objects.select_related("anonimizacja").order_by("last_name", "first_name", "pk")
    slowa = q.split()
    if not slowa:
        return users.none()
    for slowo in slowa[:5]:
        users = users.filter(Q(first_name__icontains=slowo) | Q(last_name__icontains=slowo)
                             | Q(username__icontains=slowo) | Q(email__icontains=slowo))
    return users[:MAKS_WYNIKOW]


def eksport(uzytkownik) -> list[tuple[str, list[Sekcja]]]:
    """Everything every app holds about the person: [(app, sections)]."""
    osoba = Osoba(uzytkownik)
    return [(d.aplikacja, d.zbierz(osoba)) for d in dostawcy()]


def eksport_json(uzytkownik, *, wygenerowano: datetime.datetime | None = None) -> dict:
    """The export as plain JSON data (rows keyed by column key; labels under `kolumny`)."""
    from django.core.serializers.json import DjangoJSONEncoder

    dane = {
        "osoba": {"id": uzytkownik.pk, "login": uzytkownik.get_username()},
        "sekcje": [
            {"aplikacja": app, "klucz": s.klucz, "tytul": str(s.tytul),
             "kolumny": {k: str(label) for k, label in s.kolumny}, "wiersze": s.wiersze}
            for app, sekcje in eksport(uzytkownik) for s in sekcje
        ],
        "zachowane": [
            {"rodzaj": z["rodzaj"], "dokument": z["opis"], "dane": z["dane"], "podstawa": z["podstawa"],
             "przechowywac_do": z["przechowywac_do"]}
            for z in pozycje_zachowane(uzytkownik)
        ],
    }
    if wygenerowano is not None:
        dane["wygenerowano"] = wygenerowano
    return json.loads(json.dumps(dane, cls=DjangoJSONEncoder))


def wyswietl(wartosc: Any) -> str:
    """A cell of the export as people read it (dd.mm.rrrr, decimal comma, tak/nie)."""
    if wartosc is None or wartosc == "":
        return "—"
    if isinstance(wartosc, bool):
        return _("tak") if wartosc else _("nie")
    if isinstance(wartosc, datetime.datetime):
        return formats.date_format(timezone.localtime(wartosc) if timezone.is_aware(wartosc) else wartosc,
                                   "d.m.Y H:i")
    if isinstance(wartosc, datetime.date):
        return formats.date_format(wartosc, "d.m.Y")
    if isinstance(wartosc, dict | list):
        return json.dumps(wartosc, ensure_ascii=False)
    return formats.localize(wartosc) if not isinstance(wartosc, str) else wartosc


# --- Retention ------------------------------------------------------------------------------------


def okresy() -> dict[str, RetencjaDanych]:
    return {r.rodzaj: r for r in RetencjaDanych.objects.select_related("zmienil")}


def koniec_przechowywania(retencja: RetencjaDanych | None, data_odniesienia: datetime.date) -> datetime.date | None:
    """31 December of the edition's last year + the period; None: no period set (kept until one is)."""
    if retencja is None:
        return None
    return datetime.date(data_odniesienia.year + retencja.lata, 12, 31)


def _zachowane_teraz(osoba: Osoba, dzis: datetime.date) -> list[tuple[Zachowany, RetencjaDanych | None,
                                                                       datetime.date | None]]:
    """The records the providers name, without those whose retention period has ended."""
    rules = okresy()
    wynik = []
    for d in dostawcy():
        for z in d.zachowane(osoba):
            regula = rules.get(z.rodzaj)
            do = koniec_przechowywania(regula, z.data_odniesienia)
            if do is not None and do < dzis:
                continue
            wynik.append((z, regula, do))
    return wynik


def pozycje_zachowane(uzytkownik) -> list[dict]:
    """What stays, for the page and the export: before an anonymisation what would stay, after it
    what stayed (the `ZachowaneDane` rows)."""
    rules = okresy()
    anonimizacja = zanonimizowana(uzytkownik)
    if anonimizacja is not None:
        rows = ZachowaneDane.objects.filter(anonimizacja=anonimizacja).select_related("typ_obiektu")
        return [_pozycja(r.pk, r.rodzaj, r.opis, r.dane, rules.get(r.rodzaj), r.przechowywac_do, r.typ_obiektu,
                         r.id_obiektu) for r in rows]
    return [_pozycja(None, z.rodzaj, z.opis, z.dane, regula, do, ContentType.objects.get_for_model(z.obiekt),
                     str(z.obiekt.pk))
            for z, regula, do in _zachowane_teraz(Osoba(uzytkownik), timezone.localdate())]


def _pozycja(pk, rodzaj, opis, dane, regula, do, typ, id_obiektu) -> dict:
    return {
        "pk": pk, "rodzaj": rodzaj, "rodzaj_nazwa": nazwa_rodzaju(rodzaj), "opis": opis,
        "dane": dane, "dane_etykiety": [(str(ETYKIETY_DANYCH.get(k, k)), v) for k, v in dane.items()],
        "podstawa": regula.podstawa if regula else "", "lata": regula.lata if regula else None,
        "przechowywac_do": do, "typ": f"{typ.app_label}.{typ.model}", "id_obiektu": id_obiektu,
    }


def uwagi(uzytkownik) -> list[str]:
    osoba = Osoba(uzytkownik)
    return [u for d in dostawcy() if d.uwagi for u in d.uwagi(osoba)]


@transaction.atomic
def retencja_zapisz(*, kod: str, lata: int, podstawa: str, wersja: int | None, actor) -> RetencjaDanych:
    """An administrator sets a kind's period and legal basis. The first save creates the row (version
    0 on the page); a stale version raises KonfliktWersji. Retained records of the kind get their new
    end date."""
    if rodzaj_retencji(kod) is None and not RetencjaDanych.objects.filter(rodzaj=kod).exists():
        raise ValidationError(_("Nieznany rodzaj dokumentu."))
    podstawa = (podstawa or "").strip()
    if not 1 <= int(lata) <= MAKS_LAT:
        raise ValidationError({"lata": _("Podaj liczbę lat od 1 do %(n)d.") % {"n": MAKS_LAT}})
    if not podstawa:
        raise ValidationError({"podstawa": _("Podaj podstawę prawną.")})
    current = RetencjaDanych.objects.select_for_update().filter(rodzaj=kod).first()
    if wersja is None or int(wersja) != (current.wersja if current else 0):
        raise KonfliktWersji(current or RetencjaDanych(rodzaj=kod, lata=lata, podstawa="", wersja=0))
    if current is None:
        current = RetencjaDanych.objects.create(rodzaj=kod, lata=lata, podstawa=podstawa, zmienil=actor)
        zmienione = ["lata", "podstawa"]
    else:
        zmienione = [n for n, v in (("lata", lata), ("podstawa", podstawa)) if getattr(current, n) != v]
        if not zmienione:
            return current
        current.lata, current.podstawa, current.zmienil = lata, podstawa, actor
        current.wersja += 1
        current.save(update_fields=[*zmienione, "zmienil", "wersja", "zmieniona"])
    if "lata" in zmienione:
        lata_odniesienia = (ZachowaneDane.objects.filter(rodzaj=kod).values_list("data_odniesienia__year", flat=True)
                            .distinct())
        for rok in lata_odniesienia:
            ZachowaneDane.objects.filter(rodzaj=kod, data_odniesienia__year=rok).update(
                przechowywac_do=datetime.date(rok + current.lata, 12, 31))
    audit(actor, "rodo.retencja_zmieniona", current, {"rodzaj": kod, "lata": current.lata, "pola": zmienione})
    return current


def usun_przeterminowane(dzis: datetime.date | None = None) -> int:
    """Retained names whose period has ended are deleted (for a periodic task); returns how many."""
    dzis = dzis or timezone.localdate()
    usuniete, _szczegoly = ZachowaneDane.objects.filter(przechowywac_do__lt=dzis).delete()
    return usuniete


def zachowane_dla(model: type[models.Model], ids: Iterable) -> dict[str, dict]:
    """Retained data by object id, for apps that print evidence (an attendance list of an event
    whose participant was anonymised shows the retained name): {str(pk): dane}."""
    typ = ContentType.objects.get_for_model(model)
    return {r.id_obiektu: r.dane for r in ZachowaneDane.objects.filter(typ_obiektu=typ,
                                                                       id_obiektu__in=[str(i) for i in ids])}


# --- The systematic scrub --------------------------------------------------------------------------


def _pola_tekstowe(model: type[models.Model]) -> list[models.Field]:
    """Fields a person may have typed a name into: text and JSON without fixed choices."""
    return [f for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
            and not f.choices and not f.primary_key]


# The account is handled on its own; sessions hold no text (and are deleted); our retained records
# are written after the scrub.
_POMIJANE = {"sessions.session", "contenttypes.contenttype", "auth.permission", "doradztwo.zachowanedane"}


def wyczysc_teksty(osoba: Osoba) -> dict[str, int]:
    """Replace the person's identifiers with the pseudonym in every text and JSON field of every
    model; returns {model label: rows changed}. Row updates bypass save(): no new history rows, no
    "changed at" bumps."""
    if osoba.wzorzec is None:
        return {}
    zmienione: dict[str, int] = {}
    user_label = get_user_model()._meta.label_lower
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if label in _POMIJANE or label == user_label or model._meta.proxy or not model._meta.managed:
            continue
        pola = _pola_tekstowe(model)
        if not pola:
            continue
        warunek = Q()
        for f in pola:
            for wariant in osoba.warianty_wyszukiwania:
                warunek |= Q(**{f"{f.name}__icontains": wariant})
        pk = model._meta.pk.attname
        for row in model._base_manager.filter(warunek).values(pk, *[f.attname for f in pola]).iterator():
            zmiany = {}
            for f in pola:
                stara = row[f.attname]
                if stara is None:
                    continue
                nowa = osoba.zastap_w(stara) if isinstance(f, models.JSONField) else osoba.zastap(stara)
                if isinstance(nowa, str) and f.max_length:
                    nowa = nowa[:f.max_length]
                if nowa != stara:
                    zmiany[f.attname] = nowa
            if zmiany:
                model._base_manager.filter(**{pk: row[pk]}).update(**zmiany)
                zmienione[label] = zmienione.get(label, 0) + 1
    return zmienione


# --- The anonymisation ------------------------------------------------------------------------------


@transaction.atomic
def osoba_anonimizuj(*, uzytkownik, powod: str, actor) -> Anonimizacja:
    """Anonymise a person who left (irreversible). Evidence under retention keeps what the law
    requires in `ZachowaneDane`; every other trace of the name, e-mail and phone becomes the pseudonym;
    the account can no longer sign in; the audit keeps the account id."""
    User = get_user_model()
    uzytkownik = User.objects.select_for_update().get(pk=uzytkownik.pk)
    powod = (powod or "").strip()
    if not powod:
        raise ValidationError({"powod": _("Podaj powód anonimizacji.")})
    if uzytkownik.pk == actor.pk:
        raise ValidationError(_("Nie można zanonimizować własnego konta."))
    if Anonimizacja.objects.filter(osoba=uzytkownik).exists():
        raise ValidationError(_("Dane tej osoby zostały już zanonimizowane."))
    osoba = Osoba(uzytkownik, actor=actor)
    dzis = timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):  # stored descriptions are in the project's language
        zachowane = _zachowane_teraz(osoba, dzis)  # read before anything is changed
    for d in dostawcy():
        if d.anonimizuj:
            d.anonimizuj(osoba)
    zmienione = wyczysc_teksty(osoba)

    login = LOGIN.format(id=uzytkownik.pk)
    while User.objects.filter(username__iexact=login).exclude(pk=uzytkownik.pk).exists():
        login += "-x"
    imie, _sep, nazwisko = osoba.pseudonim.partition(" ")
    uzytkownik.username, uzytkownik.first_name, uzytkownik.last_name = login, imie, nazwisko
    uzytkownik.email, uzytkownik.telefon = "", ""
    uzytkownik.is_active = uzytkownik.is_staff = uzytkownik.is_superuser = False
    uzytkownik.set_unusable_password()
    uzytkownik.save(update_fields=["username", "first_name", "last_name", "email", "telefon", "is_active",
                                   "is_staff", "is_superuser", "password"])

    anonimizacja = Anonimizacja.objects.create(osoba=uzytkownik, pseudonim=osoba.pseudonim,
                                               powod=osoba.zastap(powod), kto=actor)
    ZachowaneDane.objects.bulk_create([
        ZachowaneDane(anonimizacja=anonimizacja, rodzaj=z.rodzaj, typ_obiektu_id=z.klucz[0], id_obiektu=z.klucz[1],
                      opis=osoba.zastap(z.opis)[:300], dane=z.dane, data_odniesienia=z.data_odniesienia,
                      przechowywac_do=do)
        for z, _regula, do in zachowane
    ])
    audit(actor, "rodo.anonimizacja", uzytkownik, {
        "pseudonim": osoba.pseudonim, "powod": anonimizacja.powod, "zachowane": len(zachowane),
        "zmienione": zmienione,
    })
    return anonimizacja


# --- doradztwo's own data -----------------------------------------------------------------------------


def _wysylki_do(osoba: Osoba) -> list[Wysylka]:
    if not osoba.email:
        return []
    rows = Wysylka.objects.filter(rodzaj=Wysylka.Rodzaj.EMAIL, dane__icontains=osoba.email).order_by("pk")
    return [w for w in rows if osoba.adresat(_adresy(w.dane))]


def _adresy(dane: dict) -> list[str]:
    return [a for klucz in ("to", "cc", "bcc", "reply_to") for a in (dane.get(klucz) or [])]


def _zbierz(osoba: Osoba) -> list[Sekcja]:
    u = osoba.uzytkownik
    sekcje = [Sekcja("konto", _("Konto"), [
        ("login", _("Login")), ("imie", _("Imię")), ("nazwisko", _("Nazwisko")), ("email", _("E-mail")),
        ("telefon", _("Telefon")), ("aktywne", _("Konto aktywne")), ("utworzone", _("Konto utworzone")),
        ("ostatnie_logowanie", _("Ostatnie logowanie")), ("zaproszenie", _("Zaproszenie wysłane")),
        ("koordynator", _("Koordynator ORE")), ("administrator", _("Administrator")),
    ], [{
        "login": u.username, "imie": u.first_name, "nazwisko": u.last_name, "email": u.email,
        "telefon": u.telefon, "aktywne": u.is_active, "utworzone": u.date_joined,
        "ostatnie_logowanie": u.last_login, "zaproszenie": u.zaproszenie_wyslane, "koordynator": u.koordynator,
        "administrator": u.is_superuser,
    }])]
    sekcje.append(Sekcja("edycje", _("Koordynowane edycje"), [("edycja", _("Edycja"))],
                         [{"edycja": e.nazwa} for e in Edycja.objects.filter(koordynatorzy=u).order_by("data_od")]))
    sekcje.append(Sekcja("powiadomienia", _("Powiadomienia"), [
        ("utworzone", _("Utworzone")), ("tytul", _("Tytuł")), ("tresc", _("Treść")), ("przeczytane", _("Przeczytane")),
    ], [{"utworzone": p.utworzone, "tytul": p.tytul, "tresc": p.tresc, "przeczytane": p.przeczytane}
        for p in Powiadomienie.objects.filter(odbiorca=u).order_by("utworzone", "pk")]))
    sekcje.append(Sekcja("wylaczenia", _("Wyłączone powiadomienia"), [
        ("rodzaj", _("Rodzaj")), ("kanal", _("Kanał")),
    ], [{"rodzaj": w.rodzaj, "kanal": w.get_kanal_display()}
        for w in WylaczeniePowiadomien.objects.filter(uzytkownik=u).order_by("rodzaj", "kanal")]))
    sekcje.append(Sekcja("przypomnienia", _("Wysłane przypomnienia"), [
        ("wyslane", _("Wysłane")), ("rodzaj", _("Rodzaj")), ("opis", _("Czego dotyczy")),
    ], [{"wyslane": w.wyslane, "rodzaj": w.rodzaj, "opis": w.opis}
        for w in WyslanePrzypomnienie.objects.filter(odbiorca=u).order_by("wyslane", "pk")]))
    sekcje.append(Sekcja("wiadomosci", _("Wiadomości e-mail do tej osoby"), [
        ("utworzona", _("Utworzona")), ("temat", _("Temat")), ("status", _("Stan")), ("wyslana", _("Wysłana")),
    ], [{"utworzona": w.utworzona, "temat": w.dane.get("subject", ""), "status": w.get_status_display(),
         "wyslana": w.wyslana} for w in _wysylki_do(osoba)]))
    sekcje.append(Sekcja("komentarze", _("Komentarze"), [
        ("utworzony", _("Utworzony")), ("jst", _("JST")), ("sekcja", _("Sekcja")), ("tresc", _("Treść")),
        ("prywatny", _("Tylko dla doradców i koordynatorów")),
    ], [{"utworzony": k.utworzony, "jst": str(k.udzial), "sekcja": k.sekcja, "tresc": k.tresc,
         "prywatny": k.prywatny}
        for k in Komentarz.objects.filter(autor=u).select_related("udzial__jst", "udzial__edycja")
        .order_by("utworzony", "pk")]))
    sekcje.append(Sekcja("pliki", _("Dodane pliki"), [
        ("dodany", _("Dodany")), ("nazwa", _("Nazwa")), ("typ", _("Typ")), ("rozmiar", _("Rozmiar (bajty)")),
    ], [{"dodany": p.dodany, "nazwa": p.nazwa, "typ": p.typ, "rozmiar": p.rozmiar}
        for p in Plik.objects.filter(dodal=u).order_by("dodany", "pk")]))
    sekcje.append(Sekcja("zmiany_stanu", _("Decyzje w przeglądach (złożenie, zwrot, zatwierdzenie)"), [
        ("kiedy", _("Kiedy")), ("akcja", _("Akcja")), ("na_stan", _("Nowy stan")), ("powod", _("Powód")),
    ], [{"kiedy": z.kiedy, "akcja": z.akcja, "na_stan": z.na_stan, "powod": z.powod}
        for z in ZmianaStanu.objects.filter(kto=u).order_by("kiedy", "pk")]))
    sekcje.append(Sekcja("zadania", _("Zlecone pliki (PDF, eksporty)"), [
        ("utworzone", _("Zlecone")), ("rodzaj", _("Rodzaj")), ("status", _("Stan")),
    ], [{"utworzone": z.utworzone, "rodzaj": z.rodzaj, "status": z.get_status_display()}
        for z in Zadanie.objects.filter(zlecajacy=u).order_by("utworzone", "pk")]))
    typ = ContentType.objects.get_for_model(u)
    sekcje.append(Sekcja("audyt", _("Dziennik audytu (działania tej osoby i działania dotyczące jej konta)"), [
        ("kiedy", _("Kiedy")), ("akcja", _("Akcja")), ("obiekt", _("Obiekt")), ("dane", _("Dane")),
    ], [{"kiedy": w.kiedy, "akcja": w.akcja, "obiekt": w.opis_obiektu, "dane": w.dane}
        for w in WpisAudytu.objects.filter(Q(kto=u) | Q(typ_obiektu=typ, id_obiektu=str(u.pk)))
        .order_by("kiedy", "pk")]))
    return sekcje


def _anonimizuj(osoba: Osoba) -> None:
    """Nothing of the account's own is needed any more: notifications, opt-outs and sessions go;
    e-mails waiting for the person are not sent; files made earlier (PDFs, exports) may print the
    name, so their stored copies are dropped (they are made again on request)."""
    u = osoba.uzytkownik
    Powiadomienie.objects.filter(odbiorca=u).delete()
    WylaczeniePowiadomien.objects.filter(uzytkownik=u).delete()
    _usun_sesje(u)
    _usun_logi_axes(osoba)
    for wysylka in _wysylki_do(osoba):
        if wysylka.status not in (Wysylka.Status.OCZEKUJE, Wysylka.Status.W_KOLEJCE):
            continue  # sent or failed: the scrub leaves the pseudonym in the log
        dane = dict(wysylka.dane)
        for klucz in ("to", "cc", "bcc", "reply_to"):
            if dane.get(klucz):
                dane[klucz] = [a for a in dane[klucz] if not osoba.adresat([a])]
        zmiany = {"dane": dane}
        if not any(dane.get(k) for k in ("to", "cc", "bcc")):
            zmiany.update(status=Wysylka.Status.BLAD, blad=_("Nie wysłano: dane adresata zostały zanonimizowane."))
        Wysylka.objects.filter(pk=wysylka.pk).update(**zmiany)
    _usun_pliki_zadan(od=u.date_joined)


def _usun_sesje(uzytkownik) -> None:
    from django.contrib.sessions.models import Session

    for sesja in Session.objects.filter(expire_date__gte=timezone.now()).iterator():
        if str(sesja.get_decoded().get("_auth_user_id")) == str(uzytkownik.pk):
            sesja.delete()


def _usun_logi_axes(osoba: Osoba) -> None:
    """Login-throttling logs are keyed by the username as typed (an e-mail address for real people)."""
    nazwy = {n.lower() for n in (osoba.login, osoba.email) if n}
    for nazwa_modelu in ("AccessAttempt", "AccessLog", "AccessFailureLog"):
        try:
            model = apps.get_model("axes", nazwa_modelu)
        except LookupError:
            continue
        warunek = Q()
        for nazwa in nazwy:
            warunek |= Q(username__iexact=nazwa)
        if warunek:
            model._base_manager.filter(warunek).delete()


def _usun_pliki_zadan(*, od: datetime.datetime) -> None:
    """Stored job files made since the person joined."""
    zadania = Zadanie.objects.filter(utworzone__gte=od).exclude(plik="")
    nazwy = set(zadania.values_list("plik", flat=True))
    zadania.update(plik="", status=Zadanie.Status.BLAD, postep=0,
                   komunikat=_("Plik usunięto przy anonimizacji danych osobowych. Przygotuj go ponownie."))
    if nazwy:
        storage = Zadanie._meta.get_field("plik").storage
        # Another job may still share a name (a reused file): only names no row points to go.
        pozostale = set(Zadanie.objects.filter(plik__in=nazwy).values_list("plik", flat=True))

        def usun():
            for nazwa in nazwy - pozostale:
                storage.delete(nazwa)

        transaction.on_commit(usun)


zarejestruj(Dostawca(aplikacja="doradztwo", zbierz=_zbierz, zachowane=lambda osoba: [], anonimizuj=_anonimizuj,
                     kolejnosc=0))
