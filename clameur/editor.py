"""The editor role: which token (if any) guards uploads, deletions and edits, and a constant-time check.

When no token is configured the app stays open to everyone, as before. The token comes from the
``CLAMEUR_EDITOR_TOKEN`` environment variable or, failing that, from the ``editor_token`` key of
Streamlit secrets (read by the UI layer and passed in here, so this module never imports Streamlit).
A blank or whitespace-only value counts as not configured; surrounding whitespace is ignored, since
tokens pasted into files, shells and password fields often pick up a stray space or newline.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping

ENV_VAR = "CLAMEUR_EDITOR_TOKEN"
SECRETS_KEY = "editor_token"


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def configured_token(env: Mapping[str, str], secrets_value: object = None) -> str | None:
    """The editor token in force, or None when editing is open to everyone.

    The environment variable wins over the secrets value; a blank one falls through to the secrets
    (a blank value never opens an app that the other source restricts).
    """
    return _clean(env.get(ENV_VAR)) or _clean(secrets_value)


def token_ok(given: object, expected: object) -> bool:
    """Whether ``given`` matches ``expected``, compared in constant time.

    False when either side is missing or blank: a blank token never unlocks anything, and there is
    nothing to match when no token is configured (callers treat that case as "open" themselves).
    """
    given_text, expected_text = _clean(given), _clean(expected)
    if given_text is None or expected_text is None:
        return False
    return hmac.compare_digest(given_text.encode("utf-8"), expected_text.encode("utf-8"))


def fingerprint(token: object) -> str | None:
    """A SHA-256 fingerprint of a token (None when blank), so a session can remember that it unlocked
    editing without keeping the token itself; it stops matching as soon as the configured token changes."""
    text = _clean(token)
    return None if text is None else hashlib.sha256(text.encode("utf-8")).hexdigest()
