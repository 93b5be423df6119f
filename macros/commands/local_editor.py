"""``python -m macros editor``: the browser editor's local server, for editing on this machine.

decap-server (installed by ``npm ci``) answers the editor under ``mkdocs serve`` and writes
into this repository: in Git mode each saved entry becomes a branch ``cms/<art>/<kennung>``
with one commit, as a merge request would. Started here it asks nothing, listens on
127.0.0.1 only (not on the network: it has no sign-in) and on the port the editor expects.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from macros.outputs.editor import LOCAL_BACKEND

DECAP_SERVER = Path("node_modules/decap-server/dist/index.js")
PORT = urlsplit(LOCAL_BACKEND).port


class LocalEditorError(RuntimeError):
    """What is missing to start the local server, in German."""


def server_command(project: Path, port: int = PORT) -> tuple[list[str], dict[str, str]]:
    """The command and environment that start decap-server for ``project`` on 127.0.0.1:``port``."""
    project = Path(project).resolve()
    node = shutil.which("node") or shutil.which("nodejs")
    server = project / DECAP_SERVER
    if node is None or not server.is_file():
        raise LocalEditorError("decap-server fehlt: im Projektordner 'npm ci --no-audit --no-fund' ausführen "
                               "(siehe README, zweiter Befehl).")
    if not (project / ".git").exists():
        raise LocalEditorError(f"{project} ist kein Git-Repository: der lokale Editor speichert jeden Entwurf "
                               "als Zweig und braucht dafür eine Kopie des Repositorys (git clone).")
    environment = {**os.environ, "MODE": "git", "GIT_REPO_DIRECTORY": str(project), "PORT": str(port),
                   "BIND_HOST": "127.0.0.1", "LOG_LEVEL": os.environ.get("LOG_LEVEL", "info")}
    return [node, str(server)], environment


def run(project: Path, port: int = PORT) -> None:
    """Become decap-server (this process is replaced: Ctrl+C and a stop signal reach the server
    itself, no server is left behind); returns only with an error."""
    command, environment = server_command(project, port)
    print(f"Lokaler Editor-Server auf http://127.0.0.1:{port} (nur von diesem Rechner erreichbar).\n"
          "In einem zweiten Fenster 'mkdocs serve' starten und http://localhost:8000/redaktion/editor/ "
          "öffnen; jeder gespeicherte Entwurf wird ein Zweig cms/… in diesem Repository.\n"
          "Beenden mit Strg+C.", flush=True)
    os.execve(command[0], command, environment)
