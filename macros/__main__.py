"""Command line for editors and pipelines.

    python -m macros check [--release] [--stale] [--format text|github|gitlab] [--data data]
    python -m macros new projects|funding|trainings|shared_services "Titel"
    python -m macros schemas [--check]
    python -m macros links [--external] [site]
    python -m macros urls [site] > tests/published-urls.txt

``check`` validates everything under data/ without building the site and
prints each problem as ``data/…/x.yml:LINE: Feld: Meldung`` (with
``--format github`` as annotations on the pull request's lines). Exit code 0
means all is well, 1 means there are problems to fix.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from macros import PAGE_MACROS
from macros.data.catalog import build_date, load_catalog
from macros.data.page_check import docs_problems
from macros.data.posts import post_problems
from macros.data.problems import DataError, Problem
from macros.data.release import release_problems, template_default_problems
from macros.data.site_config import CONFIG_FILE, read_site_config
from macros.data.source_files import source_problems
from macros.kinds import REGISTRY
from macros.urls import NEWS_POSTS
from macros.wording import count

# The other commands import what they need when they run: 'check' stays light and fast.

# Every name a kind answers to on the command line (key and aliases), for kinds editors create.
KIND_NAMES = {name: kind.key for kind in REGISTRY.values() if kind.new_entry
              for name in (kind.key, *kind.aliases)}


def github_annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command that marks the problem on its line."""
    def escape(text: str, property_: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if property_ else text

    message = f"{problem.field}: {problem.message}" if problem.field else problem.message
    return (f"::error file={escape(problem.file, True)},line={problem.line},"
            f"title={escape('Datenfehler', True)}::{escape(message)}")


def code_quality(problems: list[Problem]) -> str:
    """GitLab's Code Quality report: the merge request shows each problem on its line."""
    issues = []
    for problem in problems:
        message = f"{problem.field}: {problem.message}" if problem.field else problem.message
        fingerprint = hashlib.sha256(f"{problem.file}:{problem.line}:{message}".encode()).hexdigest()
        issues.append({"description": message, "check_name": "digitalnetzwerk-daten", "fingerprint": fingerprint,
                       "severity": "major", "location": {"path": problem.file, "lines": {"begin": problem.line}}})
    return json.dumps(issues, ensure_ascii=False, indent=2)


def _report(problems: list[Problem], output_format: str) -> None:
    """The German list on stderr; for pipelines also annotations (GitHub) or a report (GitLab) on stdout."""
    ordered = DataError(problems).problems if problems else []
    if output_format == "github":
        for problem in ordered:
            print(github_annotation(problem))
    elif output_format == "gitlab":
        print(code_quality(ordered))
    if ordered:
        print(DataError(ordered).report(), file=sys.stderr)


def _check(args: argparse.Namespace) -> int:
    project = args.data.parent
    site_config = None
    if (project / CONFIG_FILE).is_file():
        # First, and with the strict loader: MkDocs would run Python tags in it when it loads it.
        site_config, problems = read_site_config(project)
        if problems:
            _report(problems, args.format)
            return 1
    docs = args.docs or project / (site_config.docs_dir if site_config else "docs")
    today = build_date()
    # Without mkdocs.yml (example data): the default folders, active files unchecked.
    problems = site_config.source_problems(project) if site_config else source_problems(project)
    if problems:  # nothing is read through a link
        _report(problems, args.format)
        return 1
    problems = post_problems(docs / NEWS_POSTS, f"docs/{NEWS_POSTS}", today)
    catalog = None
    try:
        catalog = load_catalog(args.data, today=today, docs_dir=docs)
    except DataError as error:
        problems += error.problems
    categories = site_config.categories if site_config else ()
    problems += docs_problems(docs, PAGE_MACROS, catalog, NEWS_POSTS, categories)
    problems += template_default_problems(args.data)
    if args.release:
        problems += release_problems(project, args.data, docs)
    stale = catalog.stale_problems(args.data) if catalog is not None else []
    if args.stale:
        problems += stale
    _report(problems, args.format)
    if problems:
        if args.release and catalog is not None:
            print("Die Website ist so noch nicht zur Veröffentlichung bereit (--release).", file=sys.stderr)
        return 1
    out = sys.stderr if args.format == "gitlab" else sys.stdout  # stdout carries the report there
    print(f"Daten in Ordnung: {count(len(catalog.towns), 'Mitglied', 'Mitglieder')}, "
          f"{count(len(catalog.projects), 'Projekt', 'Projekte')}, "
          f"{count(len(catalog.funding), 'Förderprogramm', 'Förderprogramme')}, "
          f"{count(len(catalog.contacts), 'öffentlicher Kontakt', 'öffentliche Kontakte')}.", file=out)
    if stale:
        print(f"Hinweis: {count(len(stale), 'Eintrag wurde', 'Einträge wurden')} seit mehr als zwölf Monaten "
              "nicht geprüft (mit --stale ist das ein Fehler).", file=out)
    return 0


def _new(args: argparse.Namespace) -> int:
    from macros.commands.new_entry import EntryExists, create_entry

    kind = KIND_NAMES[args.kind]
    try:
        path = create_entry(args.data, kind, args.title, build_date())
    except (EntryExists, ValueError) as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Angelegt: {path}\nBitte die Angaben ergänzen und mit 'python -m macros check' prüfen.")
    return 0


def _schemas(args: argparse.Namespace) -> int:
    from macros.commands.field_reference import REFERENCE_FILE, field_reference, write_reference
    from macros.commands.schemas import EDITOR_SETTINGS, data_schemas, editor_settings, render_schema, write_schemas

    project = args.out.parent
    if not args.check:
        settings = project / EDITOR_SETTINGS
        settings.parent.mkdir(exist_ok=True)
        settings.write_text(editor_settings(), encoding="utf-8")
        for path in [*write_schemas(args.out), write_reference(project), settings]:
            print(f"geschrieben: {path}")
        return 0
    expected = {args.out / name: render_schema(schema) for name, schema in data_schemas().items()}
    expected[project / REFERENCE_FILE] = field_reference()
    expected[project / EDITOR_SETTINGS] = editor_settings()
    stale = [path for path, text in expected.items()
             if not path.is_file() or path.read_text(encoding="utf-8") != text]
    for path in stale:
        print(f"veraltet: {path} (neu erzeugen mit 'python -m macros schemas')", file=sys.stderr)
    return 1 if stale else 0


def build_parser() -> argparse.ArgumentParser:
    """The command line's parser (pipelines are tested against it)."""
    parser = argparse.ArgumentParser(prog="python -m macros",
                                     description="Werkzeuge für die Daten des Digitalnetzwerks.")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="alle Dateien unter data/ prüfen")
    check.add_argument("--data", type=Path, default=Path("data"), help="Datenordner (Standard: data)")
    check.add_argument("--format", choices=("text", "github", "gitlab"), default="text",
                       help="github: Anmerkungen für GitHub Actions; gitlab: Code-Quality-Bericht (JSON) auf stdout")
    check.add_argument("--docs", type=Path, default=None, help="Seitenordner (Standard: docs neben data)")
    check.add_argument("--release", action="store_true",
                       help="vor der Veröffentlichung: auch Platzhalter, offene to_confirm-Punkte und "
                            "Einträge ohne Quelle als Fehler melden")
    check.add_argument("--stale", action="store_true",
                       help="Einträge, die seit mehr als zwölf Monaten nicht geprüft wurden, als Fehler melden")
    check.set_defaults(run=_check)

    new = commands.add_parser("new", help="neuen Eintrag aus einem Titel anlegen")
    new.add_argument("kind", choices=sorted(KIND_NAMES), help="Art des Eintrags")
    new.add_argument("title", help="Titel, z. B. \"Digitale Bürgerdienste Brakel\"")
    new.add_argument("--data", type=Path, default=Path("data"))
    new.set_defaults(run=_new)

    schemas = commands.add_parser("schemas", help="JSON-Schemas für Editoren und die Feldreferenz erzeugen")
    schemas.add_argument("--out", type=Path, default=Path("schemas"))
    schemas.add_argument("--check", action="store_true", help="nur prüfen, ob sie aktuell sind")
    schemas.set_defaults(run=_schemas)

    links = commands.add_parser("links", help="Links der gebauten Website prüfen")
    links.add_argument("site", type=Path, nargs="?", default=Path("site"))
    links.add_argument("--external", action="store_true",
                       help="Links zu anderen Websites abfragen (braucht Internet; für geplante Läufe)")
    links.set_defaults(run=_links)

    generate = commands.add_parser("generate", help="alle Seiten als Markdown für eine andere Engine erzeugen "
                                                    "(z. B. Zensical), in einen eigenen Ordner")
    generate.add_argument("--project", type=Path, default=Path("."), help="Projektordner (Standard: hier)")
    generate.add_argument("--stage", type=Path, default=Path(".stage"),
                          help="Zielordner mit docs/ und mkdocs.yml (Standard: .stage)")
    generate.set_defaults(run=_generate)

    build = commands.add_parser("build", help="die Website mit einer anderen Engine bauen: erzeugen, bauen, "
                                              "fertigstellen (für MkDocs: mkdocs build)")
    build.add_argument("--engine", choices=("zensical",), default="zensical")
    build.add_argument("--project", type=Path, default=Path("."), help="Projektordner (Standard: hier)")
    build.add_argument("--stage", type=Path, default=Path(".stage"),
                       help="Arbeitsordner; die Website entsteht in seinem Unterordner site/ (Standard: .stage)")
    build.set_defaults(run=_build)

    local = commands.add_parser("editor", help="den lokalen Server des Browser-Editors starten (nur 127.0.0.1; "
                                               "speichert Entwürfe als Zweige in diesem Repository)")
    local.add_argument("--project", type=Path, default=Path("."), help="Projektordner (Standard: hier)")
    local.add_argument("--port", type=int, default=None, help="Port (Standard: der, den der Editor erwartet)")
    local.set_defaults(run=_local_editor)

    published = commands.add_parser("urls", help="alle veröffentlichten Adressen der gebauten Website ausgeben")
    published.add_argument("site", type=Path, nargs="?", default=Path("site"))
    published.set_defaults(run=_urls)
    return parser


def _local_editor(args: argparse.Namespace) -> int:
    from macros.commands import local_editor

    try:
        local_editor.run(args.project, args.port or local_editor.PORT)
    except local_editor.LocalEditorError as error:
        print(error, file=sys.stderr)
    return 1


def _staged(args: argparse.Namespace):
    """The generate stage into ``args.stage``; None once its problems are reported."""
    from macros.generate.stage import generate

    try:
        return generate(args.project, args.stage, build_date())
    except DataError as error:
        _report(error.problems, "text")
        return None


def _generate(args: argparse.Namespace) -> int:
    stage = _staged(args)
    if stage is None:
        return 1
    print(f"{stage.folder}: {len(stage.written)} Dateien neu geschrieben, {len(stage.removed)} entfernt; "
          f"bauen mit: zensical build -f {stage.config_file}")
    return 0


def _build(args: argparse.Namespace) -> int:
    """generate → engine → finish."""
    import shutil
    import subprocess

    from macros.finish.site import SiteToFinish, finish_site

    stage = _staged(args)
    if stage is None:
        return 1
    engine = Path(sys.executable).parent / "zensical"
    if not engine.exists():
        engine = shutil.which("zensical")
    site_dir = stage.folder / "site"
    shutil.rmtree(site_dir, ignore_errors=True)  # the finish stage works on a fresh output only
    result = subprocess.run([str(engine), "build", "-f", str(stage.config_file.resolve())], cwd=stage.folder)
    if result.returncode != 0:
        return result.returncode
    values = stage.site_values
    try:
        finish_site(SiteToFinish(site_dir, stage.catalog, stage.redirects,
                                 extra_scripts=tuple(values.get("extra_javascript") or ())))
    except DataError as error:
        _report(error.problems, "text")
        return 1
    print(f"Website fertig: {site_dir}")
    return 0


def _links(args: argparse.Namespace) -> int:
    from macros.outputs.linkcheck import external_problems, internal_problems

    if not (args.site / "index.html").is_file():
        print(f"{args.site}: keine gebaute Website gefunden (erst 'mkdocs build')", file=sys.stderr)
        return 1
    problems = external_problems(args.site) if args.external else internal_problems(args.site)
    for problem in problems:
        print(problem)
    kind = "externe" if args.external else "interne"
    print(f"{len(problems)} defekte {kind} Links.", file=sys.stderr)
    return 1 if problems else 0


def _urls(args: argparse.Namespace) -> int:
    from macros.outputs.redirects import published_urls

    for url in published_urls(args.site):
        print(url)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
