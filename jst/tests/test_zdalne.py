"""Remote-advice entries (issue 8): the rules users rely on, through services and through HTTP."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from doradztwo.models import WpisAudytu
from doradztwo.services import KonfliktWersji
from jst.models import KartaCzasuPracy, PrzydzialDoradcy, WpisZdalny
from jst.services_zdalne import wpis_zdalny_usun, wpis_zdalny_utworz, wpis_zdalny_zmien
from jst.tests.factories import PrzydzialDoradcyFactory, UdzialFactory

D = datetime.date
T = datetime.time


STYCZEN_10, DZIESIATA = D(2023, 1, 10), T(10)


def _wpis(world, *, persona="ros1", udzial=None, data=STYCZEN_10, poczatek=DZIESIATA, minuty=60, obecni=(),
          temat="Konsultacja"):
    doradca = world["doradcy"][persona]
    return wpis_zdalny_utworz(doradca=doradca, udzial=udzial or world["udzial_a"], data=data, poczatek=poczatek,
                              minuty=minuty, forma=WpisZdalny.Forma.TELEFON, temat=temat, obecni=obecni,
                              actor=doradca.uzytkownik)


def _inny_udzial_ros1(world):
    """A second JST of ros1 in the same edition."""
    udzial = UdzialFactory(edycja=world["edycja"])
    PrzydzialDoradcyFactory(udzial=udzial, doradca=world["doradcy"]["ros1"], rola=PrzydzialDoradcy.Rola.ROS)
    return udzial


def _form(world, **overrides):
    data = {"udzial": world["udzial_a"].pk, "data": "2023-01-10", "poczatek": "10:00", "minuty": "60",
            "forma": "wideo", "temat": "Wskaźniki kadrowe", "ustalenia": "Zespół przygotuje dane.", "etap": ""}
    data.update(overrides)
    return data


def test_an_entry_overlapping_another_jst_of_the_same_adviser_is_refused_and_an_adjacent_one_accepted(world):
    other = _inny_udzial_ros1(world)
    _wpis(world, poczatek=T(10), minuty=60)
    with pytest.raises(ValidationError) as error:
        _wpis(world, udzial=other, poczatek=T(10, 30), minuty=45)
    assert "nakładać" in error.value.message_dict["poczatek"][0]
    assert "10:00–11:00" in error.value.message_dict["poczatek"][0]
    _wpis(world, udzial=other, poczatek=T(11), minuty=60)  # the end is exclusive
    assert WpisZdalny.objects.filter(doradca=world["doradcy"]["ros1"]).count() == 2


def test_another_advisers_entry_at_the_same_time_is_no_overlap(world):
    _wpis(world, persona="ros1")
    _wpis(world, persona="pro1")
    assert WpisZdalny.objects.count() == 2


@time_machine.travel(datetime.datetime(2023, 1, 20, 12, tzinfo=datetime.UTC), tick=False)
def test_entries_in_the_future_outside_the_edition_or_the_assignment_are_refused(world):
    with pytest.raises(ValidationError) as error:
        _wpis(world, data=D(2023, 1, 21))
    assert error.value.message_dict["data"] == ["Data nie może być z przyszłości."]
    with pytest.raises(ValidationError) as error:
        _wpis(world, data=D(2022, 10, 1))
    assert "czasie trwania edycji (05.10.2022 – 31.05.2023)" in error.value.message_dict["data"][0]
    PrzydzialDoradcy.objects.filter(udzial=world["udzial_a"], doradca=world["doradcy"]["ros1"]).update(
        od=D(2022, 11, 1))
    with pytest.raises(ValidationError) as error:
        _wpis(world, data=D(2022, 10, 20))
    assert "przydział" in error.value.message_dict["data"][0]
    with pytest.raises(ValidationError) as error:
        _wpis(world, data=D(2023, 1, 20), poczatek=T(14))  # today, but 14:00 has not come yet (13:00 in Warsaw)
    assert "poczatek" in error.value.message_dict
    assert not WpisZdalny.objects.exists()


def test_durations_go_in_15_minute_steps_and_end_by_midnight(world):
    for minuty in (10, 0, 495):
        with pytest.raises(ValidationError) as error:
            _wpis(world, minuty=minuty)
        assert "minuty" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _wpis(world, poczatek=T(23, 30), minuty=60)
    assert "północy" in error.value.message_dict["minuty"][0]


def test_only_members_of_the_chosen_jsts_team_may_be_marked_present(world):
    member_b = world["udzial_b"].zespol.first()
    with pytest.raises(ValidationError) as error:
        _wpis(world, obecni=[member_b])
    assert "obecni" in error.value.message_dict
    member_a = world["udzial_a"].zespol.get(lider=True)
    wpis = _wpis(world, obecni=[member_a])
    assert list(wpis.obecni.all()) == [member_a]


def test_an_approved_timesheet_month_locks_create_edit_and_delete(world):
    doradca = world["doradcy"]["ros1"]
    wpis = _wpis(world, data=D(2023, 1, 10))
    KartaCzasuPracy.objects.create(doradca=doradca, edycja=world["edycja"], miesiac=D(2023, 2, 1),
                                   stan="zatwierdzona")
    with pytest.raises(ValidationError):
        _wpis(world, data=D(2023, 2, 3))
    with pytest.raises(ValidationError):  # moving an entry INTO the approved month
        wpis_zdalny_zmien(wpis=wpis, wersja=wpis.wersja, udzial=wpis.udzial, data=D(2023, 2, 3), poczatek=T(10),
                          minuty=60, forma="telefon", temat="x", actor=doradca.uzytkownik)
    KartaCzasuPracy.objects.create(doradca=doradca, edycja=world["edycja"], miesiac=D(2023, 1, 1),
                                   stan="zatwierdzona")
    with pytest.raises(ValidationError):  # editing an entry OF the approved month
        wpis_zdalny_zmien(wpis=wpis, wersja=wpis.wersja, udzial=wpis.udzial, data=D(2023, 3, 3), poczatek=T(10),
                          minuty=60, forma="telefon", temat="x", actor=doradca.uzytkownik)
    with pytest.raises(ValidationError):
        wpis_zdalny_usun(wpis=wpis, actor=doradca.uzytkownik)
    wpis.refresh_from_db()
    assert (wpis.data, wpis.temat, wpis.wersja) == (D(2023, 1, 10), "Konsultacja", 1)


def test_editing_with_a_stale_version_saves_nothing(world):
    wpis = _wpis(world)
    user = world["personas"]["ros1"]
    wpis_zdalny_zmien(wpis=wpis, wersja=1, udzial=wpis.udzial, data=wpis.data, poczatek=wpis.poczatek, minuty=90,
                      forma="telefon", temat="Pierwsza zmiana", actor=user)
    with pytest.raises(KonfliktWersji):
        wpis_zdalny_zmien(wpis=wpis, wersja=1, udzial=wpis.udzial, data=wpis.data, poczatek=wpis.poczatek,
                          minuty=30, forma="telefon", temat="Druga zmiana", actor=user)
    wpis.refresh_from_db()
    assert (wpis.temat, wpis.minuty, wpis.wersja) == ("Pierwsza zmiana", 90, 2)


def test_changing_only_the_people_present_moves_the_version(world):
    wpis = _wpis(world)
    member = world["udzial_a"].zespol.get(lider=True)
    wpis_zdalny_zmien(wpis=wpis, wersja=1, udzial=wpis.udzial, data=wpis.data, poczatek=wpis.poczatek,
                      minuty=wpis.minuty, forma=wpis.forma, temat=wpis.temat, obecni=[member],
                      actor=world["personas"]["ros1"])
    wpis.refresh_from_db()
    assert wpis.wersja == 2
    assert list(wpis.obecni.all()) == [member]


def test_an_adviser_adds_an_entry_through_the_form(world, client_as):
    client = client_as("ros1")
    lider = world["udzial_a"].zespol.get(lider=True)
    page = client.get(reverse("jst:wpis_zdalny_nowy"))
    assert world["jst_a"].nazwa_pelna in page.content.decode()
    assert world["jst_b"].nazwa_pelna not in page.content.decode()
    response = client.post(reverse("jst:wpis_zdalny_nowy"), _form(world, obecni=[lider.pk], minuty="90"))
    assert response.status_code == 302
    wpis = WpisZdalny.objects.get()
    assert (wpis.doradca, wpis.minuty, list(wpis.obecni.all())) == (world["doradcy"]["ros1"], 90, [lider])
    assert WpisAudytu.objects.filter(akcja="wpis_zdalny.utworz").count() == 1


def test_an_overlap_shows_its_message_next_to_the_start_time_and_keeps_the_input(world, client_as):
    other = _inny_udzial_ros1(world)
    _wpis(world, poczatek=T(10), minuty=60)
    response = client_as("ros1").post(reverse("jst:wpis_zdalny_nowy"),
                                      _form(world, udzial=other.pk, poczatek="10:30", minuty="45"))
    assert response.status_code == 400
    form = response.context["form"]
    assert "nakładać" in form.errors["poczatek"][0]
    assert form["temat"].value() == "Wskaźniki kadrowe"
    assert WpisZdalny.objects.count() == 1


def test_a_jst_the_adviser_does_not_advise_cannot_be_chosen(world, client_as):
    response = client_as("ros1").post(reverse("jst:wpis_zdalny_nowy"), _form(world, udzial=world["udzial_b"].pk))
    assert response.status_code == 400
    assert "udzial" in response.context["form"].errors
    assert not WpisZdalny.objects.exists()


def test_only_the_author_edits_an_entry_others_get_403_or_404(world, client_as):
    wpis = _wpis(world)
    url = reverse("jst:wpis_zdalny_edytuj", args=[wpis.pk])
    expected = {"ros1": 200, "pro1": 403, "jst-a-lider": 403, "koordynator": 403, "ros2": 404,
                "koordynator2": 404, "doradca-spoza": 404}
    assert {p: client_as(p).get(url).status_code for p in expected} == expected


def test_a_stale_edit_answers_409_and_shows_both_values(world, client_as):
    wpis = _wpis(world, temat="Stary temat")
    client = client_as("ros1")
    url = reverse("jst:wpis_zdalny_edytuj", args=[wpis.pk])
    assert client.post(url, _form(world, temat="Z pierwszej karty", wersja=1)).status_code == 302
    response = client.post(url, _form(world, temat="Z drugiej karty", wersja=1))
    assert response.status_code == 409
    html = response.content.decode()
    assert "Z pierwszej karty" in html and "Z drugiej karty" in html
    wpis.refresh_from_db()
    assert (wpis.temat, wpis.wersja) == ("Z pierwszej karty", 2)


def test_a_former_adviser_sees_only_their_own_entries_and_cannot_edit_them(world, client_as):
    own = _wpis(world, persona="ros1", data=D(2022, 12, 1), temat="Wpis Romana")
    _wpis(world, persona="pro1", data=D(2022, 12, 1), temat="Wpis Pauliny")
    PrzydzialDoradcy.objects.filter(udzial=world["udzial_a"], doradca=world["doradcy"]["ros1"]).update(
        do=D(2022, 12, 31))
    client = client_as("ros1")
    html = client.get(reverse("jst:wpisy_zdalne_udzialu", args=[world["udzial_a"].pk])).content.decode()
    assert "Wpis Romana" in html and "Wpis Pauliny" not in html
    assert client.get(reverse("jst:wpis_zdalny_edytuj", args=[own.pk])).status_code == 403


def test_the_team_sees_the_advice_given_to_their_jst(world, client_as):
    _wpis(world, temat="Plan spotkania w JST")
    _wpis(world, persona="ros2", udzial=world["udzial_b"], temat="Wpis dla Dwikóz")
    html = client_as("jst-a-czlonek").get(reverse("jst:wpisy_zdalne_udzialu", args=[world["udzial_a"].pk])) \
        .content.decode()
    assert "Plan spotkania w JST" in html and "Wpis dla Dwikóz" not in html


def test_deleting_an_own_entry_removes_it_and_records_who(world, client_as):
    wpis = _wpis(world)
    response = client_as("ros1").post(reverse("jst:wpis_zdalny_usun", args=[wpis.pk]), {"wersja": 1})
    assert response.status_code == 302
    assert not WpisZdalny.objects.exists()
    assert WpisAudytu.objects.get(akcja="wpis_zdalny.usun").kto == world["personas"]["ros1"]


def test_my_entries_are_newest_first_and_filter_by_month_and_jst(world, client_as):
    other = _inny_udzial_ros1(world)
    _wpis(world, data=D(2022, 12, 5), temat="Grudzień A")
    _wpis(world, data=D(2023, 1, 5), temat="Styczeń A")
    _wpis(world, udzial=other, data=D(2023, 1, 6), temat="Styczeń B")
    _wpis(world, persona="pro1", data=D(2023, 1, 5), temat="Cudzy wpis")
    client = client_as("ros1")
    html = client.get(reverse("jst:moje_wpisy")).content.decode()
    assert html.index("Styczeń B") < html.index("Styczeń A") < html.index("Grudzień A")
    assert "Cudzy wpis" not in html
    html = client.get(reverse("jst:moje_wpisy"), {"miesiac": "2023-01", "udzial": world["udzial_a"].pk}) \
        .content.decode()
    assert "Styczeń A" in html and "Styczeń B" not in html and "Grudzień A" not in html


def _many_entries(world, n):
    rows = [WpisZdalny(doradca=world["doradcy"]["ros1"], udzial=world["udzial_a"],
                       data=D(2022, 10, 10) + datetime.timedelta(days=i // 20), poczatek=T(8 + i % 10, 0),
                       minuty=15, forma="telefon", temat=f"Wpis {i}") for i in range(n)]
    created = WpisZdalny.objects.bulk_create(rows)
    member = world["udzial_a"].zespol.first()
    WpisZdalny.obecni.through.objects.bulk_create(
        [WpisZdalny.obecni.through(wpiszdalny_id=w.pk, czlonekzespolu_id=member.pk) for w in created])


@pytest.mark.parametrize("name", ["jst:moje_wpisy", "jst:wpisy_zdalne_udzialu"])
def test_entry_lists_run_a_fixed_number_of_queries(world, client_as, django_assert_num_queries, name):
    client = client_as("ros1")
    url = reverse(name, args=[world["udzial_a"].pk] if name == "jst:wpisy_zdalne_udzialu" else None)
    _many_entries(world, 10)
    client.get(url)  # warm the session and caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ten:
        assert client.get(url).status_code == 200
    _many_entries(world, 90)
    with django_assert_num_queries(len(ten.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_demo_fills_jst_a_with_one_short_month_per_adviser_and_gives_this_month_content(world):
    from jst.demo_zdalne import run_demo
    from jst.normy import Status, siatka_doradcy

    biezacy = {}
    for code, (ros, pro) in {"0220013": ("ros1", "pro1"), "0418063": ("ros2", "pro2")}.items():
        biezacy[code] = UdzialFactory(edycja=world["edycja2"])
        for persona, rola in ((ros, "ROS"), (pro, "PRO")):
            PrzydzialDoradcyFactory(udzial=biezacy[code], doradca=world["doradcy"][persona], rola=rola,
                                    od=world["edycja2"].data_od)
    demo_world = {"users": world["personas"], "edycja_2022": world["edycja"], "edycja_biezaca": world["edycja2"],
                  "udzialy": {"0201": world["udzial_a"], "2609022": world["udzial_b"], **biezacy}}
    with time_machine.travel(datetime.datetime(2026, 11, 22, 12, tzinfo=datetime.UTC), tick=False):
        run_demo(demo_world)
        count = WpisZdalny.objects.count()
        run_demo(demo_world)
        assert WpisZdalny.objects.count() == count
        for persona, short in (("ros1", D(2023, 2, 1)), ("pro1", D(2023, 1, 1))):
            para = next(p for p in siatka_doradcy(world["doradcy"][persona]) if p.udzial == world["udzial_a"])
            assert len(para.miesiace) == 8
            assert [m.miesiac for m in para.miesiace if m.status != Status.SPELNIONA] == [short]
        assert WpisZdalny.objects.filter(udzial=biezacy["0220013"], data__month=11, data__year=2026).exists()
        assert not WpisZdalny.objects.filter(data__gt=D(2026, 11, 22)).exists()


# --- entries the author can no longer change: said in the lists, not offered as buttons -----------

def _wiersz(html: str, temat: str) -> str:
    """The table row of the entry with this topic."""
    start = html.rindex("<tr>", 0, html.index(temat))
    return html[start:html.index("</tr>", start)]


def _przyciski(wpis) -> tuple[str, str]:
    return (reverse("jst:wpis_zdalny_edytuj", args=[wpis.pk]), reverse("jst:wpis_zdalny_usun", args=[wpis.pk]))


def test_my_entries_in_an_approved_month_show_a_note_instead_of_the_buttons(world, client_as):
    styczen = _wpis(world, data=D(2023, 1, 10), temat="Wpis styczniowy")
    luty = _wpis(world, data=D(2023, 2, 10), temat="Wpis lutowy")
    KartaCzasuPracy.objects.create(doradca=world["doradcy"]["ros1"], edycja=world["edycja"], miesiac=D(2023, 1, 1),
                                   stan="zatwierdzona")
    # Another adviser's approved February and ros1's February only submitted lock nothing of ros1's.
    KartaCzasuPracy.objects.create(doradca=world["doradcy"]["pro1"], edycja=world["edycja"], miesiac=D(2023, 2, 1),
                                   stan="zatwierdzona")
    KartaCzasuPracy.objects.create(doradca=world["doradcy"]["ros1"], edycja=world["edycja"], miesiac=D(2023, 2, 1),
                                   stan="zlozona")
    html = client_as("ros1").get(reverse("jst:moje_wpisy")).content.decode()
    zablokowany, otwarty = _wiersz(html, "Wpis styczniowy"), _wiersz(html, "Wpis lutowy")
    assert "miesiąc zatwierdzony — bez zmian" in zablokowany
    assert not any(url in zablokowany for url in _przyciski(styczen))
    assert "Powiąż z działaniem HDR" not in zablokowany and "Usuń" not in zablokowany
    assert "bez zmian" not in otwarty
    assert all(url in otwarty for url in _przyciski(luty)) and "Powiąż z działaniem HDR" in otwarty


def test_entries_of_an_ended_assignment_or_a_closed_edition_show_why_and_the_edit_is_refused(world, client_as):
    from doradztwo.models import Edycja

    other = _inny_udzial_ros1(world)
    wpis_a = _wpis(world, data=D(2022, 12, 1), temat="Wpis w JST A")
    wpis_b = _wpis(world, udzial=other, data=D(2022, 12, 2), temat="Wpis w drugiej JST")
    PrzydzialDoradcy.objects.filter(udzial=world["udzial_a"], doradca=world["doradcy"]["ros1"]).update(
        do=D(2022, 12, 31))
    client = client_as("ros1")
    html = client.get(reverse("jst:moje_wpisy")).content.decode()
    assert "przydział zakończony — bez zmian" in _wiersz(html, "Wpis w JST A")
    assert not any(url in _wiersz(html, "Wpis w JST A") for url in _przyciski(wpis_a))
    assert all(url in _wiersz(html, "Wpis w drugiej JST") for url in _przyciski(wpis_b))
    # The note says what the doors say: no button is hidden that would have worked.
    assert client.get(reverse("jst:wpis_zdalny_edytuj", args=[wpis_a.pk])).status_code == 403
    assert client.get(reverse("jst:wpis_zdalny_edytuj", args=[wpis_b.pk])).status_code == 200

    Edycja.objects.filter(pk=world["edycja"].pk).update(status=Edycja.Status.ZAMKNIETA)
    html = client.get(reverse("jst:moje_wpisy")).content.decode()
    assert "edycja zamknięta — bez zmian" in _wiersz(html, "Wpis w drugiej JST")
    assert not any(url in _wiersz(html, "Wpis w drugiej JST") for url in _przyciski(wpis_b))
    assert client.get(reverse("jst:wpis_zdalny_edytuj", args=[wpis_b.pk])).status_code == 403


def test_the_list_of_a_jst_offers_the_hdr_link_only_on_the_authors_open_entries(world, client_as):
    styczen = _wpis(world, data=D(2023, 1, 10), temat="Wpis styczniowy")
    luty = _wpis(world, data=D(2023, 2, 10), temat="Wpis lutowy")
    KartaCzasuPracy.objects.create(doradca=world["doradcy"]["ros1"], edycja=world["edycja"], miesiac=D(2023, 1, 1),
                                   stan="zatwierdzona")
    html = client_as("ros1").get(reverse("jst:wpisy_zdalne_udzialu", args=[world["udzial_a"].pk])).content.decode()
    link = "hdr:powiazanie_wpisu"
    assert reverse(link, kwargs={"pk": world["udzial_a"].pk, "wpis_pk": styczen.pk}) not in html
    assert reverse(link, kwargs={"pk": world["udzial_a"].pk, "wpis_pk": luty.pk}) in html


def test_the_edit_page_of_an_entry_in_an_approved_month_says_so_and_a_save_is_still_refused(world, client_as):
    wpis = _wpis(world, data=D(2023, 1, 10), temat="Wpis styczniowy")
    KartaCzasuPracy.objects.create(doradca=world["doradcy"]["ros1"], edycja=world["edycja"], miesiac=D(2023, 1, 1),
                                   stan="zatwierdzona")
    client = client_as("ros1")
    url = reverse("jst:wpis_zdalny_edytuj", args=[wpis.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    blokada = "Miesiąc styczeń 2023 jest zatwierdzony na karcie czasu pracy"
    assert blokada in html and html.index(blokada) < html.index("Zapisz zmiany")
    assert "Powiąż z działaniem HDR" not in html
    response = client.post(url, _form(world, data="2023-02-10", temat="Przeniesiony", wersja=1))
    assert response.status_code == 400
    assert response.content.decode().count(blokada) == 1  # above the form once, as the refusal
    wpis.refresh_from_db()
    assert (wpis.data, wpis.temat, wpis.wersja) == (D(2023, 1, 10), "Wpis styczniowy", 1)


def test_the_edit_page_of_an_open_month_shows_no_lock(world, client_as):
    wpis = _wpis(world, data=D(2023, 1, 10))
    html = client_as("ros1").get(reverse("jst:wpis_zdalny_edytuj", args=[wpis.pk])).content.decode()
    assert "jest zatwierdzony na karcie czasu pracy" not in html and "Powiąż z działaniem HDR" in html


@pytest.mark.parametrize("name", ["jst:moje_wpisy", "jst:wpisy_zdalne_udzialu"])
def test_locked_entries_keep_the_lists_query_count_fixed(world, client_as, django_assert_num_queries, name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # October 2022 approved, November not; a second JST whose assignment has ended.
    other = _inny_udzial_ros1(world)
    PrzydzialDoradcy.objects.filter(udzial=other).update(od=D(2022, 10, 1), do=D(2022, 11, 30))
    for miesiac in (D(2022, 10, 1), D(2022, 12, 1)):
        KartaCzasuPracy.objects.create(doradca=world["doradcy"]["ros1"], edycja=world["edycja"], miesiac=miesiac,
                                       stan="zatwierdzona")

    def entries(n, start):
        rows = [WpisZdalny(doradca=world["doradcy"]["ros1"], udzial=other if i % 3 == 0 else world["udzial_a"],
                           data=D(2022, 10, 20) + datetime.timedelta(days=i % 30), poczatek=T(8 + i // 30, 0),
                           minuty=15, forma="telefon", temat=f"Wpis {i}") for i in range(start, start + n)]
        WpisZdalny.objects.bulk_create(rows)

    client = client_as("ros1")
    url = reverse(name, args=[world["udzial_a"].pk] if name == "jst:wpisy_zdalne_udzialu" else None)
    entries(10, 0)
    client.get(url)  # warm the session and caches
    with CaptureQueriesContext(connection) as ten:
        html = client.get(url).content.decode()
    assert "miesiąc zatwierdzony — bez zmian" in html or name == "jst:wpisy_zdalne_udzialu"
    entries(40, 10)
    with django_assert_num_queries(len(ten.captured_queries)):
        html = client.get(url).content.decode()
    if name == "jst:moje_wpisy":
        assert "miesiąc zatwierdzony — bez zmian" in html and "przydział zakończony — bez zmian" in html
        assert "Usuń" in html
