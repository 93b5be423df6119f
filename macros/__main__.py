"""Command line for editors: ``python -m macros check``.

Checks every file under data/ without building the site and prints each
problem as ``data/…/x.yml:LINE: Feld: Meldung``. Exit code 0 means all is well,
1 means there are problems to fix.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from macros.catalog import load_catalog
from macros.problems import DataError


def _check(args: argparse.Namespace) -> int:
    try:
        catalog = load_catalog(args.data)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    print(f"Daten in Ordnung: {len(catalog.towns)} Mitglieder, {len(catalog.projects)} Projekte, "
          f"{len(catalog.funding)} Förderprogramme, {len(catalog.contacts)} öffentliche Kontakte.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros",
                                     description="Werkzeuge für die Daten des Digitalnetzwerks.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="alle Dateien unter data/ prüfen")
    check.add_argument("--data", type=Path, default=Path("data"), help="Datenordner (Standard: data)")
    check.set_defaults(run=_check)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
