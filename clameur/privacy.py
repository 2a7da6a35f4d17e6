"""Privacy mode: accounts that are neither registered actors nor above a follower threshold are
shown as stable pseudonyms ("compte 1a2b" / "account 1a2b")."""

from __future__ import annotations

import hashlib

from clameur import settings
from clameur.i18n import fmt_int, t
from clameur.store import Store, query


def pseudonym(key: str, lang: str | None = "fr") -> str:
    digest = hashlib.sha256(f"clameur:{key}".encode()).hexdigest()[:4]
    return f"{'compte' if lang == 'fr' else 'account'} {digest}"


class Pseudonymizer:
    """Decides, per dataset, which accounts keep their handle."""

    def __init__(
        self,
        store: Store | None,
        dataset_id: int | None,
        *,
        enabled: bool,
        threshold: int = settings.PRIVACY_FOLLOWER_THRESHOLD,
        lang: str | None = "fr",
    ):
        self.enabled = enabled
        self.threshold = threshold
        self.lang = lang
        self._public_ids: set[str] = set()
        self._public_handles: set[str] = set()
        if enabled and store is not None and dataset_id is not None:
            df = query(
                store,
                """SELECT account_id, lower(handle) AS h FROM accounts
                   WHERE dataset_id = ? AND followers >= ?
                   UNION
                   SELECT account_id, lower(handle) FROM actor_accounts""",
                [int(dataset_id), int(threshold)],
            )
            self._public_ids = {str(x) for x in df["account_id"].dropna()}
            self._public_handles = {str(x) for x in df["h"].dropna()}

    def rule(self, lang: str | None = None) -> str | None:
        """The rule as printed on figures (None when privacy mode is off)."""
        if not self.enabled:
            return None
        return t("privacy.rule", lang or self.lang, n=fmt_int(self.threshold, lang or self.lang))

    def is_public(self, account_id: str | None, handle: str | None) -> bool:
        return (account_id is not None and str(account_id) in self._public_ids) or (
            handle is not None and str(handle).lower() in self._public_handles
        )

    def label(self, account_id: str | None, handle: str | None) -> str:
        """The name to show: the handle (or id) when allowed, a stable pseudonym otherwise."""
        shown = handle or account_id or "?"
        if not self.enabled or self.is_public(account_id, handle):
            return str(shown)
        return pseudonym(str(account_id or handle), self.lang)
