"""Shared fixtures: real site builds into temporary folders.

Each build copies the project (mkdocs.yml, docs, data, macros, overrides) into a
temporary folder, optionally changes data or pages there, and runs
``mkdocs build --strict`` in a subprocess, exactly as an editor or CI would.

Most tests build the *example* site: the project with ``examples/data`` and the
example news posts in place of the real ones, so they have many kinds of entry
to work with. The real ``data/`` holds only sourced facts (``real_site``).
"""

from __future__ import annotations

import fcntl
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
from macros.urls import EDITOR_DIR  # noqa: E402 - after ROOT, as the other imports

EXAMPLES = ROOT / "examples"
EXAMPLE_DATA = EXAMPLES / "data"
BUILD_DATE = "2026-11-25"
_PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "macros", "overrides")


# What `npm ci` installs and the suite needs: the editor's code (every build publishes it) and
# axe-core (the accessibility tests). Without them most tests would fail one by one.
NPM_FILES = ("node_modules/decap-cms/dist", "node_modules/yaml/browser/dist", "node_modules/axe-core/axe.min.js")


def pytest_sessionstart(session) -> None:
    missing = [name for name in NPM_FILES if not (ROOT / name).exists()]
    if missing and not hasattr(session.config, "workerinput"):  # said once, by the controlling process
        pytest.exit(f"Es fehlen Pakete aus npm ({', '.join(missing)}). Bitte zuerst im Projektordner "
                    "'npm ci --no-audit --no-fund' ausführen (siehe README, zweiter Befehl).", returncode=1)


@dataclass
class Build:
    project: Path
    site: Path
    returncode: int
    output: str

    def page(self, url: str) -> str:
        """The HTML of the page at a site-relative URL such as ``projekte/e-akte/``."""
        return (self.site / url / "index.html").read_text(encoding="utf-8")

    def all_text_files(self):
        """Every page and published text file; the editor's folder (an app, tested on its own) aside."""
        editor = self.site / EDITOR_DIR
        for path in sorted(self.site.rglob("*")):
            if editor in path.parents:
                continue
            if path.is_file() and path.suffix in (".html", ".json", ".xml", ".txt", ".js", ".css", ".csv", ".ics"):
                yield path, path.read_text(encoding="utf-8", errors="replace")


def site_pages(site: Path, pattern: str = "index.html") -> list[Path]:
    """The site's HTML pages: not the editor's folder (an app with its own tests), not .nginx/."""
    editor = site / EDITOR_DIR
    return [path for path in sorted(site.rglob(pattern)) if editor not in path.parents and ".nginx" not in path.parts]


def pagefind_record(fragment: Path) -> dict:
    """One page's record in Pagefind's index (text, title, anchors, picture, word count)."""
    return json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))


def pagefind_records(site: Path) -> dict[str, dict]:
    """Pagefind's record of each page of a built site, by address."""
    records = (pagefind_record(path) for path in (site / "pagefind" / "fragment").iterdir())
    return {record["url"]: record for record in records}


def private_contact_strings(data_dir: Path) -> set[str]:
    """Id, name, role, e-mail and phone of every contact with ``public: false``."""
    from macros.data.load import load_file

    document, _ = load_file(data_dir / "contacts.yml", "contacts.yml")
    strings = set()
    for contact in document.data:
        if contact.get("public") is False:
            strings |= {str(contact[key]) for key in ("id", "name", "role", "email", "phone") if key in contact}
    assert strings, "the data should hold at least one non-public contact to test with"
    return strings


def copy_project(target: Path, examples: bool = True) -> Path:
    """Copy the project to ``target``; with ``examples``, the example data and posts replace the real ones."""
    target.mkdir(parents=True, exist_ok=True)
    for part in _PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    # The editor's browser code (npm ci): shared, not copied (hundreds of megabytes).
    if (ROOT / "node_modules").is_dir():
        (target / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    if examples:
        for part in ("data", "docs/aktuelles/posts"):
            shutil.rmtree(target / part)
            shutil.copytree(EXAMPLES / part, target / part)
    return target


def run_build(project: Path, today: str | None = BUILD_DATE) -> Build:
    """Build ``project`` as of ``today`` (None: the real date, as a deploy would)."""
    site = project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("HUB_TODAY", None)
    if today:
        env["HUB_TODAY"] = today
    result = subprocess.run(
        # Not --quiet: it hides warnings from --strict, which then passes broken links.
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )
    return Build(project, site, result.returncode, result.stdout + result.stderr)


def once_per_run(tmp_path_factory, worker_id: str, name: str, make):
    """``make(folder)`` once for the whole test run: the first xdist worker that needs it
    runs it, the others wait and read its result (anything JSON can hold)."""
    if worker_id == "master":  # a single process: nothing to share
        return json.loads(json.dumps(make(tmp_path_factory.mktemp(name))))
    shared = tmp_path_factory.getbasetemp().parent  # this run's folder, common to its workers
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        record = shared / f"{name}.json"
        if not record.exists():
            record.write_text(json.dumps(make(shared / name)), encoding="utf-8")
        return json.loads(record.read_text(encoding="utf-8"))


def built_once(tmp_path_factory, worker_id: str, name: str, make) -> Build:
    """A build the whole test run shares (``make(folder)`` returns it). Tests only read it."""
    def record(folder: Path) -> dict:
        build = make(folder)
        return {"project": str(build.project), "site": str(build.site),
                "returncode": build.returncode, "output": build.output}

    saved = once_per_run(tmp_path_factory, worker_id, name, record)
    return Build(Path(saved["project"]), Path(saved["site"]), saved["returncode"], saved["output"])


@pytest.fixture(scope="session")
def example_site(tmp_path_factory, worker_id) -> Build:
    """The site with the example data, built once for the whole run."""
    build = built_once(tmp_path_factory, worker_id, "example", lambda folder: run_build(copy_project(folder)))
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def real_site(tmp_path_factory, worker_id) -> Build:
    """The repository's own site with its real data, built once for the whole run."""
    build = built_once(tmp_path_factory, worker_id, "real",
                       lambda folder: run_build(copy_project(folder, examples=False), today=None))
    assert build.returncode == 0, build.output
    return build


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A fresh copy of the project to change and build in one test."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory, worker_id) -> Build:
    """A site built from valid data and pages whose every string tries to break out."""
    from tests.hostile_data import write_hostile_data, write_hostile_pages

    def make(folder: Path) -> Build:
        project = copy_project(folder)
        write_hostile_data(project)
        write_hostile_pages(project)
        return run_build(project)

    build = built_once(tmp_path_factory, worker_id, "hostile", make)
    assert build.returncode == 0, build.output
    return build


GITLAB_REPOSITORY = "https://gitlab.opencode.de/kreis/hub"
DEEP_PAGE = "a/b/c/d/tief"
QUOTED_DESCRIPTION = 'Die "beste" <Strategie> & mehr'
GLOSSARY_SIZE = 1500


@pytest.fixture(scope="session")
def variant_site(tmp_path_factory, worker_id) -> Build:
    """The example site with harmless variations, for one build: the repository on GitLab,
    a page four folders deep (DEEP_PAGE), a glossary of GLOSSARY_SIZE terms (the last one
    used on the strategy page) and quotes in the strategy page's description."""
    def make(folder: Path) -> Build:
        project = copy_project(folder)
        config = project / "mkdocs.yml"
        text = re.sub(r"^repo_url: .*$", f"repo_url: {GITLAB_REPOSITORY}", config.read_text(encoding="utf-8"),
                      flags=re.M)
        config.write_text(text, encoding="utf-8")
        add_to_menu(project, f"{DEEP_PAGE}.md")
        deep = project / "docs" / f"{DEEP_PAGE}.md"
        deep.parent.mkdir(parents=True)
        deep.write_text("# Tief\n\nText.\n", encoding="utf-8")
        append(project / "data" / "glossary.yml", "".join(
            f"\n- id: begriff-{i}\n  term: BGR{i}\n  long: Begriff {i}\n  definition: Erklärung {i}.\n"
            for i in range(GLOSSARY_SIZE)))
        strategy = project / "docs" / "strategie.md"
        text = strategy.read_text(encoding="utf-8")
        start = text.index("description:")
        end = text.index("\n", start)
        strategy.write_text(text[:start] + f"description: '{QUOTED_DESCRIPTION}'" + text[end:]
                            + f"\nBGR{GLOSSARY_SIZE - 1} steht hier.\n", encoding="utf-8")
        return run_build(project)

    build = built_once(tmp_path_factory, worker_id, "variant", make)
    assert build.returncode == 0, build.output
    return build


SOON_CALL = "modellprojekte-smart-cities"  # ends ten days after the build on the soon site


@pytest.fixture(scope="session")
def soon_site(tmp_path_factory, worker_id) -> Build:
    """The example site with a call that ends ten days after the build (SOON_CALL) and one
    that ends 200 days after it (``foerderung/spaeter/``), for the deadline rules."""
    def make(folder: Path) -> Build:
        project = copy_project(folder)
        today = date.fromisoformat(BUILD_DATE)
        call = project / "data" / "funding" / f"{SOON_CALL}.yml"
        call.write_text(call.read_text(encoding="utf-8").replace(
            "deadline: 2021-05-14", f"deadline: {today + timedelta(days=10)}"), encoding="utf-8")
        (project / "data" / "funding" / "spaeter.yml").write_text(
            f"title: Programm später\nfunder: Land\nlevel: land\nsummary: S\nurl: https://www.land.nrw/\n"
            f"deadline: {today + timedelta(days=200)}\nreviewed: {BUILD_DATE}\n", encoding="utf-8")
        return run_build(project)

    build = built_once(tmp_path_factory, worker_id, "soon", make)
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium (its headless shell), driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium fehlt unter {CHROMIUM}: apt-get install chromium-headless-shell "
                    "(siehe .ci/system-packages)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def soup(html: str) -> BeautifulSoup:
    """A parsed page without the ¶ permalinks, so headings read as their text."""
    page = BeautifulSoup(html, "html.parser")
    for permalink in page.select("a.headerlink"):
        permalink.decompose()
    return page


@pytest.fixture
def data(tmp_path) -> Path:
    """A copy of the repository's data/ to change in one test."""
    shutil.copytree(EXAMPLE_DATA, tmp_path / "data")
    return tmp_path / "data"


def data_problems(data_dir: Path) -> list[str]:
    """Every problem the data check reports for ``data_dir``, as printed lines."""
    from datetime import date

    from macros.data.catalog import load_catalog
    from macros.data.problems import DataError

    try:
        load_catalog(data_dir, today=date.fromisoformat(BUILD_DATE), docs_dir=ROOT / "docs")
    except DataError as error:
        return [str(p) for p in error.problems]
    return []


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def add_to_menu(project: Path, *pages: str) -> None:
    """Put ``pages`` (paths under docs/) into the project's menu, after the glossary."""
    config = project / "mkdocs.yml"
    menu = "".join(f"  - {page}\n" for page in pages)
    config.write_text(config.read_text(encoding="utf-8").replace("  - glossar.md\n", "  - glossar.md\n" + menu, 1),
                      encoding="utf-8")
