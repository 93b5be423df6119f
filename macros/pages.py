"""What each page of the hub shows, as HTML fragments (no MkDocs in here).

Generated entry pages get a tiny Markdown source (``entry_source``) that only
carries escaped metadata; their HTML body comes from ``entry_html`` and is put
in after Markdown has run, so text from data/ never passes through Markdown or
a template engine as source.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from macros import urls
from macros.catalog import Catalog
from macros.render import html_text, render


@dataclass(frozen=True)
class EntryPage:
    kind: str
    id: str
    title: str
    description: str
    source: str  # the data file the page comes from


def entry_pages(catalog: Catalog) -> list[EntryPage]:
    """Every page generated from data, one per project, funding call and town."""
    pages = [EntryPage("projects", p.id, p.title, p.summary, catalog.sources[("projects", p.id)])
             for p in catalog.projects.values()]
    pages += [EntryPage("funding", f.id, f.title, f.summary, catalog.sources[("funding", f.id)])
              for f in catalog.funding.values()]
    pages += [EntryPage("towns", t.id, t.name, f"{t.name}: Beschluss, Projekte und Ansprechpersonen "
                        "im Digitalnetzwerk Kreis Höxter", catalog.sources[("towns", t.id)])
              for t in catalog.towns.values()]
    return pages


def entry_source(page: EntryPage) -> str:
    """The Markdown source of a generated page: front matter and a placeholder."""
    meta = {
        "title": html_text(page.title),
        "description": html_text(page.description),
        "render_macros": False,
        "hub_entry": f"{page.kind}/{page.id}",
        "hub_source": page.source,
    }
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n\n<!-- hub:entry -->\n"


def entry_html(catalog: Catalog, kind: str, entry_id: str, page_url: str) -> str:
    """The body of the generated page for one entry."""
    if kind == "projects":
        return render("entries/project.html", page_url, catalog=catalog,
                      project=catalog.projects[entry_id])
    if kind == "funding":
        return render("entries/funding.html", page_url, catalog=catalog,
                      call=catalog.funding[entry_id])
    if kind == "towns":
        return render("entries/town.html", page_url, catalog=catalog, town=catalog.towns[entry_id])
    raise KeyError(kind)


def projects_overview(catalog: Catalog, page_url: str) -> str:
    projects = sorted(catalog.projects.values(), key=lambda p: p.title.casefold())
    return render("overviews/projects.html", page_url, catalog=catalog, projects=projects)


@dataclass(frozen=True)
class _CallNow:
    call: object
    status_now: str


def funding_overview(catalog: Catalog, page_url: str) -> str:
    def order(call):
        # Nearest deadline first; calls without a deadline after those with one.
        return (call.deadline is None, call.deadline or call.reviewed, call.title.casefold())

    calls = [_CallNow(call, catalog.funding_status(call))
             for call in sorted(catalog.funding.values(), key=order)]
    return render("overviews/funding.html", page_url, catalog=catalog, calls=calls)


def members_overview(catalog: Catalog, page_url: str) -> str:
    towns = _members_in_order(catalog)
    statuses = [t.resolution.status if t.resolution else None for t in towns]
    return render("overviews/members.html", page_url, catalog=catalog, towns=towns,
                  decided=statuses.count("beschlossen"), planned=statuses.count("geplant")
                  + statuses.count(None), rejected=statuses.count("abgelehnt"))


def contact_directory(catalog: Catalog, page_url: str) -> str:
    return render("overviews/contacts.html", page_url, catalog=catalog,
                  towns=_members_in_order(catalog))


def contact_box(catalog: Catalog, contact_id: str, page_url: str) -> str:
    contact = catalog.contacts.get(contact_id)
    if contact is None:
        raise KeyError(f"Kein öffentlicher Kontakt mit der Kennung '{contact_id}'")
    return render("overviews/contact_box.html", page_url, catalog=catalog, contact=contact)


def _members_in_order(catalog: Catalog):
    # The Kreis first, then the towns alphabetically, as in the founding resolution.
    return sorted(catalog.towns.values(), key=lambda t: (t.kind != "kreis", t.name.casefold()))


__all__ = ["EntryPage", "entry_pages", "entry_source", "entry_html", "projects_overview",
           "funding_overview", "members_overview", "contact_directory", "contact_box", "urls"]
