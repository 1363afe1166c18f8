from django import template

from doradztwo import text

register = template.Library()


@register.filter
def godziny(n):
    """`{{ n|godziny }}` → "1 godzina", "2 godziny", "5 godzin"."""
    return text.hours(int(n))


@register.filter
def minuty(n):
    return text.minutes(int(n))
