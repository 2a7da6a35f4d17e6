"""The actor registry: institutions, platforms, media… and the accounts they hold."""

from __future__ import annotations

import pandas as pd

from clameur import settings
from clameur.store import Store, query, transaction


class ActorError(ValueError):
    """An actor that cannot be stored as given; the message says what to fix."""


def add_actor(
    store: Store,
    name: str,
    category: str,
    *,
    country: str | None = None,
    source: str | None = None,
    notes: str | None = None,
    synthetic: bool = False,
    accounts: list[dict] = (),  # [{"platform", "handle", "account_id"}]
) -> int:
    with transaction(store) as cur:
        return insert_actor(
            cur, name, category, country=country, source=source, notes=notes, synthetic=synthetic, accounts=accounts
        )


def insert_actor(
    cur,
    name: str,
    category: str,
    *,
    country=None,
    source=None,
    notes=None,
    synthetic: bool = False,
    accounts: list[dict] = (),
) -> int:
    """Insert one actor and its accounts inside the caller's transaction; return its id."""
    if category not in settings.ACTOR_CATEGORIES:
        raise ActorError(f"Unknown category “{category}”. Use one of: {', '.join(settings.ACTOR_CATEGORIES)}.")
    if not name or not name.strip():
        raise ActorError("An actor needs a name.")
    actor_id = cur.execute(
        "INSERT INTO actors (name, category, country, source, notes, synthetic) "
        "VALUES (?, ?, ?, ?, ?, ?) RETURNING actor_id",
        [name.strip(), category, country, source, notes, synthetic],
    ).fetchone()[0]
    for acc in accounts:
        cur.execute(
            "INSERT INTO actor_accounts (actor_id, platform, handle, account_id) VALUES (?, ?, ?, ?)",
            [actor_id, acc.get("platform") or "x", acc.get("handle"), acc.get("account_id")],
        )
    return int(actor_id)


def actor_accounts(store: Store) -> pd.DataFrame:
    """One row per (actor, account): platform, lower-cased handle, account id, name, category."""
    return query(
        store,
        """SELECT a.actor_id, a.name, a.category, a.country, aa.platform,
                  lower(aa.handle) AS handle_lower, aa.handle, aa.account_id
           FROM actors a JOIN actor_accounts aa USING (actor_id)
           ORDER BY a.actor_id""",
    )
