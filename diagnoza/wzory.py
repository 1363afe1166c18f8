"""Indicator formulas: + − × ÷, parentheses, decimal constants and input names — parsed with `ast`
and checked against a whitelist of node types, then evaluated by walking the tree in Decimal.
Nothing is ever passed to eval/compile-and-run; a call, an attribute, `**`, a comparison or any
other construct is refused with a Polish message."""

import ast
from decimal import ROUND_HALF_UP, Decimal, DivisionByZero, InvalidOperation, localcontext

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAKS_DLUGOSC = 500
MAKS_WYNIKU = Decimal("1e15")  # WartoscWskaznika.wynik holds 16 digits before the decimal comma
MAKS_WEZLOW = 200
_OPERATORY = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_ZNAKI = {"×": "*", "·": "*", "÷": "/", "−": "-", "–": "-", ",": "."}


class BrakWyniku(Exception):
    """The formula cannot give a number for these inputs (division by zero): shown as "n/d"."""


def _normalizuj(wzor: str) -> str:
    for znak, zamiennik in _ZNAKI.items():
        wzor = wzor.replace(znak, zamiennik)
    return wzor.strip()


def _opis(node: ast.AST) -> str:
    return {
        ast.Call: _("wywołanie funkcji"), ast.Attribute: _("odwołanie do atrybutu"),
        ast.Pow: _("potęgowanie (**)"), ast.Subscript: _("indeksowanie"), ast.Compare: _("porównanie"),
        ast.BoolOp: _("operator logiczny"), ast.Lambda: _("funkcja lambda"), ast.Mod: _("reszta z dzielenia (%)"),
        ast.FloorDiv: _("dzielenie całkowite (//)"),
    }.get(type(node), type(node).__name__)


def sprawdz(wzor: str, nazwy: set[str] | None = None) -> ast.Expression:
    """Parse and check a formula. `nazwy`: the input names it may use (None: any identifier).
    Raises ValidationError with a message for the field."""
    tekst = _normalizuj(wzor or "")
    if not tekst:
        raise ValidationError(_("Wpisz wzór."))
    if len(tekst) > MAKS_DLUGOSC:
        raise ValidationError(_("Wzór może mieć najwyżej %(n)d znaków.") % {"n": MAKS_DLUGOSC})
    try:
        drzewo = ast.parse(tekst, mode="eval")
    except (SyntaxError, ValueError):
        raise ValidationError(_("Wzór jest niepoprawny — sprawdź nawiasy i działania (dozwolone: + − * / i nawiasy).")) \
            from None
    wezly = list(ast.walk(drzewo))
    if len(wezly) > MAKS_WEZLOW:
        raise ValidationError(_("Wzór jest zbyt długi."))
    nieznane = []
    for node in wezly:
        if isinstance(node, ast.Expression | ast.Load):
            continue
        if isinstance(node, ast.BinOp):
            if type(node.op) not in _OPERATORY:
                raise ValidationError(_("Niedozwolona konstrukcja we wzorze: %(co)s. Dozwolone są + − * / i nawiasy.")
                                      % {"co": _opis(node.op)})
            continue
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            continue
        if isinstance(node, ast.Add | ast.Sub | ast.Mult | ast.Div | ast.USub | ast.UAdd):
            continue
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, int | float):
                raise ValidationError(_("We wzorze mogą być tylko liczby i nazwy danych."))
            continue
        if isinstance(node, ast.Name):
            if nazwy is not None and node.id not in nazwy:
                nieznane.append(node.id)
            continue
        raise ValidationError(_("Niedozwolona konstrukcja we wzorze: %(co)s. Dozwolone są + − * / i nawiasy.")
                              % {"co": _opis(node)})
    if nieznane:
        raise ValidationError(_("Wzór używa nieznanych danych: %(nazwy)s. Dodaj je do listy danych albo popraw wzór.")
                              % {"nazwy": ", ".join(sorted(set(nieznane)))})
    return drzewo


def nazwy_we_wzorze(wzor: str) -> set[str]:
    return {n.id for n in ast.walk(sprawdz(wzor)) if isinstance(n, ast.Name)}


def _licz(node, dane: dict[str, Decimal]) -> Decimal:
    if isinstance(node, ast.Expression):
        return _licz(node.body, dane)
    if isinstance(node, ast.Constant):
        return Decimal(str(node.value))
    if isinstance(node, ast.Name):
        return dane[node.id]
    if isinstance(node, ast.UnaryOp):
        value = _licz(node.operand, dane)
        return -value if isinstance(node.op, ast.USub) else value
    left, right = _licz(node.left, dane), _licz(node.right, dane)
    if isinstance(node.op, ast.Add):
        return left + right
    if isinstance(node.op, ast.Sub):
        return left - right
    if isinstance(node.op, ast.Mult):
        return left * right
    if right == 0:
        raise BrakWyniku
    return left / right


def oblicz(wzor: str, dane: dict[str, Decimal], *, mnoznik: Decimal = Decimal(1), miejsca: int = 2) -> Decimal:
    """The formula's value × `mnoznik`, rounded ROUND_HALF_UP to `miejsca` decimal places.
    Raises BrakWyniku on division by zero, ValidationError on a bad formula or a missing input."""
    drzewo = sprawdz(wzor, set(dane))
    with localcontext() as ctx:
        ctx.prec = 40
        try:
            wynik = _licz(drzewo, dane) * Decimal(mnoznik)
        except DivisionByZero:
            raise BrakWyniku from None
        except InvalidOperation:  # 0/0 and the like
            raise BrakWyniku from None
        if not wynik.is_finite() or abs(wynik) >= MAKS_WYNIKU:
            raise ValidationError(_("Wynik jest za duży, aby go zapisać — sprawdź wpisane dane i jednostki."))
        return wynik.quantize(Decimal(1).scaleb(-miejsca), rounding=ROUND_HALF_UP)
