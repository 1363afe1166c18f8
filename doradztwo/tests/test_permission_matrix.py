"""The root permission test: every named URL × every persona × GET and POST has a literal expected
status, the app answers exactly that, and a refused POST changes nothing."""

import pytest
from django.urls import reverse

from doradztwo.tests.matrix import METHODS, collect_rows, db_fingerprint, is_refusal, url_names
from doradztwo.tests.personas import PERSONAS

ROWS = collect_rows()


def test_every_named_url_has_rows_for_every_persona_and_method():
    problems = []
    covered = {(row.name, row.method) for row in ROWS}
    for name in sorted(url_names()):
        for method in METHODS:
            if (name, method) not in covered:
                problems.append(f"{name} {method}: no row in any <app>/tests/permissions.py")
    for row in ROWS:
        missing = [p for p in PERSONAS if p not in row.expected]
        unknown = [p for p in row.expected if p not in PERSONAS]
        if missing:
            problems.append(f"{row.id}: no expected code for {', '.join(missing)}")
        if unknown:
            problems.append(f"{row.id}: unknown personas {', '.join(unknown)}")
    assert not problems, "Permission matrix incomplete:\n" + "\n".join(problems)


def test_every_row_names_a_real_url_once():
    names = url_names()
    stale = [row.id for row in ROWS if row.name not in names]
    assert not stale, f"Rows for URL names that do not exist: {stale}"
    ids = [row.id for row in ROWS]
    assert len(ids) == len(set(ids)), "A URL name + method has two rows"


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_each_persona_gets_the_expected_status(row, world, client, personas):
    path = reverse(row.name, kwargs=row.args(world) if row.args else None)
    failures = []
    fingerprint = db_fingerprint() if row.method == "POST" else None
    for persona in PERSONAS:
        client.logout()
        if persona != "anon":
            client.force_login(personas[persona])
        expected = row.expected[persona]
        if row.method == "GET":
            response = client.get(path)
        else:
            response = client.post(path, data=row.data(world) if row.data else {})
        if response.status_code != expected:
            failures.append(f"{persona}: expected {expected}, got {response.status_code}")
        if fingerprint is not None:
            after = db_fingerprint()
            if is_refusal(persona, expected) and after != fingerprint:
                failures.append(f"{persona}: POST was refused with {expected} but changed the database")
            fingerprint = after
    assert not failures, f"{row.method} {path}:\n" + "\n".join(failures)


def test_the_fingerprint_sees_a_changed_row_but_not_sessions_or_logins(world, client):
    before = db_fingerprint()
    client.force_login(world["personas"]["ros1"])  # a session row and last_login: not user data
    assert db_fingerprint() == before
    udzial = world["udzial_a"]
    udzial.etap = "arkusz_zlozony"
    udzial.save(update_fields=["etap"])
    assert db_fingerprint() != before
