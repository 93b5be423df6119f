"""Benchmark: the hub against a plain Material site of the same size, in the same run.

    python bench/run.py                      # sizes 100, 1000, 3000; 3 builds each
    python bench/run.py --sizes 1000 --repeat 5 --serve

For each size it generates synthetic data following the data contract, builds
the hub, and in the same run a plain Material site with exactly as many pages of
similar length and the hub's own menu (the same files in it, with plain text), then
Pagefind's own command line over it – what a Material site with this search does; the
other pages are kept out of the menu as the hub keeps its entry pages: the fair
floor ("Hub/Boden"). With --all-in-nav it also builds the plain site with
every page in the menu (which grows with the square of the page count; labelled as
such). One more build of each, not timed, measures the memory of all the programs a
build runs together (for the hub: MkDocs and Pagefind; for the floor the larger of its
two steps; needs ``psutil``). It prints a table and writes bench/results.json. Nothing
here is a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import compileall
import gzip
import json
import os
import posixpath
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))  # the repository: tests.browser
from synthetic import write_data, write_plain_site  # noqa: E402

from tests.browser import CHROMIUM, CHROMIUM_ARGS, nginx, serve, wait_for_search_ready  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "docs", "macros", "overrides")


def build(config: Path, site: Path, env: dict) -> dict:
    report = site.parent / f"{site.name}-report.json"
    subprocess.run(_build_command(config, site, report), check=True, env=env, cwd=config.parent)
    return json.loads(report.read_text())


def _build_command(config: Path, site: Path, report: Path) -> list[str]:
    return [sys.executable, str(ROOT / "bench" / "measure_build.py"), str(config), str(site), str(report)]


def memory_of_build(config: Path, site: Path, env: dict) -> dict:
    """One more build, not timed: see ``peak_memory``."""
    report = site.parent / f"{site.name}-memory.json"
    return peak_memory(_build_command(config, site, report), env, config.parent)


def pagefind_afterwards(site: Path, env: dict, hub_allocator: bool = False) -> dict:
    """Pagefind's command line over a finished site, as a plain Material site gets its search from
    Pagefind after the build (the floor's second step): its own settings, as the hub runs it
    (``--site``, ``--force-language``) and with its allocator's defaults. ``hub_allocator``: with
    the allocator setting the hub gives it (``pagefind_environment``), for a stricter memory floor."""
    from pagefind.service import get_executable

    from macros.outputs.search_index import pagefind_environment

    command = [str(get_executable()), "--site", str(site), "--force-language", "de", "--quiet"]
    return peak_memory(command, {**env, **pagefind_environment()} if hub_allocator else env, site)


def floor_build(config: Path, site: Path, env: dict) -> dict:
    """The floor: plain Material, then Pagefind's command line; seconds of both together."""
    built = build(config, site, env)
    searched = pagefind_afterwards(site, env)
    return {**built, "material_seconds": built["seconds"], "pagefind_seconds": searched["seconds"],
            "seconds": built["seconds"] + searched["seconds"]}


def peak_memory(command: list[str], env: dict, cwd: Path) -> dict:
    """Run ``command``, its programs sampled every 20 ms: its seconds, the largest total memory of
    all of them at one moment (the sum of their PSS, which counts memory shared after ``fork``
    once) and each program's largest RSS (a page shared by two processes is in both)."""
    import psutil  # only the benchmark needs it

    start = time.perf_counter()
    process = psutil.Popen(command, env=env, cwd=cwd)
    total_kb, programs = 0, {}
    while process.poll() is None:
        now = 0
        try:
            members = [process, *process.children(recursive=True)]
        except psutil.Error:  # the build ended just now
            members = [process]
        for member in members:
            try:
                with member.oneshot():
                    name, memory = member.name(), member.memory_full_info()
            except psutil.Error:  # ended between the listing and the reading
                continue
            now += memory.pss
            programs[name] = max(programs.get(name, 0), memory.rss)
        total_kb = max(total_kb, now // 1024)
        time.sleep(0.02)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, process.args)
    return {"seconds": round(time.perf_counter() - start, 2), "total_mb": round(total_kb / 1024, 1),
            "programs_mb": {name: round(rss / 2**20, 1) for name, rss in sorted(programs.items()) if rss}}


def hub_project(target: Path, entries: int) -> Path:
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / part)
    # The starter pages stay; the data is replaced by synthetic entries.
    write_data(target / "data", entries)
    if (ROOT / "node_modules").is_dir():  # the editor's code, copied into the site as in a real build
        (target / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return target


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml as data: its Python tags (slugify, emoji) are not needed for the menu."""


_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def hub_nav(config: Path):
    """The hub's menu as it builds it (``nav:`` of its mkdocs.yml with the members' pages the hub
    lists in it), for a floor with the same menu."""
    from macros.data.catalog import load_catalog
    from macros.generate.navigation import with_entries

    nav = yaml.load(config.read_text(encoding="utf-8"), Loader=_IgnoreTags)["nav"]
    return with_entries(nav, load_catalog(config.parent / "data"))


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def first_visit_bytes(site: Path, page: Path) -> dict:
    """HTML, CSS and JavaScript a first visit to ``page`` transfers (raw and gzip)."""
    import re

    html = page.read_bytes()
    assets = set(re.findall(rb'(?:href|src)="([^"]+\.(?:css|js))"', html))
    raw, packed = len(html), gzip_size(html)
    for asset in assets:
        path = (page.parent / asset.decode()).resolve()
        if path.is_file():
            data = path.read_bytes()
            raw += len(data)
            packed += gzip_size(data)
    return {"raw": raw, "gzip": packed}


SEARCH_QUERIES = ("Nahversorgung", "Schulung Beteiligung")  # words in every synthetic page: the heaviest case
KEY_DELAY_MS = 140  # between two keys, as a person types


def search_download(site: Path) -> dict:
    """What a visitor downloads from opening the search to the first results, and how fast they come.

    In Debian's Chromium (Playwright): an entry page is opened, the search box focused and
    two letters typed (what they load is counted apart: they should load no part of the
    index), then the first query typed key by key as a person types; every file requested
    after the page had loaded counts, at its gzip size (nginx serves gzip). Then a second
    query, once Pagefind is loaded: milliseconds from the last key to the results on screen.
    """
    from playwright.sync_api import sync_playwright

    with serve(site) as base:
        with sync_playwright() as playwright:
            # Debian's chromium, or its headless shell (what the tests install)
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium") or CHROMIUM,
                                                 args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(base + "projekte/projekt-1/")
            page.wait_for_load_state("networkidle")
            requested: list[str] = []
            page.context.on("request", lambda request: requested.append(request.url))
            page.click("input.md-search__input")
            wait_for_search_ready(page, timeout=60_000)
            first = SEARCH_QUERIES[0]
            page.keyboard.type(first[:2], delay=KEY_DELAY_MS)
            page.wait_for_timeout(1_000)
            prefix_index_files = [url for url in requested if "/pagefind/index/" in url]
            page.keyboard.type(first[2:], delay=KEY_DELAY_MS)
            page.wait_for_function(
                "q => document.querySelector('.md-search__input').value === q && "
                "document.querySelector('.md-search-result__item')", arg=first, timeout=60_000)
            page.wait_for_timeout(500)  # the texts of the listed pages
            loaded = sorted(set(requested))
            page.fill("input.md-search__input", "")
            # Until the list is gone: else the first query's results would count as the second's.
            page.wait_for_function("() => !document.querySelector('.md-search-result__item')", timeout=10_000)
            query = SEARCH_QUERIES[1]
            page.fill("input.md-search__input", query[:-1])
            started = time.perf_counter()
            page.keyboard.type(query[-1])
            page.wait_for_function(
                "q => document.querySelector('.md-search__input').value === q && "
                "document.querySelector('.md-search-result__item')", arg=query, timeout=60_000)
            next_ms = round((time.perf_counter() - started) * 1000)
            browser.close()
    files = [site / url[len(base):].split("?")[0] for url in loaded if url.startswith(base)]
    return {
        "query": first,
        "typed_key_by_key_ms": KEY_DELAY_MS,
        "files": len(files),
        "bytes_gzip": sum(gzip_size(path.read_bytes()) for path in files if path.is_file()),
        "two_letter_index_files": len(prefix_index_files),
        "next_query_ms": next_ms,
        "index_bytes": sum(path.stat().st_size for path in (site / "pagefind").rglob("*") if path.is_file()),
    }


def measure(size: int, repeat: int, workdir: Path, env: dict, all_in_nav: bool = False) -> dict:
    hub = hub_project(workdir / f"hub-{size}", size)
    hub_runs = [build(hub / "mkdocs.yml", hub / "site", env)]
    site = hub / "site"
    # The floor gets exactly as many pages as the hub built (its redirect stubs aside).
    pages = sum(1 for page in site.rglob("index.html") if b'http-equiv="refresh"' not in _head(page))
    floor = workdir / f"floor-{size}"
    write_plain_site(floor, pages, nav=hub_nav(hub / "mkdocs.yml"))
    floor_runs = []
    for index in range(repeat):  # interleaved, so drift on the machine hits both alike
        if index:
            hub_runs.append(build(hub / "mkdocs.yml", hub / "site", env))
        floor_runs.append(floor_build(floor / "mkdocs.yml", floor / "site", env))
    hub_memory = memory_of_build(hub / "mkdocs.yml", hub / "site", env)
    floor_memory = memory_of_build(floor / "mkdocs.yml", floor / "site", env)
    floor_pagefind = pagefind_afterwards(floor / "site", env)
    floor_pagefind_tuned = pagefind_afterwards(floor / "site", env, hub_allocator=True)
    # One after the other: the larger of the two is the floor's peak.
    floor_mb = max(floor_memory["total_mb"], floor_pagefind["total_mb"])
    floor_tuned_mb = max(floor_memory["total_mb"], floor_pagefind_tuned["total_mb"])
    floor_search_gzip = gzip_size((floor / "site" / "search" / "search_index.json").read_bytes())
    search = search_download(site)
    entry_page = site / "projekte" / "projekt-1" / "index.html"
    text_bytes = sum(p.stat().st_size for p in (hub / "data").rglob("*.yml"))
    hub_seconds = statistics.median(r["seconds"] for r in hub_runs)
    floor_seconds = statistics.median(r["seconds"] for r in floor_runs)
    row = {
        "entries": size,
        "pages": pages,
        "hub_seconds": round(hub_seconds, 2),
        # The floor: plain Material, then Pagefind's command line (both parts below).
        "floor_seconds": round(floor_seconds, 2),
        "ratio": round(hub_seconds / floor_seconds, 2),
        "floor_material_seconds": round(statistics.median(r["material_seconds"] for r in floor_runs), 2),
        "floor_pagefind_seconds": round(statistics.median(r["pagefind_seconds"] for r in floor_runs), 2),
        "hub_seconds_spread": [round(min(r["seconds"] for r in hub_runs), 2),
                               round(max(r["seconds"] for r in hub_runs), 2)],
        "floor_seconds_spread": [round(min(r["seconds"] for r in floor_runs), 2),
                                 round(max(r["seconds"] for r in floor_runs), 2)],
        # All programs of one build together at their fullest moment (one more build each, sampled).
        "hub_total_peak_mb": hub_memory["total_mb"],
        "floor_total_peak_mb": floor_mb,
        "total_peak_ratio": round(hub_memory["total_mb"] / floor_mb, 2),
        # Stricter: the floor's Pagefind with the allocator setting the hub gives its own.
        "floor_total_peak_mb_hub_allocator": floor_tuned_mb,
        "total_peak_ratio_hub_allocator": round(hub_memory["total_mb"] / floor_tuned_mb, 2),
        "hub_programs_peak_mb": hub_memory["programs_mb"],
        "floor_programs_peak_mb": {"mkdocs": floor_memory["total_mb"], "pagefind": floor_pagefind["total_mb"],
                                   "pagefind_hub_allocator": floor_pagefind_tuned["total_mb"]},
        "search": search,
        "data_bytes_per_entry": round(text_bytes / size),
        # Material's own search: its whole index before the first result.
        "material_search_gzip": floor_search_gzip,
        "entry_page_bytes": entry_page.stat().st_size,
        "entry_page_gzip": gzip_size(entry_page.read_bytes()),
        "first_visit": first_visit_bytes(site, entry_page),
    }
    if all_in_nav:
        nav = workdir / f"nav-{size}"
        write_plain_site(nav, pages, in_nav=True)
        row["all_in_nav_seconds"] = round(build(nav / "mkdocs.yml", nav / "site", env)["seconds"], 2)
    return row


def _head(path: Path) -> bytes:
    with path.open("rb") as file:
        return file.read(600)


def serve_reload(size: int, workdir: Path, env: dict, dirty: bool = False) -> float:
    """Seconds from saving one YAML file to the rebuilt page under `mkdocs serve` (or with --dirty)."""
    hub = hub_project(workdir / f"serve-{size}{'-dirty' if dirty else ''}", size)
    # --dirty rebuilds the pages of changed files only; --no-strict: its own warning would stop it.
    options = ["--dirty", "--no-strict"] if dirty else []
    # Not --no-livereload: it also turns off rebuilding when a file changes.
    # TMPDIR: mkdocs serve builds into a temporary folder; it goes where the benchmark builds.
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", "127.0.0.1:8765", *options],
                               cwd=hub, env={**env, "TMPDIR": str(workdir)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = "http://127.0.0.1:8765/projekte/projekt-1/"
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(url, timeout=5).read()
                break
            except OSError:
                time.sleep(0.5)
        source = hub / "data" / "projects" / "projekt-1.yml"
        marker = "Geaendert im Benchmark"
        values = yaml.safe_load(source.read_text(encoding="utf-8"))
        values["title"] = f"{marker} {values['title']}"
        source.write_text(yaml.safe_dump(values, allow_unicode=True), encoding="utf-8")
        saved = time.monotonic()
        while time.monotonic() < deadline:
            try:
                if marker in urllib.request.urlopen(url, timeout=5).read().decode():
                    return round(time.monotonic() - saved, 2)
            except OSError:
                pass
            time.sleep(0.2)
        return float("nan")
    finally:
        process.terminate()
        process.wait(timeout=30)


# The pages the issue names: the start page, a project page and the funding archive.
LIGHTHOUSE_PAGES = {"Startseite": "", "Projekt": "projekte/projekt-1/", "Förderarchiv": "foerderung/archiv/"}


def lighthouse(site: Path, runs: int = 1) -> dict:
    """Lighthouse scores (npm lighthouse on Debian's Chromium, mobile defaults) for three pages of a
    built site, served by nginx with deploy/nginx.conf (compressed, with the site's headers); with
    ``runs`` > 1 each page's scores are lists, one per run (the simulated times vary)."""
    bench = ROOT / "bench"
    binary = bench / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=bench, check=True)
    scores: dict[str, dict] = {}
    pages = {name: path if (site / path / "index.html").is_file() else _first_page_beside(site, path)
             for name, path in LIGHTHOUSE_PAGES.items()}
    with nginx(site, site.parent / "lighthouse-nginx", ROOT / "deploy" / "nginx.conf") as base:
        for _ in range(runs):
            for name, path in pages.items():
                found = scores.setdefault(name, {})
                for key, value in _lighthouse_page(binary, base, path, site.parent).items():
                    found.setdefault(key, []).append(value)
    return {name: {key: values if runs > 1 else values[0] for key, values in found.items()}
            for name, found in scores.items()}


def _first_page_beside(site: Path, path: str) -> str:
    """A site without ``path`` (the real one has no projekt-1): the first page in its folder."""
    folder = site / posixpath.dirname(path.rstrip("/"))
    found = sorted(page.parent for page in folder.glob("*/index.html"))
    return f"{found[0].relative_to(site).as_posix()}/" if found else path


def _lighthouse_page(binary: Path, base: str, path: str, workdir: Path) -> dict:
    report = workdir / f"lighthouse-{path.strip('/').replace('/', '-') or 'start'}.json"
    done = subprocess.run([str(binary), f"{base}{path}", "--quiet",
                           "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                           "--disable-component-update --disable-sync",
                           "--only-categories=performance,accessibility,best-practices,seo",
                           "--output=json", f"--output-path={report}"],
                          env={**os.environ, "CHROME_PATH": shutil.which("chromium") or CHROMIUM},
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"}
    result = json.loads(report.read_text())
    categories = result["categories"]
    scores = {key: round(value["score"] * 100) for key, value in categories.items()}
    scores["total_blocking_time_ms"] = round(result["audits"]["total-blocking-time"]["numericValue"])
    # What cost points: the audits of a category below 100 that did not pass.
    below = [ref["id"] for key, value in categories.items() if value["score"] < 1
             for ref in value["auditRefs"] if ref.get("weight")
             and (result["audits"][ref["id"]].get("score") or 0) < 1]
    if below:
        scores["not_passed"] = below
    return scores


def table(rows: list[dict]) -> str:
    head = (f"{'Einträge':>8} {'Seiten':>7} {'Hub s':>7} {'Boden s':>8} {'Hub/Boden':>9} {'Hub MB':>7} "
            f"{'Boden MB':>8} {'MB Hub/Boden':>12} {'(streng)':>8} {'Suche gz KB':>11} {'2. Suche ms':>11} "
            f"{'Erstbesuch gz KB':>16} {'alle im Menü s':>14}")
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(f"{r['entries']:>8} {r['pages']:>7} {r['hub_seconds']:>7} {r['floor_seconds']:>8} "
                     f"{r['ratio']:>9} {r['hub_total_peak_mb']:>7} {r['floor_total_peak_mb']:>8} "
                     f"{r['total_peak_ratio']:>12} {r['total_peak_ratio_hub_allocator']:>8} "
                     f"{r['search']['bytes_gzip'] / 1024:>11.0f} {r['search']['next_query_ms']:>11} "
                     f"{r['first_visit']['gzip'] / 1024:>16.1f} "
                     f"{r.get('all_in_nav_seconds', '–'):>14}")
    return "\n".join(lines)


def _filesystem(path: Path) -> str:
    """The kind of file system the sites were built on (Linux: from /proc/mounts), e.g. "ext4" or "tmpfs"."""
    try:
        mounts = [line.split() for line in Path("/proc/mounts").read_text().splitlines()]
    except OSError:
        return "unbekannt"
    resolved = str(path.resolve())
    found = max((m for m in mounts if resolved == m[1] or resolved.startswith(m[1].rstrip("/") + "/")),
                key=lambda m: len(m[1]), default=None)
    return found[2] if found else "unbekannt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 3000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--serve", action="store_true", help="also measure save-to-reload under mkdocs serve")
    parser.add_argument("--all-in-nav", action="store_true",
                        help="also build the plain site with every page in the menu (grows quadratically)")
    parser.add_argument("--lighthouse", action="store_true",
                        help="also score three pages of the largest build with Lighthouse (mobile defaults)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="where the sites are built (default: the system's temporary folder); "
                             "e.g. /dev/shm to leave the disk out of the timings")
    parser.add_argument("--lighthouse-runs", type=int, default=1, help="Lighthouse runs per page")
    parser.add_argument("--lighthouse-site", type=Path, default=None,
                        help="only score this built site with Lighthouse (e.g. the real site after "
                             "'mkdocs build -d /tmp/lh/site'; its parent folder takes the reports)")
    args = parser.parse_args()
    if args.lighthouse_site is not None:
        print(json.dumps(lighthouse(args.lighthouse_site.resolve(), runs=args.lighthouse_runs),
                         indent=2, ensure_ascii=False))
        return
    env = {**os.environ, "HUB_TODAY": "2026-11-25", "NO_MKDOCS_2_WARNING": "1"}
    # The hub's modules compiled, as pip compiles the floor's installed packages: otherwise, with
    # PYTHONDONTWRITEBYTECODE set, every build would compile them from source first.
    compileall.compile_dir(ROOT / "macros", quiet=1)
    with tempfile.TemporaryDirectory(prefix="hub-bench-", dir=args.workdir) as tmp:
        rows = []
        for size in args.sizes:
            rows.append(measure(size, args.repeat, Path(tmp), env, args.all_in_nav))
            print(table(rows[-1:]).splitlines()[-1], flush=True)
        result = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0],
                              "workdir": _filesystem(Path(tmp))}, "runs": rows}
        args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        if args.lighthouse:
            # The target size (1,000), as the goals name it.
            size = max([s for s in args.sizes if s <= 1000] or [min(args.sizes)])
            result["lighthouse"] = {"entries": size, "pages": lighthouse(Path(tmp) / f"hub-{size}" / "site",
                                                                       runs=args.lighthouse_runs)}
            args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        if args.serve:
            result["serve_reload_seconds"] = {str(size): serve_reload(size, Path(tmp), env) for size in args.sizes}
            result["serve_dirty_reload_seconds"] = {str(size): serve_reload(size, Path(tmp), env, dirty=True)
                                                    for size in args.sizes}
    print()
    print(table(rows))
    if "lighthouse" in result:
        print("Lighthouse:", result["lighthouse"])
    if "serve_reload_seconds" in result:
        print("mkdocs serve, Speichern bis neu gebaute Seite (s):", result["serve_reload_seconds"])
        print("mkdocs serve --dirty --no-strict, ebenso (s):", result["serve_dirty_reload_seconds"])
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"geschrieben: {args.out}")


if __name__ == "__main__":
    main()
