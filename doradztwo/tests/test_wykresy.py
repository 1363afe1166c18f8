"""SVG charts: accessible images (title, description, role), no CSS or scripts (strict CSP), the same
numbers in a table, Polish number and date formats, and a clean embed in a WeasyPrint PDF."""

import datetime
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string

from doradztwo.wykresy import KOLORY, os_czasu, wykres_skumulowany, wykres_slupkowy

SVG = "{http://www.w3.org/2000/svg}"


def parse(wykres) -> ET.Element:
    return ET.fromstring(str(wykres.svg))  # raises on markup that is not well-formed


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def tooltips(root: ET.Element) -> list[str]:
    return [t.text for el in root.iter() if el.tag in (f"{SVG}rect", f"{SVG}path") for t in el.findall(f"{SVG}title")]


def slupkowy():
    return wykres_slupkowy("JST według etapu", ["Zgłoszony", "Wdrażanie HDR", "Zakończony"], [3, 1234.5, 0.25])


def skumulowany():
    return wykres_skumulowany("Godziny doradztwa", ["październik 2022", "listopad 2022"],
                              {"ROS": [10, 12.5], "PRO": [4, 0], "Wizyty": [2, 3]})


def os():
    return os_czasu("Kalendarz", [("Zgłoszenia", datetime.date(2022, 10, 5), datetime.date(2022, 10, 31)),
                                  ("Spotkanie 1", datetime.date(2023, 1, 10), None)])


ALL = [slupkowy, skumulowany, os]


@pytest.mark.parametrize("make", ALL, ids=lambda f: f.__name__)
def test_every_chart_is_an_image_named_by_its_title_and_described(make):
    wykres = make()
    root = parse(wykres)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title.text == wykres.tytul
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id") and desc.text == wykres.opis
    assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox"))


@pytest.mark.parametrize("make", ALL, ids=lambda f: f.__name__)
def test_no_chart_carries_css_scripts_or_external_references(make):
    root = parse(make())
    for el in root.iter():
        assert "style" not in el.attrib, el.tag
        assert not any(name.startswith("on") for name in el.attrib), el.tag
        assert el.tag not in (f"{SVG}style", f"{SVG}script", f"{SVG}image", f"{SVG}foreignObject", f"{SVG}use")
        for name, value in el.attrib.items():
            if "url(" in value:
                assert value.startswith("url(#"), (el.tag, name, value)
            if name.endswith("href"):
                assert value.startswith("#"), (el.tag, name, value)


def test_the_bar_chart_writes_each_value_in_polish_format_and_the_table_holds_the_same_numbers():
    wykres = slupkowy()
    assert wykres.tabela == [["Zgłoszony", "3"], ["Wdrażanie HDR", "1\xa0234,5"], ["Zakończony", "0,25"]]
    shown = texts(parse(wykres))
    for etykieta, wartosc in wykres.tabela:
        assert etykieta in shown and wartosc in shown


def test_the_longest_bar_is_the_largest_value():
    root = parse(slupkowy())
    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect")]
    assert len(widths) == 3 and max(widths) == widths[1]


def test_the_stacked_chart_sums_each_bar_and_tells_series_apart_by_more_than_colour():
    wykres = skumulowany()
    root = parse(wykres)
    assert wykres.naglowki == ["", "ROS", "PRO", "Wizyty", "Razem"]
    assert wykres.tabela == [["październik 2022", "10", "4", "2", "16"], ["listopad 2022", "12,5", "0", "3", "15,5"]]
    shown = texts(root)
    assert {"ROS", "PRO", "Wizyty", "16", "15,5"} <= set(shown)  # legend names and totals
    tips = tooltips(root)
    assert "październik 2022 — PRO: 4" in tips and "listopad 2022 — ROS: 12,5" in tips
    patterns = root.findall(f"{SVG}defs/{SVG}pattern")
    assert len(patterns) == 2  # the first series is plain colour, the other two are textured
    assert len({p.get("id") for p in patterns}) == 2


def test_the_timeline_shows_polish_dates_and_lists_them_in_the_table():
    wykres = os()
    shown = texts(parse(wykres))
    assert "05.10.2022 – 31.10.2022" in shown and "10.01.2023" in shown
    assert wykres.tabela == [["Zgłoszenia", "05.10.2022", "31.10.2022"], ["Spotkanie 1", "10.01.2023", "10.01.2023"]]
    assert "10.2022" in shown and "01.2023" in shown  # month ticks


def test_labels_from_users_are_escaped():
    wykres = wykres_slupkowy('<script>alert("x")</script> & co', ['<img src=x onerror=alert(1)>'], [1])
    root = parse(wykres)
    assert not list(root.iter(f"{SVG}script")) and "<img" not in str(wykres.svg)
    assert root.find(f"{SVG}title").text == '<script>alert("x")</script> & co'
    assert "<img src=x onerror=alert(1)>" in texts(root)  # shown as text, never as markup


def test_chart_colours_keep_at_least_4_5_to_1_contrast_with_white():
    def luminance(hex_colour):
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    for colour in KOLORY:
        assert 1.05 / (luminance(colour) + 0.05) >= 4.5, colour


def test_two_charts_on_one_page_never_share_ids():
    ids = [el.get("id") for w in (slupkowy(), slupkowy(), skumulowany()) for el in parse(w).iter() if el.get("id")]
    assert len(ids) == len(set(ids))


def test_the_template_shows_the_chart_in_a_figure_with_its_caption_and_the_data_table_in_details():
    html = render_to_string("doradztwo/wykresy/wykres.html", {"wykres": slupkowy()})
    assert re.search(r"<figure[^>]*>\s*<figcaption>.*</figcaption>\s*<svg", html, re.S)
    assert "<figcaption><strong>JST według etapu</strong>" in html
    details = html[html.index("<details"):html.index("</details>")]
    assert "<summary>Dane wykresu w tabeli</summary>" in details
    assert '<th scope="row">Wdrażanie HDR</th><td class="text-end text-nowrap">1\xa0234,5</td>' in details
    assert "style=" not in html and "<style" not in html


@pytest.mark.django_db
def test_the_edition_chart_counts_participations_per_stage_in_one_query(django_assert_num_queries):
    from jst.models import Udzial
    from jst.tests.factories import EdycjaFactory, UdzialFactory

    edycja = EdycjaFactory()
    for etap, n in (("zgloszony", 2), ("hdr_zatwierdzony", 3), ("zakonczony", 1)):
        for _ in range(n):
            UdzialFactory(edycja=edycja, etap=etap)
    UdzialFactory(etap="wdrazanie")  # another edition: not counted
    template = Template("{% load wykresy %}{% wykres_etapow edycja %}")
    with django_assert_num_queries(1):
        html = template.render(Context({"edycja": edycja}))
    rows = dict(re.findall(r'<th scope="row">([^<]+)</th><td class="text-end text-nowrap">([^<]+)</td>', html))
    assert len(rows) == len(Udzial.Etap.choices)
    assert (rows["Zgłoszony"], rows["HDR zatwierdzony"], rows["Zakończony"], rows["Wdrażanie HDR"]) == ("2", "3", "1", "0")
    assert "razem 6 JST" in html


@pytest.mark.django_db
def test_an_edition_without_participations_says_so_instead_of_an_empty_chart():
    from jst.tests.factories import EdycjaFactory

    html = Template("{% load wykresy %}{% wykres_etapow edycja %}").render(Context({"edycja": EdycjaFactory()}))
    assert "nie ma jeszcze JST" in html and "<svg" not in html


def test_a_chart_embeds_in_a_weasyprint_pdf_without_fetching_anything():
    import weasyprint
    from pypdf import PdfReader

    fetched = []

    def fetcher(url, *args, **kwargs):
        fetched.append(url)
        raise ValueError(url)

    # The SVG alone, so the numbers found in the PDF come from the drawing, not from the table.
    pdf = weasyprint.HTML(string=f"<html><body>{skumulowany().svg}</body></html>", url_fetcher=fetcher).write_pdf()
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert fetched == []
    assert "15,5" in text and "Wizyty" in text and "listopad 2022" in text
