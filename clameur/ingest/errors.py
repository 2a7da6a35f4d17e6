"""The exceptions importers raise for files, records and mappings they cannot take: Clameur's errors
(:mod:`clameur.errors`), whose English text is ``str(exc)`` (command line, logs) and which a page says in its
reader's language. They are ValueErrors too, as the record parsers' own errors are."""

from __future__ import annotations

import duckdb

from clameur.errors import ClameurError, Message

# What DuckDB raises when it cannot read a user's file. It quotes the start of the record it stopped on: cut in the
# middle of a character, the quote cannot be decoded and the error reaches Python as a UnicodeDecodeError.
READ_ERRORS = (duckdb.Error, UnicodeDecodeError)


def read_error_reason(exc: Exception) -> str:
    """The first line of DuckDB's message (its own words), for a refusal."""
    if isinstance(exc, UnicodeDecodeError):
        return Message("ingest.reason.undecodable")
    return str(exc).splitlines()[0]


class ImportRefused(ClameurError, ValueError):
    """The file cannot be imported; the message says what it is and what to do."""


class MappingError(ClameurError, ValueError):
    """The mapping does not fit the file; the message says which field or column."""


class NotPosts(ClameurError, ValueError):
    """The record holds something other than posts; the message says what (a phrase, see ``what``)."""

    @property
    def what(self) -> Message:
        return Message(self.key, **self.params)


class Unreadable(ClameurError, ValueError):
    """A record of a known format that cannot be read; the message says why."""
