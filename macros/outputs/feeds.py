"""Atom feeds: news, and new or changed funding calls.

Built with feedgen, which escapes every value for XML. Entry ids are the
absolute URLs of the pages, so feed readers recognise an entry again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from feedgen.feed import FeedGenerator

from macros import urls
from macros.data.catalog import Catalog
from macros.urls import FUNDING_FEED, NEWS_FEED  # noqa: F401 - re-exported: one place for the addresses
from macros.wording import german_date


@dataclass(frozen=True)
class FeedItem:
    title: str
    url: str          # site-relative
    updated: date
    summary: str
    categories: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


def atom(title: str, feed_path: str, page_path: str, items: list[FeedItem], site_url: str,
         subtitle: str) -> bytes:
    """An Atom feed of ``items`` (newest first)."""
    base = site_url.rstrip("/") + "/"
    feed = FeedGenerator()
    feed.id(base + feed_path)
    feed.title(title)
    feed.subtitle(subtitle)
    feed.language("de")
    feed.author({"name": "Digitalnetzwerk Kreis Höxter"})
    feed.link(href=base + page_path, rel="alternate")
    feed.link(href=base + feed_path, rel="self")
    ordered = sorted(items, key=lambda item: (item.updated, item.url), reverse=True)
    feed.updated(_moment(ordered[0].updated) if ordered else _moment(date(2000, 1, 1)))
    # feedgen prepends entries: add the oldest first so the newest comes out on top.
    for item in reversed(ordered):
        entry = feed.add_entry()
        entry.id(base + item.url)
        entry.title(item.title)
        entry.link(href=base + item.url, rel="alternate")
        entry.summary(item.summary)
        entry.updated(_moment(item.updated))
        for category in item.categories:
            entry.category(term=category)
    return feed.atom_str(pretty=True)


def funding_items(catalog: Catalog) -> list[FeedItem]:
    """Funding calls that are not expired, newest review first (a review is a change)."""
    from macros.labels import FUNDING_STATUS

    items = []
    for call in catalog.funding.values():
        status = catalog.funding_status(call)
        if status == "abgelaufen":
            continue
        deadline = f" Frist: {german_date(call.deadline)}." if call.deadline else ""
        items.append(FeedItem(call.title, urls.entry_url("funding", call.id), call.reviewed,
                              f"{FUNDING_STATUS[status]}.{deadline} {call.summary}", (status,)))
    return items


def chronicle_items(catalog: Catalog) -> list[FeedItem]:
    """Milestones marked as news (``news: true``), for the news feed; dated by their first day."""
    return [FeedItem(m.title, urls.milestone_url(m.id), m.date.first_day, m.summary or m.title, ("Chronik",),
                     tuple(topic for project in m.projects for topic in catalog.projects[project].topics))
            for m in catalog.chronicle.values() if m.news]
