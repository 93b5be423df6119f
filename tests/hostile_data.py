"""Hostile but valid data and pages: every string tries to break out of its context."""

from __future__ import annotations

import json
from pathlib import Path

TITLE = '<script>alert("titel")</script> {{ 7*7 }} </title><b>x</b> | a | b |'
SUMMARY = '"><img src=x onerror=alert(1)> {% raw %} & more'
DESCRIPTION = """\
Harmlos **fett** und [ein Link](https://example.org/).

<script>alert("beschreibung")</script>
<img src="x" onerror="alert(2)">
<a href="javascript:alert(3)" onclick="alert(4)">klick</a>
[Markdown-Link](javascript:alert(5))
{{ cycler.__init__.__globals__.os.popen('touch HACKED').read() }}

--8<-- "/etc/passwd"
"""
CONTACT_NAME = '<img src=y onerror=alert(6)>Kontakt'
TOWN_NAME = '<svg onload=alert(7)>Stadt & "Co"'
FUNDING_TITLE = "Programm | mit | Pipes </td></tr><script>alert(8)</script>"


def write_hostile_data(project: Path) -> None:
    data = project / "data"
    (data / "projects" / "boese.yml").write_text(
        f"title: {json.dumps(TITLE)}\n"
        "area: smart-region\nstatus: laufend\n"
        f"summary: {json.dumps(SUMMARY)}\n"
        "description: |\n" + "".join(f"  {line}\n" for line in DESCRIPTION.splitlines()) +
        "towns: [brakel, boese-stadt]\n"
        "lead: arbeitskreis-it-vorsitz\n"
        "contacts: [boeser-kontakt]\n"
        "funding: [boese-foerderung]\n"
        "links:\n  - title: '<i>link</i>'\n    url: https://example.org/?q=\"><script>\n"
        "reviewed: 2026-11-01\n", encoding="utf-8")
    (data / "funding" / "boese-foerderung.yml").write_text(
        f"title: {json.dumps(FUNDING_TITLE)}\nfunder: '<b>Bund</b>'\nlevel: bund\n"
        f"summary: {json.dumps(SUMMARY)}\nurl: 'https://example.org/a?b=1&c=\"2\"'\n"
        "deadline: 2027-01-01\nreviewed: 2026-11-01\n", encoding="utf-8")
    with (data / "towns.yml").open("a", encoding="utf-8") as towns:
        towns.write(f"\n- id: boese-stadt\n  name: {json.dumps(TOWN_NAME)}\n  kind: stadt\n")
    with (data / "contacts.yml").open("a", encoding="utf-8") as contacts:
        contacts.write(f"\n- id: boeser-kontakt\n  name: {json.dumps(CONTACT_NAME)}\n"
                       "  role: '{{ 6*7 }}'\n  org: boese-stadt\n  phone: '05271 123'\n  public: true\n")


HOSTILE_PAGE = """---
title: "T1 <img src=x onerror=alert(1)>"
description: "\\"><img src=x onerror=alert(5)>"
---

# Seite eins
"""
# An article of its own inside the page's article: what the search reads must not end at its close.
HOSTILE_HEADING = ("# T2 &lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;\n\nText.\n\n"
                   "<article><p>Innen.</p></article>\n\nNachartikelwort steht danach.\n")
HOSTILE_POST = """---
date: 2026-11-01
title: "P1 <img src=x onerror=alert(21)>"
categories: [Netzwerk]
---

# H1 &lt;img src=x onerror=alert(22)&gt;

Text.
"""
STRAY_SLOT = "\ue0007\ue001"  # the build's own placeholder form, written by hand


def title_with_template_code(marker: Path) -> str:
    """Front matter whose title would create ``marker`` if anything rendered it as a template."""
    return f"---\ntitle: \"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}') }}}}\"\n---\n\n# S\n"


def write_hostile_pages(project: Path) -> None:
    """Pages whose titles, headings and front matter try to break out (two in the menu, one post),
    a title with template code on the strategy page and a stray slot marker on the home page."""
    from tests.conftest import add_to_menu, append  # conftest loads this module only when building

    docs = project / "docs"
    (docs / "boese1.md").write_text(HOSTILE_PAGE, encoding="utf-8")
    (docs / "boese2.md").write_text(HOSTILE_HEADING, encoding="utf-8")
    (docs / "aktuelles" / "posts" / "boese.md").write_text(HOSTILE_POST, encoding="utf-8")
    (docs / "strategie.md").write_text(title_with_template_code(project / "PWNED"), encoding="utf-8")
    append(docs / "index.md", f"\n{STRAY_SLOT}\n")
    add_to_menu(project, "boese1.md", "boese2.md")
