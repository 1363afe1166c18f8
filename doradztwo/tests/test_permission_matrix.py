"""The root permission test: every named URL × every persona × GET and POST has a literal expected
status, the app answers exactly that, and a refused POST changes nothing."""

import pytest
from django.urls import reverse

from doradztwo.tests.matrix import (
    METHODS,
    _form_entry,
    collect_forms,
    collect_rows,
    db_fingerprint,
    first_admitted,
    is_refusal,
    url_names,
)
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


def test_every_post_row_that_some_persona_gets_through_names_its_form_class_or_none_with_a_reason():
    """The hostile-input test posts into these forms (doradztwo/tests/test_wrogie_dane.py)."""
    forms = collect_forms()
    posts = {row.name: row for row in ROWS if row.method == "POST"}
    missing = sorted(name for name, row in posts.items() if first_admitted(row) and name not in forms)
    stale = sorted(name for name in forms if name not in posts or not first_admitted(posts[name]))
    problems = [f"{name}: no FORMS entry (a form class, or (None, reason)) in its permissions*.py"
                for name in missing]
    problems += [f"{name}: a FORMS entry but no POST row that a signed-in persona gets through" for name in stale]
    assert not problems, "Forms behind POST rows:\n" + "\n".join(problems)


def test_a_forms_entry_is_a_form_class_a_tuple_of_them_or_none_with_a_reason():
    from django import forms

    from doradztwo.forms import KalendarzFormSet, StatusEdycjiForm

    assert _form_entry("m", "x", StatusEdycjiForm).forms == (StatusEdycjiForm,)
    assert _form_entry("m", "x", KalendarzFormSet).forms == (KalendarzFormSet,)
    assert _form_entry("m", "x", (StatusEdycjiForm, forms.Form)).forms == (StatusEdycjiForm, forms.Form)
    entry = _form_entry("m", "x", (None, "a button", ("powod",)))
    assert (entry.forms, entry.reason, entry.raw_fields) == ((), "a button", ("powod",))
    for bad in (None, (None,), (None, ""), (None, "  "), "StatusEdycjiForm", (StatusEdycjiForm, None), object):
        with pytest.raises(ValueError):
            _form_entry("m", "x", bad)


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
