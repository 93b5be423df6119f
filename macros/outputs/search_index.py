"""Pagefind, the program that writes the search index, run once over the finished site.

The same command a plain site with Pagefind runs after its build: Pagefind reads the
written pages from disk (only the parts ``search.mark_searchable`` marked) and writes
its index into ``pagefind/``. Of its bundle only what the hub's search worker loads
is kept.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from macros.outputs.search import SEARCHABLE_ROOT

PAGEFIND_DIR = "pagefind"
# Pagefind's bundle holds ready-made search interfaces too; the hub uses Material's box.
_PAGEFIND_KEPT = r"pagefind\.js|pagefind-entry\.json|.*\.pf_meta|wasm\.{language}\.pagefind|index|fragment|filter"
# Not words of the page: what the article shows around its text (the ¶ of each heading, the edit
# button, the page's dates), and code blocks – examples of source text (YAML, Markdown) that a
# search result must never show as its snippet.
NOT_TEXT = (".headerlink", ".md-content__button", ".md-source-file", "pre")
_WAIT_SECONDS = 600  # Pagefind needs about 30 s for 10,000 pages on two cores (bench/run.py)


class SearchIndexError(RuntimeError):
    """Pagefind is missing, refused the pages or could not write the index."""


def write_index(site_dir: Path, language: str) -> None:
    """Index the pages of the finished ``site_dir`` into ``site_dir/pagefind``."""
    with IndexRun(site_dir, language) as run:
        run.wait()


class IndexRun:
    """Pagefind started over the written pages; the build may write other files meanwhile
    (data, calendars: Pagefind reads HTML pages only, and only the marked ones).

    Used as a context manager: leaving the block without ``wait`` stops the program.
    """

    def __init__(self, site_dir: Path, language: str) -> None:
        from pagefind.service import get_executable  # finds the program that pagefind[bin] installs

        binary = get_executable()
        if binary is None:
            raise SearchIndexError("Das Programm Pagefind fehlt (pip install 'pagefind[bin]').")
        self.language = language
        site_dir = Path(site_dir).resolve()
        self.output = site_dir / PAGEFIND_DIR
        shutil.rmtree(self.output, ignore_errors=True)
        command = [str(binary), "--site", str(site_dir), "--output-subdir", PAGEFIND_DIR,
                   "--force-language", language, "--root-selector", SEARCHABLE_ROOT,
                   "--exclude-selectors", ", ".join(NOT_TEXT), "--silent"]
        # In an empty folder: Pagefind reads a pagefind.yml (or .toml, .json) from where it runs,
        # and a pull request could place one in the repository or the site.
        self._nowhere = tempfile.TemporaryDirectory(prefix="hub-pagefind-")
        self._said = tempfile.TemporaryFile()
        self._process = subprocess.Popen(command, cwd=self._nowhere.name, env=pagefind_environment(),
                                         stdin=subprocess.DEVNULL, stdout=self._said, stderr=subprocess.STDOUT)

    def __enter__(self) -> IndexRun:
        return self

    def __exit__(self, *exc_info) -> None:
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._said.close()
        self._nowhere.cleanup()

    def wait(self) -> None:
        """Wait until the index is written; a missing or refused index is an error."""
        try:
            returncode = self._process.wait(timeout=_WAIT_SECONDS)
        except subprocess.TimeoutExpired:
            raise SearchIndexError(f"Pagefind ist nach {_WAIT_SECONDS} s nicht fertig geworden.") from None
        if returncode or not (self.output / "pagefind-entry.json").is_file():
            self._said.seek(0)
            said = self._said.read().decode("utf-8", "replace").strip()[-500:] or "ohne Meldung"
            raise SearchIndexError(f"Pagefind hat keinen Index geschrieben: {said}")
        _keep_runtime_files(self.output, self.language)


def pagefind_environment() -> dict[str, str]:
    """Pagefind's environment: its allocator (jemalloc, prefixed ``_RJEM_``) hands freed memory back soon.

    jemalloc keeps freed pages for ten seconds by default, and building the index frees and
    takes much. Measured at 3,000 pages: peak 398 MB by default, 312 MB when pages go back
    after 50 ms (0 ms: 301 MB, but 0.5 s slower); 1,000 pages: 150 MB → 120 MB, about 0.07 s
    slower. A setting of the person building is kept. Pagefind's own settings from the
    environment (``PAGEFIND_…``) are not: the command above says everything.
    """
    environment = {name: value for name, value in os.environ.items() if not name.startswith("PAGEFIND_")}
    return {"_RJEM_MALLOC_CONF": "dirty_decay_ms:50,muzzy_decay_ms:0", **environment}


def _keep_runtime_files(output: Path, language: str) -> None:
    for path in output.iterdir():
        if not re.fullmatch(_PAGEFIND_KEPT.format(language=re.escape(language)), path.name):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
