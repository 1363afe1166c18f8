"""Hostile input (issue 11): every form behind a POST row of the permission matrix gets random and
hostile values — huge strings, control characters, HTML/JS, SQL fragments, bad dates, negative and huge
numbers, wrong TERYT codes, wrong versions, hostile files — posted through its URL, as the first
persona the matrix lets through (with the matrix's ARGS and DATA). Never a 500; what a page shows is
escaped; a redirect never leaves the site; and text a form accepted is stored exactly as typed.

Each form is found from its `FORMS` entry in the app's permissions*.py (a POST row without one fails
here). Field types come from the form the GET page renders (prefixes, fields added in __init__), else
from the class's own fields; the starting values are that page's initial values and the matrix DATA
(empty required fields get a plain good value), so only the hostile fields are wrong. Per form:

1. typed text: every text field gets HTML, SQL and bidi characters at once; fields the form refuses go
   back to their good value (up to four tries); a save must store each accepted text exactly;
2. each key the view reads by hand, and each version field, on its own with values parsers choke on;
3. hypothesis examples: one to three fields hostile (or all of them), the rest good.

Every request runs in a savepoint that is rolled back, so each starts from the same state. Examples
per form: `WROGIE_PRZYKLADY` (default 8; a third of it for form-less rows), never more than the
hypothesis profile's max_examples (the CI profile: 30, derandomized).
"""

import datetime
import json
import os
from dataclasses import dataclass
from urllib.parse import urljoin

import pytest
from django import forms
from django.apps import apps
from django.contrib.messages import constants as message_levels
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import models, transaction
from django.db.models.functions import Cast
from django.forms.formsets import BaseFormSet
from django.template.context import Context
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from doradztwo.tests.matrix import collect_forms, collect_rows, first_admitted
from doradztwo.tests.test_wrogie_pliki import pdf, png, wrogie_pliki

ROWS = collect_rows()
FORMS = collect_forms()
GET_ROWS = {row.name: row for row in ROWS if row.method == "GET"}
POST_ROWS = [row for row in ROWS if row.method == "POST" and first_admitted(row)]

PRZYKLADY = int(os.environ.get("WROGIE_PRZYKLADY", "8"))
PRZYKLADY_BEZ_FORMULARZA = max(1, PRZYKLADY // 3)
# Keys views commonly read by hand: posted into form-less rows too, whatever the entry lists.
KLUCZE_RECZNE = ("wersja", "powod", "potwierdz", "kierunek", "next", "wroc", "strona", "akcja")

# --- Hostile values ---------------------------------------------------------------------------

SKRYPT = "<script>alert(1)</script>"
ZNACZNIKI = (SKRYPT, "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<iframe src=javascript:alert(1)>")
WPISANY = "Zażółć " + SKRYPT + " \"'><img src=x onerror=alert(1)> '; DROP TABLE jst_jst;-- \u202eRTL\u200f"

TEKSTY = [
    SKRYPT, '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>", "<iframe src=javascript:alert(1)>",
    "'; DROP TABLE jst_jst;--", "' OR '1'='1' --", "1; SELECT pg_sleep(5)--", "\\'\\\"%_",
    "\x00", "tekst\x00z zerem", "\x07\x08\x0b\x0c\x1b[2J\x7f", "\u202e\u2066odwrócony\u2069\u200f\u200e\u200b\ufeff",
    "{{ 7|add:7 }}{% now 'Y' %}", "%(nazwa)s %s %d {0} {}", "../../../../etc/passwd", "javascript:alert(1)",
    "A" * 100_000, "ż" * 100_000, "\r\n" * 5_000, " ", "", "🙂𝕳𝖊𝖑𝖑𝖔\U0010ffff", "None", "null", "<!--",
    "]]>",
    "ｆｕｌｌ ｗｉｄｔｈ", "e\u0301\u0301\u0301\u0301", "\u0000" * 3 + SKRYPT, WPISANY,
]
LICZBY = ["-1", "0", "-0", "100000000000000000000", "-100000000000000000000", "2147483648", "9223372036854775808",
          "1e309", "-1e309", "1e-400", "NaN", "nan", "Infinity", "-inf", "1,5", "1.5", "0,0000000001", "1 000",
          "1_000", "0x10", "١٢", "²", "１２", "9" * 400, "9" * 5000, " 7 ", "+5", "--5", "1e5", SKRYPT, ""]
DATY = ["31.02.2023", "2023-02-30", "2023-13-01", "0000-00-00", "00.00.0000", "29.02.2023", "31.12.9999",
        "01.01.0001", "10000-01-01", "1.1.1", "-2023-01-01", "2023-01-01T25:61", "2023/01/01", "٢٠٢٣-٠١-٠١",
        "32.01.2023", "2023-01-01; DROP TABLE x", SKRYPT, "", "9" * 300]
CZASY = ["25:00", "24:60", "-1:00", "9:99", "12:00:00.99999999", "99999:00", "12", "１２:００", SKRYPT, ""]
WYBORY = ["", "__zly__", "-1", "0", "99999999999999999999", "2147483648", "²", "١", "1 OR 1=1", "None", "null",
          "true", SKRYPT, "A" * 10_000, "\x00"]
WERSJE = ["0", "-1", "abc", "1.5", "²", "99999999999999999999", "2147483648", "", " ", "1e3", "NaN", SKRYPT]
TERYT = ["0000000", "abc", "02011", "9999999", "0201 0201", "02-01", "02O1", "0201\x00", "1" * 100, "0" * 7,
         "0201\n" * 2000, "\n".join(["0201", "2609022", "zly", "<b>"]), "０２０１", "²²²²"]
EMAILE = ["a@b", "<script>@x.pl", "x" * 300 + "@x.pl", "a@b@c", "jan@[127.0.0.1]", "a\x00@x.pl", "@", "ż@ż.ż"]
ADRESY = ["javascript:alert(1)", "//evil.example/", "https://evil.example/", "http://[::1", "/\\evil.example",
          "data:text/html,<script>alert(1)</script>", "/\x00", "http://" + "a" * 3000 + ".pl"]
JEZYKI = ["xx", "", "../../", SKRYPT, "pl\x00", "en" * 100]
BOOLE = ["on", "off", "false", "0", "1", "", SKRYPT]


def _plik(nazwa: str, dane: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(nazwa, dane, content_type="image/png")


@dataclass(frozen=True)
class _PlikDane:
    """A file value, kept as bytes so every request gets a fresh upload."""

    nazwa: str
    dane: bytes

    def upload(self):
        return _plik(self.nazwa, self.dane)


def _pliki() -> list[_PlikDane]:
    wrogie = [_PlikDane(n, d) for n, d in wrogie_pliki()]
    # Honest content under hostile names: accepted, and the name must come back escaped.
    return wrogie + [_PlikDane(SKRYPT + ".pdf", pdf()), _PlikDane("\u202egnp.pdf", png()),
                     _PlikDane("a" * 400 + ".png", png()), _PlikDane("zdjecie.png", png())]


# --- Which fields a form has, and their good values -------------------------------------------


@dataclass(frozen=True)
class Pole:
    klucz: str  # the POST key, with the form's prefix
    field: forms.Field | None  # None: a key the view reads by hand


def _konteksty(response):
    ctx = response.context
    if ctx is None:
        return []
    return [ctx] if isinstance(ctx, Context) else list(ctx)


def _z_kontekstu(response, klasy) -> list:
    """Instances of the entry's form classes on a rendered page (also inside formsets)."""
    found, seen = [], set()
    for ctx in _konteksty(response):
        for value in ctx.flatten().values():
            if isinstance(value, klasy) and id(value) not in seen:
                seen.add(id(value))
                found.append(value)
    return found


def _wartosc(bf):
    """What a browser would send for a bound field's initial value (None: nothing)."""
    widget = bf.field.widget
    if isinstance(widget, (forms.FileInput, forms.MultiWidget)):
        return None
    value = bf.value()
    if isinstance(widget, forms.CheckboxInput):
        return "on" if widget.check_test(value) else None
    if value is None:
        return None
    formatted = widget.format_value(value)
    if isinstance(formatted, list):
        if widget.allow_multiple_selected:
            return [str(v) for v in formatted]
        return str(formatted[0]) if formatted else None
    return None if formatted is None else str(formatted)


def _pola_formularza(form) -> tuple[list[Pole], dict]:
    pola, dane = [], {}
    for name, field in form.fields.items():
        bf = form[name]
        pola.append(Pole(bf.html_name, field))
        value = _wartosc(bf)
        if value is not None:
            dane[bf.html_name] = value
    return pola, dane


def _pola_instancji(obj) -> tuple[list[Pole], dict]:
    if isinstance(obj, BaseFormSet):
        pola, dane = _pola_formularza(obj.management_form)
        for form in obj.forms:
            p, d = _pola_formularza(form)
            pola += p
            dane.update(d)
        return pola, dane
    return _pola_formularza(obj)


def _klucz(name: str, dane: dict) -> str:
    """The POST key of a class field: as the matrix DATA spells it (with a prefix), else the name."""
    for key in dane:
        if key == name or key.endswith("-" + name):
            return key
    return name


def _pola_klasy(klasa, dane: dict) -> list[Pole]:
    if issubclass(klasa, BaseFormSet):
        return [Pole(_klucz(n, dane), f) for n, f in klasa.form.base_fields.items()]
    return [Pole(_klucz(n, dane), f) for n, f in klasa.base_fields.items()]


def _zamroz(dane: dict) -> dict:
    out = {}
    for key, value in dane.items():
        if isinstance(value, UploadedFile):
            value.seek(0)
            value = _PlikDane(value.name, value.read())
        elif isinstance(value, (list, tuple)):
            value = [str(v) for v in value]
        elif isinstance(value, bool):
            value = "on" if value else None
        elif value is not None and not isinstance(value, _PlikDane):
            value = str(value)
        if value is not None:
            out[key] = value
    return out


def _do_wyslania(dane: dict) -> dict:
    return {k: (v.upload() if isinstance(v, _PlikDane) else v) for k, v in dane.items()}


# --- Strategies per field ---------------------------------------------------------------------


def _wrogie(pole: Pole, dobra) -> list:
    f, nazwa = pole.field, pole.klucz.rsplit("-", 1)[-1].lower()
    if nazwa in ("wersja", "initial_forms", "total_forms", "min_num_forms", "max_num_forms") or nazwa.endswith(
            "_przed"):
        values = list(WERSJE)
        if isinstance(dobra, str) and dobra.isdecimal():
            values += [str(int(dobra) - 1), str(int(dobra) + 1), str(int(dobra) + 1000)]
        return values + (LICZBY if f is None else [])
    if "teryt" in nazwa or nazwa in ("kody", "jst"):
        return TERYT + LICZBY
    if nazwa in ("next", "wroc", "link", "url"):
        return ADRESY + TEKSTY[:8]
    if nazwa == "language":
        return JEZYKI
    if f is None:
        return TEKSTY + LICZBY + WYBORY
    if isinstance(f, forms.FileField):
        return _pliki()
    if isinstance(f, (forms.BooleanField, forms.NullBooleanField)):
        return BOOLE
    if isinstance(f, (forms.MultipleChoiceField, forms.ModelMultipleChoiceField)):
        return [[v] for v in WYBORY] + [WYBORY, [str(n) for n in range(500)]]
    if isinstance(f, (forms.ChoiceField, forms.ModelChoiceField)):
        return WYBORY
    if isinstance(f, (forms.DateField, forms.DateTimeField)):
        return DATY
    if isinstance(f, forms.TimeField):
        return CZASY
    if isinstance(f, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
        return LICZBY
    if isinstance(f, forms.EmailField):
        return EMAILE + TEKSTY[:6]
    if isinstance(f, forms.URLField):
        return ADRESY + TEKSTY[:6]
    return TEKSTY + LICZBY[:6] + DATY[:3]


_ZOSTAW, _POMIN = object(), object()


def _strategia(pole: Pole, dobra):
    """A hostile value (twice as likely as random text), or the field left out."""
    wrogie = st.sampled_from(_wrogie(pole, dobra))
    losowe = st.text(st.characters(exclude_categories=("Cs",)), max_size=200)
    if isinstance(pole.field, forms.FileField):
        return st.one_of(wrogie, st.just(_POMIN))
    return st.one_of(wrogie, wrogie, st.just(_POMIN), losowe)


def _proby(strategie: dict):
    """Mostly one to three hostile fields with the rest good (so the view gets past the fields it does
    not test), sometimes every field hostile at once."""
    klucze = list(strategie)

    @st.composite
    def kilka(draw):
        wybrane = draw(st.lists(st.sampled_from(klucze), min_size=1, max_size=min(3, len(klucze)), unique=True))
        return {k: draw(strategie[k]) for k in wybrane}

    wszystkie = st.fixed_dictionaries({k: st.one_of(st.just(_ZOSTAW), v) for k, v in strategie.items()})
    return st.one_of(kilka(), kilka(), kilka(), wszystkie) if klucze else st.just({})


# --- Checks -----------------------------------------------------------------------------------


def _skrot(dane: dict) -> str:
    def short(v):
        v = v.nazwa if isinstance(v, _PlikDane) else v
        r = repr(v)
        return r if len(r) < 80 else r[:60] + f"…({len(r)} chars)"
    return "{" + ", ".join(f"{k!r}: {short(v)}" for k, v in dane.items()) + "}"


def _sprawdz_odpowiedz(response, opis: str) -> None:
    assert response.status_code < 500, f"{opis}: {response.status_code}"
    if getattr(response, "streaming", False):
        return
    typ = response.get("Content-Type", "")
    if "json" in typ:  # read by script (textContent), never rendered by the browser
        return
    body = response.content.decode("utf-8", "replace")
    for znacznik in ZNACZNIKI:
        assert znacznik not in body, f"{opis}: unescaped {znacznik!r} in the response ({typ})"


def _miejscowy(location: str) -> bool:
    """A redirect that stays on the site (relative, or to the test server); the host is at the start,
    and Django's check refuses any URL over 2048 characters, so a long local query string is cut."""
    return url_has_allowed_host_and_scheme(location[:2000], allowed_hosts={"testserver"})


def _wyslij(client, path: str, dane: dict, opis: str, dalej: bool = True):
    """POST (and follow a redirect once); returns the POST's response and the page it led to."""
    try:
        response = client.post(path, _do_wyslania(dane))
    except Exception as error:  # the test client re-raises what would have been a 500
        raise AssertionError(f"{opis}: 500 ({type(error).__name__}: {error})") from error
    _sprawdz_odpowiedz(response, opis)
    strona = None
    if response.status_code in (301, 302, 303):
        location = urljoin(path, response["Location"])
        assert _miejscowy(response["Location"]), f"{opis}: redirect off the site to {response['Location']!r}"
        if not dalej:
            return response, None
        try:
            strona = client.get(location)
        except Exception as error:
            raise AssertionError(f"{opis}: 500 on the page after the redirect {location} "
                                 f"({type(error).__name__}: {error})") from error
        _sprawdz_odpowiedz(strona, f"{opis} → GET {location}")
    return response, strona


_POMIJANE_MODELE = {"doradztwo.wpisaudytu", "doradztwo.powiadomienie", "doradztwo.wysylka", "sessions.session",
                    "admin.logentry"}


def _zapisane(znaki) -> dict[str, list]:
    """token → every stored text holding it (text columns; JSON columns as ("json", text)), in the rows
    a user sees (history, audit, notifications and the outbox left out). One query per column."""
    found: dict[str, list] = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in _POMIJANE_MODELE or model._meta.model_name.startswith("historical") or label.startswith("axes."):
            continue
        for f in model._meta.concrete_fields:
            if isinstance(f, (models.CharField, models.TextField)):
                qs, kolumna, json_ = model._base_manager.all(), f.attname, False
            elif isinstance(f, models.JSONField):
                qs = model._base_manager.annotate(_t=Cast(f.attname, models.TextField()))
                kolumna, json_ = "_t", True
            else:
                continue
            warunek = models.Q()
            for znak in znaki:
                warunek |= models.Q(**{f"{kolumna}__contains": znak})
            for tekst in qs.filter(warunek).values_list(kolumna, flat=True):
                for znak in znaki:
                    if znak in tekst:
                        found.setdefault(znak, []).append(("json", tekst) if json_ else tekst)
    return found


def _jak_wpisano(wpisany: str, zapisany) -> bool:
    if isinstance(zapisany, tuple):  # JSON as text: the typed string, JSON-escaped either way
        return any(json.dumps(wpisany, ensure_ascii=a)[1:-1] in zapisany[1] for a in (True, False))
    return zapisany == wpisany


def _bledy(response, klasy) -> set[str]:
    """The POST keys a re-rendered form marked invalid."""
    keys = set()
    for obj in _z_kontekstu(response, klasy) if response.context is not None else []:
        for form in (obj.forms if isinstance(obj, BaseFormSet) else [obj]):
            if form.is_bound:
                keys.update(form.add_prefix(name) for name in form.errors if name != "__all__")
    return keys


def _odmowa_w_komunikacie(strona) -> bool:
    if strona is None or strona.context is None:
        return False
    for ctx in _konteksty(strona):
        storage = ctx.get("messages")
        if storage is not None and any(m.level >= message_levels.WARNING for m in storage):
            return True
    return False


def _znak(i: int) -> str:
    return f"wrogi{i:03d}x"


def _do_wpisania(pole: Pole, i: int) -> str | None:
    """The typed text for a visible text field: HTML, SQL and bidi characters plus a unique token."""
    f = pole.field
    if not isinstance(f, forms.CharField) or isinstance(f, (forms.EmailField, forms.URLField, forms.SlugField)):
        return None
    if isinstance(f.widget, (forms.HiddenInput, forms.PasswordInput)):
        return None
    for value in (f"{WPISANY} {_znak(i)}", f"{SKRYPT}{_znak(i)}"):
        if f.max_length is None or len(value) <= f.max_length:
            return value
    return None


# --- The test ---------------------------------------------------------------------------------


def _przygotuj(row, entry, world, client):
    path = reverse(row.name, kwargs=row.args(world) if row.args else None)
    dane = _zamroz(row.data(world)) if row.data else {}
    pola: list[Pole] = []
    if entry.forms:
        persona = first_admitted(row)
        get_row = GET_ROWS.get(row.name)
        instancje = []
        if get_row is not None and get_row.expected.get(persona) == 200:
            instancje = _z_kontekstu(client.get(path), entry.forms)
        if instancje:
            poczatkowe = {}
            for obj in instancje:
                p, d = _pola_instancji(obj)
                pola += p
                poczatkowe.update(d)
            dane = {**_zamroz(poczatkowe), **dane}
        else:  # a POST-only URL (the form lives on another page): the classes' own fields
            for klasa in entry.forms:
                znane = {p.klucz for p in pola}
                pola += [p for p in _pola_klasy(klasa, dane) if p.klucz not in znane]
        for i, pole in enumerate(pola):  # required fields the page and DATA left empty: a plain good value
            if pole.field.required and pole.klucz not in dane and (dobra := _dobra(pole.field, i)) is not None:
                dane[pole.klucz] = dobra
    else:
        pola = [Pole(key, None) for key in dict.fromkeys((*entry.raw_fields, *dane))]
    return path, dane, pola


def _dobra(f: forms.Field, i: int):
    """An ordinary valid value for an empty required field (None: leave it empty)."""
    if isinstance(f, forms.FileField):
        return _PlikDane("dokument.pdf", pdf())
    if isinstance(f, forms.BooleanField):
        return "on"
    if isinstance(f, (forms.ChoiceField, forms.ModelChoiceField)):
        try:  # flat or grouped choices; a class field's queryset may be unset (None)
            pary = [p for v, label in f.choices for p in (label if isinstance(label, (list, tuple)) else [(v, label)])]
        except (AttributeError, TypeError):
            return None
        choices = [str(v) for v, _label in pary if v not in ("", None)]
        if not choices:
            return None
        wiele = isinstance(f, (forms.MultipleChoiceField, forms.ModelMultipleChoiceField))
        return [choices[0]] if wiele else choices[0]
    if isinstance(f, (forms.DateField, forms.DateTimeField)):
        return datetime.date.today().isoformat()
    if isinstance(f, forms.TimeField):
        return "10:00"
    if isinstance(f, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
        return str(max(1, f.min_value or 1)) if f.max_value is None or f.max_value >= 1 else str(f.max_value)
    if isinstance(f, forms.EmailField):
        return f"wrogi{i}@example.org"
    if isinstance(f, forms.URLField):
        return "https://example.org/"
    if isinstance(f, forms.CharField):
        return "Wartość"
    return None


# int("abc") fails; "²".isdigit() but int() refuses it; too big for any column; too long for int() itself.
ZABOJCY_PARSEROW = ["abc", "²", "99999999999999999999", "9" * 5000, "a\x00b"]


def _zle_reczne(client, path, dane, pola, opis):
    """Each key a view reads by hand, and each version field, on its own (the rest good): a word,
    a digit int() refuses, a number no column holds — plus a stale and a future version."""
    for pole in pola:
        if pole.field is not None and pole.klucz.rsplit("-", 1)[-1] != "wersja":
            continue
        dobra = dane.get(pole.klucz)
        zle = list(ZABOJCY_PARSEROW)
        if isinstance(dobra, str) and dobra.isdecimal():
            zle += [str(int(dobra) - 1), str(int(dobra) + 1)]
        for zla in zle:
            proba = {**dane, pole.klucz: zla}
            _w_savepoincie(_wyslij, client, path, proba, f"{opis} with {pole.klucz}={zla!r}", False)


def _w_savepoincie(fn, *args):
    """Run one request (and its checks) in a savepoint that is always rolled back."""
    with transaction.atomic():
        try:
            return fn(*args)
        finally:
            transaction.set_rollback(True)


def _wpisany_tekst(client, path, dane, pola, entry, opis):
    """Every text field gets HTML, SQL and bidi characters at once; fields the form refuses go back to
    their good value. A save (a redirect without an error message) must store each text exactly."""
    wpisane = {p.klucz: (v, _znak(i)) for i, p in enumerate(pola) if (v := _do_wpisania(p, i)) is not None}
    for _proba in range(4):
        if not wpisane:
            return
        proba = {**dane, **{k: v for k, (v, _z) in wpisane.items()}}
        response, strona = _w_savepoincie(_sprawdz_zapis, client, path, proba, wpisane, opis, len(entry.forms) == 1)
        if response.status_code in (301, 302, 303):
            return
        odrzucone = _bledy(response, entry.forms) & set(wpisane)
        if not odrzucone:
            return
        wpisane = {k: v for k, v in wpisane.items() if k not in odrzucone}


def _sprawdz_zapis(client, path, proba, wpisane, opis, jeden_formularz):
    """After a save, a typed text that was stored is stored exactly as typed somewhere (nothing
    stripped, escaped or cut; a derived copy such as a search index may differ), and — for a URL
    with one form — at least one typed text was stored. A field the view ignores in this case
    (e.g. a school name for a non-director) is stored nowhere, which is fine."""
    response, strona = _wyslij(client, path, proba,
                               f"{opis} with typed text {_skrot({k: v for k, (v, _z) in wpisane.items()})}")
    if response.status_code in (301, 302, 303) and not _odmowa_w_komunikacie(strona):
        zapisane = _zapisane({znak: klucz for klucz, (_v, znak) in wpisane.items()})
        wpisany = {znak: v for v, znak in wpisane.values()}
        zmienione = sorted(f"{klucz}: typed {wpisany[znak]!r}, stored {zapisane[znak]!r}"
                           for klucz, (_v, znak) in wpisane.items()
                           if znak in zapisane and not any(_jak_wpisano(wpisany[znak], t) for t in zapisane[znak]))
        assert not zmienione, f"{opis}: saved, but not as typed:\n" + "\n".join(zmienione)
        assert zapisane or not jeden_formularz, (f"{opis}: saved (a redirect, no error), but none of the typed "
                                                 f"texts is stored: {sorted(wpisane)}")
    return response, strona


@pytest.mark.parametrize("row", POST_ROWS, ids=[row.name for row in POST_ROWS])
def test_hostile_values_posted_into_the_form_never_give_a_500_and_come_back_escaped(row, world, client, personas):
    entry = FORMS.get(row.name)
    if entry is None:
        pytest.fail(f"{row.name}: the POST row lets {first_admitted(row)} through but names no form — add it to "
                    "FORMS in its permissions*.py (a form class, or (None, reason))")
    persona = first_admitted(row)
    client.force_login(personas[persona])
    path, dane, pola = _przygotuj(row, entry, world, client)
    opis = f"POST {path} ({row.name}) as {persona}"
    if entry.forms:
        _wpisany_tekst(client, path, dane, pola, entry, opis)
    _zle_reczne(client, path, dane, pola, opis)

    if not entry.forms:  # keys views commonly read by hand, in case this one does too
        pola = pola + [Pole(k, None) for k in KLUCZE_RECZNE if k not in {p.klucz for p in pola}]
    strategie = {p.klucz: _strategia(p, dane.get(p.klucz)) for p in pola}
    przyklady = min(hypothesis_settings.default.max_examples,
                    PRZYKLADY if entry.forms else PRZYKLADY_BEZ_FORMULARZA)

    @hypothesis_settings(max_examples=przyklady, deadline=None, database=None,
                         suppress_health_check=list(HealthCheck))
    @given(_proby(strategie))
    def przyklad(wybrane):
        proba = dict(dane)
        for key, value in wybrane.items():
            if value is _POMIN:
                proba.pop(key, None)
            elif value is not _ZOSTAW:
                proba[key] = value
        _w_savepoincie(_wyslij, client, path, proba, f"{opis} with {_skrot(proba)}")

    przyklad()


def test_the_hostile_test_covers_every_post_row_that_someone_gets_through():
    """The forms it posts into are exactly the matrix's FORMS entries (missing ones fail the test above)."""
    assert POST_ROWS
    assert {row.name for row in POST_ROWS} >= set(FORMS)


def test_a_refused_field_and_an_unescaped_marker_are_caught_by_the_checks():
    """The checks can fail: an unescaped script, a 500 and an off-site redirect are reported."""

    class Odpowiedz(dict):
        def __init__(self, status, body, typ="text/html; charset=utf-8"):
            super().__init__({"Content-Type": typ})
            self.status_code, self.content = status, body.encode()

    with pytest.raises(AssertionError, match="unescaped"):
        _sprawdz_odpowiedz(Odpowiedz(200, f"<p>{SKRYPT}</p>"), "test")
    with pytest.raises(AssertionError, match="500"):
        _sprawdz_odpowiedz(Odpowiedz(500, ""), "test")
    _sprawdz_odpowiedz(Odpowiedz(200, "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"), "test")
    _sprawdz_odpowiedz(Odpowiedz(200, json.dumps({"wartosc": SKRYPT}), "application/json"), "test")
    assert not _miejscowy("//evil.example/") and not _miejscowy("https://evil.example/") and _miejscowy("/udzialy/1/")


def test_every_hostile_value_list_is_used_by_some_field_kind():
    kinds = [forms.CharField(), forms.IntegerField(), forms.DateField(), forms.TimeField(), forms.ChoiceField(),
             forms.BooleanField(), forms.EmailField(), forms.URLField(assume_scheme="https"), forms.FileField()]
    used = [tuple(map(str, _wrogie(Pole("x", f), None))) for f in kinds]
    used += [tuple(_wrogie(Pole("wersja", forms.IntegerField()), "3")), tuple(_wrogie(Pole("teryt", None), None))]
    for lista in (TEKSTY, LICZBY, DATY, CZASY, WYBORY, WERSJE, TERYT, EMAILE, ADRESY, BOOLE):
        assert any(set(map(str, lista)) <= set(u) for u in used)
    assert "4" in used[-2] and "2" in used[-2]  # a stale and a future version of the row
