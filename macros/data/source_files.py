"""What a pull request may put into docs/, data/ and overrides/.

The build runs beside repository tokens. MkDocs follows symbolic links and
copies every file in docs/ into the site, so a link to ``/proc/self/environ``
or ``.git/config`` would publish secrets, and a ``.html``, ``.js`` or ``.svg``
file would run as the site's own code. Both are refused here, before anything
is read, with the file named.
"""

from __future__ import annotations

import functools
import os
import re
import stat
import unicodedata
from pathlib import Path

from macros.data.problems import Problem

# What docs/ may hold besides pages: passive types only, by their published type (deploy/nginx.conf
# sends exactly these, with nosniff). Anything else could run in the browser under the site's own
# origin (.html, .shtml, .xht, .svg, .js, .xsl …) and needs the technical team's listing in mkdocs.yml.
PASSIVE_SUFFIXES = {
    ".md": "Seiten",
    ".png": "Bilder", ".jpg": "Bilder", ".jpeg": "Bilder", ".gif": "Bilder", ".webp": "Bilder", ".avif": "Bilder",
    ".pdf": "Dokumente", ".odt": "Dokumente", ".ods": "Dokumente", ".odp": "Dokumente", ".docx": "Dokumente",
    ".xlsx": "Dokumente", ".pptx": "Dokumente", ".txt": "Dokumente", ".csv": "Dokumente",
    ".mp4": "Videos", ".webm": "Videos", ".vtt": "Untertitel", ".mp3": "Audio",
}
_PLACEHOLDER_FILES = {".gitkeep"}  # keeps an empty folder in Git; never published
_SAFE_NAME = re.compile(r"\.?[A-Za-z0-9][A-Za-z0-9._-]*")  # a leading dot: .gitkeep


def source_problems(project_dir: Path, allowed_static: set[str] | None = None,
                    theme_files: set[str] = frozenset(), docs_dir: str = "docs",
                    custom_dir: str | None = "overrides") -> list[Problem]:
    """Every link, special file, unsafe name or unlisted active file under the checked folders.

    ``allowed_static``: paths under docs/ (``javascripts/filter.js``) that may be
    active files (None: active files are not checked, as without mkdocs.yml);
    ``theme_files``: paths the theme ships, which docs/ may not shadow;
    ``docs_dir``, ``custom_dir``: the folders mkdocs.yml names (site_config.py keeps them inside).
    """
    project_dir = Path(project_dir)
    problems: list[Problem] = []
    for folder in dict.fromkeys(("data", docs_dir, *([custom_dir] if custom_dir else []))):
        root = project_dir / folder
        if os.path.islink(root):
            problems.append(Problem(folder, 1, "", _LINK))
            continue
        for directory, subdirectories, names in os.walk(root):  # never follows links
            problems += _colliding_names(Path(directory), subdirectories + names, project_dir)
            for name in sorted(subdirectories + names):
                path = Path(directory) / name
                shown = path.relative_to(project_dir).as_posix()
                mode = os.lstat(path).st_mode
                if stat.S_ISLNK(mode):
                    problems.append(Problem(shown, 1, "", _LINK))
                elif not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                    problems.append(Problem(shown, 1, "", "ist keine gewöhnliche Datei (z. B. ein Gerät oder eine "
                                                          "Pipe) und ist hier nicht erlaubt."))
                elif not _SAFE_NAME.fullmatch(name):
                    problems.append(Problem(shown, 1, "", "Der Name enthält Zeichen, die in Adressen Ärger machen: "
                                                          "bitte nur Buchstaben a–z, Ziffern, '-', '_' und '.' "
                                                          "verwenden."))
                elif folder == docs_dir and stat.S_ISREG(mode) and allowed_static is not None:
                    problems += _static_file_problems(path.relative_to(root).as_posix(), shown,
                                                      allowed_static, theme_files)
            subdirectories[:] = [d for d in subdirectories if not os.path.islink(Path(directory) / d)]
    return problems


def _colliding_names(directory: Path, names: list[str], project_dir: Path) -> list[Problem]:
    """Names that differ only in case or Unicode form: one file on Windows and macOS, two in Git."""
    seen: dict[str, str] = {}
    problems = []
    for name in sorted(names):
        key = unicodedata.normalize("NFC", name).casefold()
        if key in seen:
            shown = (directory / name).relative_to(project_dir).as_posix()
            problems.append(Problem(shown, 1, "", f"heißt bis auf Groß- und Kleinschreibung wie '{seen[key]}'. "
                                                  "Auf Windows und macOS wäre das dieselbe Datei: bitte eine "
                                                  "der beiden umbenennen oder zusammenführen."))
        else:
            seen[key] = name
    return problems


_LINK = ("ist ein symbolischer Verweis (Symlink). Verweise sind nicht erlaubt, weil der Build sonst "
         "Dateien außerhalb des Repositorys veröffentlichen könnte; bitte die Datei selbst ablegen.")


def _static_file_problems(relative: str, shown: str, allowed: set[str], theme_files: set[str]) -> list[Problem]:
    if relative in allowed:
        return []
    if relative in theme_files:
        return [Problem(shown, 1, "", "hat denselben Namen wie eine Datei des Themes und würde sie ersetzen; "
                                      "bitte umbenennen.")]
    suffix = Path(relative).suffix.lower()
    if suffix in PASSIVE_SUFFIXES or Path(relative).name in _PLACEHOLDER_FILES:
        return []
    kinds = {}
    for known, kind in PASSIVE_SUFFIXES.items():
        kinds.setdefault(kind, []).append(known)
    allowed = "; ".join(f"{kind} ({', '.join(suffixes)})" for kind, suffixes in kinds.items())
    return [Problem(shown, 1, "", f"Dateien der Art '{suffix or Path(relative).name}' veröffentlicht die Website "
                                  f"nicht, weil Browser manche davon als Code der Website ausführen. Erlaubt sind: "
                                  f"{allowed}. Andere Dateien nur mit Eintrag in mkdocs.yml unter "
                                  "extra.allowed_static_files (Freigabe durch das Technik-Team).")]


def theme_static_files(theme_dirs: list[str], custom_dir: str | None) -> set[str]:
    """Paths of the theme's own files (assets, partials), as they would land in the site."""
    found = set()
    for directory in theme_dirs:
        if custom_dir and Path(directory).resolve() == Path(custom_dir).resolve():
            continue  # our own overrides
        found |= _installed_theme_files(directory)
    return found


@functools.lru_cache(maxsize=8)
def _installed_theme_files(directory: str) -> frozenset[str]:
    # An installed theme does not change while ``mkdocs serve`` runs, and walking Material's
    # folders (its icons: some 15,000 files) took a fifth of a second on every rebuild.
    found = set()
    for folder, _, names in os.walk(directory):  # scandir: no stat per file, unlike Path.rglob
        inside = Path(folder).relative_to(directory).as_posix()
        found.update(name if inside == "." else f"{inside}/{name}" for name in names)
    return frozenset(found)
