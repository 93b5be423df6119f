"""The browser editor end to end: Chromium, the real Decap CMS and decap-server on a Git repository.

decap-server in Git mode is Decap's local backend: saving with the editorial workflow
makes a branch ``cms/<collection>/<id>`` with one commit, as a pull request would on
GitHub or GitLab. The file on that branch must pass ``python -m macros check`` and
build into a page.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from macros.commands.local_editor import server_command
from tests.browser import axe_violations, nginx, serve
from tests.conftest import ROOT, copy_project, run_build

pytestmark = pytest.mark.browser

TITLE = "Digitale Bürgerdienste für Ölbach"
ENTRY_ID = "digitale-buergerdienste-fuer-oelbach"
# Keys a few tens of milliseconds apart, as a quick typist's: Playwright's default (no pause)
# outruns Decap's re-render of a field on a busy machine, which then loses a key ("Neubeschrieben.").
KEY_PAUSE_MS = 30
GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def decap_server(repository: Path, port: int):
    """Decap's local backend in Git mode (editorial workflow) on 127.0.0.1:``port``."""
    # node_modules is the repository's (copy_project links it): the command is the one editors run.
    command, env = server_command(repository, port)
    env["LOG_LEVEL"] = "warn"
    log = repository.parent / "decap-server.log"
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1", data=b'{"action":"info"}',
                                                 headers={"Content-Type": "application/json"})
                urllib.request.urlopen(request, timeout=2).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"decap-server startet nicht: {log.read_text()}") from None
                time.sleep(0.2)
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def editor_project(tmp_path_factory):
    """The example project as a Git repository, built with the editor pointing at decap-server."""
    project = copy_project(tmp_path_factory.mktemp("editor") / "project")
    port = _free_port()
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  editor:\n", f"  editor:\n    local_backend: http://localhost:{port}/api/v1\n", 1), encoding="utf-8")
    build = run_build(project)
    assert build.returncode == 0, build.output
    (project / ".gitignore").write_text("site/\nnode_modules\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=project, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "Stand vor dem Editor"], cwd=project, check=True)
    return project, port, build.site


def _signed_in(chromium, base: str, route: str):
    """A page of the editor (served from ``base``), signed in to the local backend, at ``route``."""
    page = chromium.new_page(locale="de-DE")
    # localhost, as an editor would open it with `mkdocs serve`; the local backend answers only there.
    editor = base.replace("127.0.0.1", "localhost") + "redaktion/editor/"
    page.goto(editor)
    page.get_by_role("button", name="Anmelden").click()
    page.goto(editor + route)
    return page


def _choose(page, label: str, typed: str, option: str) -> None:
    """Pick an option in one of Decap's select or relation fields, by keyboard as a person would."""
    field_id = page.locator(f'label:has-text("{label}")').first.get_attribute("for")
    page.locator(f"#{field_id}").click()
    page.keyboard.type(typed, delay=KEY_PAUSE_MS)
    page.get_by_text(option, exact=True).click()


def _fill_new_project(page, title: str, summary: str) -> None:
    """The required fields of a new project, as a person fills them in."""
    page.get_by_label("Titel des Projekts").fill(title)
    _choose(page, "Handlungsfeld", "E-Gov", "E-Government")
    _choose(page, "Stand", "Gepl", "Geplant")
    page.get_by_label("Kurzbeschreibung in einem Absatz").fill(summary)
    _choose(page, "Beteiligte Mitglieder", "Brakel", "Stadt Brakel")
    page.locator("input[type=date]").last.fill("2026-11-20")


def test_a_project_made_in_the_editor_passes_the_check_and_becomes_a_page(chromium, editor_project):
    project, port, site = editor_project
    requests: list[str] = []
    refused: list[str] = []
    # Behind nginx with deploy/nginx.conf: the editor's own policy arrives as a header too.
    with decap_server(project, port), nginx(site, project.parent / "nginx", ROOT / "deploy" / "nginx.conf") as base:
        context = chromium.new_context(locale="de-DE", timezone_id="Europe/Berlin",
                                       viewport={"width": 1280, "height": 900})
        context.add_init_script("""document.addEventListener('securitypolicyviolation',
            e => console.error('CSP ' + e.violatedDirective + ' ' + e.blockedURI));""")
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda message: refused.append(message.text)
                if "Content Security Policy" in message.text or message.text.startswith("CSP ") else None)
        # localhost, as an editor would open it with `mkdocs serve`; the local backend answers only there.
        response = page.goto(base.replace("127.0.0.1", "localhost") + "redaktion/editor/")
        assert "'unsafe-eval'" in response.headers["content-security-policy"]
        assert "sha256-" not in response.headers["content-security-policy"]  # not the site's policy
        page.get_by_role("button", name="Anmelden").click()
        page.goto(page.url.split("#")[0] + "#/collections/projects/new")
        _fill_new_project(page, TITLE, "no")  # a word PyYAML would read as false must come back as text
        # A dot is a thousands separator, never a decimal point: "25.5" is refused, not saved as 25 or 255.
        budget = page.get_by_label("Gesamtvolumen", exact=False).first
        budget.fill("25.5")
        page.get_by_role("button", name="Speichern").click()
        page.get_by_text("Punkte nur als Tausendertrennzeichen", exact=False).first.wait_for()
        budget.press("Control+a")
        budget.press("Backspace")
        budget.press_sequentially("25.000 €", delay=KEY_PAUSE_MS)
        page.get_by_label("Davon Fördermittel", exact=False).first.press_sequentially("12 500", delay=KEY_PAUSE_MS)
        page.get_by_role("button", name="Speichern").click()
        page.get_by_text("Änderungen gespeichert", exact=False).first.wait_for()
        page.wait_for_function("() => !document.body.innerText.includes('Ungespeicherte Änderungen')")
        context.close()

    branch = f"cms/projects/{ENTRY_ID}"
    branches = subprocess.run(["git", "branch", "--list", "cms/*"], cwd=project, capture_output=True,
                              text=True, check=True).stdout
    assert branch in branches, branches
    subprocess.run(["git", "checkout", "-q", branch], cwd=project, check=True)
    written = (project / "data" / "projects" / f"{ENTRY_ID}.yml").read_text(encoding="utf-8")
    assert written.splitlines()[0] == "# yaml-language-server: $schema=../../schemas/projects.schema.json"
    assert re.search(r"^title: Digitale Bürgerdienste für Ölbach\narea: e-government\nstatus: geplant\n"
                     r"summary: [\"']no[\"']\ntowns:\n  - brakel\nbudget_eur: 25000\ngrant_eur: 12500\n"
                     r"reviewed: 2026-11-20\n", written, re.M), written
    assert "id:" not in written  # the file name is the id

    check = subprocess.run([sys.executable, "-m", "macros", "check", "--data", str(project / "data"),
                            "--docs", str(project / "docs")], cwd=ROOT, capture_output=True, text=True,
                           env={**os.environ, "HUB_TODAY": "2026-11-25"})
    assert check.returncode == 0, check.stdout + check.stderr
    build = run_build(project)
    assert build.returncode == 0, build.output
    assert TITLE in build.page(f"projekte/{ENTRY_ID}/")

    assert refused == []
    hosts = {urlsplit(url).hostname for url in requests if not url.startswith(("data:", "blob:"))}
    assert hosts <= {"localhost", "127.0.0.1"}, hosts


def test_the_editor_has_no_accessibility_violations(chromium, editor_project):
    """The sign-in page, a collection and an entry form: 0 axe findings (editor.css fixes Decap's greys)."""
    project, port, site = editor_project
    with decap_server(project, port), serve(site) as base:
        page = chromium.new_page(locale="de-DE")
        editor = base.replace("127.0.0.1", "localhost") + "redaktion/editor/"
        page.goto(editor)
        page.get_by_role("button", name="Anmelden").wait_for()
        assert page.evaluate("document.documentElement.lang") == "de"
        found = {"Anmeldung": axe_violations(page)}
        page.get_by_role("button", name="Anmelden").click()
        for name, route in (("Projekte", "#/collections/projects"), ("Neues Projekt", "#/collections/projects/new")):
            page.goto(editor + route)
            page.get_by_text("Gemeinsamer Aktenplan" if name == "Projekte" else "Titel des Projekts").first.wait_for()
            page.wait_for_function("() => !document.querySelector('[class*=LoaderItem]')")  # done loading
            found[name] = axe_violations(page)
        page.close()
    assert found == {"Anmeldung": [], "Projekte": [], "Neues Projekt": []}


def test_the_editor_proposes_and_never_publishes(chromium, editor_project):
    """Saving makes a branch for review; the editor shows no way to merge it into main, and the
    request that would merge it (decap-server's publish action) is refused in the browser."""
    project, port, site = editor_project
    main_before = subprocess.run(["git", "rev-parse", "main"], cwd=project, capture_output=True, text=True,
                                 check=True).stdout
    title = "Vorschlag ohne Abkürzung"
    with decap_server(project, port), serve(site) as base:
        page = _signed_in(chromium, base, "#/collections/projects/new")
        _fill_new_project(page, title, "Ein Vorschlag, der geprüft werden muss.")
        page.get_by_role("button", name="Speichern").click()
        page.get_by_text("Änderungen gespeichert", exact=False).first.wait_for()
        # Ready for review: Decap would now offer "Veröffentlichen" / "Jetzt veröffentlichen".
        page.get_by_role("button", name=re.compile("Status")).click()
        page.get_by_role("menuitem", name="Abgeschlossen").click()
        page.get_by_text("Veröffentlicht wird erst nach der Prüfung", exact=False).first.wait_for()
        visible = page.evaluate("""() => [...document.querySelectorAll('button, [role=button], [role=menuitem]')]
            .filter(e => /veröffentlichen/i.test(e.textContent) && e.offsetParent !== null).map(e => e.textContent)""")
        assert visible == []
        refused = page.evaluate("""url => fetch(url, {method: 'POST', headers: {'Content-Type': 'application/json'},
              body: JSON.stringify({action: 'publishUnpublishedEntry',
                                    params: {branch: 'main', collection: 'projects', slug: 'x'}})})
            .then(() => 'gesendet', error => error.message)""", f"http://localhost:{port}/api/v1")
        assert refused.startswith("Veröffentlicht wird erst nach der Prüfung")
        page.close()
    main_after = subprocess.run(["git", "rev-parse", "main"], cwd=project, capture_output=True, text=True,
                                check=True).stdout
    assert main_after == main_before  # nothing reached main
    branches = subprocess.run(["git", "branch", "--list", "cms/*"], cwd=project, capture_output=True, text=True,
                              check=True).stdout
    assert "cms/projects/vorschlag-ohne-abkuerzung" in branches


def _listening_addresses(port: int) -> set[str]:
    """The local addresses a TCP socket of this machine listens on at ``port`` (Linux: /proc/net)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


def test_the_local_editor_server_starts_without_a_question_on_this_machine_only(tmp_path):
    project = copy_project(tmp_path / "project")
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=project, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "Stand"], cwd=project, check=True)
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "macros", "editor", "--project", str(project),
                                "--port", str(port)], cwd=ROOT, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 20
        while not _listening_addresses(port):
            assert process.poll() is None and time.monotonic() < deadline, process.stdout.read()
            time.sleep(0.2)
        assert _listening_addresses(port) == {"0100007F"}  # 127.0.0.1, not every interface
        request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1", data=b'{"action":"info"}',
                                         headers={"Content-Type": "application/json"})
        assert json.loads(urllib.request.urlopen(request, timeout=5).read())["type"] == "local_git"
    finally:
        process.terminate()
        output = process.communicate(timeout=10)[0]
    assert "nur von diesem Rechner erreichbar" in output and "mkdocs serve" in output


def test_the_local_editor_server_says_what_is_missing(tmp_path):
    project = copy_project(tmp_path / "project")  # not a Git repository
    done = subprocess.run([sys.executable, "-m", "macros", "editor", "--project", str(project)], cwd=ROOT,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    assert done.returncode == 1 and "kein Git-Repository" in done.stderr and "Traceback" not in done.stderr


def test_a_one_field_edit_is_a_one_line_change_with_the_comments_kept(chromium, editor_project):
    project, port, site = editor_project
    source = project / "data" / "projects" / "e-akte.yml"
    text = source.read_text(encoding="utf-8")
    commented = text.replace("lead: geschaeftsstelle\n", "# Federführung laut Geschäftsverteilung\n"
                                                         "lead: geschaeftsstelle\n", 1)
    assert commented != text
    source.write_text(commented, encoding="utf-8")
    subprocess.run([*GIT, "commit", "-q", "-am", "Kommentar"], cwd=project, check=True)
    with decap_server(project, port), serve(site) as base:
        page = _signed_in(chromium, base, "#/collections/projects/entries/e-akte")
        title = page.get_by_label("Titel des Projekts")
        title.wait_for()
        title.fill("Einführung der E-Akte")
        page.get_by_role("button", name="Speichern").click()
        page.get_by_text("Änderungen gespeichert", exact=False).first.wait_for()
        page.close()
    diff = subprocess.run(["git", "diff", "--unified=0", "main", "cms/projects/e-akte", "--", "data/projects/e-akte.yml"],
                          cwd=project, capture_output=True, text=True, check=True).stdout
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == ["-title: Einführung der elektronischen Akte (E-Akte)", "+title: Einführung der E-Akte"], diff


ENGLISH_LEFT = re.compile(r"\b(Login|No options|Unpublished Entries|Loading\.\.\.|No Entries)\b")


def test_the_editor_speaks_german(chromium, editor_project):
    project, port, site = editor_project
    seen = {}
    with decap_server(project, port), serve(site) as base:
        page = chromium.new_page(locale="de-DE")
        editor = base.replace("127.0.0.1", "localhost") + "redaktion/editor/"
        page.goto(editor)
        login = page.get_by_role("button", name="Anmelden")
        login.wait_for()
        seen["Anmeldung"] = page.inner_text("body")
        login.click()
        page.goto(editor + "#/collections/projects/new")
        field_id = page.locator('label:has-text("Beteiligte Mitglieder")').first.get_attribute("for")
        page.locator(f"#{field_id}").click()
        page.keyboard.type("Atlantis", delay=KEY_PAUSE_MS)  # no member is called so
        page.get_by_text("Kein Eintrag passt zu Ihrer Eingabe").wait_for()
        seen["Formular"] = page.inner_text("body")
        # Choices are named, not listed as stored values ("Stand: idee, geplant, …").
        assert "idee, geplant" not in seen["Formular"] and "e-government oder smart-region" not in seen["Formular"]
        page.goto(editor + "#/collections/pages/entries/beteiligung-md")
        help_text = page.get_by_text("So tippen Sie Markdown", exact=False).first
        help_text.wait_for()
        # The help shows the signs to type, not what they would make.
        assert "# Überschrift, **fett**, [Linktext](https://…)" in help_text.inner_text()
        page.goto(editor + "#/workflow")
        page.get_by_text("Redaktioneller Arbeitsablauf", exact=False).first.wait_for()
        seen["Arbeitsablauf"] = page.inner_text("body")
        # No uploads: the media library is not offered (the header shows no "Medien").
        assert page.get_by_role("button", name="Medien").count() == 0 or \
            not page.get_by_role("button", name="Medien").first.is_visible()
        page.close()
    assert {name: ENGLISH_LEFT.findall(text) for name, text in seen.items()} == \
        {"Anmeldung": [], "Formular": [], "Arbeitsablauf": []}


def _field(page, label: str):
    """The input of the field whose label starts with ``label`` (Decap ties each label to its input by id)."""
    field_id = page.locator("label").filter(has_text=re.compile(f"^{re.escape(label)}")).first.get_attribute("for")
    return page.locator(f"#{field_id}")


def _retype(field, text: str) -> None:
    """Replace a text field's value as a person does: select all, type anew (Decap's text
    fields put the cursor back where it was when they get focus, after Playwright's fill selects)."""
    field.press("Control+a")
    field.press("Backspace")
    field.press_sequentially(text, delay=KEY_PAUSE_MS)
    expect(field).to_have_value(text)


def _branches(project: Path) -> str:
    return subprocess.run(["git", "branch", "--list", "cms/*"], cwd=project, capture_output=True,
                          text=True, check=True).stdout


def test_the_form_knows_the_rules_the_check_knows(chromium, editor_project):
    from datetime import date, timedelta

    from macros.data.models import REVIEWED_RULE, Project, Source, slug_from_title
    from macros.data.rules import LIMIT_MESSAGES

    project, port, site = editor_project
    title = "Regeln im Formular"
    tomorrow = date.today() + timedelta(days=1)
    with decap_server(project, port), serve(site) as base:
        page = _signed_in(chromium, base, "#/collections/projects/new")
        _fill_new_project(page, title, "x" * 349)
        # Characters are counted as the author types, against the same limit as check.
        page.get_by_text("349 von 300 Zeichen – 49 zu viel").wait_for()
        _field(page, "Beginn").fill("2026-05-01")
        _field(page, "Ende").fill("2026-04-30")
        _field(page, "Gesamtvolumen").fill("10.000")
        _field(page, "Davon Fördermittel").fill("25.000 €")
        _field(page, "Datum der letzten inhaltlichen Prüfung").fill(tomorrow.isoformat())
        page.get_by_role("button", name="Quelle hinzufügen").click()
        _field(page, "Titel der Quelle").fill("Eine Quelle ohne Fundstelle")
        page.get_by_role("button", name="Speichern").click()
        page.get_by_text("Noch nicht gespeichert: Bitte die markierten Felder", exact=False).first.wait_for()
        # Every problem at once, in the words check uses.
        expected = [
            LIMIT_MESSAGES["too_long"].format(max=300) + LIMIT_MESSAGES["too_long_by"].format(actual=349, over=49),
            Project.rules[0].message,
            "die Fördermittel (25.000 €) sind höher als das Gesamtvolumen (10.000 €)",
            REVIEWED_RULE.message.format(value=tomorrow.strftime("%d.%m.%Y")),
            f"Quelle 1 – Webadresse der Quelle: {Source.rules[0].message}",
        ]
        for text in expected:
            page.get_by_text(text, exact=False).first.wait_for(timeout=5000)
        time.sleep(1)
        assert f"cms/projects/{slug_from_title(title)}" not in _branches(project)  # nothing saved

        # Mended, the entry saves.
        _field(page, "Kurzbeschreibung in einem Absatz").fill("Kurz genug.")
        page.get_by_text("11 von 300 Zeichen").wait_for()
        _field(page, "Ende").fill("2026-12-31")
        _retype(_field(page, "Davon Fördermittel"), "5.000")
        _field(page, "Datum der letzten inhaltlichen Prüfung").fill("2026-11-20")
        _field(page, "Fundstelle ohne Webadresse").fill("Vorlage 1/2026")
        page.get_by_role("button", name="Speichern").click()
        page.get_by_text("Änderungen gespeichert", exact=False).first.wait_for()
        page.close()
    assert f"cms/projects/{slug_from_title(title)}" in _branches(project)


def test_the_editor_derives_the_known_deadline(chromium, editor_project):
    project, port, site = editor_project
    with decap_server(project, port), serve(site) as base:
        page = _signed_in(chromium, base, "#/collections/funding/entries/interkommunale-zusammenarbeit-nrw")
        switch = _field(page, "Frist bekannt")
        switch.click()  # "not known" …
        _field(page, "Einreichungsfrist").fill("2027-03-31")  # … and yet a deadline
        page.get_by_role("button", name="Speichern").click()
        page.get_by_text("Änderungen gespeichert", exact=False).first.wait_for()
        page.close()
    diff = subprocess.run(["git", "diff", "main", "cms/funding/interkommunale-zusammenarbeit-nrw", "--",
                           "data/funding/interkommunale-zusammenarbeit-nrw.yml"],
                          cwd=project, capture_output=True, text=True, check=True).stdout
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == ["+deadline: 2027-03-31"], diff


def _front_matter_and_body(text: str) -> tuple[dict, str]:
    import yaml

    _start, meta, body = text.split("---\n", 2)
    return yaml.safe_load(meta), body.strip()


def test_a_post_and_a_page_save_with_their_heading_and_sources(chromium, editor_project):
    """The older posts carry their heading as the text's first line, pages their sources in the
    front matter: a changed description saves without retyping either, and changes its own line only."""
    project, port, site = editor_project
    changed = {"docs/aktuelles/posts/digitalnetzwerk-gegruendet.md": "#/collections/news/entries/digitalnetzwerk-gegruendet",
               "docs/strategie.md": "#/collections/pages/entries/strategie-md"}
    with decap_server(project, port), serve(site) as base:
        for route in changed.values():
            page = _signed_in(chromium, base, route)
            _retype(_field(page, "Beschreibung für Suchmaschinen"), "Neu beschrieben.")
            page.get_by_role("button", name="Speichern").click()
            page.get_by_text("Änderungen gespeichert", exact=False).first.wait_for()
            page.close()
    branches = _branches(project).split()
    for path in changed:
        branch = next(name for name in branches if name.startswith(("cms/news/digitalnetzwerk", "cms/pages/strategie"))
                      and (("news" in name) == ("posts" in path)))
        before, after = (subprocess.run(["git", "show", f"{ref}:{path}"], cwd=project, capture_output=True,
                                        text=True, check=True).stdout for ref in ("main", branch))
        meta_before, body_before = _front_matter_and_body(before)
        meta_after, body_after = _front_matter_and_body(after)
        assert meta_after == {**meta_before, "description": "Neu beschrieben."}, path
        assert body_after == body_before, path
        # One changed field, one changed line: the rest of the front matter and the text as they were.
        old_line = next(line for line in before.splitlines() if line.startswith("description:"))
        changed_lines = [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
                         if line[:1] in "+-" and not line.startswith(("+++", "---"))]
        assert changed_lines == [f"-{old_line}", "+description: Neu beschrieben."], path


def test_a_new_post_is_named_after_the_heading_it_starts_with(chromium, editor_project):
    project, port, site = editor_project
    with decap_server(project, port), serve(site) as base:
        page = _signed_in(chromium, base, "#/collections/news/new")
        _field(page, "Datum der Veröffentlichung").fill("2026-11-20")
        _choose(page, "Kategorien", "Netz", "Netzwerk")
        _field(page, "Text").fill("# Neue Sprechstunde im Kreishaus\n\nText des Beitrags.\n")
        page.get_by_role("button", name="Speichern").click()
        page.get_by_text("Änderungen gespeichert", exact=False).first.wait_for()
        page.close()
    branch = "cms/news/neue-sprechstunde-im-kreishaus"
    assert branch in _branches(project)
    saved = subprocess.run(["git", "show", f"{branch}:docs/aktuelles/posts/neue-sprechstunde-im-kreishaus.md"],
                           cwd=project, capture_output=True, text=True, check=True).stdout
    meta, body = _front_matter_and_body(saved)
    assert meta["title"] == "Neue Sprechstunde im Kreishaus" and body.startswith("# Neue Sprechstunde")
