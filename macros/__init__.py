"""Digitalnetzwerk Kreis Höxter: data, pages and MkDocs wiring.

``define_env`` is mkdocs-macros' entry point. It only hands the page macros
(``macros.generate.page_macros``, the same for every engine) to the pages; what
they show is decided in ``macros.html.pages``. The page code is
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


def define_env(env) -> None:
    """Register the page macros with mkdocs-macros (its documented extension point)."""
    from macros.generate.page_macros import SiteSettings, page_macros

    hub = env.conf.plugins.get("hub")
    if hub is None:
        raise ValueError("mkdocs.yml: das Plugin 'hub' fehlt unter plugins.")

    def settings() -> SiteSettings:
        config = env.conf
        return SiteSettings(config.site_url or "/", config.repo_url)

    for function in page_macros(hub.hold, lambda: hub.build.catalog, settings).values():
        env.macro(function)
