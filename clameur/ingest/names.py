"""Names people give files: never used as paths by Clameur (files are kept under generated names), only shown."""

from __future__ import annotations

import html

# Bidirectional embeddings, overrides and isolates: a right-to-left override makes "evil\u202egnp.csv" look like
# "evilcsv.png".
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def clean_name(name: str | None, limit: int = 120) -> str:
    """``name`` without control or bidi characters, shortened to ``limit`` characters (with an ellipsis)."""
    cleaned = "".join(ch for ch in (name or "") if ch.isprintable() and ch not in BIDI_CONTROLS)
    return cleaned[:limit] + ("…" if len(cleaned) > limit else "")


def display_name(name: str | None) -> str:
    """A user's file name made safe to show: control and bidi characters removed, HTML escaped, shortened."""
    return html.escape(clean_name(name) or "unnamed file")


def terminal_text(text: str) -> str:
    """``text`` for a terminal: control and bidi characters written as escapes (``\\u202e``, ``\\x1b``), so a file
    name can neither reorder nor colour nor erase what the command prints."""
    return "".join(ch if ch.isprintable() and ch not in BIDI_CONTROLS else ascii(ch)[1:-1] for ch in text)
