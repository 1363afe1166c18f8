"""The Gantt chart of an HDR plan: one column per calendar month, bars placed by day, today's line,
overdue actions marked by a hatch and by words, progress and the final-report milestone, the same
data in a table inside <details>, Polish month labels and dates, no CSS (strict CSP), deterministic
ids, escaped user text and a clean embed in a WeasyPrint PDF."""

import datetime
import io
import re
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest
import time_machine
from django.utils import translation

from doradztwo.wykresy import gantt

SVG = "{http://www.w3.org/2000/svg}"
D = datetime.date


def split(html) -> tuple[ET.Element, ET.Element | None]:
    """The SVG and the <details> table; both must be well-formed (ET raises otherwise)."""
    html = str(html)
    if "<details" not in html:
        return ET.fromstring(html), None
    return ET.fromstring(html[:html.index("<details")]), ET.fromstring(html[html.index("<details"):])


def texts(root) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def columns(root) -> dict[str, tuple[float, float]]:
    """Month columns: "YYYY-MM" → (left x, right x)."""
    return {r.get("data-miesiac"): (float(r.get("x")), float(r.get("x")) + float(r.get("width")))
            for r in root.iter(f"{SVG}rect") if r.get("data-miesiac")}


def bars(root) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if g.get("data-dzialanie") is not None]


def bar_range(bar) -> tuple[float, float]:
    outline = [r for r in bar.findall(f"{SVG}rect") if r.get("fill") == "none"][-1]
    return float(outline.get("x")), float(outline.get("x")) + float(outline.get("width"))


def covered(root, bar) -> list[str]:
    x1, x2 = bar_range(bar)
    return sorted(m for m, (left, right) in columns(root).items() if left < x2 and right > x1)


def today_lines(root) -> list[ET.Element]:
    return [el for el in root.iter() if el.get("data-dzis")]


def table(details) -> tuple[list[str], list[list[str]]]:
    head = ["".join(th.itertext()) for th in details.iter("th") if th.get("scope") == "col"]
    rows = [["".join(c.itertext()) for c in tr] for tr in details.find(".//tbody")]
    return head, rows


ANALIZA = {"nazwa": "Analiza potrzeb", "od": D(2022, 11, 15), "do": D(2023, 2, 10), "opoznione": False,
           "status": "w trakcie", "postep": 40}
SZKOLENIA = {"nazwa": "Szkolenia dyrektorów", "od": D(2022, 12, 1), "do": D(2023, 3, 31), "opoznione": True,
             "status": "zagrożone", "postep": 25}
RAPORT = {"nazwa": "Raport końcowy", "od": D(2023, 4, 1), "do": D(2023, 5, 31), "opoznione": False, "raport": True}


def plan(**kwargs):
    kwargs.setdefault("dzis", D(2023, 1, 16))
    return gantt("Plan działań HDR", [ANALIZA, SZKOLENIA, RAPORT], **kwargs)


def test_an_action_from_mid_november_to_early_february_spans_exactly_four_month_columns():
    # The range is wider than the action on both sides, so "exactly four" can fail either way.
    root, _ = split(gantt("Plan", [ANALIZA], dzis=D(2023, 1, 16), od=D(2022, 10, 1), do=D(2023, 3, 31)))
    assert list(columns(root)) == ["2022-10", "2022-11", "2022-12", "2023-01", "2023-02", "2023-03"]
    (bar,) = bars(root)
    assert covered(root, bar) == ["2022-11", "2022-12", "2023-01", "2023-02"]


def test_bars_start_at_their_day_and_end_at_the_end_of_their_last_day():
    root, _ = split(gantt("Plan", [ANALIZA], dzis=D(2023, 1, 16)))
    cols = columns(root)
    x1, x2 = bar_range(bars(root)[0])
    lis, lut = cols["2022-11"], cols["2023-02"]
    assert x1 == pytest.approx(lis[0] + (lis[1] - lis[0]) * 14 / 30, abs=0.15)  # 14 of 30 days before the 15th
    assert x2 == pytest.approx(lut[0] + (lut[1] - lut[0]) * 10 / 28, abs=0.15)  # after the whole 10th of 28


def test_columns_run_from_the_first_start_to_the_last_end_and_read_as_polish_month_abbreviations():
    root, _ = split(plan())
    assert list(columns(root)) == ["2022-11", "2022-12", "2023-01", "2023-02", "2023-03", "2023-04", "2023-05"]
    assert ["lis 2022", "gru 2022", "sty 2023", "lut 2023", "mar 2023", "kwi 2023", "maj 2023"] == [
        t for t in texts(root) if re.fullmatch(r"\w+ \d{4}", t)]


def test_a_whole_year_uses_exactly_the_polish_abbreviations_of_all_twelve_months():
    root, _ = split(gantt("Rok", [{"nazwa": "Rok szkolny", "od": D(2023, 1, 2), "do": D(2023, 12, 20),
                                   "opoznione": False}], dzis=D(2023, 6, 1)))
    assert len(columns(root)) == 12
    labels = [t.removesuffix(" 2023") for t in texts(root) if t.endswith(" 2023") and not t.startswith("dziś")]
    assert labels == "sty lut mar kwi maj cze lip sie wrz paź lis gru".split()


def test_month_labels_follow_the_active_language():
    with translation.override("en"):
        root, _ = split(gantt("Plan", [ANALIZA], dzis=D(2023, 1, 16)))
    assert {"nov 2022", "dec 2022", "jan 2023", "feb 2023"} <= set(texts(root))


@pytest.mark.parametrize(("today", "month", "day_fraction"), [
    (D(2023, 1, 16), "2023-01", 15.5 / 31),  # the middle of the 16th of 31 days
    (D(2022, 11, 1), "2022-11", 0.5 / 30),
    (D(2023, 5, 31), "2023-05", 30.5 / 31),
])
def test_today_is_a_labelled_vertical_line_through_the_middle_of_its_day(today, month, day_fraction):
    with time_machine.travel(datetime.datetime(today.year, today.month, today.day, 12, tzinfo=datetime.UTC)):
        root, _ = split(plan(dzis=datetime.date.today()))
    (line,) = today_lines(root)
    left, right = columns(root)[month]
    x = float(re.fullmatch(r"M([\d.]+),[\d.]+ V[\d.]+", line.get("d")).group(1))  # vertical: M x,y V y2
    assert x == pytest.approx(left + (right - left) * day_fraction, abs=0.15)
    assert f"dziś: {today:%d.%m.%Y}" in texts(root)
    assert f"({today:%d.%m.%Y})" in root.find(f"{SVG}desc").text


@pytest.mark.parametrize("today", [D(2022, 10, 31), D(2023, 6, 1), D(2030, 1, 1)])
def test_no_today_line_when_today_is_outside_the_months_shown(today):
    root, _ = split(plan(dzis=today))
    assert today_lines(root) == []
    assert not any(t.startswith("dziś") for t in texts(root))
    assert "dzisiejsz" not in root.find(f"{SVG}desc").text


def test_overdue_actions_are_hatched_and_say_so_in_the_tooltip_and_the_table():
    root, details = split(plan())
    analiza, szkolenia, _raport = bars(root)
    patterns = {p.get("id") for p in root.iter(f"{SVG}pattern")}

    def hatches(bar):
        return {m.group(1) for r in bar.iter(f"{SVG}rect") if (m := re.fullmatch(r"url\(#(.+)\)", r.get("fill")))}

    assert hatches(szkolenia) and hatches(szkolenia) <= patterns
    assert hatches(analiza) == set()
    assert "opóźnione" in szkolenia.find(f"{SVG}title").text.split("; ")
    assert "opóźnione" not in analiza.find(f"{SVG}title").text
    _head, rows = table(details)
    assert [row[4] for row in rows] == ["", "opóźnione", ""]
    assert "opóźnionych: 1" in root.find(f"{SVG}desc").text
    assert "opóźnione" in texts(root)  # the legend names the hatch


def test_the_table_lists_each_action_with_dates_status_delay_and_progress():
    _root, details = split(plan())
    assert details.find("summary").text == "Dane wykresu w tabeli"
    assert details.find(".//caption").text == "Plan działań HDR"
    head, rows = table(details)
    assert head == ["Działanie", "Początek", "Koniec", "Status", "Opóźnienie", "Postęp", "Kamień milowy"]
    assert rows == [
        ["Analiza potrzeb", "15.11.2022", "10.02.2023", "w trakcie", "", "40%", ""],
        ["Szkolenia dyrektorów", "01.12.2022", "31.03.2023", "zagrożone", "opóźnione", "25%", ""],
        ["Raport końcowy", "01.04.2023", "31.05.2023", "", "", "", "raport końcowy"],
    ]


def test_progress_fills_its_share_of_the_bar_and_is_written_beside_it():
    root, _ = split(plan())
    analiza = bars(root)[0]
    x1, x2 = bar_range(analiza)
    done = [r for r in analiza.findall(f"{SVG}rect") if r.get("fill") not in ("none",) and
            not r.get("fill").startswith("url(") and float(r.get("width")) < x2 - x1 - 0.2]
    assert len(done) == 1 and float(done[0].get("x")) == pytest.approx(x1, abs=0.1)
    assert float(done[0].get("width")) == pytest.approx((x2 - x1) * 0.4, abs=0.15)
    assert "40%" in texts(root) and "25%" in texts(root)
    assert "postęp: 40%" in analiza.find(f"{SVG}title").text


def test_the_final_report_ends_with_a_diamond_at_its_due_date():
    root, _ = split(plan())
    _x1, x2 = bar_range(bars(root)[2])
    (diamond,) = [p for p in root.iter(f"{SVG}path") if p.find(f"{SVG}title") is not None]
    assert diamond.find(f"{SVG}title").text == "raport końcowy: 31.05.2023"
    x, _y = map(float, re.match(r"M([\d.]+),([\d.]+) l10,10 l-10,10 l-10,-10 z", diamond.get("d")).groups())
    assert x == pytest.approx(x2, abs=0.1)
    assert "raport końcowy" in texts(root)  # legend


def test_long_names_are_shortened_in_the_label_column_with_the_full_name_in_a_title():
    long = ("Analiza potrzeb edukacyjnych wszystkich szkół podstawowych gminy i powiatu wraz z ankietą "
            "skierowaną do rodziców i nauczycieli oraz opracowaniem wniosków dla rady")
    root, details = split(gantt("Plan", [{**ANALIZA, "nazwa": long}], dzis=D(2023, 1, 16)))
    (label,) = [g for g in root.iter(f"{SVG}g") if g.get("data-dzialanie") is None and g.find(f"{SVG}text") is not None
                and g.find(f"{SVG}title") is not None and g.find(f"{SVG}title").text == long]
    lines = ["".join(t.itertext()) for t in label.findall(f"{SVG}text")]
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert all(len(line) < len(long) / 2 for line in lines)
    assert " ".join(lines).rstrip("…") in long
    assert table(details)[1][0][0] == long


def test_actions_may_be_objects_as_well_as_dicts():
    as_objects = [SimpleNamespace(**{"status": "", "postep": None, "raport": False, **p})
                  for p in (ANALIZA, SZKOLENIA, RAPORT)]
    assert str(gantt("Plan działań HDR", as_objects, dzis=D(2023, 1, 16))) == str(plan())


def test_a_narrower_range_cuts_bars_at_its_edges_and_keeps_outside_actions_in_the_table():
    root, details = split(plan(od=D(2023, 1, 1), do=D(2023, 2, 28)))
    assert list(columns(root)) == ["2023-01", "2023-02"]
    cols = columns(root)
    analiza, szkolenia = bars(root)  # the report (April–May) is not drawn
    assert bar_range(szkolenia) == pytest.approx((cols["2023-01"][0], cols["2023-02"][1]), abs=0.1)
    assert covered(root, analiza) == ["2023-01", "2023-02"]
    assert [row[0] for row in table(details)[1]] == ["Analiza potrzeb", "Szkolenia dyrektorów", "Raport końcowy"]


def test_an_empty_plan_is_an_image_saying_there_are_no_actions():
    html = str(gantt("Plan działań HDR", [], dzis=D(2023, 1, 16)))
    root, details = split(html)
    assert details is None
    assert root.get("role") == "img" and root.find(f"{SVG}title").text == "Plan działań HDR"
    assert texts(root) == ["brak działań"]
    assert columns(root) == {} and bars(root) == []


CASES = {
    "plan": plan,
    "empty": lambda: gantt("Pusty", [], dzis=D(2023, 1, 16)),
    "three years": lambda: gantt("Długi", [{"nazwa": "A", "od": D(2021, 1, 5), "do": D(2023, 12, 20),
                                            "opoznione": True, "postep": 55}], dzis=D(2022, 6, 1)),
    "one day": lambda: gantt("Dzień", [{"nazwa": "Spotkanie", "od": D(2023, 3, 8), "do": D(2023, 3, 8),
                                        "opoznione": False, "postep": 100, "raport": True}], dzis=D(2023, 3, 8)),
}


@pytest.mark.parametrize("make", CASES.values(), ids=CASES.keys())
def test_the_chart_is_a_well_formed_image_without_css_scripts_or_external_references(make):
    html = str(make())
    assert "style=" not in html and "<style" not in html and "<script" not in html and "var(--" not in html
    root, details = split(html)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text and desc.text
    assert root.get("aria-labelledby") == title.get("id") and root.get("aria-describedby") == desc.get("id")
    assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox"))
    for el in [*root.iter(), *(details.iter() if details is not None else [])]:
        assert not any(name.startswith("on") for name in el.attrib), el.tag
        assert el.tag not in (f"{SVG}image", f"{SVG}foreignObject", f"{SVG}use", f"{SVG}script")
        for name, value in el.attrib.items():
            assert "href" not in name, el.tag
            if "url(" in value:
                assert re.fullmatch(r"url\(#[\w-]+\)", value), value


def test_a_plan_over_three_years_keeps_every_month_column_and_turns_its_labels():
    root, _ = split(CASES["three years"]())
    assert len(columns(root)) == 36
    labels = [t for t in root.iter(f"{SVG}text") if re.fullmatch(r"\w+ \d{4}", "".join(t.itertext()))]
    assert labels and all(t.get("transform", "").startswith("rotate(-45") for t in labels)
    assert max(x2 for _x1, x2 in columns(root).values()) <= 720


def test_ids_are_the_same_for_the_same_chart_and_differ_between_charts():
    assert str(plan()) == str(plan())

    def ids(html):
        return [el.get("id") for el in split(html)[0].iter() if el.get("id")]

    together = [*ids(plan()), *ids(plan(dzis=D(2023, 2, 1))), *ids(gantt("Plan", [ANALIZA], dzis=D(2023, 1, 16)))]
    assert len(together) == len(set(together)) == 9  # title, desc and the hatch pattern of each
    root, _ = split(plan(prefiks="gantt-hdr-3"))
    assert root.get("aria-labelledby") == "gantt-hdr-3-t"
    assert {p.get("id") for p in root.iter(f"{SVG}pattern")} == {"gantt-hdr-3-s1"}
    with pytest.raises(ValueError):
        plan(prefiks='x" onload="alert(1)')


def test_names_and_statuses_typed_by_users_are_escaped():
    evil = {"nazwa": '<script>alert("x")</script> & <b>co</b>', "od": D(2023, 1, 2), "do": D(2023, 1, 20),
            "opoznione": True, "status": "<img src=x onerror=alert(1)>", "postep": 10}
    html = str(gantt('<i>Plan</i> "A"', [evil], dzis=D(2023, 1, 16)))
    assert "<script" not in html and "<img" not in html and "<b>" not in html and "<i>" not in html
    root, details = split(html)
    assert root.find(f"{SVG}title").text == '<i>Plan</i> "A"'
    assert evil["nazwa"] in [t.text for t in root.iter(f"{SVG}title")]
    assert bars(root)[0].find(f"{SVG}title").text.startswith(evil["nazwa"] + ": 02.01.2023 – 20.01.2023")
    assert "status: <img src=x onerror=alert(1)>" in bars(root)[0].find(f"{SVG}title").text
    assert table(details)[1][0][:4] == [evil["nazwa"], "02.01.2023", "20.01.2023", evil["status"]]


def test_the_gantt_chart_embeds_in_a_weasyprint_pdf_without_fetching_anything():
    import weasyprint
    from pypdf import PdfReader

    fetched = []

    def fetcher(url, *args, **kwargs):
        fetched.append(url)
        raise ValueError(url)

    # The SVG alone, so the text found in the PDF comes from the drawing, not from the table.
    svg = str(plan())
    svg = svg[:svg.index("<details")]
    pdf = weasyprint.HTML(string=f"<html><body>{svg}</body></html>", url_fetcher=fetcher).write_pdf()
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert fetched == []
    for expected in ("lis 2022", "maj 2023", "dziś: 16.01.2023", "Szkolenia dyrektorów", "40%", "opóźnione"):
        assert expected in text, expected
