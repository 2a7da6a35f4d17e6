"""Identifiers in SQL text: the one quoting helper.

Values are always bound as parameters (``?``). Names cannot be: a table or a column named in a statement that
is built up (a column of a user's file, one of Clameur's own tables in a loop) goes through :func:`quote_ident`,
after the caller has checked it against an allow-list (the file's own header, Clameur's own names).
"""

from __future__ import annotations


def quote_ident(name: str) -> str:
    """``name`` as a double-quoted SQL identifier that DuckDB reads back as exactly ``name``: any character is kept
    (a ``"`` is doubled), so ``text"; DROP TABLE posts; --`` stays one name."""
    if not isinstance(name, str):
        raise TypeError(f"an SQL identifier is text, not {type(name).__name__}")
    return '"' + name.replace('"', '""') + '"'


def quote_idents(names) -> str:
    """Several names, quoted and separated by commas (a column list)."""
    return ", ".join(quote_ident(n) for n in names)
