"""The accessibility gate: every GET URL of the permission matrix, opened once in real Chromium as the
first persona whose row expects 200, must have 0 axe-core violations (WCAG 2.0/2.1 A+AA), 0 CSP
violations, and valid HTML according to vnu (one JVM run over all saved pages)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from doradztwo.tests.matrix import collect_downloads, collect_fragments, collect_rows
from doradztwo.tests.personas import PERSONAS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BASE_DIR = Path(settings.BASE_DIR)
AXE = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
VNU = BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGES_DIR = BASE_DIR / "test-artifacts" / "pages"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def gate_targets(world):
    """(url name, persona, path) for each GET row: the first persona expected to get 200."""
    targets = []
    downloads = collect_downloads()
    for row in collect_rows():
        if row.method != "GET" or row.name in downloads:
            continue
        persona = next((p for p in PERSONAS if row.expected[p] == 200), None)
        if persona is None:
            continue
        targets.append((row.name, persona, reverse(row.name, kwargs=row.args(world) if row.args else None)))
    return targets


FRAGMENT_PAGE = ('<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8"><title>Fragment</title></head>'
                 '<body><main><h1>Fragment</h1>{}</main></body></html>')


def audit_page(context, url, *, fragment=False):
    """Open url; return (status, axe violations, CSP violations, the HTML the server sent).
    A fragment is checked inside a minimal valid page, as htmx would place it."""
    # The CSP listener (window.__cspViolations) is installed on every context by browser/conftest.py.
    page = context.new_page()
    console_csp = []
    page.on("console", lambda msg: "Content Security Policy" in msg.text and console_csp.append(msg.text))
    response = page.goto(url, wait_until="load")
    if fragment:
        wrapped = FRAGMENT_PAGE.format(response.text())
        page.set_content(wrapped)
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")  # CDP evaluation, not subject to the page's CSP
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — {', '.join(str(n['target']) for n in v['nodes'][:3])}"
        for v in result["violations"]
    ]
    csp = page.evaluate("() => window.__cspViolations") + console_csp
    html = wrapped if fragment else response.text()  # the DOM serialization would hide parse errors
    page.close()
    return response.status, violations, csp, html


def vnu_errors(java, files):
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--stdout", "--exit-zero-always", *map(str, files)],
        capture_output=True, text=True, timeout=300,
    )
    messages = json.loads(result.stdout)["messages"]
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m.get('message')}"
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]


def test_every_page_passes_axe_csp_and_the_html_validator(live_server, world, signed_in_context, java):
    shutil.rmtree(PAGES_DIR, ignore_errors=True)
    PAGES_DIR.mkdir(parents=True)
    problems, saved = [], []
    targets = gate_targets(world)
    fragments = collect_fragments()
    assert targets, "the matrix has no page to open"
    for name, persona, path in targets:
        status, violations, csp, html = audit_page(signed_in_context(persona), live_server.url + path,
                                                   fragment=name in fragments)
        label = f"{name} as {persona} ({path})"
        if status != 200:
            problems.append(f"{label}: HTTP {status}")
        problems += [f"{label}: axe {v}" for v in violations]
        problems += [f"{label}: CSP {c}" for c in csp]
        saved_file = PAGES_DIR / (name.replace(":", "__") + ".html")
        saved_file.write_text(html, encoding="utf-8")
        saved.append(saved_file)
    problems += [f"vnu {error}" for error in vnu_errors(java, saved)]
    print(f"accessibility gate: {len(targets)} pages, {len(problems)} problems")
    assert not problems, "\n".join(problems)


def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(live_server, signed_in_context):
    page = signed_in_context("jst-a-lider").new_page()
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Przejdź do treści"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "tresc"


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/deklaracja-dostepnosci/"])
def test_pages_reflow_at_320_css_pixels_without_horizontal_scrolling(live_server, signed_in_context, path):
    page = signed_in_context("koordynator", viewport={"width": 320, "height": 640}).new_page()
    page.goto(live_server.url + path)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320


def test_a_signed_in_user_can_open_the_menu_and_sign_out_with_the_keyboard(live_server, signed_in_context):
    page = signed_in_context("ros1", viewport={"width": 400, "height": 800}).new_page()
    page.goto(live_server.url + "/")
    toggler = page.get_by_role("button", name="Pokaż lub ukryj menu")
    toggler.focus()
    page.keyboard.press("Enter")
    logout = page.get_by_role("button", name="Wyloguj")
    logout.wait_for(state="visible")
    logout.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/login/")
    assert page.get_by_role("heading", level=1).inner_text() == "Logowanie"


def test_the_gate_itself_catches_an_unlabelled_input_a_csp_violation_and_invalid_html(
    live_server, signed_in_context, java, tmp_path
):
    """A gate that cannot fail is no gate: feed it a bad page and expect each check to object."""
    bad = (
        "<!DOCTYPE html><html lang='pl'><head><meta charset='utf-8'><title>Zły</title></head><body><main>"
        "<h1>Zły formularz</h1><input type='text' name='bez_etykiety'><p style='color:red'>x</p>"
        "<div><span></div></main></body></html>"
    )
    context = signed_in_context("anon")
    context.route("**/zly-formularz/", lambda route: route.fulfill(
        body=bad, content_type="text/html; charset=utf-8",
        headers={"Content-Security-Policy": "default-src 'self'; style-src 'self'"},
    ))
    status, violations, csp, html = audit_page(context, live_server.url + "/zly-formularz/")
    assert status == 200
    assert any(v.startswith("label ") for v in violations), violations
    assert any("style-src" in c for c in csp), csp
    bad_file = tmp_path / "zly.html"
    bad_file.write_text(html, encoding="utf-8")
    errors = vnu_errors(java, [bad_file])
    assert any("span" in error for error in errors), errors
