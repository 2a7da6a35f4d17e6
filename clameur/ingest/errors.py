"""The one exception importers raise for files they cannot take (the message is shown to people)."""


class ImportRefused(ValueError):
    """The file cannot be imported; the message says what it is and what to do."""
