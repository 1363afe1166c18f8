"""Comment threads of a participation: who sees and writes what, notifications, replies, resolving."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from doradztwo.komentarze import komentarz_dodaj, komentarz_otworz, komentarz_rozwiaz, liczba_nierozwiazanych, watki
from doradztwo.models import Edycja, Komentarz, Powiadomienie, WpisAudytu
from jst.access import role_in
from jst.models import PrzydzialDoradcy

pytestmark = pytest.mark.django_db


def _dodaj(world, autor, tresc="Prosimy o uzupełnienie składu zespołu.", *, prywatny=False, sekcja="zespol",
           udzial=None, watek=None):
    udzial = udzial or world["udzial_a"]
    return komentarz_dodaj(obiekt=udzial, udzial=udzial, sekcja=sekcja, tresc=tresc, prywatny=prywatny,
                           autor=world["personas"][autor], watek=watek)


def _odbiorcy(rodzaj="komentarz.nowy"):
    return sorted(Powiadomienie.objects.filter(rodzaj=rodzaj).values_list("odbiorca__username", flat=True))


def _url(name, world, komentarz=None, udzial=None):
    udzial = udzial or world["udzial_a"]
    return reverse(name, args=[udzial.pk] if komentarz is None else [udzial.pk, komentarz.pk])


def test_a_team_comment_notifies_the_advisers_and_coordinators_once_each(
        world, client_as, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("jst-a-czlonek").post(_url("jst:komentarze", world), {
            "sekcja": "zespol", "tresc": "Czy dyrektor może zastąpić skarbnika?"})
    komentarz = Komentarz.objects.get()
    assert response.url == _url("jst:komentarze", world) + f"#komentarz-{komentarz.pk}"
    assert (komentarz.autor, komentarz.sekcja, komentarz.prywatny) == (
        world["personas"]["jst-a-czlonek"], "zespol", False)
    assert _odbiorcy() == ["koordynator", "pro1", "ros1"]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        world["personas"][p].email for p in ("koordynator", "pro1", "ros1"))
    powiadomienie = Powiadomienie.objects.filter(odbiorca=world["personas"]["ros1"]).get()
    assert powiadomienie.tytul == "Nowy komentarz: Powiat bolesławiecki"
    assert "Czy dyrektor może zastąpić skarbnika?" in powiadomienie.tresc
    assert powiadomienie.link == _url("jst:komentarze", world) + f"#komentarz-{komentarz.pk}"
    assert WpisAudytu.objects.filter(akcja="komentarz.dodany", id_obiektu=str(komentarz.pk)).exists()


def test_an_advisers_public_comment_notifies_the_team_but_not_the_author(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _dodaj(world, "ros1")
    assert _odbiorcy() == ["jst-a-czlonek", "jst-a-lider", world["czlonek_a3"].uzytkownik.username]
    assert len(mail.outbox) == 3


def test_a_team_member_never_sees_a_private_comment(world, client_as, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("ros1").post(_url("jst:komentarze", world), {
            "sekcja": "ogolne", "tresc": "Notatka: lider nie odpowiada na maile.", "prywatny": "on"})
    assert response.status_code == 302
    prywatny = Komentarz.objects.get()
    assert prywatny.prywatny
    # Notified: the other adviser and the coordinator; nobody in the team, by bell or e-mail.
    assert _odbiorcy() == ["koordynator", "pro1"]
    team_emails = {world["personas"]["jst-a-lider"].email, world["personas"]["jst-a-czlonek"].email,
                   world["czlonek_a3"].uzytkownik.email}
    assert not team_emails & {m.to[0] for m in mail.outbox}
    # Seen by the pair and the coordinator, not by the team: page, count, direct ids.
    for persona in ("pro1", "koordynator"):
        assert "lider nie odpowiada" in client_as(persona).get(_url("jst:komentarze", world)).content.decode()
    lider = world["personas"]["jst-a-lider"]
    client = client_as("jst-a-lider")
    page = client.get(_url("jst:komentarze", world))
    assert "lider nie odpowiada" not in page.content.decode()
    assert "Tylko dla doradców i koordynatorów" not in page.content.decode()  # no private option either
    assert liczba_nierozwiazanych(world["udzial_a"], role_in(lider, world["udzial_a"])) == 0
    assert liczba_nierozwiazanych(world["udzial_a"], role_in(world["personas"]["pro1"], world["udzial_a"])) == 1
    for name in ("jst:komentarz_odpowiedz", "jst:komentarz_rozwiaz", "jst:komentarz_otworz"):
        assert client.post(_url(name, world, prywatny), {"tresc": "Widzę?"}).status_code == 404
    assert Komentarz.objects.count() == 1


def test_the_team_cannot_make_a_comment_private(world, client_as):
    client_as("jst-a-lider").post(_url("jst:komentarze", world), {
        "sekcja": "ogolne", "tresc": "Nasz komentarz", "prywatny": "on"})
    assert Komentarz.objects.get().prywatny is False  # the field is not offered to the team
    with pytest.raises(PermissionDenied):
        _dodaj(world, "jst-a-lider", prywatny=True)
    with pytest.raises(PermissionDenied):  # nor answer a private thread through the service
        _dodaj(world, "jst-a-lider", watek=_dodaj(world, "ros1", prywatny=True))


def test_a_reply_joins_its_thread_and_takes_its_section_and_privacy(world, django_capture_on_commit_callbacks):
    watek = _dodaj(world, "ros1", prywatny=True, sekcja="ogolne")
    odpowiedz = _dodaj(world, "koordynator", "Zadzwonię do lidera.", sekcja="zespol", watek=watek)
    druga = _dodaj(world, "pro1", "Dziękuję.", watek=odpowiedz)  # answering a reply answers the thread
    assert (odpowiedz.watek, odpowiedz.sekcja, odpowiedz.prywatny) == (watek, "ogolne", True)
    assert druga.watek == watek
    rola = role_in(world["personas"]["ros1"], world["udzial_a"])
    [wynik] = watki(world["udzial_a"], "ogolne", rola=rola)
    assert list(wynik.odpowiedzi.all()) == [odpowiedz, druga]
    assert Powiadomienie.objects.filter(tytul="Nowa odpowiedź w komentarzach: Powiat bolesławiecki").exists()


def test_resolving_and_reopening_a_thread_is_recorded_and_counted(world, client_as):
    watek = _dodaj(world, "ros1")
    odpowiedz = _dodaj(world, "jst-a-lider", "Uzupełnione.", watek=watek)
    client = client_as("jst-a-lider")
    assert client.post(_url("jst:komentarz_rozwiaz", world, watek)).status_code == 302
    watek.refresh_from_db()
    assert watek.rozwiazany and watek.rozwiazal == world["personas"]["jst-a-lider"] and watek.rozwiazany_kiedy
    lider_rola = role_in(world["personas"]["jst-a-lider"], world["udzial_a"])
    assert liczba_nierozwiazanych(world["udzial_a"], lider_rola) == 0
    assert "rozwiązany" in client.get(_url("jst:komentarze", world)).content.decode()
    client_as("ros1").post(_url("jst:komentarz_otworz", world, watek))
    watek.refresh_from_db()
    assert not watek.rozwiazany and watek.rozwiazal is None and watek.rozwiazany_kiedy is None
    assert liczba_nierozwiazanych(world["udzial_a"], lider_rola) == 1
    assert list(WpisAudytu.objects.filter(id_obiektu=str(watek.pk), akcja__startswith="komentarz.")
                .order_by("pk").values_list("akcja", flat=True)) == [
        "komentarz.dodany", "komentarz.rozwiazany", "komentarz.otwarty"]
    # Only a whole thread is resolved, never a single reply.
    response = client.post(_url("jst:komentarz_rozwiaz", world, odpowiedz), follow=True)
    assert "Rozwiązać lub otworzyć można tylko cały wątek" in response.content.decode()
    with pytest.raises(ValidationError):
        komentarz_rozwiaz(komentarz=odpowiedz, actor=world["personas"]["ros1"])
    assert komentarz_otworz(komentarz=watek, actor=world["personas"]["ros1"]).rozwiazany is False


def test_an_empty_comment_is_refused_in_polish_and_nothing_is_saved(world, client_as):
    with pytest.raises(ValidationError) as error:
        _dodaj(world, "ros1", "   \n ")
    assert error.value.message_dict == {"tresc": ["Wpisz treść komentarza."]}
    response = client_as("ros1").post(_url("jst:komentarze", world), {"sekcja": "zespol", "tresc": "  "})
    assert response.status_code == 200
    assert "Wpisz treść komentarza." in response.content.decode()
    response = client_as("ros1").post(_url("jst:komentarz_odpowiedz", world, _dodaj(world, "koordynator")),
                                      {"tresc": ""})
    assert response.status_code == 200 and "Wpisz treść komentarza." in response.content.decode()
    # The page is shown at the reply's URL: its other forms still go back to the comments page.
    html = response.content.decode()
    assert f'value="{_url("jst:komentarze", world)}"' in html
    assert f'name="wroc" value="{response.request["PATH_INFO"]}"' not in html
    assert Komentarz.objects.count() == 1


def test_a_too_long_comment_keeps_what_was_typed(world, client_as):
    tekst = "Długi komentarz. " * 400
    response = client_as("ros1").post(_url("jst:komentarze", world), {"sekcja": "zespol", "tresc": tekst})
    html = response.content.decode()
    assert "Komentarz może mieć najwyżej 5000 znaków" in html
    assert tekst.strip()[:200] in html
    assert not Komentarz.objects.exists()


def test_comment_text_is_plain_text_with_line_breaks(world, client_as):
    _dodaj(world, "ros1", '<script>alert("x")</script>\nDruga linia')
    html = client_as("jst-a-lider").get(_url("jst:komentarze", world)).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>Druga linia" in html


def test_another_jsts_comment_is_404_even_for_a_coordinator_of_both(world, client_as):
    obcy = _dodaj(world, "ros2", udzial=world["udzial_b"])
    client = client_as("koordynator")
    for name in ("jst:komentarz_odpowiedz", "jst:komentarz_rozwiaz", "jst:komentarz_otworz"):
        assert client.post(_url(name, world, obcy), {"tresc": "Tu?"}).status_code == 404
    obcy.refresh_from_db()
    assert not obcy.rozwiazany and not obcy.odpowiedzi.exists()


def test_a_former_adviser_reads_the_threads_but_cannot_write(world, client_as):
    _dodaj(world, "koordynator", "Wątek sprzed zmiany doradcy.")
    przydzial = PrzydzialDoradcy.objects.get(udzial=world["udzial_a"], doradca=world["doradcy"]["ros1"])
    przydzial.do = timezone.localdate() - datetime.timedelta(days=1)
    przydzial.save(update_fields=["do"])
    client = client_as("ros1")
    html = client.get(_url("jst:komentarze", world)).content.decode()
    assert "Wątek sprzed zmiany doradcy." in html
    assert "Dodaj komentarz" not in html and "Komentarze możesz tylko czytać." in html
    assert client.post(_url("jst:komentarze", world), {"sekcja": "ogolne", "tresc": "Jeszcze ja"}).status_code == 403
    assert Komentarz.objects.count() == 1


def test_in_a_closed_edition_the_team_reads_and_the_coordinator_still_writes(world, client_as):
    edycja = world["edycja"]
    edycja.status = Edycja.Status.ZAMKNIETA
    edycja.save(update_fields=["status"])
    dane = {"sekcja": "ogolne", "tresc": "Po zamknięciu"}
    assert client_as("jst-a-lider").post(_url("jst:komentarze", world), dane).status_code == 403
    assert client_as("koordynator").post(_url("jst:komentarze", world), dane).status_code == 302
    assert Komentarz.objects.count() == 1


def test_after_posting_the_user_returns_to_the_page_the_form_was_on(world, client_as):
    client = client_as("ros1")
    udzial_url = reverse("jst:udzial", args=[world["udzial_a"].pk])
    response = client.post(_url("jst:komentarze", world), {"sekcja": "zespol", "tresc": "A", "wroc": udzial_url})
    assert response.url.startswith(udzial_url + "#komentarz-")
    response = client.post(_url("jst:komentarze", world), {"sekcja": "zespol", "tresc": "B",
                                                            "wroc": "//zly.example.org/"})
    assert response.url.startswith(_url("jst:komentarze", world) + "#komentarz-")


def test_the_comment_page_runs_the_same_queries_for_10_and_100_threads(world, client_as, django_assert_num_queries):
    udzial = world["udzial_a"]

    def add(n):
        for i in range(n):
            watek = _dodaj(world, "koordynator", f"Wątek {i}", sekcja="zespol" if i % 2 else "ogolne",
                           prywatny=i % 3 == 0)
            _dodaj(world, "ros1", f"Odpowiedź {i}", watek=watek)

    client = client_as("pro1")
    add(10)
    client.get(_url("jst:komentarze", world))
    with CaptureQueriesContext(connection) as ten:
        assert client.get(_url("jst:komentarze", world)).status_code == 200
    add(90)
    with django_assert_num_queries(len(ten)):
        response = client.get(_url("jst:komentarze", world))
    assert response.content.decode().count('class="card mb-3"') == 100
    assert Komentarz.objects.filter(udzial=udzial).count() == 200


def test_the_template_tags_render_a_sections_threads_and_the_unresolved_count(world):
    _dodaj(world, "ros1", "Publiczny w zespole")
    _dodaj(world, "ros1", "Prywatny w zespole", prywatny=True)
    _dodaj(world, "ros1", "W sekcji ogólnej", sekcja="ogolne")
    template = Template('{% load komentarze %}{% liczba_nierozwiazanych udzial as n %}[{{ n }}]'
                        '{% watki_komentarzy udzial "zespol" %}')

    def render(persona):
        request = RequestFactory().get("/udzialy/1/")
        request.user = world["personas"][persona]
        return template.render(RequestContext(request, {"udzial": world["udzial_a"]}))

    team = render("jst-a-czlonek")
    assert "[2]" in team and "Publiczny w zespole" in team
    assert "Prywatny w zespole" not in team and "W sekcji ogólnej" not in team
    assert f'action="{_url("jst:komentarze", world)}"' in team and 'name="wroc" value="/udzialy/1/"' in team
    adviser = render("pro1")
    assert "[3]" in adviser and "Prywatny w zespole" in adviser
    outsider = render("ros2")
    assert "[0]" in outsider and "Publiczny w zespole" not in outsider


@pytest.mark.parametrize(("sekcja", "zapisana", "etykieta"), [
    ("arkusz-3", "arkusz-3", "Arkusz diagnostyczny, sekcja 3"),
    ("zadanie-4", "zadanie-4", "Zadanie wdrożeniowe, obszar zasobów 4"),
    ("poglebiona-luki", "poglebiona-luki", "Diagnoza pogłębiona: luki rozwojowe"),
    ("hdr", "hdr", "HDR"),
    ("<script>", "ogolne", "Uwagi ogólne"),
    ("zadanie-9", "ogolne", "Uwagi ogólne"),
])
def test_a_comment_keeps_the_section_of_the_page_it_was_written_on(world, client_as, sekcja, zapisana, etykieta):
    client = client_as("ros1")
    client.post(_url("jst:komentarze", world), {"sekcja": sekcja, "tresc": "Uwaga do sekcji"})
    assert Komentarz.objects.get().sekcja == zapisana
    assert etykieta in client.get(_url("jst:komentarze", world)).content.decode()
