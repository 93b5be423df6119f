"""The page macros, one set for every engine.

A macro returns ``hold(make)``: ``make(catalog, page_url)`` builds its HTML, and
``hold`` decides how that HTML reaches the page (the MkDocs adapter keeps it
aside until Markdown has run; the generate stage writes it into the Markdown
as inert HTML). Which macros exist is ``macros.PAGE_MACROS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from macros.html import pages

COUNTABLE = ("projects", "funding", "towns", "contacts", "shared_services", "trainings",
             "meetings", "work_orders", "glossary", "grants", "chronicle")

Make = Callable[[Any, str], str]


@dataclass(frozen=True)
class SiteSettings:
    """What the macros need from mkdocs.yml."""

    site_url: str = "/"
    repo_url: str | None = None


def page_macros(hold: Callable[[Make], str], catalog_now: Callable[[], Any],
                settings: Callable[[], SiteSettings]) -> dict[str, Callable]:
    """Name → macro. ``catalog_now`` and ``settings`` are read when a macro runs (the catalog is
    loaded after the macros are registered)."""

    def projects_overview() -> str:
        """All projects, by area and status."""
        return hold(pages.projects_overview)

    def funding_overview() -> str:
        """All funding calls, by derived status and deadline."""
        return hold(pages.funding_overview)

    def members_overview() -> str:
        """The members and their council decisions."""
        return hold(pages.members_overview)

    def contact_directory() -> str:
        """Public contacts by organisation."""
        return hold(pages.contact_directory)

    def contact_box(contact_id: str) -> str:
        """One public contact as a box."""
        return hold(lambda catalog, url: pages.contact_box(catalog, contact_id, url))

    def count(kind: str) -> int:
        """How many entries of a kind there are (public contacts only)."""
        if kind not in COUNTABLE:
            raise ValueError(f"count(): unbekannte Art '{kind}' (bekannt: {', '.join(COUNTABLE)})")
        return len(getattr(catalog_now(), kind))

    def shared_services_overview() -> str:
        """Potential summary and the members × services matrix."""
        return hold(pages.shared_services_overview)

    def trainings_overview() -> str:
        """Upcoming and past training dates and all offers."""
        return hold(pages.trainings_overview)

    def arbeitskreis_overview() -> str:
        """Meetings and work orders of the Arbeitskreis IT und Digitales."""
        return hold(pages.arbeitskreis_overview)

    def glossary_list() -> str:
        """All glossary terms."""
        return hold(pages.glossary_list)

    def status_report() -> str:
        """Figures and charts computed from the data."""
        return hold(pages.report)

    def entry_link(kind: str, entry_id: str, text: str | None = None) -> str:
        """A link to an entry's page that stays readable if the entry is gone."""
        return hold(lambda catalog, url: pages.entry_link(catalog, kind, entry_id, text, url))

    def funding_archive() -> str:
        """Funding calls whose deadline has passed."""
        return hold(lambda catalog, url: pages.funding_overview(catalog, url, archive=True))

    def open_data() -> str:
        """The open data files, their fields and licence; calendars and feeds."""
        return hold(pages.open_data_page)

    def maintenance() -> str:
        """Entries not reviewed for twelve months, and facts still to confirm."""
        return hold(pages.maintenance_page)

    def news_feed_link() -> str:
        """A subscribe link to the news feed."""
        return hold(pages.news_subscribe)

    def topics_overview() -> str:
        """Every topic with the number of entries tagged with it."""
        return hold(pages.topics_overview)

    def legal_page(name: str) -> str:
        """Impressum, Datenschutzerklärung or Erklärung zur Barrierefreiheit, from data/site.yml."""
        return hold(lambda catalog, url: pages.legal_page(catalog, url, name, settings().repo_url))

    def chronicle() -> str:
        """The network's milestones and the grants received, with their sources."""
        return hold(pages.chronicle)

    def feedback_form() -> str:
        """A feedback form that composes an e-mail to the configured address."""
        return hold(lambda catalog, url: pages.feedback_form(catalog, url, "anlaufstelle"))

    return {function.__name__: function for function in (
        legal_page, feedback_form, projects_overview, funding_overview, members_overview, contact_directory,
        contact_box, count, shared_services_overview, trainings_overview, arbeitskreis_overview, glossary_list,
        status_report, entry_link, funding_archive, open_data, maintenance, news_feed_link, topics_overview,
        chronicle)}
