"""Markdown for long texts users write (CONVENTIONS §7): a small subset rendered server-side,
escaped first and cleaned with nh3, so no HTML a user typed ever reaches a page or a PDF."""

import html
import re

import nh3
from django.utils.safestring import SafeString, mark_safe

_NAGLOWEK = re.compile(r"(#{1,6})\s+(.+)")
_PUNKT = re.compile(r"[-*+•]\s+(.+)")
_NUMER = re.compile(r"\d{1,3}[.)]\s+(.+)")
_CYTAT = re.compile(r"&gt;\s?(.*)")
_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^\s()]+)\)")
_WYROZNIENIA = [
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), r"<strong>\1</strong>"),
    (re.compile(r"__(?=\S)(.+?)(?<=\S)__"), r"<strong>\1</strong>"),
    (re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"), r"<em>\1</em>"),
    (re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])"), r"<em>\1</em>"),
]
_TAGI = {"p", "br", "ul", "ol", "li", "strong", "em", "h3", "h4", "blockquote", "a"}


def _wiersz(tekst: str) -> str:
    tekst = _LINK.sub(r'<a href="\2">\1</a>', tekst)
    for wzor, zamiana in _WYROZNIENIA:
        tekst = wzor.sub(zamiana, tekst)
    return tekst


def markdown_html(tekst: str) -> SafeString:
    """A small Markdown subset (paragraphs, line breaks, lists, headings, quotes, bold, italics,
    http(s) links) for long texts users write (report sections, publications). Everything is escaped first and the result is
    cleaned with nh3, so no HTML a user typed survives. Section titles are h2 on the page, so
    Markdown headings become h3/h4."""
    wynik: list[str] = []
    akapit: list[str] = []
    cytat: list[str] = []
    lista: dict = {}

    def zamknij():
        if akapit:
            wynik.append("<p>" + "<br>".join(_wiersz(w) for w in akapit) + "</p>")
            akapit.clear()
        if cytat:
            wynik.append("<blockquote><p>" + "<br>".join(_wiersz(w) for w in cytat) + "</p></blockquote>")
            cytat.clear()
        if lista:
            znacznik = lista["rodzaj"]
            wynik.append(f"<{znacznik}>" + "".join(f"<li>{_wiersz(p)}</li>" for p in lista["punkty"])
                         + f"</{znacznik}>")
            lista.clear()

    for surowy in html.escape(tekst or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        wiersz = surowy.strip()
        if not wiersz:
            zamknij()
            continue
        naglowek, punkt, numer, wcytacie = (_NAGLOWEK.fullmatch(wiersz), _PUNKT.fullmatch(wiersz),
                                            _NUMER.fullmatch(wiersz), _CYTAT.fullmatch(wiersz))
        if naglowek:
            zamknij()
            znacznik = "h3" if len(naglowek.group(1)) == 1 else "h4"
            wynik.append(f"<{znacznik}>{_wiersz(naglowek.group(2))}</{znacznik}>")
        elif punkt or numer:
            rodzaj = "ul" if punkt else "ol"
            if akapit or cytat or (lista and lista["rodzaj"] != rodzaj):
                zamknij()
            lista.setdefault("rodzaj", rodzaj)
            lista.setdefault("punkty", []).append((punkt or numer).group(1))
        elif wcytacie:
            if akapit or lista:
                zamknij()
            cytat.append(wcytacie.group(1))
        elif lista and surowy[:1].isspace():  # an indented line continues the list item
            lista["punkty"][-1] += " " + wiersz
        else:
            if lista or cytat:
                zamknij()
            akapit.append(wiersz)
    zamknij()
    czysty = nh3.clean("".join(wynik), tags=_TAGI, attributes={"a": {"href"}}, url_schemes={"http", "https"},
                       link_rel="nofollow noopener noreferrer")
    return mark_safe(czysty)  # escaped above and cleaned by nh3
