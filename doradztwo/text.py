"""Counted nouns in Polish: one, few and many forms (1 godzina, 2 godziny, 5 godzin)."""

from django.utils.translation import ngettext


def hours(n: int) -> str:
    return ngettext("%(n)d godzina", "%(n)d godziny", n) % {"n": n}


def minutes(n: int) -> str:
    return ngettext("%(n)d minuta", "%(n)d minuty", n) % {"n": n}
