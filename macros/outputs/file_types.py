"""The types of file the site publishes, and nothing else.

deploy/nginx.conf sends exactly these types (a test keeps the two equal) with
``nosniff``; a file of any other type in the finished site stops the build,
whether it came from docs/, the theme folder or a plugin, because a server
with its usual type table serves ``.shtml``, ``.xht`` or ``.xsl`` as code of
the site's own origin.
"""

from __future__ import annotations

from pathlib import Path

from macros.data.problems import Problem

PUBLISHED_TYPES = {
    ".html": "text/html", ".css": "text/css", ".js": "text/javascript",
    ".json": "application/json", ".map": "application/json", ".xml": "application/xml",
    ".ttl": "text/turtle", ".jsonld": "application/ld+json",
    ".gz": "application/gzip", ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp", ".avif": "image/avif",
    ".ico": "image/x-icon", ".woff2": "font/woff2", ".wasm": "application/wasm", ".pdf": "application/pdf",
    ".txt": "text/plain", ".csv": "text/csv", ".ics": "text/calendar", ".vtt": "text/vtt", ".mp4": "video/mp4",
    ".webm": "video/webm", ".mp3": "audio/mpeg",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
# What the server compresses: every published text type (nginx always compresses text/html).
# Images, fonts and Pagefind's index (already gzip) are compressed formats of their own.
COMPRESSED_TYPES = frozenset(
    media for media in PUBLISHED_TYPES.values()
    if media != "text/html" and (media.startswith("text/") or media.endswith(("json", "xml", "+xml"))))
# Pagefind's index files: binary data, served as application/octet-stream (the server's default).
SEARCH_INDEX_SUFFIXES = {".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter", ".pagefind"}
# Files a theme ships without a suffix: plain text, served as application/octet-stream.
TEXT_WITHOUT_SUFFIX = {"LICENSE"}
# Folders with rules of their own: the server's header files (never served) and the editor's app
# (deploy/nginx.conf gives it its own types and policy).
OWN_RULES = (".nginx", "redaktion/editor")


def unpublishable_files(site_dir: Path) -> list[Problem]:
    """Files in the finished site whose type the site does not publish."""
    site_dir = Path(site_dir)
    problems = []
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if not path.is_file() or relative.startswith(OWN_RULES):
            continue
        suffix = path.suffix.lower()
        if suffix not in PUBLISHED_TYPES and suffix not in SEARCH_INDEX_SUFFIXES \
                and path.name not in TEXT_WITHOUT_SUFFIX:
            problems.append(Problem(f"site/{relative}", 1, "", f"Dateien der Art '{suffix or path.name}' "
                                    "veröffentlicht die Website nicht (ein Server könnte sie als Code der Website "
                                    "ausliefern). Sie kam aus docs/, dem Theme-Ordner oder einem Plugin: bitte "
                                    "dort entfernen."))
    return problems
