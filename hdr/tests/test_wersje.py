"""Versions of an approved HDR: version N+1 starts with a reason as a copy of N (same keys and goals),
N stays in force and readable until N+1 is approved, and every version has a Polish diff against
the previous one computed from the rows by `klucz`. Monitoring is never part of a version."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hdr import services
from hdr.models import Dzialanie, MonitoringDzialania, WersjaHdr
from hdr.tests.permissions import diagnoza, pierwsze_dzialanie, plan

pytestmark = pytest.mark.django_db


def _url(name, world, **kwargs):
    return reverse(f"hdr:{name}", kwargs={"pk": world["udzial_a"].pk, **kwargs})


def _pola(d, **zmiany):
    """The edit form's data for action `d` as it is, with some fields changed."""
    data = {"nazwa": d.nazwa, "opis": d.opis, "od": d.od.strftime("%d.%m.%Y"), "do": d.do.strftime("%d.%m.%Y"),
            "wlasciciel_nazwa": d.wlasciciel_nazwa, "cele": [c.pk for c in d.cele.all()],
            "narzedzia_zarzadcze": list(d.narzedzia), "wersja": d.wersja}
    if d.raport_koncowy:
        data.update({"raport_koncowy": "on", "forma_raportu": d.forma_raportu, "autor_raportu": d.autor_raportu})
    data.update(zmiany)
    return data


def test_a_change_to_an_approved_hdr_is_version_2_and_version_1_stays_in_force_and_readable(world, client_as):
    from jst.models import Udzial

    cele = diagnoza(world, celow_na_luke=(2,))
    # Version 1 built through the pages: create, two actions and the final report, submit, approve.
    response = client_as("jst-a-lider").post(_url("zaloz", world), {"okres_od": "01.11.2022", "okres_do": "30.06.2023"})
    assert response.status_code == 302
    for nazwa, cel, od, do in (("Procedura naboru", cele[0], "15.11.2022", "10.02.2023"),
                               ("Warsztaty z dyrektorami", cele[1], "01.12.2022", "31.01.2023")):
        response = client_as("jst-a-lider").post(_url("dzialanie_nowe", world), {
            "nazwa": nazwa, "od": od, "do": do, "cele": [cel.pk], "wlasciciel_nazwa": "Anna Nowak"})
        assert response.status_code == 302
    assert client_as("jst-a-lider").post(_url("dzialanie_nowe", world), {
        "nazwa": "Opis dobrej praktyki", "od": "01.05.2023", "do": "31.05.2023", "wlasciciel_nazwa": "Zespół",
        "raport_koncowy": "on", "forma_raportu": "dobra_praktyka", "autor_raportu": "Anna Nowak"}).status_code == 302
    assert client_as("jst-a-lider").post(_url("zloz", world)).status_code == 302
    client_as("koordynator").post(_url("zatwierdz", world))
    v1 = WersjaHdr.objects.get(numer=1)
    assert v1.stan == "zatwierdzona"

    # Version 2 needs a reason.
    response = client_as("jst-a-czlonek").post(_url("wersja_nowa", world), {"powod": "  "})
    assert response.status_code == 400 and "Podaj powód zmiany HDR." in response.content.decode()
    assert WersjaHdr.objects.count() == 1
    assert client_as("jst-a-czlonek").post(_url("wersja_nowa", world), {
        "powod": "Dyrektorzy poprosili o więcej czasu na procedury."}).status_code == 302
    v2 = WersjaHdr.objects.get(numer=2)
    assert (v2.stan, v2.powod_zmiany) == ("robocza", "Dyrektorzy poprosili o więcej czasu na procedury.")
    stare = {d.klucz: d for d in Dzialanie.objects.filter(wersja_hdr=v1)}
    nowe = {d.klucz: d for d in Dzialanie.objects.filter(wersja_hdr=v2)}
    assert stare.keys() == nowe.keys()  # the same actions, by key
    assert all({c.pk for c in nowe[k].cele.all()} == {c.pk for c in stare[k].cele.all()} for k in stare)
    assert all(nowe[k].pk != stare[k].pk for k in stare)  # copies, not the same rows

    # A moved date and a new action in version 2.
    procedura = Dzialanie.objects.get(wersja_hdr=v2, nazwa="Procedura naboru")
    response = client_as("jst-a-lider").post(_url("dzialanie", world, klucz=procedura.klucz),
                                             _pola(procedura, do="31.03.2023"))
    assert response.status_code == 302
    assert client_as("jst-a-lider").post(_url("dzialanie_nowe", world), {
        "nazwa": "Szkolenie z SIO", "od": "01.03.2023", "do": "30.04.2023", "cele": [cele[0].pk],
        "wlasciciel_nazwa": "Piotr Zieliński, CUW"}).status_code == 302

    # While version 2 is a draft, version 1 is in force and its page shows the old plan.
    page = client_as("ros1").get(_url("hdr", world)).content.decode()
    assert "Obowiązuje wersja 1, dopóki nowa wersja nie zostanie zatwierdzona." in page
    v1_page = client_as("ros1").get(_url("wersja", world, numer=1)).content.decode()
    assert "15.11.2022 – 10.02.2023" in v1_page and "31.03.2023" not in v1_page
    assert "Szkolenie z SIO" not in v1_page and "obowiązuje" in v1_page

    # The diff lists both changes, in Polish.
    v2_page = client_as("koordynator").get(_url("wersja", world, numer=2)).content.decode()
    assert "Działanie „Procedura naboru”: koniec 10.02.2023 → 31.03.2023" in v2_page
    assert "Dodano działanie „Szkolenie z SIO” (01.03.2023 – 30.04.2023)" in v2_page
    assert "Dyrektorzy poprosili o więcej czasu na procedury." in v2_page
    assert "Działanie „Warsztaty z dyrektorami”" not in v2_page  # unchanged actions are not listed
    assert "Działanie „Procedura naboru”: koniec 10.02.2023 → 31.03.2023" in page  # the HDR page too

    # Approving version 2 puts it in force; version 1 stays readable, marked as replaced.
    assert client_as("jst-a-lider").post(_url("zloz", world)).status_code == 302
    client_as("koordynator").post(_url("zatwierdz", world))
    v2.refresh_from_db()
    assert v2.stan == "zatwierdzona"
    v1_page = client_as("jst-a-czlonek").get(_url("wersja", world, numer=1)).content.decode()
    assert "Ta wersja została zastąpiona przez zatwierdzoną wersję 2." in v1_page
    assert "15.11.2022 – 10.02.2023" in v1_page
    assert Udzial.objects.get(pk=world["udzial_a"].pk).etap == "hdr_zatwierdzony"


def test_a_new_version_starts_only_from_an_approved_one(world, client_as):
    hdr, _v1 = plan(world)
    with pytest.raises(ValidationError):
        services.wersja_nowa(hdr=hdr, powod="Zmiana", actor=world["personas"]["jst-a-lider"])
    response = client_as("jst-a-lider").post(_url("wersja_nowa", world), {"powod": "Zmiana"}, follow=True)
    assert "Wersja 1 HDR jest już w przygotowaniu" in response.content.decode()
    assert WersjaHdr.objects.count() == 1


def test_an_approved_version_is_never_edited_in_place(world, client_as):
    _hdr, v1 = plan(world, stan="zatwierdzona")
    d = pierwsze_dzialanie(v1)
    response = client_as("jst-a-lider").post(_url("dzialanie", world, klucz=d.klucz), _pola(d, do="31.03.2023"))
    assert response.status_code == 302
    d.refresh_from_db()
    assert d.do == datetime.date(2023, 2, 10)
    with pytest.raises(ValidationError, match="rozpocznijcie nową wersję"):
        services.dzialanie_usun(dzialanie=d, actor=world["personas"]["jst-a-lider"])
    assert client_as("jst-a-lider").post(_url("okres", world), {"okres_od": "01.11.2022", "okres_do": "31.07.2023",
                                                                 "wersja": v1.wersja}).status_code == 302
    v1.refresh_from_db()
    assert v1.okres_do == datetime.date(2023, 6, 30)


def test_monitoring_follows_the_action_by_key_and_is_not_copied(world, client_as):
    hdr, v1 = plan(world, stan="zatwierdzona")
    d = pierwsze_dzialanie(v1)
    MonitoringDzialania.objects.create(hdr=hdr, klucz=d.klucz, status="w_trakcie", postep=40)
    services.wersja_nowa(hdr=hdr, powod="Nowy termin", actor=world["personas"]["jst-a-lider"])
    assert MonitoringDzialania.objects.count() == 1
    page = client_as("jst-a-lider").get(_url("hdr", world)).content.decode()  # shows the draft version 2
    assert "w trakcie" in page and "(40%)" in page


def _wersja(numer, **kw):
    return WersjaHdr(numer=numer, okres_od=kw.get("od", datetime.date(2022, 11, 1)),
                     okres_do=kw.get("do", datetime.date(2023, 6, 30)), ryzyka=kw.get("ryzyka", ""))


def test_the_diff_names_every_plan_change_in_polish(world):
    hdr, v1 = plan(world, dzialan=3, stan="zatwierdzona")
    lider = world["personas"]["jst-a-lider"]
    cele = diagnoza(world)
    v2 = services.wersja_nowa(hdr=hdr, powod="Przegląd po pół roku", actor=lider)
    pierwsze, drugie, trzecie = Dzialanie.objects.filter(wersja_hdr=v2, raport_koncowy=False).order_by("kolejnosc")
    Dzialanie.objects.filter(pk=pierwsze.pk).update(nazwa="Działanie 1 (nowa nazwa)", kwota=Decimal("2500.00"),
                                                    zrodlo_finansowania="budżet JST",
                                                    narzedzia=["Mapowanie procesów"], opis="Nowy opis")
    drugie.cele.clear()
    trzecie.delete()
    WersjaHdr.objects.filter(pk=v2.pk).update(okres_do=datetime.date(2023, 7, 31), ryzyka="Wybory")
    v2.refresh_from_db()
    roznice = services.roznice(v1, v2, services.dzialania_wersji(v1), services.dzialania_wersji(v2))
    assert "Okres HDR: 01.11.2022 – 30.06.2023 → 01.11.2022 – 31.07.2023" in roznice
    assert "Zmieniono ryzyka i założenia." in roznice
    assert "Usunięto działanie „Działanie 3”" in roznice
    nowa = "Działanie „Działanie 1 (nowa nazwa)”"
    assert f"{nowa}: nazwa „Działanie 1” → „Działanie 1 (nowa nazwa)”" in roznice
    assert "Działanie „Działanie 1 (nowa nazwa)”: kwota — → 2\xa0500,00 zł" in roznice
    assert "Działanie „Działanie 1 (nowa nazwa)”: zmieniono opis i kroki" in roznice
    assert "Działanie „Działanie 1 (nowa nazwa)”: narzędzia: dodano „Mapowanie procesów”" in roznice
    assert f"Działanie „Działanie 2”: cele: usunięto „{cele[0]}”" in roznice
    assert not any("Raport końcowy" in r for r in roznice)  # unchanged
    assert services.roznice(None, v1, [], services.dzialania_wersji(v1)) == []


def _demo_world(world):
    return {"users": world["personas"], "udzialy": {"0201": world["udzial_a"], "2609022": world["udzial_b"]}}


def test_the_demo_gives_jst_a_two_approved_versions_and_jst_b_a_draft_with_one_goal_uncovered(world):
    import io

    from hdr import demo
    from hdr.models import Hdr

    diagnoza(world, celow_na_luke=(2, 1))
    cele_b = diagnoza(world, "udzial_b", celow_na_luke=(1, 1))
    out = io.StringIO()
    demo.run(out, _demo_world(world))
    demo.run(out, _demo_world(world))  # a second seed changes nothing
    assert Hdr.objects.count() == 2 and WersjaHdr.objects.count() == 3
    v1, v2 = services.wersje_hdr(Hdr.objects.get(udzial=world["udzial_a"]))
    assert (v1.stan, v2.stan) == ("zatwierdzona", "zatwierdzona") and v2.powod_zmiany
    assert services.braki(v1) == [] and services.braki(v2) == []
    dzialania = services.dzialania_wersji(v1)
    assert 6 <= len(dzialania) <= 8
    assert all(datetime.date(2022, 11, 1) <= d.od <= d.do <= datetime.date(2023, 5, 31) for d in dzialania)
    raport = [d for d in dzialania if d.raport_koncowy]
    assert [(r.forma_raportu, r.do) for r in raport] == [("dobra_praktyka", datetime.date(2023, 5, 31))]
    roznice = services.roznice(v1, v2, dzialania, services.dzialania_wersji(v2))
    assert len(roznice) == 2
    assert roznice[0].startswith("Dodano działanie „Szkolenie sekretariatów szkół")
    assert roznice[1].endswith(": koniec 10.02.2023 → 31.03.2023")
    (b,) = WersjaHdr.objects.filter(hdr__udzial=world["udzial_b"])
    assert b.stan == "robocza"
    assert services.braki(b) == [f"Cel „{cele_b[-1]}” nie ma działania w tej wersji HDR."]


def test_the_demo_skips_an_hdr_without_the_deep_diagnosis_and_says_so(world):
    import io

    from hdr import demo
    from hdr.models import Hdr

    out = io.StringIO()
    demo.run(out, _demo_world(world))
    assert "JST A has no chosen area or no priority goals yet" in out.getvalue()
    assert not Hdr.objects.exists()
