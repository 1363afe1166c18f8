"""Remote entries ↔ HDR actions (issue 8): the author links an entry to an action of the JST's HDR
(version in force or draft) while the entry is editable; each action lists the advice linked to it."""

import datetime
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from doradztwo.models import WpisAudytu
from doradztwo.services import KonfliktWersji
from hdr.models import Dzialanie, PowiazanieWpisu, WersjaHdr
from hdr.services import wersja_nowa
from hdr.services_powiazania import dzialania_do_wyboru, porady_dzialan, powiazanie_ustaw
from hdr.tests.fixtures_hdr import hdr_zatwierdzony
from jst.access import role_in
from jst.models import KartaCzasuPracy, PrzydzialDoradcy, WpisZdalny
from jst.tests.factories import PrzydzialDoradcyFactory, UdzialFactory

pytestmark = pytest.mark.django_db

D, T = datetime.date, datetime.time
STYCZEN_10, DZIESIATA = D(2023, 1, 10), T(10)


def _wpis(world, *, persona="ros1", udzial=None, data=STYCZEN_10, poczatek=DZIESIATA, minuty=60,
          temat="Konsultacja planu", ustalenia="") -> WpisZdalny:
    return WpisZdalny.objects.create(doradca=world["doradcy"][persona], udzial=udzial or world["udzial_a"],
                                     data=data, poczatek=poczatek, minuty=minuty, forma=WpisZdalny.Forma.WIDEO,
                                     temat=temat, ustalenia=ustalenia)


def _ustaw(world, wpis, klucz, persona=None, **kwargs):
    """As the entry's author unless a persona is named."""
    actor = world["personas"][persona] if persona else wpis.doradca.uzytkownik
    return powiazanie_ustaw(wpis=wpis, klucz=klucz, actor=actor, **kwargs)


def _url_wpisu(wpis, udzial=None):
    return reverse("hdr:powiazanie_wpisu", kwargs={"pk": (udzial or wpis.udzial).pk, "wpis_pk": wpis.pk})


def _url_porad(world, d, jst="a"):
    return reverse("hdr:porady_dzialania", kwargs={"pk": world[f"udzial_{jst}"].pk, "klucz": d.klucz})


# --- rules (service) -----------------------------------------------------------------------------

def test_the_author_links_an_entry_to_an_action_of_the_hdr_in_force_and_it_is_audited(world):
    hdr, wersja = hdr_zatwierdzony(world, dzialan=2)
    d = wersja.dzialania.order_by("pk").last()
    wpis = _wpis(world)
    link = _ustaw(world, wpis, d.klucz)
    assert (link.wpis_id, link.hdr_id, link.klucz) == (wpis.pk, hdr.pk, d.klucz)
    entry = WpisAudytu.objects.get(akcja="wpis_zdalny.powiazanie_ustaw")
    assert entry.kto == world["personas"]["ros1"] and entry.id_obiektu == str(wpis.pk)
    assert entry.dane["po"]["dzialanie"] == d.nazwa and entry.dane["przed"]["klucz"] is None


def test_an_action_of_another_jsts_hdr_is_refused_and_nothing_is_saved(world):
    hdr_zatwierdzony(world)
    _hdr_b, wersja_b = hdr_zatwierdzony(world, jst="b")
    wpis = _wpis(world)
    with pytest.raises(ValidationError) as error:
        _ustaw(world, wpis, wersja_b.dzialania.first().klucz)
    assert "HDR tej JST" in error.value.message_dict["dzialanie"][0]
    assert not PowiazanieWpisu.objects.exists()


def test_an_unknown_key_and_a_jst_without_an_hdr_are_refused_with_a_clear_message(world):
    wpis = _wpis(world)
    with pytest.raises(ValidationError) as error:
        _ustaw(world, wpis, uuid.uuid4())
    assert "nie ma jeszcze HDR" in error.value.message_dict["dzialanie"][0]
    hdr_zatwierdzony(world)
    with pytest.raises(ValidationError):
        _ustaw(world, wpis, uuid.uuid4())
    assert not PowiazanieWpisu.objects.exists()


def test_actions_of_the_draft_are_offered_but_one_dropped_from_the_plan_in_force_is_not(world):
    lider = world["personas"]["jst-a-lider"]
    hdr, v1 = hdr_zatwierdzony(world, dzialan=2)
    stara, zostaje = v1.dzialania.order_by("pk")
    # v2 approved without the first action; v3 a draft with a new action.
    v2 = wersja_nowa(hdr=hdr, powod="Zmiana zakresu", actor=lider)
    Dzialanie.objects.filter(wersja_hdr=v2, klucz=stara.klucz).delete()
    WersjaHdr.objects.filter(pk=v2.pk).update(stan="zatwierdzona")
    v3 = wersja_nowa(hdr=hdr, powod="Nowe działanie", actor=lider)
    nowa = Dzialanie.objects.create(wersja_hdr=v3, nazwa="Szkolenie dyrektorów", od=D(2023, 3, 1),
                                    do=D(2023, 4, 30), zmienil=lider)
    oferowane = {d.klucz: d.z_wersji_roboczej for d in dzialania_do_wyboru(hdr)}
    assert oferowane == {zostaje.klucz: None, nowa.klucz: 3}
    wpis = _wpis(world)
    with pytest.raises(ValidationError):
        _ustaw(world, wpis, stara.klucz)
    assert _ustaw(world, wpis, nowa.klucz).klucz == nowa.klucz
    assert _ustaw(world, wpis, zostaje.klucz).klucz == zostaje.klucz


def test_an_approved_timesheet_month_locks_setting_and_removing_the_link(world):
    _hdr, wersja = hdr_zatwierdzony(world, dzialan=2)
    first, second = wersja.dzialania.order_by("pk")
    wpis = _wpis(world)
    _ustaw(world, wpis, first.klucz)
    KartaCzasuPracy.objects.create(doradca=world["doradcy"]["ros1"], edycja=world["edycja"], miesiac=D(2023, 1, 1),
                                   stan="zatwierdzona")
    for klucz in (second.klucz, None):
        with pytest.raises(ValidationError) as error:
            _ustaw(world, wpis, klucz)
        assert "zatwierdzony na karcie czasu pracy" in error.value.messages[0]
    assert PowiazanieWpisu.objects.get(wpis=wpis).klucz == first.klucz


def test_only_the_author_still_assigned_may_link_an_entry(world):
    _hdr, wersja = hdr_zatwierdzony(world)
    klucz = wersja.dzialania.get().klucz
    wpis = _wpis(world)
    for persona in ("pro1", "jst-a-lider", "koordynator", "admin"):
        with pytest.raises(PermissionDenied):
            _ustaw(world, wpis, klucz, persona=persona)
    for persona in ("ros2", "doradca-spoza"):
        with pytest.raises(Http404):
            _ustaw(world, wpis, klucz, persona=persona)
    # The author whose assignment has ended keeps reading their entries but no longer changes them.
    PrzydzialDoradcy.objects.filter(doradca=world["doradcy"]["ros1"]).update(do=D(2023, 5, 1))
    with pytest.raises(PermissionDenied):
        _ustaw(world, wpis, klucz)
    assert not PowiazanieWpisu.objects.exists()


def test_none_removes_the_link_and_is_audited(world):
    _hdr, wersja = hdr_zatwierdzony(world)
    d = wersja.dzialania.get()
    wpis = _wpis(world)
    _ustaw(world, wpis, d.klucz)
    assert _ustaw(world, wpis, None) is None
    assert not PowiazanieWpisu.objects.exists()
    entry = WpisAudytu.objects.get(akcja="wpis_zdalny.powiazanie_usun")
    assert entry.dane["przed"] == {"klucz": str(d.klucz), "dzialanie": d.nazwa}


def test_a_link_changed_since_the_form_was_opened_saves_nothing(world):
    _hdr, wersja = hdr_zatwierdzony(world, dzialan=2)
    first, second = wersja.dzialania.order_by("pk")
    wpis = _wpis(world)
    _ustaw(world, wpis, first.klucz)  # another tab
    with pytest.raises(KonfliktWersji) as error:
        _ustaw(world, wpis, second.klucz, widziane=None)
    assert error.value.aktualny.klucz == first.klucz
    assert PowiazanieWpisu.objects.get(wpis=wpis).klucz == first.klucz
    # Choosing what is already saved is no conflict and writes no audit entry.
    _ustaw(world, wpis, first.klucz, widziane=None)
    assert WpisAudytu.objects.filter(akcja__startswith="wpis_zdalny.powiazanie").count() == 1


def test_deleting_the_entry_deletes_its_link(world):
    from jst.services_zdalne import wpis_zdalny_usun

    _hdr, wersja = hdr_zatwierdzony(world)
    wpis = _wpis(world)
    _ustaw(world, wpis, wersja.dzialania.get().klucz)
    wpis_zdalny_usun(wpis=wpis, actor=world["personas"]["ros1"])
    assert not PowiazanieWpisu.objects.exists()


# --- the linking page ----------------------------------------------------------------------------

def test_the_author_opens_the_page_chooses_an_action_and_returns_to_their_entries(world, client_as):
    hdr, v1 = hdr_zatwierdzony(world, dzialan=2)
    wersja_nowa(hdr=hdr, powod="Dodatkowe działanie", actor=world["personas"]["jst-a-lider"])
    d = v1.dzialania.order_by("pk").last()
    wpis = _wpis(world, temat="Analiza arkusza")
    client = client_as("ros1")
    page = client.get(_url_wpisu(wpis)).content.decode()
    assert "Analiza arkusza" in page and "10.01.2023" in page and "Działanie 0" in page and "Działanie 1" in page
    assert "bez powiązania" in page and "wpis nie jest powiązany" in page
    response = client.post(_url_wpisu(wpis), {"dzialanie": str(d.klucz), "widziane": ""})
    assert response.status_code == 302 and response["Location"] == reverse("jst:moje_wpisy")
    assert PowiazanieWpisu.objects.get(wpis=wpis).klucz == d.klucz
    page = client.get(_url_wpisu(wpis)).content.decode()
    assert f'<option value="{d.klucz}" selected>' in page
    response = client.post(_url_wpisu(wpis), {"dzialanie": "", "widziane": str(d.klucz)})
    assert response.status_code == 302 and not PowiazanieWpisu.objects.exists()


def test_the_page_refuses_another_jsts_action_next_to_the_field(world, client_as):
    hdr_zatwierdzony(world)
    _hdr_b, wersja_b = hdr_zatwierdzony(world, jst="b")
    wpis = _wpis(world)
    response = client_as("ros1").post(_url_wpisu(wpis), {"dzialanie": str(wersja_b.dzialania.first().klucz),
                                                          "widziane": ""})
    assert response.status_code == 400
    assert "Wybierz działanie z obowiązującej lub roboczej wersji HDR tej JST." in response.content.decode()
    assert not PowiazanieWpisu.objects.exists()


def test_the_page_says_plainly_when_the_jst_has_no_hdr_yet(world, client_as):
    wpis = _wpis(world)
    response = client_as("ros1").get(_url_wpisu(wpis))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ta JST nie ma jeszcze HDR" in page and 'name="dzialanie"' not in page


def test_the_page_in_a_locked_month_shows_why_and_a_post_changes_nothing(world, client_as):
    _hdr, wersja = hdr_zatwierdzony(world)
    wpis = _wpis(world)
    KartaCzasuPracy.objects.create(doradca=world["doradcy"]["ros1"], edycja=world["edycja"], miesiac=D(2023, 1, 1),
                                   stan="zatwierdzona")
    client = client_as("ros1")
    page = client.get(_url_wpisu(wpis)).content.decode()
    assert "jest zatwierdzony na karcie czasu pracy" in page and 'name="dzialanie"' not in page
    response = client.post(_url_wpisu(wpis), {"dzialanie": str(wersja.dzialania.get().klucz), "widziane": ""})
    assert response.status_code == 400 and not PowiazanieWpisu.objects.exists()


def test_a_stale_form_answers_409_with_both_actions_and_keeps_the_choice(world, client_as):
    _hdr, wersja = hdr_zatwierdzony(world, dzialan=2)
    first, second = wersja.dzialania.order_by("pk")
    wpis = _wpis(world)
    _ustaw(world, wpis, first.klucz)
    response = client_as("ros1").post(_url_wpisu(wpis), {"dzialanie": str(second.klucz), "widziane": ""})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Zapisane teraz" in page and first.nazwa in page and second.nazwa in page
    assert f'<option value="{second.klucz}" selected>' in page
    assert f'name="widziane" value="{first.klucz}"' in page
    assert PowiazanieWpisu.objects.get(wpis=wpis).klucz == first.klucz


@pytest.mark.parametrize(("persona", "status"), [
    ("pro1", 403), ("jst-a-lider", 403), ("koordynator", 403), ("ros2", 404), ("doradca-spoza", 404),
])
def test_anyone_but_the_author_is_refused_and_the_post_changes_nothing(world, client_as, persona, status):
    _hdr, wersja = hdr_zatwierdzony(world)
    wpis = _wpis(world)
    client = client_as(persona)
    assert client.get(_url_wpisu(wpis)).status_code == status
    response = client.post(_url_wpisu(wpis), {"dzialanie": str(wersja.dzialania.get().klucz), "widziane": ""})
    assert response.status_code == status and not PowiazanieWpisu.objects.exists()


def test_an_entry_reached_through_another_participation_is_not_found(world, client_as):
    hdr_zatwierdzony(world)
    other = UdzialFactory(edycja=world["edycja"])
    PrzydzialDoradcyFactory(udzial=other, doradca=world["doradcy"]["ros1"], rola=PrzydzialDoradcy.Rola.ROS)
    wpis = _wpis(world)
    assert client_as("ros1").get(_url_wpisu(wpis, udzial=other)).status_code == 404


# --- advice listed on the action -----------------------------------------------------------------

def test_the_team_sees_the_advice_linked_to_an_action_without_the_outcome_notes(world, client_as):
    _hdr, wersja = hdr_zatwierdzony(world, dzialan=2)
    first, second = wersja.dzialania.order_by("pk")
    _ustaw(world, _wpis(world, temat="Wskaźniki kadrowe", minuty=90, ustalenia="TAJNE-USTALENIA"), first.klucz)
    _ustaw(world, _wpis(world, persona="pro1", data=D(2023, 2, 3), temat="Procedury naboru"), first.klucz)
    _ustaw(world, _wpis(world, data=D(2023, 2, 4), temat="Inny temat"), second.klucz)
    response = client_as("jst-a-czlonek").get(_url_porad(world, first))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Porady zdalne powiązane z działaniem" in page
    assert "Wskaźniki kadrowe" in page and "10.01.2023" in page and "1 h 30 min" in page
    assert "Procedury naboru" in page and "03.02.2023" in page
    assert world["personas"]["pro1"].get_full_name() in page
    assert "Inny temat" not in page and "TAJNE-USTALENIA" not in page
    hdr_page = client_as("jst-a-czlonek").get(reverse("hdr:hdr", kwargs={"pk": world["udzial_a"].pk}))
    assert _url_porad(world, first) in hdr_page.content.decode()


def test_a_former_adviser_sees_only_their_own_advice_on_an_action(world, client_as):
    _hdr, wersja = hdr_zatwierdzony(world)
    d = wersja.dzialania.get()
    _ustaw(world, _wpis(world, temat="Porada ROS"), d.klucz)
    _ustaw(world, _wpis(world, persona="pro1", data=D(2023, 2, 3), temat="Porada PRO"), d.klucz)
    PrzydzialDoradcy.objects.filter(doradca=world["doradcy"]["pro1"]).update(do=D(2023, 5, 1))
    page = client_as("pro1").get(_url_porad(world, d)).content.decode()
    assert "Porada PRO" in page and "Porada ROS" not in page


def test_an_action_key_outside_this_hdr_is_not_found(world, client_as):
    hdr_zatwierdzony(world)
    _hdr_b, wersja_b = hdr_zatwierdzony(world, jst="b")
    url = reverse("hdr:porady_dzialania", kwargs={"pk": world["udzial_a"].pk,
                                                  "klucz": wersja_b.dzialania.first().klucz})
    assert client_as("jst-a-lider").get(url).status_code == 404


def _linked(world, d, n, start=0):
    for i in range(start, start + n):
        persona = "ros1" if i % 2 else "pro1"
        _ustaw(world, _wpis(world, persona=persona, data=D(2023, 1, 2) + datetime.timedelta(days=i),
                            temat=f"Porada {i}"), d.klucz)


def test_the_advice_list_runs_a_fixed_number_of_queries(world, client_as, django_assert_num_queries):
    _hdr, wersja = hdr_zatwierdzony(world)
    d = wersja.dzialania.get()
    client = client_as("jst-a-lider")
    url = _url_porad(world, d)
    _linked(world, d, 2)
    with CaptureQueriesContext(connection) as at_2:
        page = client.get(url).content.decode()
    assert page.count("Porada ") == 2
    _linked(world, d, 8, start=2)
    with django_assert_num_queries(len(at_2.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count("Porada ") == 10


def test_advice_for_several_actions_is_attached_in_one_query(world, django_assert_num_queries):
    hdr, wersja = hdr_zatwierdzony(world, dzialan=3)
    dzialania = list(wersja.dzialania.order_by("pk"))
    _linked(world, dzialania[0], 2)
    _linked(world, dzialania[1], 8, start=2)
    lider = world["personas"]["jst-a-lider"]
    rola = role_in(lider, world["udzial_a"])
    with django_assert_num_queries(1):
        porady_dzialan(lider, world["udzial_a"], rola, hdr, dzialania)
    assert [len(d.porady_zdalne) for d in dzialania] == [2, 8, 0]


# --- links from the entry lists ------------------------------------------------------------------

def test_the_entry_lists_offer_the_link_only_to_the_author(world, client_as):
    wpis = _wpis(world)
    url = _url_wpisu(wpis)
    assert url in client_as("ros1").get(reverse("jst:moje_wpisy")).content.decode()
    assert url in client_as("ros1").get(reverse("jst:wpis_zdalny_edytuj", kwargs={"pk": wpis.pk})).content.decode()
    lista = reverse("jst:wpisy_zdalne_udzialu", kwargs={"pk": world["udzial_a"].pk})
    assert url in client_as("ros1").get(lista).content.decode()
    for persona in ("pro1", "jst-a-lider", "koordynator"):
        assert url not in client_as(persona).get(lista).content.decode()


# --- the linked action's name in jst's entry lists (jst.rozszerzenia hook) -------------------------

def test_the_hook_is_registered_with_jst_once():
    from hdr.services_powiazania import opisz_wpisy_dzialaniami
    from jst.rozszerzenia import OPISY_WPISOW

    assert OPISY_WPISOW.count(opisz_wpisy_dzialaniami) == 1


def test_entry_lists_name_the_linked_action_for_everyone_who_sees_them(world, client_as):
    hdr, v1 = hdr_zatwierdzony(world, dzialan=2)
    first, _second = v1.dzialania.order_by("pk")
    _ustaw(world, _wpis(world, temat="Wpis powiązany"), first.klucz)
    _wpis(world, data=D(2023, 1, 11), temat="Wpis bez powiązania")
    # A draft renames the action: the lists name it as the newest version does.
    v2 = wersja_nowa(hdr=hdr, powod="Nowa nazwa", actor=world["personas"]["jst-a-lider"])
    Dzialanie.objects.filter(wersja_hdr=v2, klucz=first.klucz).update(nazwa="Szkolenie kadry kierowniczej")
    lista = reverse("jst:wpisy_zdalne_udzialu", kwargs={"pk": world["udzial_a"].pk})
    pages = {"ros1 (moje)": client_as("ros1").get(reverse("jst:moje_wpisy"))}
    pages.update({p: client_as(p).get(lista) for p in ("ros1", "pro1", "jst-a-lider", "jst-a-czlonek", "koordynator")})
    for who, response in pages.items():
        html = response.content.decode()
        assert response.status_code == 200, who
        assert html.count("Działanie HDR: Szkolenie kadry kierowniczej") == 1, who
        wiersz = html[html.rindex("<tr>", 0, html.index("Wpis bez powiązania")):]
        assert "Działanie HDR:" not in wiersz[:wiersz.index("</tr>")], who
    assert "Działanie HDR:" not in client_as("jst-b-lider").get(
        reverse("jst:wpisy_zdalne_udzialu", kwargs={"pk": world["udzial_b"].pk})).content.decode()


@pytest.mark.parametrize(("persona", "name"), [
    ("ros1", "jst:moje_wpisy"), ("jst-a-lider", "jst:wpisy_zdalne_udzialu"), ("ros1", "jst:wpisy_zdalne_udzialu"),
])
def test_naming_linked_actions_keeps_the_entry_lists_query_count_fixed(world, client_as, django_assert_num_queries,
                                                                        persona, name):
    _hdr, wersja = hdr_zatwierdzony(world, dzialan=2)
    first, second = wersja.dzialania.order_by("pk")
    client = client_as(persona)
    url = reverse(name, kwargs={"pk": world["udzial_a"].pk} if name == "jst:wpisy_zdalne_udzialu" else None)
    _linked(world, first, 2)
    client.get(url)  # warm the session and caches
    with CaptureQueriesContext(connection) as at_2:
        html = client.get(url).content.decode()
    assert html.count("Działanie HDR: ") == (2 if name == "jst:wpisy_zdalne_udzialu" else 1)
    _linked(world, first, 4, start=2)
    _linked(world, second, 4, start=6)
    with django_assert_num_queries(len(at_2.captured_queries)):
        html = client.get(url).content.decode()
    expected = 10 if name == "jst:wpisy_zdalne_udzialu" else 5  # ros1's own half on "my entries"
    assert html.count("Działanie HDR: ") == expected
    assert html.count(f"Działanie HDR: {second.nazwa}") == expected * 4 // 10


def test_the_hook_names_a_whole_list_in_one_query(world, django_assert_num_queries):
    from jst.rozszerzenia import opisz_wpisy

    _hdr, wersja = hdr_zatwierdzony(world, dzialan=2)
    first, _second = wersja.dzialania.order_by("pk")
    _linked(world, first, 10)
    _wpis(world, data=D(2023, 3, 1), temat="Bez powiązania")
    wpisy = list(WpisZdalny.objects.all())
    with django_assert_num_queries(1):
        opisz_wpisy(wpisy)
    assert sorted(len(w.opisy) for w in wpisy) == [0] + [1] * 10
    with django_assert_num_queries(0):
        assert opisz_wpisy([]) == []
