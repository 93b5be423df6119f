"""mkdocs.yml, read as untrusted input: an allow-list of keys, plugins, extensions and values.

A pull request can change mkdocs.yml like any page. MkDocs itself loads the file
with PyYAML's full loader (Python tags run code), runs ``hooks``, follows
``docs_dir`` and ``theme.custom_dir`` wherever they point, lets
``pymdownx.snippets`` read any file, and prints ``site_name``, ``repo_url`` and
the navigation titles into every page without escaping. So ``python -m macros
check`` reads the file here first, with the strict loader and only the
project's own Python name, and the build checks it again: every key is
known, every folder lies inside the repository, every text that reaches a page
or a generated file is plain. Each problem names mkdocs.yml and the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from macros.data.load import Document, load_file
from macros.data.messages import validate
from macros.data.models import EditorSettings, HttpsUrl
from macros.data.problems import Problem

CONFIG_FILE = "mkdocs.yml"
# The one Python name mkdocs.yml may use: the blog's slugs come from the hub's own function.
SLUGIFY = "macros.urls.slugify"
KNOWN_TAGS = {f"tag:yaml.org,2002:python/name:{SLUGIFY}": f"!!python/name:{SLUGIFY}"}

# Material prints these texts into pages and attributes as they are.
_MARKUP = re.compile(r"[<>\"'`]")
_URL_MARKUP = re.compile(r"[<>\"'`\\{}|^]")
_RELATIVE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*/?")


def _plain(value: str) -> str:
    if _MARKUP.search(value):
        raise ValueError("darf keine Zeichen wie < > \" ' ` enthalten: das Theme setzt den Text ungeprüft in "
                         "jede Seite")
    return value


def _clean_url(value: str) -> str:
    if _URL_MARKUP.search(value):
        raise ValueError("eine Adresse darf keine Zeichen wie < > \" ' { } enthalten")
    return value


def _inside(value: str) -> str:
    """A relative path that stays inside the folder it is read from (no .., no absolute path)."""
    path = PurePosixPath(value)
    if not _RELATIVE.fullmatch(value) or ".." in path.parts or "." in path.parts:
        raise ValueError(f"'{value}' muss ein Pfad innerhalb des Repositorys sein (nur a–z, 0–9, '-', '_', '.', "
                         "'/'; kein '..', kein Pfad ab '/')")
    return value


Text = Annotated[str, Field(strict=True, min_length=1, max_length=300), AfterValidator(_plain)]
Url = Annotated[HttpsUrl, AfterValidator(_clean_url)]
InsidePath = Annotated[str, Field(strict=True, max_length=300), AfterValidator(_inside)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- theme -------------------------------------------------------------------------------------------

# Left out on purpose: content.tooltips and content.footnote.tooltips render title attributes as
# HTML (a glossary text or a link title became markup); navigation.instant swaps pages by script.
Feature = Literal[
    "navigation.prune", "navigation.sections", "navigation.indexes", "navigation.top", "navigation.tabs",
    "navigation.tabs.sticky", "navigation.expand", "navigation.path", "navigation.footer", "navigation.tracking",
    "toc.follow", "toc.integrate", "search.highlight", "search.suggest", "search.share", "header.autohide",
    "content.code.copy", "content.code.annotate", "content.action.edit", "content.action.view",
    "content.tabs.link", "announce.dismiss",
]
Icon = Annotated[str, Field(strict=True, pattern=r"^(material|fontawesome|octicons|simple)/[a-z0-9/-]+$")]


class _Toggle(_Strict):
    icon: Icon
    name: Text


class _Palette(_Strict):
    media: Annotated[str, Field(strict=True, pattern=r"^\(prefers-color-scheme: (light|dark)\)$")] | None = None
    scheme: Literal["default", "slate"]
    primary: Annotated[str, Field(strict=True, pattern=r"^[a-z -]+$")] | None = None
    accent: Annotated[str, Field(strict=True, pattern=r"^[a-z -]+$")] | None = None
    toggle: _Toggle | None = None


class _Theme(_Strict):
    name: Literal["material"]
    language: Literal["de"] = "de"
    custom_dir: InsidePath | None = None
    font: Literal[False] = Field(description="false: keine Webschriften von Google")
    favicon: InsidePath | None = None
    logo: InsidePath | None = None
    palette: list[_Palette] = []
    features: list[Feature] = []


# --- plugins and Markdown extensions ---------------------------------------------------------------

class _Search(_Strict):
    lang: Literal["de"] | list[Literal["de", "en"]] = "de"


FormatText = Annotated[str, Field(strict=True, max_length=100, pattern=r"^[A-Za-z{}/._ -]+$")]


class _Blog(_Strict):
    blog_dir: InsidePath = "blog"
    blog_toc: bool = False
    post_date_format: Literal["short", "medium", "long", "full"] = "long"
    post_url_format: FormatText = "{date}/{slug}"
    post_slugify: Literal[f"!!python/name:{SLUGIFY}"] | None = None
    archive_name: Text = "Archiv"
    archive_date_format: FormatText = "yyyy"
    archive_url_format: FormatText = "archive/{date}"
    categories_name: Text = "Kategorien"
    categories_url_format: FormatText = "category/{slug}"
    categories_slugify: Literal[f"!!python/name:{SLUGIFY}"] | None = None
    categories_allowed: list[Text] = []
    authors: bool = False


class _Macros(_Strict):
    # Not include_dir, include_yaml, modules or j2_*: they read files and load code.
    module_name: Literal["macros"]
    render_by_default: Literal[False]
    on_error_fail: Literal[True] = True
    on_undefined: Literal["strict"] = "strict"


class _Hub(_Strict):
    page_frames: bool = True


class _Nothing(_Strict):
    pass


PLUGINS: dict[str, type[BaseModel]] = {"search": _Search, "blog": _Blog, "macros": _Macros, "hub": _Hub}


class _Toc(_Strict):
    permalink: bool | Text = False
    permalink_title: Text | None = None
    toc_depth: int | Annotated[str, Field(pattern=r"^[1-6]-[1-6]$")] = 6
    title: Text | None = None


class _Tabbed(_Strict):
    alternate_style: bool = False


# Not pymdownx.snippets (reads any file), not pymdownx.emoji or arithmatex with their Python
# options, not superfences with custom fences (they name Python functions).
EXTENSIONS: dict[str, type[BaseModel]] = {
    "toc": _Toc, "admonition": _Nothing, "attr_list": _Nothing, "def_list": _Nothing, "tables": _Nothing,
    "abbr": _Nothing, "footnotes": _Nothing, "md_in_html": _Nothing, "sane_lists": _Nothing,
    "pymdownx.details": _Nothing, "pymdownx.superfences": _Nothing, "pymdownx.tabbed": _Tabbed,
    "pymdownx.mark": _Nothing, "pymdownx.caret": _Nothing, "pymdownx.tilde": _Nothing,
}


# --- extra -------------------------------------------------------------------------------------------

def _old_address(value: str) -> str:
    if not re.fullmatch(r"([a-z0-9][a-z0-9_-]*/)+", value):
        raise ValueError(f"'{value}' ist keine Adresse dieser Website: nur Kleinbuchstaben, Ziffern, '-' und '_', "
                         "Abschnitte mit '/' getrennt und am Ende ein '/' (z. B. ueber-uns/)")
    return value


RedirectFrom = Annotated[str, Field(strict=True, max_length=200), AfterValidator(_old_address)]


class _Extra(_Strict):
    allowed_static_files: list[InsidePath] = []
    redirects: dict[RedirectFrom, InsidePath] = {}
    editor: EditorSettings | None = None


Level = Literal["warn", "info", "ignore"]


class _Validation(_Strict):
    omitted_files: Level = "info"
    absolute_links: Level = "info"
    unrecognized_links: Level = "info"
    anchors: Level = "info"
    not_found: Level = "warn"


class SiteConfigModel(_Strict):
    """The keys mkdocs.yml may have; each one with the values the hub can stand behind."""

    site_name: Text
    site_description: Text | None = None
    site_author: Text | None = None
    site_url: Url | None = None
    copyright: Text | None = None
    repo_url: Url | None = None
    repo_name: Text | None = None
    edit_uri: Annotated[str, Field(strict=True, max_length=200, pattern=r"^[A-Za-z0-9._/-]*$")] | None = None
    docs_dir: InsidePath = "docs"
    use_directory_urls: Literal[True] = True
    strict: bool = False
    theme: _Theme
    extra: _Extra = _Extra()
    extra_css: list[InsidePath] = []
    extra_javascript: list[InsidePath] = []
    plugins: list[Any] = []            # checked one by one: see _plugin_problems
    markdown_extensions: list[Any] = []
    validation: _Validation = _Validation()
    nav: list[Any] | None = None       # checked recursively: see _nav_problems
    not_in_nav: Text | None = None
    exclude_docs: Annotated[str, Field(strict=True, max_length=2000)] | None = None


# --- reading and checking -----------------------------------------------------------------------------

@dataclass(frozen=True)
class SiteConfig:
    """What the checks need from a valid mkdocs.yml: the folders and files it names."""

    docs_dir: str
    custom_dir: str | None
    allowed_static_files: frozenset[str]
    categories: tuple[str, ...]
    redirects: dict[str, str]
    values: dict  # the whole file as checked values (an engine's configuration is made from it)

    def source_problems(self, project_dir: Path, theme_files: set[str] = frozenset()) -> list[Problem]:
        """Links, special files and unlisted active files in data/ and the folders this file names."""
        from macros.data.source_files import source_problems

        return source_problems(project_dir, self.allowed_static_files, theme_files, self.docs_dir, self.custom_dir)


def read_site_config(project_dir: Path, name: str = CONFIG_FILE) -> tuple[SiteConfig | None, list[Problem]]:
    """The configuration file ``name`` (mkdocs.yml) of ``project_dir``, checked; None with the
    problems if it is not acceptable."""
    project_dir = Path(project_dir)
    document, problems = load_file(project_dir / name, name, known_tags=KNOWN_TAGS)
    if document is None or problems:
        return None, problems
    if not isinstance(document.data, dict):
        return None, [Problem(CONFIG_FILE, 1, "", "mkdocs.yml muss aus Einträgen wie 'site_name: …' bestehen")]
    model, problems = validate(SiteConfigModel, document.data, document)
    problems = [_in_config_words(p) for p in problems]
    problems += _plugin_problems(document, "plugins", PLUGINS)
    problems += _plugin_problems(document, "markdown_extensions", EXTENSIONS)
    problems += _nav_problems(document.data.get("nav"), ("nav",), document)
    if model is None or problems:
        return None, problems
    config = SiteConfig(
        docs_dir=model.docs_dir.rstrip("/"), custom_dir=model.theme.custom_dir and model.theme.custom_dir.rstrip("/"),
        allowed_static_files=frozenset(model.extra.allowed_static_files),
        categories=tuple(_options(document, "plugins", "blog").get("categories_allowed") or ()),
        redirects=dict(model.extra.redirects), values=document.data)
    problems = _folder_problems(project_dir, config, document, model)
    return (None, problems) if problems else (config, [])


def _in_config_words(problem: Problem) -> Problem:
    if "unbekanntes Feld" in problem.message:
        return Problem(problem.file, problem.line, problem.field,
                       f"'{problem.field.split('.')[-1]}' ist in mkdocs.yml nicht vorgesehen. Die Website erlaubt "
                       "dort nur Einstellungen, die sie prüfen kann (README, „Was mkdocs.yml enthalten darf“)"
                       + problem.message.partition("?)")[2])
    return problem


def _entries(document: Document, key: str) -> list[tuple[int, str, Any]]:
    """(index, name, options) of each item of a plugins or markdown_extensions list."""
    found = []
    for index, item in enumerate(document.data.get(key) or []):
        if isinstance(item, str):
            found.append((index, item, {}))
        elif isinstance(item, dict) and len(item) == 1:
            (name, options), = item.items()
            found.append((index, name, options if options is not None else {}))
        else:
            found.append((index, "", None))
    return found


def _options(document: Document, key: str, name: str) -> dict:
    return next((options for _, found, options in _entries(document, key) if found == name and
                 isinstance(options, dict)), {})


def _plugin_problems(document: Document, key: str, allowed: dict[str, type[BaseModel]]) -> list[Problem]:
    problems = []
    what = "Plugin" if key == "plugins" else "Markdown-Erweiterung"
    for index, name, options in _entries(document, key):
        if name not in allowed:
            problems.append(Problem(CONFIG_FILE, document.line_of((key, index)), key,
                                    f"{what} '{name}' ist nicht freigegeben (erlaubt: {', '.join(allowed)}). "
                                    "Neue Plugins und Erweiterungen prüft das Technik-Team, weil sie Dateien lesen "
                                    "oder Code ausführen können."))
            continue
        if not isinstance(options, dict):
            problems.append(Problem(CONFIG_FILE, document.line_of((key, index)), key,
                                    f"Die Einstellungen von '{name}' müssen Einträge wie 'name: wert' sein"))
            continue
        _, found = validate(allowed[name], options, document, (key, index, name))
        problems += [_in_config_words(Problem(p.file, p.line, f"{key}.{name}.{p.field}", p.message)) for p in found]
    return problems


def _nav_problems(nav: Any, location: tuple, document: Document) -> list[Problem]:
    """Titles are plain text; each link is a page under docs/ or an https:// address."""
    problems = []

    def problem(where: tuple, message: str) -> None:
        problems.append(Problem(CONFIG_FILE, document.line_of(where), "nav", message))

    if nav is None:
        return []
    if not isinstance(nav, list):
        problem(location, "Das Menü (nav) ist eine Liste")
        return problems
    for index, item in enumerate(nav):
        where = (*location, index)
        if isinstance(item, dict) and len(item) == 1:
            (title, value), = item.items()
            try:
                _plain(str(title))
            except ValueError as error:
                problem(where, f"Menütitel '{title}': {error}")
            if isinstance(value, list):
                problems += _nav_problems(value, (*where, title), document)
                continue
            item = value
        if not isinstance(item, str):
            problem(where, "Ein Menüeintrag ist eine Seite (z. B. strategie.md) oder 'Titel: seite.md'")
        elif item.startswith("https://"):
            try:
                _clean_url(item)
            except ValueError as error:
                problem(where, str(error))
        elif not item.endswith(".md"):
            problem(where, f"'{item}' ist keine Seite: Menüeinträge zeigen auf .md-Dateien unter docs/ oder auf "
                           "https://-Adressen")
        else:
            try:
                _inside(item)
            except ValueError as error:
                problem(where, str(error))
    return problems


def _folder_problems(project_dir: Path, config: SiteConfig, document: Document, model) -> list[Problem]:
    """The folders exist inside the repository as real folders; the files the config names exist."""
    problems = []
    root = project_dir.resolve()

    def real_inside(relative: str, where: tuple, folder: bool, under: str = "") -> bool:
        """``under/relative`` is a real folder or file inside the repository."""
        path = project_dir / under / relative
        field = ".".join(str(part) for part in where if not isinstance(part, int))
        parts = [project_dir / under / Path(*Path(relative).parts[:n]) for n in range(1, len(Path(relative).parts) + 1)]
        if any(part.is_symlink() for part in parts) or not path.resolve().is_relative_to(root):
            problems.append(Problem(CONFIG_FILE, document.line_of(where), field,
                                    f"'{relative}' ist ein Verweis (Symlink) oder führt aus dem Repository hinaus"))
            return False
        if not (path.is_dir() if folder else path.is_file()):
            problems.append(Problem(CONFIG_FILE, document.line_of(where), field,
                                    f"'{relative}' gibt es {f'unter {under}/ ' if under else ''}nicht"))
            return False
        return True

    real_inside(config.docs_dir, ("docs_dir",), True)
    if config.custom_dir:
        real_inside(config.custom_dir, ("theme", "custom_dir"), True)
    if problems:
        return problems
    docs = config.docs_dir
    for key in ("extra_javascript", "extra_css"):
        for index, name in enumerate(getattr(model, key)):
            if real_inside(name, (key, index), False, docs) and name not in config.allowed_static_files:
                problems.append(Problem(CONFIG_FILE, document.line_of((key, index)), key,
                                        f"'{name}' muss auch unter extra.allowed_static_files stehen (Freigabe durch "
                                        "das Technik-Team)"))
    for index, name in enumerate(model.extra.allowed_static_files):
        real_inside(name, ("extra", "allowed_static_files", index), False, docs)
    for key in ("favicon", "logo"):
        name = getattr(model.theme, key)
        if name and ((project_dir / docs / name).exists() or not _in_theme(name)):
            real_inside(name, ("theme", key), False, docs)
    for old, target in config.redirects.items():
        if not target.endswith(".md") or not (project_dir / docs / target).is_file():
            problems.append(Problem(CONFIG_FILE, document.line_of(("extra", "redirects", old)), "extra.redirects",
                                    f"'{old}' leitet auf '{target}' weiter; diese Seite gibt es nicht"))
    return problems


def _in_theme(name: str) -> bool:
    """A file the theme ships (found without importing it: the check loads no generator)."""
    from importlib.util import find_spec

    spec = find_spec("material")
    return bool(spec and spec.submodule_search_locations) and \
        (Path(spec.submodule_search_locations[0]) / "templates" / name).is_file()
