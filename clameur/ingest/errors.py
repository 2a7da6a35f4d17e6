"""The exceptions importers raise for files and mappings they cannot take: a message key and its values, so
the English text is ``str(exc)`` (command line, logs) and a page can say it in its reader's language."""

from __future__ import annotations

import duckdb

from clameur.i18n import fmt_int, t

# What DuckDB raises when it cannot read a user's file. It quotes the start of the record it stopped on: cut in the
# middle of a character, the quote cannot be decoded and the error reaches Python as a UnicodeDecodeError.
READ_ERRORS = (duckdb.Error, UnicodeDecodeError)


def read_error_reason(exc: Exception) -> str:
    """The first line of DuckDB's message, for a refusal."""
    if isinstance(exc, UnicodeDecodeError):
        return "DuckDB stopped on a record it could not read"
    return str(exc).splitlines()[0]


class Term:
    """A parameter that is itself a phrase (a kind of file…), said in the message's language."""

    def __init__(self, key: str, **params):
        self.key, self.params = key, params

    def say(self, lang: str | None) -> str:
        return t(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.say("en")


class Explained(ValueError):
    def __init__(self, key: str, **params):
        self.key, self.params = key, params
        super().__init__(self.message("en"))

    def message(self, lang: str | None) -> str:
        """The sentence in ``lang``, numbers written the way that language writes them."""
        values = {
            k: v.say(lang) if isinstance(v, Term) else fmt_int(v, lang) if isinstance(v, int) else v
            for k, v in self.params.items()
        }
        return t(self.key, lang, **values)


class ImportRefused(Explained):
    """The file cannot be imported; the message says what it is and what to do."""


class MappingError(Explained):
    """The mapping does not fit the file; the message says which field or column."""


class NotPosts(Explained):
    """The record holds something other than posts; the message says what (a phrase, see ``what``)."""

    @property
    def what(self) -> Term:
        return Term(self.key, **self.params)
