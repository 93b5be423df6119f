"""Pagefind, the program that writes the search index, fed page by page while the site builds.

``pagefind``'s Python package starts the same program, but its reader sleeps 100 ms
before each answer it takes: fine for one request to index a folder, far too slow for
a thousand pages one at a time. This client speaks the program's service protocol
itself (requests and answers are base64-encoded JSON, each ended by a comma): pages go
out as the build finishes them, answers are read in a thread, and Pagefind reads the
pages on the second core while Python makes the next ones. ``write`` then builds and
writes the index.

``write_index`` indexes a finished folder instead; ``BackgroundIndex`` does so after each
build of ``mkdocs serve``.
"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from macros.pipes import enlarge_pipe

PAGEFIND_DIR = "pagefind"
# Pagefind's bundle holds ready-made search interfaces too; the hub uses Material's box.
_PAGEFIND_KEPT = r"pagefind\.js|pagefind-entry\.json|.*\.pf_meta|wasm\.{language}\.pagefind|index|fragment|filter"
# What the article shows around its text: the ¶ of each heading, the edit button, the page's dates.
NOT_TEXT = [".headerlink", ".md-content__button", ".md-source-file"]
_WAIT_SECONDS = 300  # for an answer; Pagefind needs about 10 s for 10,000 pages on two cores


class SearchIndexError(RuntimeError):
    """Pagefind refused a page or could not write the index."""


class PagefindService:
    """One Pagefind program in service mode: requests written as they come, answers read in a thread."""

    def __init__(self, command: list[str] | None = None) -> None:
        """Start Pagefind (or ``command``, a program speaking its protocol) in service mode."""
        if command is None:
            from pagefind.service import get_executable  # finds the program that pagefind[bin] installs

            binary = get_executable()
            if binary is None:
                raise SearchIndexError("Das Programm Pagefind fehlt (pip install 'pagefind[bin]').")
            command = [str(binary), "--service"]
        self._errors = tempfile.TemporaryFile()
        self._process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=self._errors, env=pagefind_environment())
        # Room for many pages: the build goes on while Pagefind waits for a core to read them.
        enlarge_pipe(self._process.stdin.fileno())
        self._answers: dict[int, dict] = {}
        self._arrived = threading.Condition()
        # Set when the program's output has ended: no answer can come any more. (Not "the program
        # has ended": a killed program closes its output a moment before it can be waited for,
        # and a waiter that looked then would never be woken again.)
        self._output_ended = False
        self._next_id = 0
        self._reader = threading.Thread(target=self._read_answers, name="pagefind-answers", daemon=True)
        self._reader.start()

    def send(self, payload: dict) -> int:
        """Write one request without waiting for its answer; return its message id."""
        self._next_id += 1
        message = json.dumps({"message_id": self._next_id, "payload": payload}, ensure_ascii=False)
        try:
            self._process.stdin.write(base64.b64encode(message.encode("utf-8")) + b",")
        except BrokenPipeError:
            raise self._ended() from None
        return self._next_id

    def flush(self) -> None:
        try:
            self._process.stdin.flush()
        except BrokenPipeError:
            raise self._ended() from None

    def ask(self, payload: dict) -> dict:
        """Write one request and wait for its answer."""
        message_id = self.send(payload)
        self.flush()
        return self.wait(message_id)

    def wait(self, message_id: int) -> dict:
        """The answer to an earlier request, once it has arrived."""
        with self._arrived:
            if not self._arrived.wait_for(lambda: message_id in self._answers or self._output_ended,
                                          timeout=_WAIT_SECONDS):
                raise SearchIndexError(f"Pagefind hat nach {_WAIT_SECONDS} s nicht geantwortet.")
            if message_id not in self._answers:
                raise self._ended()
            return self._answers.pop(message_id)

    def answers(self) -> list[dict]:
        """The answers that arrived and were not asked for (one per page)."""
        with self._arrived:
            found = list(self._answers.values())
            self._answers.clear()
        return found

    def close(self) -> None:
        """End the program (also after a failed build)."""
        with contextlib.suppress(OSError):  # BrokenPipeError: it has ended already
            self._process.stdin.close()  # Pagefind ends when its input ends
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._reader.join(timeout=10)  # it ends with the program's output
        self._process.stdout.close()
        self._errors.close()

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self._process.kill()

    def _read_answers(self) -> None:
        buffer = b""
        try:
            while chunk := self._process.stdout.read1(1 << 16):
                buffer += chunk
                *complete, buffer = buffer.split(b",")
                if not complete:
                    continue
                with self._arrived:
                    for encoded in complete:
                        answer = json.loads(base64.b64decode(encoded))
                        if answer["payload"].get("type") != "IndexedFile":  # a page read well: nothing to keep
                            self._answers[answer.get("message_id", 0)] = answer["payload"]
                    self._arrived.notify_all()
        finally:  # also when an answer could not be read: whoever waits learns that none will come
            with self._arrived:
                self._output_ended = True
                self._arrived.notify_all()

    def _ended(self) -> SearchIndexError:
        """The error for a program that has ended, with the last of what it wrote to stderr."""
        self._errors.seek(0)
        said = self._errors.read().decode("utf-8", "replace").strip()[-500:] or "ohne Meldung"
        return SearchIndexError(f"Pagefind hat sich beendet: {said}")


def pagefind_environment() -> dict[str, str]:
    """Pagefind's environment: its allocator (jemalloc, prefixed ``_RJEM_``) hands freed memory back soon.

    jemalloc keeps freed pages for ten seconds by default, and building the index frees and
    takes much. Measured at 3,000 pages: peak 398 MB by default, 312 MB when pages go back
    after 50 ms (0 ms: 301 MB, but 0.5 s slower); 1,000 pages: 150 MB → 120 MB, about 0.07 s
    slower. A setting of the person building is kept.
    """
    return {"_RJEM_MALLOC_CONF": "dirty_decay_ms:50,muzzy_decay_ms:0", **os.environ}


class PageIndex:
    """The site's search index, made from the finished pages as the build writes them."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._service = PagefindService()
        answer = self._service.ask({"type": "NewIndex",
                                    "config": {"force_language": language, "exclude_selectors": NOT_TEXT}})
        if answer.get("type") != "NewIndex":
            self._service.close()
            raise SearchIndexError(f"Pagefind hat keinen Index angelegt: {answer}")
        self._index_id = answer["index_id"]
        self._output: Path | None = None
        self._writing = 0

    def add_page(self, url: str, page_html: str) -> None:
        """Hand one finished page to Pagefind (``url``: site-relative, ``projekte/x/``)."""
        self._service.send({"type": "AddFile", "index_id": self._index_id, "file_path": None,
                            "url": "/" + url, "file_contents": page_html})
        self._service.flush()  # Pagefind reads it now, on the other core

    def index_folder(self, site_dir: Path) -> None:
        """Let Pagefind read the finished pages of ``site_dir`` from disk itself and write the index
        there; the program ends with it, also when it fails."""
        try:
            answer = self._service.ask({"type": "AddDir", "index_id": self._index_id,
                                        "path": str(site_dir.resolve())})
            if answer.get("type") != "IndexedDir":
                raise SearchIndexError(f"Pagefind: {answer.get('message', answer)}")
            self.start_writing(site_dir)
            self.finish()
        finally:
            self.close()

    @property
    def writing(self) -> bool:
        """Whether ``start_writing`` was called."""
        return bool(self._writing)

    def start_writing(self, site_dir: Path) -> None:
        """Ask Pagefind to write the index into ``site_dir`` once it has read every page; the
        build goes on meanwhile (``finish`` waits)."""
        self._output = site_dir.resolve() / PAGEFIND_DIR
        shutil.rmtree(self._output, ignore_errors=True)
        self._writing = self._service.send({"type": "WriteFiles", "index_id": self._index_id,
                                            "output_path": str(self._output)})
        self._service.flush()

    def finish(self) -> None:
        """Wait until the index is written."""
        try:
            answer = self._service.wait(self._writing)
            refused = [a for a in self._service.answers() if a.get("type") == "Error"]
            if answer.get("type") != "WriteFiles" or refused:
                raise SearchIndexError(f"Pagefind: {(refused or [answer])[0].get('message', answer)}")
        finally:
            self._service.close()
        _keep_runtime_files(self._output, self.language)

    def close(self) -> None:
        self._service.close()

    def kill(self) -> None:
        """Stop Pagefind at once (its index is not needed any more); ``close`` still cleans up."""
        self._service.kill()


def write_index(site_dir: Path, language: str) -> None:
    """Index the pages of a finished folder (Pagefind reads them from disk itself)."""
    PageIndex(language).index_folder(site_dir)


def _keep_runtime_files(output: Path, language: str) -> None:
    for path in output.iterdir():
        if not re.fullmatch(_PAGEFIND_KEPT.format(language=re.escape(language)), path.name):
            shutil.rmtree(path) if path.is_dir() else path.unlink()


class BackgroundIndex:
    """Pagefind after each build of ``mkdocs serve``, in a thread of its own.

    The changed page shows at once and the search catches up a moment later. A new build
    stops a run that is still reading (``stop``): the folder is about to be emptied, the
    run's index would be thrown away, and the two cores go to the build instead; that
    build asks for a new run when it ends.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._index: PageIndex | None = None  # the run in progress
        self._stopped = False

    def request(self, site_dir: Path, language: str) -> None:
        """Index ``site_dir`` in the background (a run still in progress is stopped first)."""
        self.stop()
        self._stopped = False
        self._thread = threading.Thread(target=self._run, args=(site_dir, language), name="pagefind", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """End the run in progress, if there is one, and wait until it has ended."""
        with self._lock:
            self._stopped = True
            if self._index is not None:
                self._index.kill()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _run(self, site_dir: Path, language: str) -> None:
        try:
            index = PageIndex(language)
            with self._lock:
                self._index = index
                if self._stopped:
                    index.kill()
            index.index_folder(site_dir)
        except Exception as error:  # the preview goes on; the next build tries again
            if not self._stopped:
                logging.getLogger("mkdocs").warning("Suchindex (Pagefind) nicht geschrieben: %s", error)
        finally:
            with self._lock:
                self._index = None
