"""Clameur's own sentences and errors: an i18n key and its parameters, said in the reader's language.

A :class:`Message` is a str, the English sentence (command line, logs, stored reports), that a page says again in
its reader's language with :meth:`Message.say`. A :class:`ClameurError` carries its message the same way:
``str(exc)`` is English, ``exc.message(lang)`` the reader's. Parameters are said in the message's language too:
numbers written the way that language writes them, and messages or errors given as parameters in that language.
"""

from __future__ import annotations

from clameur.i18n import fmt_int, t


def say(value, lang: str | None) -> str:
    """``value`` in ``lang``: a message or an error in that language, any other value as text."""
    if isinstance(value, Message):
        return value.say(lang)
    if isinstance(value, ClameurError):
        return value.message(lang)
    return str(value)


def said(exc: BaseException) -> str:
    """An error as text to keep (a reason in a report): Clameur's own as a :class:`Message`, any other as its
    English text (Python's and DuckDB's own words)."""
    return exc.said if isinstance(exc, ClameurError) else str(exc)


def _render(key: str, lang: str | None, params: dict) -> str:
    values = {
        k: fmt_int(v, lang)
        if isinstance(v, int) and not isinstance(v, bool)
        else say(v, lang)
        if isinstance(v, (Message, ClameurError))
        else v
        for k, v in params.items()
    }
    return t(key, lang, **values)


class Message(str):
    """A sentence or phrase of Clameur's (an i18n key and its parameters); as a str, its English text."""

    key: str
    params: dict

    def __new__(cls, key: str, **params):
        self = super().__new__(cls, _render(key, "en", params))
        self.key, self.params = key, params
        return self

    def say(self, lang: str | None) -> str:
        return _render(self.key, lang, self.params)

    def __reduce__(self):  # copies and pickles keep the key, not only the English text
        return (_message, (type(self), self.key, self.params))


def _message(cls, key: str, params: dict) -> Message:
    return cls(key, **params)


class ClameurError(Exception):
    """The base of the errors people see: a message key and its values. ``str(exc)`` is the English sentence (the
    command line, logs); ``exc.message(lang)`` is the sentence in the reader's language."""

    def __init__(self, key: str, **params):
        self.key, self.params = key, params
        super().__init__(self.message("en"))

    def message(self, lang: str | None) -> str:
        """The sentence in ``lang``, numbers written the way that language writes them."""
        return _render(self.key, lang, self.params)

    @property
    def said(self) -> Message:
        """The error's sentence as a :class:`Message` (which, unlike the error, holds no traceback)."""
        return Message(self.key, **self.params)

    def __reduce__(self):
        return (_error, (type(self), self.key, self.params))


def _error(cls, key: str, params: dict) -> ClameurError:
    return cls(key, **params)
