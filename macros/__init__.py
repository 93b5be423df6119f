"""Digitalnetzwerk Kreis Höxter: data, pages and MkDocs wiring.

``define_env`` is mkdocs-macros' entry point. It only hands the page macros to
the pages; what they show is decided in ``macros.html.pages``. The page code is
imported inside ``define_env``: ``import macros.data.catalog`` (and the ``check``
command) loads no Jinja, MkDocs or exporters.
"""

from __future__ import annotations

# The macros a Markdown page may call, and nothing else (see plugin.HubPlugin.on_config).
PAGE_MACROS = ("projects_overview", "funding_overview", "members_overview", "contact_directory",
               "contact_box", "count", "shared_services_overview", "trainings_overview",
               "arbeitskreis_overview", "glossary_list", "status_report", "entry_link",
               "funding_archive", "open_data", "maintenance", "news_feed_link", "topics_overview",
               "legal_page", "feedback_form", "chronicle")
COUNTABLE = ("projects", "funding", "towns", "contacts", "shared_services", "trainings",
             "meetings", "work_orders", "glossary", "grants", "chronicle")


def define_env(env) -> None:
    """Register the page macros with mkdocs-macros (its documented extension point)."""
    from macros.html import pages

    hub = env.conf.plugins.get("hub")
    if hub is None:
        raise ValueError("mkdocs.yml: das Plugin 'hub' fehlt unter plugins.")

    def held(render) -> str:
        return hub.hold(render)

    def projects_overview() -> str:
        """All projects, by area and status."""
        return held(pages.projects_overview)

    def funding_overview() -> str:
        """All funding calls, by derived status and deadline."""
        return held(pages.funding_overview)

    def members_overview() -> str:
        """The members and their council decisions."""
        return held(pages.members_overview)

    def contact_directory() -> str:
        """Public contacts by organisation."""
        return held(pages.contact_directory)

    def contact_box(contact_id: str) -> str:
        """One public contact as a box."""
        return held(lambda catalog, url: pages.contact_box(catalog, contact_id, url))

    def count(kind: str) -> int:
        """How many entries of a kind there are (public contacts only)."""
        if kind not in COUNTABLE:
            raise ValueError(f"count(): unbekannte Art '{kind}' (bekannt: {', '.join(COUNTABLE)})")
        return len(getattr(hub.build.catalog, kind))

    def shared_services_overview() -> str:
        """Potential summary and the members × services matrix."""
        return held(pages.shared_services_overview)

    def trainings_overview() -> str:
        """Upcoming and past training dates and all offers."""
        return held(pages.trainings_overview)

    def arbeitskreis_overview() -> str:
        """Meetings and work orders of the Arbeitskreis IT und Digitales."""
        return held(pages.arbeitskreis_overview)

    def glossary_list() -> str:
        """All glossary terms."""
        return held(pages.glossary_list)

    def status_report() -> str:
        """Figures and charts computed from the data."""
        return held(pages.report)

    def entry_link(kind: str, entry_id: str, text: str | None = None) -> str:
        """A link to an entry's page that stays readable if the entry is gone."""
        return held(lambda catalog, url: pages.entry_link(catalog, kind, entry_id, text, url))

    def funding_archive() -> str:
        """Funding calls whose deadline has passed."""
        return held(lambda catalog, url: pages.funding_overview(catalog, url, archive=True))

    def open_data() -> str:
        """The open data files, their fields and licence; calendars and feeds."""
        config = env.conf
        return held(lambda catalog, url: pages.open_data_page(
            catalog, url, config.site_url or "/", config.extra.get("open_data_licence", {})))

    def maintenance() -> str:
        """Entries not reviewed for twelve months, and facts still to confirm."""
        return held(pages.maintenance_page)

    def news_feed_link() -> str:
        """A subscribe link to the news feed."""
        return held(pages.news_subscribe)

    def topics_overview() -> str:
        """Every topic with the number of entries tagged with it."""
        return held(pages.topics_overview)

    def legal_page(name: str) -> str:
        """Impressum, Datenschutzerklärung or Erklärung zur Barrierefreiheit, from data/site.yml."""
        repo_url = env.conf.repo_url
        return held(lambda catalog, url: pages.legal_page(catalog, url, name, repo_url))

    def chronicle() -> str:
        """The network's milestones and the grants received, with their sources."""
        return held(pages.chronicle)

    def feedback_form() -> str:
        """A feedback form that composes an e-mail to the configured address."""
        return held(lambda catalog, url: pages.feedback_form(catalog, url, "anlaufstelle"))

    for function in (legal_page, feedback_form, projects_overview, funding_overview, members_overview,
                     contact_directory, contact_box, count, shared_services_overview, trainings_overview,
                     arbeitskreis_overview, glossary_list, status_report, entry_link,
                     funding_archive, open_data, maintenance, news_feed_link, topics_overview, chronicle):
        env.macro(function)
