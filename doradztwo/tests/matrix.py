"""The permission matrix: URL name × persona × method → expected status code.

Each app lists its rows in `<app>/tests/permissions.py` as a literal table (one line per URL name
and method, one column per persona) plus `ARGS` for URLs that need arguments. One root test
(`doradztwo/tests/test_permission_matrix.py`) collects them all and fails on any URL without rows.

A row file also names, in `FORMS`, the form class behind each POST that some signed-in persona gets
through (any code that is not a refusal): `{"jst:etap": EtapForm}`, several classes as a tuple
(`(ZapiszJstForm, ListaKodowForm)`), or `(None, "why there is no form")` — optionally with the POST
keys the view reads by hand: `(None, "an autosave call", ("pole", "wartosc", "wersja"))`. The
hostile-input test (`doradztwo/tests/test_wrogie_dane.py`) posts into every one of them.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from doradztwo.tests.personas import PERSONAS

MATRIX_APPS = ["doradztwo", "jst", "diagnoza", "hdr", "raporty"]
METHODS = ("GET", "POST")
# Namespaces outside the matrix (CONVENTIONS §3: admin keeps Django's own behaviour).
EXCLUDED_NAMESPACES = {"admin"}
# Rows whose state a request may legitimately touch without "changing" anything a user owns.
_FINGERPRINT_SKIP = {"sessions.session", "axes.accessattempt", "axes.accesslog", "axes.accessfailurelog",
                     "axes.accessattemptexpiration"}


@dataclass(frozen=True)
class Row:
    app: str
    name: str
    method: str
    expected: dict[str, int]
    args: Callable[[dict], dict] | None = field(default=None, compare=False)
    data: Callable[[dict], dict] | None = field(default=None, compare=False)

    @property
    def id(self) -> str:
        return f"{self.name}-{self.method}"


def parse_table(app: str, table: str, args: dict | None = None, data: dict | None = None) -> list[Row]:
    """Parse a literal table: header `url | method | <persona> | …`, then one line per URL + method."""
    lines = [line for line in table.strip().splitlines() if line.strip() and not line.strip().startswith("#")]
    header = [cell.strip() for cell in lines[0].split("|")]
    if header[:2] != ["url", "method"]:
        raise ValueError(f"{app}: the table header must start with 'url | method'")
    personas = header[2:]
    rows = []
    for line in lines[1:]:
        cells = [cell.strip() for cell in line.split("|")]
        if len(cells) != len(header):
            raise ValueError(f"{app}: {line!r} has {len(cells)} cells, the header {len(header)}")
        name, method = cells[0], cells[1].upper()
        expected = {persona: int(code) for persona, code in zip(personas, cells[2:], strict=True)}
        rows.append(Row(app, name, method, expected, (args or {}).get(name), (data or {}).get(name)))
    return rows


def _row_modules():
    import pkgutil

    for app in MATRIX_APPS:
        try:
            tests_package = import_module(f"{app}.tests")
        except ModuleNotFoundError:
            continue
        names = sorted(
            info.name for info in pkgutil.iter_modules(tests_package.__path__)
            if info.name == "permissions" or info.name.startswith("permissions_")
        )
        for name in names:
            yield import_module(f"{app}.tests.{name}")


def collect_rows() -> list[Row]:
    """Rows from every `<app>/tests/permissions.py` and `<app>/tests/permissions_*.py`."""
    return [row for module in _row_modules() for row in module.ROWS]


def collect_downloads() -> set[str]:
    """URL names whose 200 is a file download (declared as `DOWNLOADS`): no page to audit."""
    return {name for module in _row_modules() for name in getattr(module, "DOWNLOADS", ())}


def collect_fragments() -> set[str]:
    """URL names that answer with an htmx fragment, not a page (declared as `FRAGMENTS` in row files);
    the accessibility gate checks them inside a minimal page."""
    return {name for module in _row_modules() for name in getattr(module, "FRAGMENTS", ())}


@dataclass(frozen=True)
class FormEntry:
    """What a POST row's view reads: form classes, or none (with the reason and hand-read keys)."""

    name: str
    forms: tuple = ()
    reason: str = ""
    raw_fields: tuple[str, ...] = ()


def _form_entry(module: str, name: str, value) -> FormEntry:
    from django.forms import BaseForm
    from django.forms.formsets import BaseFormSet

    def is_form_class(obj) -> bool:
        return isinstance(obj, type) and issubclass(obj, (BaseForm, BaseFormSet))

    if is_form_class(value):
        return FormEntry(name, forms=(value,))
    if isinstance(value, tuple) and value and value[0] is None:
        reason = value[1] if len(value) > 1 else ""
        raw = tuple(value[2]) if len(value) > 2 else ()
        if not isinstance(reason, str) or not reason.strip() or len(value) > 3:
            raise ValueError(f"{module}: FORMS[{name!r}] = (None, reason[, raw POST keys]) needs a reason")
        return FormEntry(name, reason=reason, raw_fields=raw)
    if isinstance(value, tuple) and value and all(is_form_class(v) for v in value):
        return FormEntry(name, forms=value)
    raise ValueError(f"{module}: FORMS[{name!r}] must be a form class, a tuple of them or (None, reason)")


def collect_forms() -> dict[str, FormEntry]:
    """URL name → `FormEntry`, from the `FORMS` dicts of every row file (a name declared twice fails)."""
    entries: dict[str, FormEntry] = {}
    for module in _row_modules():
        for name, value in getattr(module, "FORMS", {}).items():
            if name in entries:
                raise ValueError(f"{module.__name__}: FORMS[{name!r}] is declared in another row file too")
            entries[name] = _form_entry(module.__name__, name, value)
    return entries


def first_admitted(row: Row) -> str | None:
    """The first signed-in persona (in PERSONAS order) whose POST is not refused, or None."""
    for persona in PERSONAS:
        if persona != "anon" and not is_refusal(persona, row.expected[persona]):
            return persona
    return None


def url_names() -> set[str]:
    """Every named URL of our urlconfs, as `namespace:name`, minus the excluded namespaces."""
    names: set[str] = set()

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace in EXCLUDED_NAMESPACES:
                    continue
                namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
                walk(pattern.url_patterns, namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{prefix}{pattern.name}")

    walk(get_resolver().url_patterns, "")
    return names


def db_fingerprint() -> str:
    """A digest of every row a user could change (sessions and login-throttling rows excluded)."""
    digest = hashlib.sha256()
    for model in sorted(apps.get_models(), key=lambda m: m._meta.label_lower):
        if model._meta.label_lower in _FINGERPRINT_SKIP:
            continue
        fields = [f.attname for f in model._meta.concrete_fields if f.attname != "last_login"]
        rows = model._base_manager.order_by("pk")
        if model._meta.label_lower == "doradztwo.wpisaudytu":
            from doradztwo.sygnaly_logowania import AKCJE_LOGOWANIA

            rows = rows.exclude(akcja__in=AKCJE_LOGOWANIA)  # the test client's own logins and logouts
        for values in rows.values_list(*fields):
            digest.update(repr((model._meta.label_lower, values)).encode())
    return digest.hexdigest()


def is_refusal(persona: str, code: int) -> bool:
    return code in (401, 403, 404, 405) or (persona == "anon" and code == 302)


assert PERSONAS[0] == "anon"
