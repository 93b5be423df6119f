"""One page frame per folder of entry pages: the theme's template rendered once, not per page.

Entry pages are not in the menu and all carry the same front matter keys, so the
theme makes the same page around each of them (menu, header, search, footer)
except in a few places: the title, the description, the canonical address, the
edit link and the content. A frame is the finished page of a folder with a
placeholder in each of those places; an entry page is the frame with its own
values put in.

Nothing is guessed. Each placeholder carries ``&#123;`` and two spaces, so every
way the theme may print a value leaves its own trace (as it is, escaped, or
stripped of tags and escaped); a placeholder printed any other way leaves the
mark behind and the folder gets no frame. The plugin also renders the first two
pages of each folder in full and uses the frame only when both come out byte for
byte the same (``FrameBook``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from macros.outputs.html_fixes import element_ids

SLOTS = ("title", "description", "canonical_url", "edit_url", "content")
_MARK = "hubframeslot"
# How a theme template may print a value: as it is, with |e, with |striptags|e.
_PRINTED = {
    "as_is": lambda value: value,
    "escaped": lambda value: str(escape(value)),
    "tags_stripped": lambda value: str(escape(Markup(value).striptags())),
}
_UNSAFE_IN_ATTRIBUTE = re.compile(r'[<>"]')
CHECKED_PAGES = 2  # pages per folder rendered in full and compared before the frame is used


def placeholder(slot: str, heading: bool = False) -> str:
    """The stand-in value for ``slot``; a content placeholder holds an ``<h1`` when the content does
    (Material adds a heading of its own to content without one)."""
    text = f"{_MARK}&#123;  {slot}"
    return f"<h1>{text}</h1>" if heading else text


@dataclass(frozen=True)
class Frame:
    """A finished page cut at its placeholders."""

    texts: tuple[str, ...]  # the frame between the placeholders
    places: tuple[tuple[str, str], ...]  # (slot, how it is printed) after each text but the last
    ids: frozenset[str]  # element ids of the frame (labels in the content may point at them)

    def fill(self, values: dict[str, str]) -> str | None:
        """The page with ``values`` in its places, or None when a value could break out of its place."""
        for slot, value in values.items():
            if slot != "content" and (_UNSAFE_IN_ATTRIBUTE.search(value) or _MARK in value.lower()):
                return None
        printed: dict[tuple[str, str], str] = {}
        parts = [self.texts[0]]
        for place, text in zip(self.places, self.texts[1:], strict=True):
            if place not in printed:
                slot, how = place
                printed[place] = _PRINTED[how](values[slot])
            parts += (printed[place], text)
        return "".join(parts)


def cut_frame(finished: str, placeholders: dict[str, str]) -> Frame | None:
    """The frame of a page finished with ``placeholders`` as its values, or None when a placeholder
    was printed in a way the frame cannot repeat."""
    forms = {how(value): (slot, name) for slot, value in placeholders.items() for name, how in _PRINTED.items()}
    pattern = re.compile("(" + "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True)) + ")")
    pieces = pattern.split(finished)
    texts, found = tuple(pieces[0::2]), tuple(forms[form] for form in pieces[1::2])
    if any(_MARK in text.lower() for text in texts) or "content" not in {slot for slot, _ in found}:
        return None
    return Frame(texts, found, element_ids(finished))


@dataclass
class _Folder:
    frame: Frame | None = None
    checked: int = 0
    refused: str | None = None  # why this folder's pages are rendered one by one


@dataclass
class FrameBook:
    """The frames of one build, by folder; each is used only after ``CHECKED_PAGES`` full renders
    have agreed with it."""

    folders: dict[tuple, _Folder] = field(default_factory=dict)
    framed: int = 0
    rendered: int = 0

    def page(self, key: tuple, values: dict[str, str], render_full: Callable[[], str],
             render_frame: Callable[[], Frame | None], finish_content: Callable[[str, Frame], str]) -> str:
        """The finished page: from the folder's frame once it is trusted, else rendered in full.

        ``render_full()`` makes the page as the theme would; ``render_frame()`` makes the frame;
        ``finish_content(content, frame)`` does to the content what finishing does to a whole page.
        """
        folder = self.folders.setdefault(key, _Folder())

        def filled() -> str | None:
            return folder.frame.fill({**values, "content": finish_content(values["content"], folder.frame)})

        if folder.refused is None and folder.checked >= CHECKED_PAGES:
            page = filled()
            if page is not None:
                self.framed += 1
                return page
        self.rendered += 1
        full = render_full()
        if folder.refused is None and folder.checked < CHECKED_PAGES:
            if folder.frame is None:
                folder.frame = render_frame()
            if folder.frame is None:
                folder.refused = "ein Platzhalter wird anders ausgegeben als erwartet"
            else:
                again = filled()
                if again != full:
                    folder.refused = f"die Seite weicht ab ab Zeichen {_first_difference(again or '', full)}"
                else:
                    folder.checked += 1
        return full

    def refusals(self) -> dict[tuple, str]:
        return {key: folder.refused for key, folder in self.folders.items() if folder.refused}


def _first_difference(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
