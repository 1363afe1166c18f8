"""A private adviser comment never reaches the team: no page, no fragment (issue 5, Done when #3)."""

import pytest
from django.urls import reverse

from doradztwo.komentarze import komentarz_dodaj
from doradztwo.tests.matrix import collect_downloads, collect_rows

pytestmark = pytest.mark.django_db
ZNACZNIK = "PRYWATNE-7f3a9c"


@pytest.mark.parametrize("persona", ["jst-a-lider", "jst-a-czlonek"])
def test_a_private_comment_is_absent_from_every_page_and_fragment_the_team_can_open(client_as, world, persona):
    from diagnoza.models import ArkuszEdycji, WersjaSzablonu

    udzial = world["udzial_a"]
    ArkuszEdycji.objects.get_or_create(edycja=world["edycja"],
                                       defaults={"wersja": WersjaSzablonu.objects.filter(stan="opublikowana").first()})
    for sekcja in ("ogolne", "zespol", "arkusz-1"):
        komentarz_dodaj(obiekt=udzial, udzial=udzial, sekcja=sekcja, tresc=f"{ZNACZNIK} notatka doradcy",
                        prywatny=True, autor=world["personas"]["ros1"])
    client = client_as(persona)
    downloads = collect_downloads()
    opened = 0
    for row in collect_rows():
        if row.method != "GET" or row.expected[persona] != 200 or row.name in downloads:
            continue
        path = reverse(row.name, kwargs=row.args(world) if row.args else None)
        client = client_as(persona)
        for headers in ({}, {"HX-Request": "true"}):
            response = client.get(path, headers=headers)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert ZNACZNIK.encode() not in body, f"{row.name} leaks a private comment to {persona}"
        opened += 1
    assert opened >= 10  # the participation page, the sheet, results, comments, files, start page…
    # The same pages do show it to the adviser pair: the check above looks where it would appear.
    adviser = client_as("ros1")
    assert ZNACZNIK in adviser.get(reverse("diagnoza:arkusz", args=[udzial.pk])).content.decode()
    assert ZNACZNIK in adviser.get(reverse("jst:komentarze", args=[udzial.pk])).content.decode()
