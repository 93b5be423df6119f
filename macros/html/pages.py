"""What each page of the hub shows, as HTML fragments (no MkDocs in here).

Generated entry pages get a tiny Markdown source (``entry_source``) that only
carries escaped metadata; their HTML body comes from ``entry_html`` and is put
in after Markdown has run, so text from data/ never passes through Markdown or
a template engine as source.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import yaml
from markupsafe import Markup

from macros import labels, urls
from macros.data import release
from macros.data.catalog import Catalog
from macros.html import facets
from macros.html.render import render
from macros.html.report import status_report
from macros.kinds import REGISTRY
from macros.outputs.calendars import REMINDER_TEXT, calendar_files
from macros.outputs.datasets import published_datasets
from macros.outputs.exports import collections
from macros.outputs.feeds import NEWS_FEED


@dataclass(frozen=True)
class EntryPage:
    kind: str
    id: str
    title: str
    description: str
    source: str  # the data file the page comes from


def entry_pages(catalog: Catalog) -> list[EntryPage]:
    """Every page generated from data: one per entry of each kind with a URL section."""
    pages = []
    for kind in REGISTRY.values():
        if not kind.section or kind.key == "topics":
            continue
        for entry in getattr(catalog, kind.key).values():
            title = getattr(entry, "title", None) or entry.name
            description = getattr(entry, "summary", None) or \
                f"{title}: Beschluss, Projekte und Ansprechpersonen im Digitalnetzwerk Kreis Höxter"
            pages.append(EntryPage(kind.key, entry.id, title, description, catalog.sources[(kind.key, entry.id)]))
    for slug in catalog.page_topics():  # also tags without an entry in topics.yml
        topic = catalog.topics.get(slug)
        description = (topic.description if topic and topic.description else
                       f"Projekte, Förderprogramme, Schulungen und mehr zum Thema {catalog.topic_name(slug)}")
        source = catalog.sources.get(("topics", slug), "data/topics.yml" if topic else "data/projects")
        pages.append(EntryPage("topics", slug, catalog.topic_name(slug), description, source))
    return pages


ENTRY_META_KEYS = ("title", "description", "render_macros", "hub_entry", "hub_source")  # entry_source's
ENTRY_MARKER = "<!-- hub:entry -->"  # where the build puts an entry page's body (entry_html)
ENTRY_MARKDOWN = f"{ENTRY_MARKER}\n"  # what follows a generated page's front matter
# JSON is YAML, and writing it costs a tenth; except for characters PyYAML reads otherwise
# (NEL, U+0085, becomes a line break) or refuses (C1 controls). The models refuse both in data.
_NOT_PLAIN_FOR_YAML = re.compile("[^\x09\x0A\x0D\x20-\x7E\xA0-\u2027\u202A-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")


def entry_meta(page: EntryPage) -> dict:
    """The front matter of a generated page, as values."""
    # Plain text: the build escapes every page's title and description alike (hooks).
    values = (page.title, page.description, False, f"{page.kind}/{page.id}", page.source)
    return dict(zip(ENTRY_META_KEYS, values, strict=True))


def entry_source(page: EntryPage) -> str:
    """The Markdown source of a generated page: front matter and a placeholder."""
    meta = entry_meta(page)
    front = json.dumps(meta, ensure_ascii=False)
    if _NOT_PLAIN_FOR_YAML.search(front):
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False).rstrip("\n")
    return f"---\n{front}\n---\n\n{ENTRY_MARKDOWN}"


def entry_content(catalog: Catalog, kind: str, entry_id: str, page_url: str, news=()) -> str:
    """An entry page's content: its body, after a note when the record is unfinished (open items
    in it, or a gap the page shows)."""
    body = entry_html(catalog, kind, entry_id, page_url, news)
    record = getattr(catalog, kind).get(entry_id)  # None: a topic page for a tag without an entry
    unfinished = record is not None and release.record_is_unfinished(record.model_dump(mode="json"))
    if unfinished or release.GAP_MARKER in body:
        return render("parts/draft_note.html", page_url) + body
    return body


def page_notes(meta: dict, page_url: str, draft: bool) -> tuple[str, str]:
    """What goes before and after a hand-written page's content: that it is not decided yet
    (``standing``), that it is unfinished (``draft``), and its sources."""
    from macros.data.front_matter import page_sources

    before = render("parts/standing_note.html", page_url, standing=meta["standing"]) if meta.get("standing") else ""
    if draft:
        before += render("parts/draft_note.html", page_url)
    sources = page_sources(meta)
    return before, render("parts/page_sources.html", page_url, sources=sources) if sources else ""


def entry_html(catalog: Catalog, kind: str, entry_id: str, page_url: str, news=()) -> str:
    """The body of the generated page for one entry (``news``: FeedItems, for topic pages)."""
    record = REGISTRY[kind]
    if kind == "topics":
        return render(record.template, page_url, **_topic_context(catalog, entry_id, news))
    entry = getattr(catalog, kind)[entry_id]
    extra = _EXTRA_CONTEXT.get(kind, lambda catalog, entry: {})(catalog, entry)
    return render(record.template, page_url, **{"catalog": catalog, "kind": record, "entry": entry,
                                                  record.variable: entry, **extra})


def _training_context(catalog: Catalog, training) -> dict:
    return {"material_titles": catalog.materials,
            "upcoming": [s for s in training.sessions if s.date >= catalog.today],
            "past": [s for s in training.sessions if s.date < catalog.today]}


def _topic_context(catalog: Catalog, slug: str, news) -> dict:
    def tagged(kind):
        entries = getattr(catalog, kind).values()
        return sorted((e for e in entries if slug in e.topics), key=lambda e: e.title.casefold())
    return {"catalog": catalog, "slug": slug, "topic": catalog.topics.get(slug), "name": catalog.topic_name(slug),
            "projects": tagged("projects"), "calls": tagged("funding"), "trainings": tagged("trainings"),
            "services": tagged("shared_services"),
            "news": sorted((n for n in news if slug in n.topics), key=lambda n: n.updated, reverse=True)}


def _project_context(catalog: Catalog, project) -> dict:
    """The project's next dates from the build day on: its start and end, and the opening and
    deadline of the funding calls it names ((date, what, address or None), earliest first)."""
    dates = [(project.start, "Beginn des Projekts", None), (project.end, "Ende des Projekts", None)]
    for call_id in project.funding:
        call = catalog.funding.get(call_id)
        if call is not None:
            address = urls.entry_url("funding", call_id)
            dates += [(call.opens, f"Förderprogramm „{call.title}“ öffnet", address),
                      (call.deadline, f"Frist im Förderprogramm „{call.title}“", address)]
    return {"upcoming": sorted(((when, what, where) for when, what, where in dates
                                if when is not None and when >= catalog.today), key=lambda item: item[0])}


# What a kind's page needs beyond its entry and the catalog.
_EXTRA_CONTEXT = {
    "shared_services": lambda catalog, service: {"members": catalog.members_in_order()},
    "trainings": _training_context,
    "projects": _project_context,
}


def topics_overview(catalog: Catalog, page_url: str) -> str:
    return render("overviews/topics.html", page_url, catalog=catalog, topics=catalog.page_topics(),
                  counts=catalog.topic_counts)


def projects_overview(catalog: Catalog, page_url: str) -> str:
    projects = sorted(catalog.projects.values(), key=lambda p: p.title.casefold())
    return render("overviews/projects.html", page_url, catalog=catalog, projects=projects,
                  facets=facets.project_facets(catalog),
                  values={p.id: facets.project_values(p) for p in projects})


@dataclass(frozen=True)
class _CallNow:
    call: object
    status_now: str


def funding_overview(catalog: Catalog, page_url: str, archive: bool = False) -> str:
    """Current calls by status and deadline; with ``archive``, the expired ones instead."""
    def order(call):
        # Nearest deadline first; calls without a deadline after those with one.
        return (call.deadline is None, call.deadline or call.reviewed, call.title.casefold())

    every = [_CallNow(call, catalog.funding_status(call))
             for call in sorted(catalog.funding.values(), key=order)]
    expired = [c for c in every if c.status_now == "abgelaufen"]
    if archive:
        calls = list(reversed(expired))  # most recently expired first
    else:
        calls = [c for c in every if c.status_now != "abgelaufen"]
    shown = [c.call for c in calls]
    return render("overviews/funding.html", page_url, catalog=catalog, calls=calls, archive=archive,
                  archived=len(expired), facets=facets.funding_facets(catalog, shown),
                  values={c.id: facets.funding_values(catalog, c) for c in shown})


def open_data_page(catalog: Catalog, page_url: str) -> str:
    published = collections(catalog, catalog.site_url)
    calendars = calendar_files(catalog, catalog.site_url)
    return render("overviews/open_data.html", page_url, site_url=catalog.site_url, collections=published,
                  calendars=calendars,
                  datasets=published_datasets(published, calendars), licence=catalog.open_data_licence,
                  reminder=REMINDER_TEXT)




def news_subscribe(catalog: Catalog, page_url: str) -> str:
    return render("parts/subscribe_box.html", page_url, links=[("Aktuelles (Atom-Feed)", NEWS_FEED)])


def maintenance_page(catalog: Catalog, page_url: str) -> str:
    """Stale entries, and every open point of every kind and of the operator data."""
    unconfirmed = [(kind.key, entry) for kind in REGISTRY.values()
                   for entry in getattr(catalog, kind.key).values() if entry.to_confirm]
    return render("overviews/maintenance.html", page_url, stale=catalog.stale_entries(),
                  unconfirmed=unconfirmed, kinds={k.key: k.name for k in REGISTRY.values()},
                  label_fields={k.key: k.label_field for k in REGISTRY.values()}, address=urls.address,
                  sources=catalog.sources, site=catalog.site)


def members_overview(catalog: Catalog, page_url: str) -> str:
    towns = catalog.members_in_order()
    statuses = [t.resolution.status if t.resolution else None for t in towns]
    return render("overviews/members.html", page_url, catalog=catalog, towns=towns,
                  decided=statuses.count("beschlossen"), planned=statuses.count("geplant"),
                  rejected=statuses.count("abgelehnt"), unknown=statuses.count(None))


def contact_directory(catalog: Catalog, page_url: str) -> str:
    return render("overviews/contacts.html", page_url, catalog=catalog,
                  towns=catalog.members_in_order())


def contact_box(catalog: Catalog, contact_id: str, page_url: str) -> str:
    # Without that contact (other data, or no longer public) the box points to the directory.
    return render("overviews/contact_box.html", page_url, catalog=catalog,
                  contact=catalog.contacts.get(contact_id))


def shared_services_overview(catalog: Catalog, page_url: str) -> str:
    services = sorted(catalog.shared_services.values(),
                      key=lambda s: (_RANK[s.potential], -_RANK[s.effort], s.title.casefold()))
    quick_wins = [s for s in services if s.potential == "hoch" and s.effort != "hoch"]
    return render("overviews/shared_services.html", page_url, catalog=catalog, services=services,
                  members=catalog.members_in_order(), quick_wins=quick_wins,
                  facets=facets.service_facets(catalog), values={s.id: facets.service_values(s) for s in services})


@dataclass(frozen=True)
class _Date:
    training: object
    session: object


def trainings_overview(catalog: Catalog, page_url: str) -> str:
    dates = sorted((_Date(t, s) for t in catalog.trainings.values() for s in t.sessions),
                   key=lambda d: (d.session.date, d.session.start))
    upcoming = [d for d in dates if d.session.date >= catalog.today]
    past = [d for d in reversed(dates) if d.session.date < catalog.today]
    offers = sorted(catalog.trainings.values(), key=lambda t: t.title.casefold())
    return render("overviews/trainings.html", page_url, catalog=catalog, upcoming=upcoming,
                  past=past, offers=offers, facets=facets.training_facets(catalog),
                  values={t.id: facets.training_values(t) for t in offers})


def arbeitskreis_overview(catalog: Catalog, page_url: str) -> str:
    meetings = sorted(catalog.meetings.values(), key=lambda m: m.date)
    orders = sorted(catalog.work_orders.values(),
                    key=lambda o: (list(labels.WORK_ORDER_STATUS).index(o.status), o.issued))
    return render("overviews/arbeitskreis.html", page_url, catalog=catalog,
                  upcoming=[m for m in meetings if m.date >= catalog.today],
                  past=[m for m in reversed(meetings) if m.date < catalog.today], orders=orders)


def glossary_list(catalog: Catalog, page_url: str) -> str:
    terms = sorted(catalog.glossary.values(), key=lambda t: t.term.casefold())
    return render("overviews/glossary.html", page_url, terms=terms)


def chronicle(catalog: Catalog, page_url: str) -> str:
    """The network's milestones by year, oldest first, and the grants received."""
    milestones = catalog.chronicle_in_order()
    by_year: dict[int, list] = {}
    for milestone in milestones:
        by_year.setdefault(milestone.date.year, []).append(milestone)
    return render("overviews/chronicle.html", page_url, catalog=catalog, milestones=milestones,
                  by_year=list(by_year.items()), years=list(by_year), grants=catalog.grants_in_order())


def report(catalog: Catalog, page_url: str) -> str:
    return render("overviews/report.html", page_url, charts=status_report(catalog), today=catalog.today)


def entry_link(catalog: Catalog, kind: str, entry_id: str, text: str | None, page_url: str) -> str:
    """A link to an entry's page; plain text if the entry does not exist (any more)."""
    if kind not in urls.sections():
        raise ValueError(f"entry_link(): unbekannte Art '{kind}' (bekannt: {', '.join(urls.sections())})")
    entry = getattr(catalog, kind).get(entry_id)
    label = text or (getattr(entry, "title", None) or getattr(entry, "name", entry_id))
    return render("parts/entry_link.html", page_url, target=urls.entry_url(kind, entry_id) if entry else None,
                  label=label)


_RANK = {"hoch": 0, "mittel": 1, "gering": 2}


LEGAL_PAGES = ("impressum", "datenschutz", "barrierefreiheit")
FEEDBACK_KINDS = ("Barriere melden", "Frage", "Idee oder Vorschlag", "Fehler auf der Website")


def feedback_form(catalog: Catalog, page_url: str, scope: str = "barrierefreiheit") -> str:
    """A feedback form that composes an e-mail (no server of our own)."""
    site = catalog.site
    contact = site.accessibility.contact if site else None
    address = (site.feedback_email if site else None) or (contact.email if contact else None)
    return render("parts/feedback.html", page_url, address=address, scope=scope, kinds=FEEDBACK_KINDS,
                  title="Rückmeldung schreiben", subject="Rückmeldung zur Website Digitalnetzwerk Kreis Höxter")


def legal_page(catalog: Catalog, page_url: str, name: str, repo_url: str | None) -> str:
    """Impressum, Datenschutzerklärung or Erklärung zur Barrierefreiheit, from data/site.yml."""
    if name not in LEGAL_PAGES:
        raise ValueError(f"legal_page(): unbekannte Seite '{name}' (bekannt: {', '.join(LEGAL_PAGES)})")
    repo_host = urls.repository_host(repo_url) or "der Plattform des Repositorys"
    return render(f"legal/{name}.html", page_url, catalog=catalog, site=catalog.site, repo_host=repo_host,
                  feedback=Markup(feedback_form(catalog, page_url)) if name == "barrierefreiheit" else "")
