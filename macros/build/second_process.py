"""Entry page bodies made in a second process while MkDocs builds the pages in the first.

MkDocs builds one page after another on one core. The bodies of the entry pages
(their templates, the Markdown of descriptions, the QR code) depend only on the
data, so a forked copy of the build makes them on the other core, in the order
MkDocs will ask for them, and hands each over through a pipe. It works at most
about 500 bodies ahead (``_AHEAD``), so neither process holds them all. The copy also counts
each body's words for the search vocabulary, and once the bodies are made it does
the work that needs only the data (the open data files, calendars and feeds) while
the first process finishes the site.

The copy is made with ``fork`` before MkDocs starts anything else that runs beside
the build (Pagefind starts later). Under ``mkdocs serve`` the web server's threads run
beside it; the copy touches nothing of theirs, and it is made from the second build on,
once the first has filled the server's caches (description HTML, QR codes) for the copies
to start with. Not with ``--dirty``, which rebuilds a few pages only.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

from macros.pipes import enlarge_pipe

_AHEAD = 500  # bodies the copy may hold beyond what the pipe holds (about 10 KB each)
# Longest wait for the copy's next message: a body takes milliseconds, the data files of 10,000
# entries about ten seconds. A copy that hangs (under serve it is forked beside the web server's
# threads) is ended after this, and this process does the rest itself.
_WAIT_SECONDS = 120


def can_fork() -> bool:
    """Whether this system can fork a copy of the build (Linux, macOS; not Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


class SecondProcess:
    """Makes ``make(key)`` for each key of ``order`` in a forked process; ``take(key)`` receives each
    with its ``count_words(body)``."""

    def __init__(self, order: list[str], make: Callable[[str], str], count_words: Callable[[str], Counter],
                 afterwards: Callable[[], Any]) -> None:
        context = multiprocessing.get_context("fork")
        receiving, sending = context.Pipe(duplex=False)
        enlarge_pipe(sending.fileno())  # bodies are about 10 KB
        self._process = context.Process(target=_make_all, args=(order, make, count_words, afterwards, sending),
                                        name="hub-bodies", daemon=True)
        self._process.start()
        sending.close()
        self._receiving = receiving
        self.working = True
        self.taken = 0  # bodies the copy made that were used
        # The copy's peak memory (pages shared with this process included) and what is its own
        # at its end (not shared), in MB, once it has finished.
        self.peak_mb: float | None = None
        self.own_mb: float | None = None

    def take(self, key: str) -> tuple[str, Counter] | None:
        """The body for ``key`` and its words, or None when the copy cannot give them (then the
        caller makes this body and all that follow)."""
        if not self.working:
            return None
        made_for, made = self._next_message() or (None, None)
        if made is None or made_for != key:  # an error in the copy, or pages in another order
            self.stop()
            return None
        self.taken += 1
        return made

    def finish(self) -> tuple[bool, Any]:
        """Wait until the copy has done ``afterwards``: (True, what it returned), or (False, None)
        when it did not (the caller does it then)."""
        answer = (self._next_message() if self.working else None) or (None, None)
        self.stop()
        if answer[0] is None and answer[1] is not None:
            result, self.peak_mb, self.own_mb = answer[1]
            return True, result
        return False, None

    def _next_message(self):
        try:
            if self._receiving.poll(_WAIT_SECONDS):
                return self._receiving.recv()
        except (EOFError, OSError):
            pass
        return None

    def stop(self) -> None:
        """End the copy (at the end of the build, after an error, or when it is not needed)."""
        self.working = False
        self._receiving.close()
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()


def _make_all(order, make, count_words, afterwards, sending) -> None:
    # A thread hands the bodies to the pipe, so the copy can work ahead while the first process
    # is still busy with other things (reading all pages, the theme's own pages): up to _AHEAD.
    waiting: queue.Queue = queue.Queue(maxsize=_AHEAD)

    def hand_over() -> None:
        while (message := waiting.get()) is not None:
            sending.send(message)

    sender = threading.Thread(target=hand_over, daemon=True)
    sender.start()

    def put(message) -> None:
        while True:
            try:
                return waiting.put(message, timeout=1)
            except queue.Full:
                if not sender.is_alive():  # the first process has gone: nothing to work for
                    os._exit(0)

    for key in order:
        try:
            body = make(key)
        except Exception:  # the first process makes this body again and reports the error itself
            put((key, None))
            break
        put((key, (body, count_words(body))))
    else:
        try:
            import resource  # Unix, as fork

            result = afterwards()
            put((None, (result, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, _own_mb())))
        except Exception:  # likewise: the first process does it again
            put((None, None))
    put(None)
    sender.join()


def _own_mb() -> float | None:
    """Memory of this process that it shares with no other (Linux), in MB."""
    try:
        with open("/proc/self/smaps_rollup", encoding="ascii") as rollup:
            return sum(int(line.split()[1]) for line in rollup if line.startswith("Private_")) / 1024
    except OSError:
        return None
