"""`mkdocs serve`, the preview editors work with: a saved YAML file shows on its page, then in the data files.

Each save rebuilds the whole site in the same process; the YAML parsed and the entry contents
scanned in the last build are taken from it (rebuild_memo.py), nothing else outlives a build.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import BUILD_DATE, pagefind_record

PAGE = "projekte/e-akte/"
OLD_TITLE = "title: Einführung der elektronischen Akte (E-Akte)"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(condition, what: str, log: Path, seconds: float = 120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"{what} nicht innerhalb von {seconds} s; Protokoll:\n{log.read_text(encoding='utf-8')[-3000:]}")


def _project_titles(base: str) -> set[str] | None:
    text = _get(base + "daten/projekte.json")
    try:
        return {record["title"] for record in json.loads(text)["items"]}
    except (TypeError, ValueError):  # not there yet, or being written in the background this moment
        return None


def _indexed_titles(temporary: Path) -> set[str]:
    """The page titles in the search index of the preview (mkdocs serve builds into a temporary folder)."""
    titles = set()
    for fragment in temporary.glob("mkdocs_*/pagefind/fragment/*.pf_fragment"):
        try:
            data = pagefind_record(fragment)
        except (OSError, EOFError, ValueError):  # being written or removed
            continue
        titles.add(data["meta"]["title"])
    return titles


def test_a_saved_yaml_file_shows_in_the_preview_its_data_files_and_search(project_copy):
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    log = project_copy / "serve.log"
    temporary = project_copy / "serve-tmp"
    temporary.mkdir()
    env = {**os.environ, "HUB_TODAY": BUILD_DATE, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temporary)}
    with log.open("w", encoding="utf-8") as output:
        # Not --no-livereload: it also turns off rebuilding when a file changes.
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                                  cwd=project_copy, env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            _wait_for(lambda: _get(base + PAGE), "Die Vorschau", log)
            _wait_for(lambda: "Einführung der elektronischen Akte (E-Akte)" in (_project_titles(base) or ()),
                      "Die Daten der ersten Vorschau", log)
            source = project_copy / "data" / "projects" / "e-akte.yml"
            for title in ("E-Akte, neu gefasst", "E-Akte, noch einmal neu gefasst"):
                text = source.read_text(encoding="utf-8")
                source.write_text(re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M),
                                  encoding="utf-8")
                _wait_for(lambda title=title: title in (_get(base + PAGE) or ""), f"Der Titel {title!r}", log)
                _wait_for(lambda title=title: title in (_project_titles(base) or ()),
                          f"Der Titel {title!r} in daten/projekte.json", log)
            _wait_for(lambda: "E-Akte, noch einmal neu gefasst" in _indexed_titles(temporary),
                      "Der letzte Titel im Suchindex", log)
        finally:
            server.terminate()
            server.wait(timeout=30)
    text = log.read_text(encoding="utf-8")
    assert "Error" not in text and "Traceback" not in text, text[-3000:]


def test_answers_are_kept_from_the_last_build_only():
    from macros.mkdocs_adapter.rebuild_memo import LastBuildMemo

    asked = []
    memo = LastBuildMemo(lambda text: asked.append(text) or text.upper())
    memo.next_build()
    assert [memo("a"), memo("b"), memo("a")] == ["A", "B", "A"] and asked == ["a", "b"]
    memo.next_build()
    assert memo("a") == "A" and asked == ["a", "b"]  # from the last build
    memo.next_build()
    assert memo("b") == "B" and asked == ["a", "b", "b"]  # not asked in the build before: let go
