"""Characters that make text look different from what it is.

Bidirectional controls reorder what a reader sees ("Trojan Source"), zero-width
and other format characters hide inside words and ids, control characters break
files and terminals. None of them belongs in the network's data or pages; the
soft hyphen (U+00AD) stays allowed, German long words use it.
"""

from __future__ import annotations

import re

ALLOWED = {"\t", "\n", "\r", "\u00ad"}
# Letters that render as nothing (Hangul fillers, the Braille blank): invisible but not "format".
BLANK_LETTERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}
_BIDI = {"\u061c", "\u200e", "\u200f", *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))}


# Unicode's format (Cf) and control (Cc) characters but tab, line breaks and the soft hyphen, and
# the blank letters; as one character class, so a page of a megabyte is searched in C (a test checks
# that it covers every such character of the Unicode version Python brings).
HIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
    "\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u2800\u3164\ufeff"
    "\uffa0\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]")


def contains_hidden(text: str) -> bool:
    """Whether ``text`` holds a hidden character (one that ``HIDDEN`` finds)."""
    # str.isprintable (in C) is false for every format, control and separator character but the
    # space, so printable text, once the allowed line breaks, tabs and soft hyphens are spaces,
    # holds none of them; the blank letters are printable and looked for on their own. A
    # sixth of the expression's time on ordinary text: a 400-word description in 17 µs
    # instead of 108 (every value of every data file is checked, some twice). Other text – with
    # a no-break space, say – is left to the expression.
    plain = text.replace("\n", " ").replace("\t", " ").replace("\r", " ").replace("\u00ad", " ")
    if plain.isprintable() and not any(letter in text for letter in BLANK_LETTERS):
        return False
    return HIDDEN.search(text) is not None


def hidden_characters(text: str) -> list[str]:
    """Each hidden character in ``text`` once, as ``U+202E``, in order of appearance."""
    if not contains_hidden(text):
        return []
    return list(dict.fromkeys(f"U+{ord(c):04X}" for c in HIDDEN.findall(text)))


def hidden_text_message(codes: list[str]) -> str:
    """The German message for text with hidden characters."""
    reorders = any(chr(int(code[2:], 16)) in _BIDI for code in codes)
    what = "Steuerzeichen für die Schreibrichtung" if reorders else "unsichtbare Zeichen oder Steuerzeichen"
    return (f"Der Text enthält {what} ({', '.join(codes[:5])}). Sie zeigen den Text anders an, als er "
            "gespeichert ist, und sind nicht erlaubt: bitte die Stelle neu tippen (sie kommen oft beim "
            "Kopieren aus anderen Programmen mit).")
