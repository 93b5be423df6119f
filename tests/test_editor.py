"""The browser editor under /redaktion/editor/: generated from the models, self-hosted, own CSP."""

from __future__ import annotations

import html
import re

import yaml
from pydantic import BaseModel

from macros.data.models import EditorSettings, SiteInfo
from macros.kinds import REGISTRY
from macros.outputs import editor
from macros.outputs.editor import LIST_FIELD, _part_model, backend, editor_config, save_formats
from tests.conftest import ROOT, private_contact_strings

KNOWN = {"towns": [("brakel", "Stadt Brakel"), ("kreis-hoexter", "Kreis Höxter")],
         "funding": [("modellprojekte-smart-cities", "Modellprojekte Smart Cities")]}
GITHUB = backend("https://github.com/digitalnetzwerk/hub", EditorSettings())


def _config(**changes) -> dict:
    arguments = {"known": KNOWN, "categories": ["Netzwerk", "Projekte"],
                 "pages": [("index.md", "Startseite"), ("mitmachen.md", "Mitmachen")],
                 "chosen": GITHUB, "local_backend": None, **changes}
    return editor_config(**arguments)


def _collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


def _entry_fields(collection: dict) -> list[dict]:
    if "fields" in collection:
        return collection["fields"]
    (only,) = collection["files"]
    fields = only["fields"]
    return fields[0]["fields"] if fields[0]["name"] == LIST_FIELD else fields


def _missing(model: type[BaseModel], fields: list[dict], where: str) -> list[str]:
    """Model fields without an editor field, parts included (recursively)."""
    by_name = {f["name"]: f for f in fields}
    missing = []
    for name, info in model.model_fields.items():
        if name not in by_name:
            missing.append(f"{where}.{name}")
            continue
        part = _part_model(info.annotation)
        if part is not None:
            missing += _missing(part, by_name[name].get("fields", []), f"{where}.{name}")
    return missing


def test_every_model_field_has_an_editor_field():
    config = _config()
    missing = []
    for kind in REGISTRY.values():
        missing += _missing(kind.model, _entry_fields(_collection(config, kind.key)), kind.key)
    missing += _missing(SiteInfo, _entry_fields(_collection(config, "site")), "site")
    assert missing == []


def test_a_field_the_editor_cannot_show_fails_the_check():
    config = _config()
    projects = _collection(config, "projects")
    projects["fields"] = [f for f in projects["fields"] if f["name"] != "budget_eur"]
    assert _missing(REGISTRY["projects"].model, projects["fields"], "projects") == ["projects.budget_eur"]


def test_widgets_follow_the_models():
    fields = {f["name"]: f for f in _collection(_config(), "projects")["fields"]}
    assert fields["status"]["widget"] == "select"
    assert [o["value"] for o in fields["status"]["options"]] == ["idee", "geplant", "laufend", "pausiert",
                                                                  "abgeschlossen", "unbekannt"]
    assert {o["label"] for o in fields["area"]["options"]} == {"E-Government", "Smart Region"}
    assert fields["reviewed"].items() >= {"widget": "datetime", "format": "YYYY-MM-DD", "time_format": False,
                                      "required": True}.items()
    assert fields["towns"].items() >= {"widget": "relation", "collection": "towns", "file": "towns",
                                   "value_field": f"{LIST_FIELD}.*.id", "multiple": True}.items()
    assert fields["lead"].items() >= {"widget": "relation", "collection": "contacts", "required": False}.items()
    assert "multiple" not in fields["lead"]
    assert fields["funding"].items() >= {"widget": "relation", "collection": "funding", "value_field": "{{slug}}"}.items()
    assert fields["topics"]["collection"] == "topics"
    # Numbers are typed as text (a number field reads "25.000" as 25): German forms only.
    assert fields["budget_eur"]["widget"] == "string"
    accepted = re.compile(fields["budget_eur"]["pattern"][0])
    assert all(accepted.match(typed) for typed in ("25000", "25.000", "25 000 €", "1.250.000 EUR", "0"))
    assert not any(accepted.match(typed) for typed in ("25.5", "25,50", "-5", "25.00", "zwei", ""))
    # A mapping keyed by ids: one field per existing funding call, labelled with its title.
    assert [(f["name"], f["label"]) for f in fields["funding_excluded"]["fields"]] == KNOWN["funding"]
    assert fields["sources"]["label_singular"] == "Quelle"
    assert fields["title"]["label"] == "Titel des Projekts" and fields["title"]["hint"] == ""
    assert fields["status"]["label"] == "Stand"
    services = {f["name"]: f for f in _collection(_config(), "shared_services")["fields"]}
    assert [f["name"] for f in services["participation"]["fields"]] == ["brakel", "kreis-hoexter"]
    assert services["participation"]["fields"][0]["widget"] == "select"


def test_one_entry_files_take_their_name_from_an_id_the_file_does_not_hold():
    projects = _collection(_config(), "projects")
    assert projects["folder"] == "data/projects" and projects["slug"] == "{{id}}"
    assert projects["format"] == "hub-projects" and projects["create"] is True
    formats = save_formats()
    assert formats["hub-projects"]["drop"] == ["id"]
    assert formats["hub-projects"]["order"][:3] == ["title", "area", "status"]
    assert formats["hub-projects"]["order"][-2:] == ["sources", "to_confirm"]
    assert formats["hub-towns"]["list"] is True and formats["hub-towns"]["drop"] == []
    assert {"reviewed", "deadline", "date", "start"} <= set(formats["hub-site"]["date_keys"])
    for name, spec in formats.items():
        schema_line = spec["header"].splitlines()[0]
        target = re.fullmatch(r"# yaml-language-server: \$schema=((?:\.\./)+)schemas/(.+)", schema_line)
        assert target, (name, schema_line)
        assert (ROOT / "schemas" / target.group(2)).is_file(), name


def test_news_and_pages_are_collections():
    config = _config()
    news = _collection(config, "news")
    assert news["folder"] == "docs/aktuelles/posts" and news["format"] == "hub-frontmatter"
    fields = {f["name"]: f for f in news["fields"]}
    assert fields["categories"]["options"] == ["Netzwerk", "Projekte"]
    assert fields["date"]["format"] == "YYYY-MM-DD" and fields["topics"]["widget"] == "relation"
    pages = _collection(config, "pages")
    assert [f["file"] for f in pages["files"]] == ["docs/index.md", "docs/mitmachen.md"]
    body = next(f for f in pages["files"][0]["fields"] if f["name"] == "body")
    assert body["widget"] == "text"  # pages call macros: saved as written, never re-formatted


def test_backend_follows_the_repository_host():
    assert GITHUB.settings == {"name": "github", "repo": "digitalnetzwerk/hub", "branch": "main"}
    assert GITHUB.api_hosts == ("https://api.github.com",)
    gitlab = backend("https://gitlab.opencode.de/kreis-hoexter/hub", EditorSettings(gitlab_app_id="abc123"))
    assert gitlab.settings.items() >= {"name": "gitlab", "repo": "kreis-hoexter/hub", "auth_type": "pkce",
                                   "app_id": "abc123", "api_root": "https://gitlab.opencode.de/api/v4"}.items()
    assert gitlab.api_hosts == ("https://gitlab.opencode.de",)
    config = _config(chosen=gitlab, local_backend="http://localhost:8081/api/v1")
    assert config["publish_mode"] == "editorial_workflow"
    assert config["local_backend"]["url"] == "http://localhost:8081/api/v1"
    assert "local_backend" not in _config()


def test_the_editor_has_its_own_policy():
    policy = editor.editor_csp(GITHUB, None)
    assert "script-src 'self' 'unsafe-eval';" in policy
    assert "connect-src 'self' https://api.github.com;" in policy
    assert "default-src 'none'" in policy and "form-action 'none'" in policy
    assert "localhost" not in policy
    assert "http://localhost:8081" in editor.editor_csp(GITHUB, "http://localhost:8081/api/v1")


def test_the_built_site_serves_the_editor_from_its_own_files(example_site):
    folder = example_site.site / "redaktion" / "editor"
    page = (folder / "index.html").read_text(encoding="utf-8")
    policy = html.unescape(re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">',
                                     page).group(1))
    assert "script-src 'self' 'unsafe-eval'" in policy
    assert re.findall(r'<script[^>]*src="([^"]+)"', page) == ["editor-setup.js", "decap-cms.js", "editor.js"]
    assert "<script>" not in page and not re.search(r'(src|href)="(https?:)?//', page)
    for name in ("decap-cms.js", "editor.js", "yaml/index.js", "formats.json", "config.yml"):
        assert (folder / name).is_file(), name
    config = yaml.safe_load((folder / "config.yml").read_text(encoding="utf-8"))
    names = {c["name"] for c in config["collections"]}
    assert set(REGISTRY) | {"site", "news", "pages"} == names
    assert config["backend"]["name"] == "github" and "local_backend" not in config
    pages = [f["file"] for f in next(c for c in config["collections"] if c["name"] == "pages")["files"]]
    assert "docs/mitmachen.md" in pages and "docs/redaktion/felder.md" not in pages
    assert not any(p.startswith("docs/aktuelles/posts/") for p in pages)
    # Decap's chunks load from next to its script: no other host, no CDN.
    assert not re.search(r"https://(unpkg\.com|cdn\.jsdelivr\.net)", (folder / "decap-cms.js").read_text())
    headers = (example_site.site / editor.EDITOR_HEADERS_FILE).read_text(encoding="utf-8")
    assert policy in headers
    # Names from the data reach the editor as YAML text; contacts that are not public do not.
    written = (folder / "config.yml").read_text(encoding="utf-8")
    assert not re.search(r"[&*]id\d+", written)  # every value where it stands, readable without YAML anchors
    assert not {s for s in private_contact_strings(example_site.project / "data") if len(s) > 6} & \
        set(re.findall(r"[\w@.+-]{7,}", written))
    # Not a page of the site: no search entry, no sitemap entry.
    assert "redaktion/editor" not in (example_site.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in (folder / "index.html").read_text(encoding="utf-8")


def test_the_editor_settings_are_checked(project_copy):
    from tests.conftest import run_build

    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "    oauth_base_url: null\n", "    oauth_base_url: http://auth.example\n", 1),
        encoding="utf-8")
    build = run_build(project_copy)
    assert build.returncode == 1
    assert "mkdocs.yml" in build.output and "extra.editor.oauth_base_url" in build.output
    assert "muss mit https:// beginnen" in build.output


def test_without_npm_the_editor_page_says_so(project_copy):
    from tests.conftest import run_build

    (project_copy / "node_modules").unlink()
    build = run_build(project_copy)
    # A warning: `mkdocs build` goes on, the pipelines' --strict builds stop (they run npm ci).
    assert build.returncode == 1
    assert "Der Editor unter /redaktion/editor/ fehlt in diesem Build" in build.output
    assert "npm ci" in build.output
    page = (build.site / "redaktion" / "editor" / "index.html").read_text(encoding="utf-8")
    assert "Editor nicht eingerichtet" in page and "<script" not in page
