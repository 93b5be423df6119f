"""Run one `mkdocs build` in this process and report seconds and peak memory as JSON.

Called as a subprocess by bench/run.py so that each build's peak memory is its own.
"""

from __future__ import annotations

import json
import logging
import resource
import sys
import time

from mkdocs.__main__ import cli


class _Forward(logging.Handler):
    """Warnings and errors of the hub plugin go on to MkDocs (its --strict count), debug lines do not."""

    def emit(self, record: logging.LogRecord) -> None:
        logging.getLogger("mkdocs").handle(record)


def main() -> None:
    config, site, report = sys.argv[1:4]
    hub_log = logging.getLogger("mkdocs.plugins.hub")
    hub_log.propagate = False
    hub_log.addHandler(_Forward(logging.WARNING))
    start = time.perf_counter()
    try:
        cli.main(["build", "--strict", "-q", "-f", config, "-d", site], standalone_mode=False)
    finally:
        seconds = time.perf_counter() - start
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
        # Programs the build starts (Pagefind): the largest one's peak.
        child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        with open(report, "w", encoding="utf-8") as file:
            json.dump({"seconds": seconds, "peak_mb": peak_kb / 1024, "child_peak_mb": child_kb / 1024}, file)


if __name__ == "__main__":
    main()
