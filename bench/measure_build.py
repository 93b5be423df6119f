"""Run one `mkdocs build` in this process and report seconds and peak memory as JSON.

Called as a subprocess by bench/run.py so that each build's peak memory is its own.
"""

from __future__ import annotations

import json
import resource
import sys
import time

from mkdocs.__main__ import cli


def main() -> None:
    config, site, report = sys.argv[1:4]
    start = time.perf_counter()
    try:
        cli.main(["build", "--strict", "-q", "-f", config, "-d", site], standalone_mode=False)
    finally:
        seconds = time.perf_counter() - start
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
        # Programs the build starts (the hub's Pagefind indexer): the largest one's peak.
        child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        with open(report, "w", encoding="utf-8") as file:
            json.dump({"seconds": seconds, "peak_mb": peak_kb / 1024, "child_peak_mb": child_kb / 1024}, file)


if __name__ == "__main__":
    main()
