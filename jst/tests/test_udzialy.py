import datetime

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from doradztwo.models import Edycja, WpisAudytu
from jst.access import get_udzial_page_for_user, role_in
from jst.models import JST, Udzial, ZmianaEtapu
from jst.tests.factories import CzlonekZespoluFactory, JSTFactory, PrzydzialDoradcyFactory, UdzialFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def warszawa(db):
    return JSTFactory(teryt="1465", teryt_gminy="1465011", klucz="1465", nazwa="Warszawa",
                      rodzaj=JST.Rodzaj.MIASTO_NA_PRAWACH_POWIATU, wojewodztwo="mazowieckie", powiat="Warszawa")


def test_pasting_codes_enrols_the_valid_ones_and_reports_each_other_row(client_as, world, warszawa):
    edycja = world["edycja2"]
    response = client_as("koordynator2").post(
        reverse("jst:zapisz", args=[edycja.pk]), {"kody": "0201, 2609022\n9999999 12ab\n1465011;1465"})
    assert response.status_code == 200
    raport = {r.kod: (r.wynik, r.komunikat) for r in response.context["raport"]}
    assert raport["0201"][0] == raport["2609022"][0] == raport["1465011"][0] == "zapisana"
    assert raport["9999999"] == ("blad", "Nie ma JST o tym kodzie w rejestrze TERYT.")
    assert raport["12ab"] == ("blad", "To nie jest kod TERYT (2, 4 lub 7 cyfr).")
    assert raport["1465"][0] == "blad" and "jest już zapisana" in raport["1465"][1]
    assert set(edycja.udzialy.values_list("jst__teryt", flat=True)) == {"0201", "2609022", "1465",
                                                                        world["udzial_c"].jst.teryt}
    # What did not go in stays in the box, so nothing typed is lost.
    assert response.context["lista_form"].initial["kody"].split() == ["9999999", "12ab", "1465"]


def test_each_enrolment_records_who_and_why_in_the_stage_history(client_as, world):
    jst = JSTFactory()
    client_as("koordynator").post(reverse("jst:zapisz", args=[world["edycja"].pk]), {"jst": jst.pk})
    udzial = Udzial.objects.get(jst=jst)
    zmiana = udzial.zmiany_etapu.get()
    assert (zmiana.na_etap, zmiana.kto) == ("zgloszony", world["personas"]["koordynator"])
    assert WpisAudytu.objects.filter(akcja="udzial.zapisany", id_obiektu=str(udzial.pk)).exists()


def test_a_closed_edition_takes_no_new_jst(client_as, world):
    edycja = world["edycja"]
    edycja.status = Edycja.Status.ZAMKNIETA
    edycja.save(update_fields=["status"])
    jst = JSTFactory()
    response = client_as("koordynator").post(reverse("jst:zapisz", args=[edycja.pk]), {"jst": jst.pk}, follow=True)
    assert "Edycja jest zamknięta" in response.content.decode()
    assert not Udzial.objects.filter(jst=jst).exists()


def test_the_search_on_the_enrolment_page_labels_results_and_marks_enrolled_ones(client_as, world):
    JSTFactory(teryt="0201011", klucz="020101", nazwa="Bolesławiec", rodzaj=JST.Rodzaj.GMINA_MIEJSKA,
               wojewodztwo="dolnośląskie", powiat="bolesławiecki")
    response = client_as("koordynator").get(reverse("jst:zapisz", args=[world["edycja"].pk]), {"q": "bolesław"})
    html = response.content.decode()
    assert "Gmina Bolesławiec, gmina miejska, powiat bolesławiecki" in html
    assert "już w edycji" in html  # Powiat bolesławiecki is JST A


def test_the_team_is_confirmed_only_once_every_rule_holds(client_as, world, mailoutbox,
                                                       django_capture_on_commit_callbacks):
    udzial = UdzialFactory(edycja=world["edycja"])
    client = client_as("koordynator")
    url = reverse("jst:zespol_zatwierdz", args=[udzial.pk])
    page = client.post(url, follow=True).content.decode()
    assert "Nie można zatwierdzić zespołu" in page
    assert "Zespół ma 0 osób, a musi mieć co najmniej 3." in page
    assert "Zespół musi mieć lidera." in page
    people = [
        ("anna@gmina.pl", "pracownik_jst", "", True),
        ("bogdan@gmina.pl", "pracownik_jst", "", False),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        for email, rodzaj, szkola, lider in people:
            response = client.post(reverse("jst:zespol_dodaj", args=[udzial.pk]), {
                "imie": "Jan", "nazwisko": "Nowak", "email": email, "rodzaj": rodzaj, "funkcja": "inspektor",
                "nazwa_szkoly": szkola, "lider": "on" if lider else ""})
            assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["anna@gmina.pl"], ["bogdan@gmina.pl"]]
    page = client.post(url, follow=True).content.decode()
    assert "Zespół ma 2 osoby, a musi mieć co najmniej 3." in page
    assert "co najmniej jeden dyrektor szkoły" in page
    udzial.refresh_from_db()
    assert udzial.etap == "zgloszony"
    response = client.post(reverse("jst:zespol_dodaj", args=[udzial.pk]), {
        "imie": "Celina", "nazwisko": "Dyrektorska", "email": "celina@sp1.pl", "rodzaj": "dyrektor",
        "funkcja": "dyrektor", "nazwa_szkoly": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["nazwa_szkoly"] == [
        "Podaj nazwę szkoły lub placówki, którą kieruje dyrektor."]
    client.post(reverse("jst:zespol_dodaj", args=[udzial.pk]), {
        "imie": "Celina", "nazwisko": "Dyrektorska", "email": "celina@sp1.pl", "rodzaj": "dyrektor",
        "funkcja": "dyrektor", "nazwa_szkoly": "SP nr 1"})
    assert client.post(url).status_code == 302
    udzial.refresh_from_db()
    assert udzial.etap == "zespol_zatwierdzony"
    assert udzial.zmiany_etapu.filter(na_etap="zespol_zatwierdzony").exists()


def test_changing_the_leader_is_one_action(client_as, world):
    udzial = world["udzial_a"]
    nowy = world["czlonek_a3"]
    client_as("koordynator").post(reverse("jst:zespol_lider", args=[udzial.pk, nowy.pk]))
    assert list(udzial.zespol.filter(lider=True, aktywny=True)) == [nowy]
    assert role_in(world["personas"]["jst-a-lider"], udzial).rola.value == "czlonek"


def test_removing_a_member_ends_their_access_but_keeps_their_name(client_as, world):
    udzial = world["udzial_a"]
    czlonek = udzial.zespol.get(uzytkownik=world["personas"]["jst-a-czlonek"])
    client_as("koordynator").post(reverse("jst:zespol_usun", args=[udzial.pk, czlonek.pk]))
    czlonek.refresh_from_db()
    assert not czlonek.aktywny and czlonek.odszedl is not None
    assert client_as("jst-a-czlonek").get(reverse("jst:udzial", args=[udzial.pk])).status_code == 404
    page = client_as("koordynator").get(reverse("jst:udzial", args=[udzial.pk])).content.decode()
    assert "Dawni członkowie" in page and str(czlonek.uzytkownik) in page


def test_a_member_is_fetched_through_their_participation(client_as, world):
    other = world["udzial_b"].zespol.first()
    response = client_as("koordynator").post(reverse("jst:zespol_usun", args=[world["udzial_a"].pk, other.pk]))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.aktywny


def test_a_coordinator_overrides_the_stage_only_with_a_reason(client_as, world):
    udzial = world["udzial_a"]
    client = client_as("koordynator")
    url = reverse("jst:etap", args=[udzial.pk])
    response = client.post(url, {"etap": "arkusz_zlozony", "powod": "", "wersja": udzial.wersja})
    assert response.status_code == 200 and "To pole jest wymagane" in response.content.decode()
    client.post(url, {"etap": "arkusz_zlozony", "powod": "Arkusz na papierze", "wersja": udzial.wersja})
    udzial.refresh_from_db()
    assert udzial.etap == "arkusz_zlozony"
    zmiana = ZmianaEtapu.objects.filter(udzial=udzial).latest("pk")
    assert (zmiana.z_etapu, zmiana.powod, zmiana.kto.username) == ("zgloszony", "Arkusz na papierze", "koordynator")


def test_the_participation_page_shows_the_team_advisers_and_history_to_the_team(client_as, world):
    html = client_as("jst-a-lider").get(reverse("jst:udzial", args=[world["udzial_a"].pk])).content.decode()
    assert "Łucja Liderska" in html and "Czesław Członkowski" in html  # the team
    assert "Roman Rosiński" in html and "Paulina Prokop" in html  # ROS and PRO
    assert "Katarzyna Koordynatorska" in html  # the coordinator's contact
    assert "Żaneta" not in html and "Renata Rostek" not in html  # nothing of JST B
    assert "Zespół JST" in html and "Doradcy" in html and "Historia etapów" in html
    assert "Zmień etap ręcznie" not in html and "Usuń z zespołu" not in html


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _participations(edycja, n, ros):
    for _ in range(n):
        udzial = UdzialFactory(edycja=edycja)
        PrzydzialDoradcyFactory(udzial=udzial, doradca=ros)
        CzlonekZespoluFactory(udzial=udzial)


def test_the_participation_list_runs_a_fixed_number_of_queries(client_as, world):
    client = client_as("koordynator")
    url = reverse("jst:udzialy", args=[world["edycja"].pk])
    ros = world["doradcy"]["ros1"]
    _participations(world["edycja"], 8, ros)  # 10 with JST A and B
    at_10 = _count(client, url)
    _participations(world["edycja"], 90, ros)
    assert _count(client, url) == at_10
    assert _count(client, url + "?etap=zgloszony&wojewodztwo=wielkopolskie") == at_10


def test_the_participation_list_filters_by_stage_voivodeship_kind_and_adviser(client_as, world):
    client = client_as("koordynator")
    url = reverse("jst:udzialy", args=[world["edycja"].pk])

    def names(**params):
        return {u.jst.teryt for u in client.get(url, params).context["udzialy"]}

    assert names() == {"0201", "2609022"}
    assert names(wojewodztwo="świętokrzyskie") == {"2609022"}
    assert names(rodzaj="powiat") == {"0201"}
    assert names(doradca=world["doradcy"]["ros2"].pk) == {"2609022"}
    assert names(q="0201") == {"0201"}
    Udzial.objects.filter(jst__teryt="0201").update(etap="wdrazanie")
    assert names(etap="wdrazanie") == {"0201"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Polish collation needs PostgreSQL ICU")
def test_participations_sort_in_polish_alphabetical_order(client_as, world):
    for name in ["Żary", "Łask", "Lublin", "Zabrze", "Ćmielów", "Cedynia"]:
        UdzialFactory(edycja=world["edycja2"], jst=JSTFactory(nazwa=name))
    response = client_as("koordynator2").get(reverse("jst:udzialy", args=[world["edycja2"].pk]))
    order = [u.jst.nazwa for u in response.context["udzialy"] if not u.jst.nazwa.startswith("Gmina")]
    assert order == ["Cedynia", "Ćmielów", "Lublin", "Łask", "Zabrze", "Żary"]


def test_a_stage_override_from_a_stale_page_changes_nothing(client_as, world):
    udzial = world["udzial_a"]
    client = client_as("koordynator")
    url = reverse("jst:etap", args=[udzial.pk])
    stale = udzial.wersja
    client.post(url, {"etap": "obszar_wybrany", "powod": "Ustalone na spotkaniu", "wersja": stale})
    response = client.post(url, {"etap": "zgloszony", "powod": "Pomyłka?", "wersja": stale})
    assert response.status_code == 409
    assert "W międzyczasie etap zmienił się na „obszar wybrany”" in response.content.decode()
    udzial.refresh_from_db()
    assert udzial.etap == "obszar_wybrany"


def test_an_adviser_assigned_from_a_future_date_has_no_access_yet(world):
    import datetime

    from django.utils import timezone

    udzial = UdzialFactory(edycja=world["edycja2"])
    PrzydzialDoradcyFactory(udzial=udzial, doradca=world["doradcy"]["doradca-spoza"],
                            od=timezone.localdate() + datetime.timedelta(days=10))
    assert role_in(world["personas"]["doradca-spoza"], udzial) is None


def test_the_participation_list_shows_50_a_page_and_its_links_keep_the_filters(client_as, world):
    for _ in range(55):  # JSTFactory: wielkopolskie; JST A and B are elsewhere
        UdzialFactory(edycja=world["edycja"])
    client = client_as("koordynator")
    url = reverse("jst:udzialy", args=[world["edycja"].pk])
    first = client.get(url, {"wojewodztwo": "wielkopolskie"})
    second = client.get(url, {"wojewodztwo": "wielkopolskie", "strona": 2})
    pierwsze, drugie = list(first.context["udzialy"]), list(second.context["udzialy"])
    assert (len(pierwsze), len(drugie)) == (50, 5)
    assert len({u.pk for u in pierwsze + drugie}) == 55
    assert {u.jst.wojewodztwo for u in pierwsze + drugie} == {"wielkopolskie"}
    html = first.content.decode()
    assert 'href="?wojewodztwo=wielkopolskie&amp;strona=2"' in html
    assert 'aria-label="Strony listy JST"' in html and 'aria-current="page"' in html
    assert "JST 1–50 z 55" in html
    assert "Poprzednia" in second.content.decode() and "Następna" not in second.content.decode()
    assert len(client.get(url).context["udzialy"]) == 50  # 57 in all: the first page only


def _page_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("persona", ["koordynator", "jst-a-lider", "ros1"])
def test_the_participation_page_runs_at_most_15_queries_for_every_role(client_as, world, persona):
    client = client_as(persona)
    url = reverse("jst:udzial", args=[world["udzial_a"].pk])
    client.get(url)
    n = _page_queries(client, url)
    for _ in range(3):  # more members and former advisers cost no query
        CzlonekZespoluFactory(udzial=world["udzial_a"])
        PrzydzialDoradcyFactory(udzial=world["udzial_a"], od=datetime.date(2022, 10, 1), do=datetime.date(2022, 10, 2))
    assert _page_queries(client, url) == n
    assert n <= 15, n



def test_the_role_read_from_the_loaded_page_is_the_role_asked_of_the_database(world, personas):
    PrzydzialDoradcyFactory(udzial=world["udzial_a"], doradca=world["doradcy"]["ros2"],
                            od=datetime.date(2022, 10, 1), do=datetime.date(2022, 10, 2))  # a former adviser of A
    for udzial in (world["udzial_a"], world["udzial_b"]):
        for name, user in personas.items():
            try:
                strona = get_udzial_page_for_user(user, udzial.pk)
            except Http404:
                strona = None
            expected = role_in(user, udzial)
            assert (strona.rola if strona else None) == expected, (name, udzial)
