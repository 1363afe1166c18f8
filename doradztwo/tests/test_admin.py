import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_workflow_models_are_read_only_in_admin(client_as, world):
    client = client_as("admin")
    udzial = world["udzial_a"]
    assert client.get(reverse("admin:jst_udzial_changelist")).status_code == 200
    assert client.get(reverse("admin:jst_udzial_add")).status_code == 403
    response = client.post(reverse("admin:jst_udzial_change", args=[udzial.pk]), {"etap": "zakonczony"})
    assert response.status_code == 403
    udzial.refresh_from_db()
    assert udzial.etap == "zgloszony"
    assert client.get(reverse("admin:doradztwo_edycja_change", args=[world["edycja"].pk])).status_code == 200


def test_coordinators_have_no_django_admin_access(client_as, world):
    response = client_as("koordynator").get(reverse("admin:index"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
