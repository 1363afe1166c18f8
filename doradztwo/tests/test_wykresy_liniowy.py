"""The line chart of an indicator over periods: an accessible SVG image (title, description, role) with
a legend and a tooltip on every point, gaps where a value is missing, a y axis that always holds zero,
the same numbers in a table inside <details>, Polish number format, no CSS (strict CSP) and a clean
embed in a WeasyPrint PDF."""

import io
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doradztwo.wykresy import wykres_liniowy

SVG = "{http://www.w3.org/2000/svg}"
OKRESY = ["2020/2021", "2021/2022", "2022/2023"]
SREDNIA = "średnia JST tego rodzaju w edycji"


def split(html) -> tuple[ET.Element, ET.Element]:
    """The SVG and the <details> table; both must be well-formed (ET raises otherwise)."""
    html = str(html)
    svg, details = html[:html.index("<details")], html[html.index("<details"):]
    return ET.fromstring(svg), ET.fromstring(details)


def texts(root) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def polylines(root) -> list[list[tuple[float, float]]]:
    return [[tuple(map(float, p.split(","))) for p in el.get("points").split()] for el in root.iter(f"{SVG}polyline")]


def markers(root) -> list[ET.Element]:
    """Data points: the shapes that carry a tooltip."""
    return [el for el in root.iter(f"{SVG}path") if el.find(f"{SVG}title") is not None]


def tooltips(root) -> list[str]:
    return [el.find(f"{SVG}title").text for el in markers(root)]


def y_axis(root) -> list[tuple[str, float]]:
    """(label, y of its gridline) from the bottom up; y labels are the right-aligned, unrotated texts."""
    labels = [("".join(t.itertext()), float(t.get("y"))) for t in root.iter(f"{SVG}text")
              if t.get("text-anchor") == "end" and t.get("transform") is None]
    lines = [float(m.group(1)) for el in root.iter(f"{SVG}path")
             if (m := re.fullmatch(r"M[\d.]+,([\d.]+) H[\d.]+", el.get("d")))]
    # Each label sits on its gridline (baseline shifted down by a third of the font size).
    pairs = [(label, next(y for y in lines if abs(y - (ly - 4.9)) < 0.2)) for label, ly in labels]
    return sorted(pairs, key=lambda p: -p[1])


def table(details) -> tuple[list[str], list[list[str]]]:
    head = ["".join(th.itertext()) for th in details.iter("th") if th.get("scope") == "col"]
    rows = [["".join(c.itertext()) for c in tr] for tr in details.find(".//tbody")]
    return head, rows


def wskaznik(**kwargs):
    return wykres_liniowy("Wydatki bieżące na ucznia", OKRESY, {
        "Gmina Dwikozy": [Decimal("12.50"), Decimal("1234567.89"), Decimal("14")],
        SREDNIA: [11.25, None, 15.5],
    }, jednostka="zł", **kwargs)


CASES = {
    "two series": wskaznik,
    "negative": lambda: wykres_liniowy("Saldo", OKRESY, {"JST": [-1200, 300, None]}),
    "one period": lambda: wykres_liniowy("Jeden okres", ["2022/2023"], {"JST": [Decimal("0.5")]}),
    "no values": lambda: wykres_liniowy("Bez danych", OKRESY, {"JST": [None, None, None]}),
    "many periods": lambda: wykres_liniowy("Długi szereg", [f"{r}/{r + 1}" for r in range(2000, 2020)],
                                           {"A": list(range(20)), "B": [None, *range(19)]}),
}


@pytest.mark.parametrize("make", CASES.values(), ids=CASES.keys())
def test_the_line_chart_is_an_image_named_by_its_title_and_described(make):
    html = make()
    root, _details = split(html)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text and desc.text
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")
    assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox"))


@pytest.mark.parametrize("make", CASES.values(), ids=CASES.keys())
def test_the_line_chart_carries_no_css_scripts_or_external_references(make):
    html = str(make())
    assert "style=" not in html and "<style" not in html and "<script" not in html and "var(--" not in html
    root, details = split(html)
    for el in [*root.iter(), *details.iter()]:
        assert not any(name.startswith("on") for name in el.attrib), el.tag
        assert el.tag not in (f"{SVG}image", f"{SVG}foreignObject", f"{SVG}use")
        assert not any("url(" in value or "href" in name for name, value in el.attrib.items()), el.tag


def test_the_title_and_a_generated_description_name_the_series_and_periods():
    root, _ = split(wskaznik())
    assert root.find(f"{SVG}title").text == "Wydatki bieżące na ucznia"
    desc = root.find(f"{SVG}desc").text
    assert "Gmina Dwikozy" in desc and SREDNIA in desc and "2020/2021" in desc and "2022/2023" in desc
    assert "n/d" in desc  # the gap is explained


def test_a_description_given_by_the_caller_is_used_as_is():
    root, _ = split(wskaznik(opis="Wartości wskaźnika w kolejnych okresach."))
    assert root.find(f"{SVG}desc").text == "Wartości wskaźnika w kolejnych okresach."


@pytest.mark.parametrize("n", [1, 2, 3])
def test_each_series_without_gaps_is_one_line(n):
    serie = {f"Seria {i}": [1 + i, 2, 3 + i] for i in range(n)}
    root, _ = split(wykres_liniowy("Wskaźnik", OKRESY, serie))
    assert len(polylines(root)) == n
    assert all(len(line) == 3 for line in polylines(root))
    assert len(markers(root)) == 3 * n


def test_a_missing_value_splits_the_line_into_segments_and_has_no_point():
    okresy = [f"{r}/{r + 1}" for r in range(2018, 2023)]
    root, _ = split(wykres_liniowy("Wskaźnik", okresy, {"JST": [1, 2, None, 4, 5]}))
    lines = polylines(root)
    assert [len(line) for line in lines] == [2, 2]
    assert lines[0][-1][0] < lines[1][0][0]  # the gap lies between the two segments
    assert len(markers(root)) == 4
    assert not any(t.startswith("2020/2021") for t in tooltips(root))


def test_a_lone_value_between_gaps_is_drawn_as_its_marker_only():
    root, _ = split(wykres_liniowy("Wskaźnik", OKRESY, {"JST": [None, 7, None]}))
    assert polylines(root) == []
    assert tooltips(root) == ["2021/2022: 7"]


def test_series_differ_by_line_pattern_marker_shape_and_a_named_legend_not_only_colour():
    root, _ = split(wykres_liniowy("Wskaźnik", OKRESY, {"Gmina Dwikozy": [1, 2, 3], SREDNIA: [2, 2, 4]}))
    jst, srednia = root.iter(f"{SVG}polyline")
    assert jst.get("stroke-dasharray") != srednia.get("stroke-dasharray")
    assert jst.get("stroke") != srednia.get("stroke")
    shapes = {}
    for el in markers(root):
        series = el.find(f"{SVG}title").text.rsplit(" — ", 1)[1]
        shapes.setdefault(series, set()).add(re.sub(r"[-\d.,]+", "", el.get("d")))  # the drawing commands
    assert len(shapes["Gmina Dwikozy"]) == 1 and len(shapes[SREDNIA]) == 1
    assert shapes["Gmina Dwikozy"] != shapes[SREDNIA]
    assert {"Gmina Dwikozy", SREDNIA} <= set(texts(root))  # the legend names both


def test_every_point_tells_its_period_value_and_unit_in_polish_format():
    root, _ = split(wskaznik())
    assert tooltips(root) == [
        "2020/2021: 12,5 zł — Gmina Dwikozy", "2021/2022: 1\xa0234\xa0567,89 zł — Gmina Dwikozy",
        "2022/2023: 14 zł — Gmina Dwikozy", f"2020/2021: 11,25 zł — {SREDNIA}", f"2022/2023: 15,5 zł — {SREDNIA}",
    ]
    single, _ = split(wykres_liniowy("Udział", ["2022"], {"JST": [Decimal("45.5")]}, jednostka="%"))
    assert tooltips(single) == ["2022: 45,5 %"]  # one series: no series name needed


def test_the_table_lists_periods_as_rows_and_series_as_columns_with_the_same_polish_numbers():
    html = wskaznik()
    root, details = split(html)
    assert details.find("summary").text == "Dane wykresu w tabeli"
    assert details.find(".//caption").text == "Wydatki bieżące na ucznia"
    head, rows = table(details)
    assert head == ["Okres", "Gmina Dwikozy (zł)", f"{SREDNIA} (zł)"]
    assert rows == [
        ["2020/2021", "12,5", "11,25"],
        ["2021/2022", "1\xa0234\xa0567,89", "n/d"],
        ["2022/2023", "14", "15,5"],
    ]
    shown = " ".join(tooltips(root))
    assert all(value in shown for row in rows for value in row[1:] if value != "n/d")


def test_a_fixed_number_of_decimals_applies_to_tooltips_and_table():
    root, details = split(wykres_liniowy("Wskaźnik", ["2022"], {"JST": [Decimal("0.12345")]}, miejsca=3))
    assert table(details)[1] == [["2022", "0,123"]]
    assert tooltips(root) == ["2022: 0,123"]


def test_negative_values_put_the_zero_line_inside_the_plot_and_below_zero_points_under_it():
    root, _ = split(wykres_liniowy("Saldo", OKRESY, {"JST": [-1200, 300, None]}))
    axis = y_axis(root)
    labels = [label for label, _y in axis]
    zero = dict(axis)["0"]
    assert axis[0][1] > zero > axis[-1][1]  # strictly between the bottom and the top gridline
    assert labels[0].startswith("-") and float(labels[0].replace("\xa0", "").replace(",", ".")) <= -1200
    (ujemny, _x), (dodatni, _x2) = [(p[1], p[0]) for p in polylines(root)[0]]
    assert ujemny > zero > dodatni  # SVG y grows downwards


def test_large_values_get_rounded_polish_axis_labels():
    root, _ = split(wykres_liniowy("Budżet", OKRESY, {"JST": [Decimal("1234567.89"), 2, 3]}))
    labels = [label for label, _y in y_axis(root)]
    assert labels == ["0", "500\xa0000", "1\xa0000\xa0000", "1\xa0500\xa0000"]


@given(st.lists(st.one_of(st.none(), st.decimals(min_value=-10**7, max_value=10**7, places=2)), min_size=1,
                max_size=8))
def test_the_y_axis_runs_from_zero_or_the_lowest_value_to_a_rounded_top_in_four_or_five_lines(values):
    okresy = [str(2000 + i) for i in range(len(values))]
    root, _ = split(wykres_liniowy("Wskaźnik", okresy, {"JST": values}))
    present = [v for v in values if v is not None]
    if not present:
        assert "brak danych" in texts(root)
        return
    axis = [Decimal(label.replace("\xa0", "").replace(",", ".")) for label, _y in y_axis(root)]
    assert 4 <= len(axis) <= 5
    assert axis == sorted(axis) and len(set(axis)) == len(axis)
    assert axis[0] <= min([*present, 0]) and axis[-1] >= max([*present, 0])
    assert 0 in axis
    steps = {b - a for a, b in zip(axis, axis[1:], strict=False)}
    assert len(steps) == 1  # evenly spaced


def test_one_period_is_a_single_point_above_its_label():
    root, details = split(wykres_liniowy("Wskaźnik", ["2022/2023"], {"JST": [Decimal("0.5")]}))
    assert polylines(root) == [] and tooltips(root) == ["2022/2023: 0,5"]
    assert "2022/2023" in texts(root)
    assert table(details)[1] == [["2022/2023", "0,5"]]


def test_a_chart_without_any_value_says_so_and_lists_n_d_in_the_table():
    root, details = split(wykres_liniowy("Wskaźnik", OKRESY, {"JST": [None, None, None], SREDNIA: [None] * 3}))
    assert "brak danych" in texts(root)
    assert polylines(root) == [] and markers(root) == []
    assert set(OKRESY) <= set(texts(root))
    assert table(details)[1] == [[o, "n/d", "n/d"] for o in OKRESY]
    assert "brak danych" in root.find(f"{SVG}desc").text


def test_a_value_that_is_not_a_number_is_treated_as_missing():
    root, details = split(wykres_liniowy("Wskaźnik", OKRESY, {"JST": [1, Decimal("NaN"), float("inf")]}))
    assert table(details)[1] == [["2020/2021", "1"], ["2021/2022", "n/d"], ["2022/2023", "n/d"]]
    assert tooltips(root) == ["2020/2021: 1"]


def test_many_periods_turn_their_labels_so_they_do_not_overlap():
    few, _ = split(CASES["two series"]())
    many, _ = split(CASES["many periods"]())
    period_labels = [t for t in many.iter(f"{SVG}text") if "/" in "".join(t.itertext())]
    assert len(period_labels) == 20 and all(t.get("transform", "").startswith("rotate(-45") for t in period_labels)
    assert not any(t.get("transform") for t in few.iter(f"{SVG}text"))


def test_ids_are_the_same_for_the_same_chart_and_differ_between_charts():
    assert str(wskaznik()) == str(wskaznik())
    ids = [el.get("id") for w in (wskaznik(), wskaznik(opis="Inny opis"), CASES["negative"]())
           for el in split(w)[0].iter() if el.get("id")]
    assert len(ids) == 6 and len(set(ids)) == 6
    root, _ = split(wskaznik(prefiks="wskaznik-7"))
    assert root.get("aria-labelledby") == "wskaznik-7-t"


def test_a_prefix_that_is_not_an_id_and_series_of_the_wrong_length_are_refused():
    with pytest.raises(ValueError):
        wskaznik(prefiks='x" onload="alert(1)')
    with pytest.raises(ValueError):
        wykres_liniowy("Wskaźnik", OKRESY, {"JST": [1, 2]})


def test_labels_from_users_are_escaped():
    html = wykres_liniowy('<script>alert("x")</script>', ['<img src=x>'],
                          {"<b>JST</b> & co": [1]}, jednostka="<i>zł</i>")
    root, details = split(html)
    assert "<script" not in str(html) and "<img" not in str(html) and "<b>" not in str(html)
    assert root.find(f"{SVG}title").text == '<script>alert("x")</script>'
    assert "<img src=x>" in texts(root) and "<b>JST</b> & co" in texts(root)
    assert table(details)[0] == ["Okres", "<b>JST</b> & co (<i>zł</i>)"]


def test_the_line_chart_embeds_in_a_weasyprint_pdf_without_fetching_anything():
    import weasyprint
    from pypdf import PdfReader

    fetched = []

    def fetcher(url, *args, **kwargs):
        fetched.append(url)
        raise ValueError(url)

    # The SVG alone, so the labels found in the PDF come from the drawing, not from the table.
    svg = str(CASES["negative"]())
    svg = svg[:svg.index("<details")]
    pdf = weasyprint.HTML(string=f"<html><body>{svg}</body></html>", url_fetcher=fetcher).write_pdf()
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert fetched == []
    assert "2021/2022" in text and "JST" in text and "-1\xa0500" in text.replace(" ", "\xa0")
