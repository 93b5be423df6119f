"""Digitalnetzwerk Kreis Höxter: data, pages and MkDocs wiring.

``define_env`` is mkdocs-macros' entry point. It only hands the page macros to
the pages; what they show is decided in ``macros.pages``.
"""

from __future__ import annotations

from macros import pages, state

# The macros a Markdown page may call, and nothing else (see hooks.on_config).
PAGE_MACROS = ("projects_overview", "funding_overview", "members_overview",
               "contact_directory", "contact_box", "count")


def define_env(env) -> None:
    """Register the page macros with mkdocs-macros."""

    def held(render) -> str:
        build = state.require()
        return build.hold(env.page.file.src_uri, render(build.catalog, env.page.url))

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
        """How many entries of a kind there are: projects, funding, towns or contacts."""
        if kind not in ("projects", "funding", "towns", "contacts"):
            raise ValueError(f"count(): unbekannte Art '{kind}'")
        return len(getattr(state.require().catalog, kind))

    for function in (projects_overview, funding_overview, members_overview, contact_directory,
                     contact_box, count):
        env.macro(function)
