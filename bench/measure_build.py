"""Run one `mkdocs build` in this process and report seconds and peak memory as JSON.

Called as a subprocess by bench/run.py so that each build's peak memory is its own.
"""

from __future__ import annotations

import json
import logging
import re
import resource
import sys
import time

from mkdocs.__main__ import cli


class _SecondProcessPeak(logging.Handler):
    """The hub's second process reports its own peak memory (a debug line of the plugin)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.peak_mb = 0.0
        self.own_mb = 0.0

    def emit(self, record: logging.LogRecord) -> None:
        found = re.match(r"Zweiter Prozess: Spitze ([\d.]+) MB, davon eigen ([\d.]+) MB", record.getMessage())
        if found:
            self.peak_mb, self.own_mb = float(found.group(1)), float(found.group(2))


class _Forward(logging.Handler):
    """Warnings and errors of the hub plugin go on to MkDocs (its --strict count), debug lines do not."""

    def emit(self, record: logging.LogRecord) -> None:
        logging.getLogger("mkdocs").handle(record)


def main() -> None:
    config, site, report = sys.argv[1:4]
    second = _SecondProcessPeak()
    hub_log = logging.getLogger("mkdocs.plugins.hub")
    hub_log.setLevel(logging.DEBUG)
    hub_log.propagate = False
    hub_log.addHandler(second)
    hub_log.addHandler(_Forward(logging.WARNING))
    start = time.perf_counter()
    try:
        cli.main(["build", "--strict", "-q", "-f", config, "-d", site], standalone_mode=False)
    finally:
        seconds = time.perf_counter() - start
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
        # Programs the build starts (Pagefind, the hub's second process): the largest one's peak.
        child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        with open(report, "w", encoding="utf-8") as file:
            json.dump({"seconds": seconds, "peak_mb": peak_kb / 1024, "child_peak_mb": child_kb / 1024,
                       "second_process_peak_mb": second.peak_mb, "second_process_own_mb": second.own_mb}, file)


if __name__ == "__main__":
    main()
