"""The actor registry: institutions, platforms, media… and the accounts they hold."""

from __future__ import annotations

import pandas as pd

from clameur import settings
from clameur.bilingual import blank, localised
from clameur.errors import ClameurError
from clameur.exports import undo_formula_safe
from clameur.store import Store, query, transaction


class ActorError(ClameurError, ValueError):
    """An actor that cannot be stored as given; the message says what to fix."""


# An actor's name and description in each language; the untagged `name` is its registry name (what databases made
# before both languages hold, what matching and files that know one language use) and the display's last fallback.
BILINGUAL = ("name_fr", "name_en", "description_fr", "description_en")


def _texts(texts: dict | None) -> list:
    texts = texts or {}
    return [None if blank(texts.get(k)) else str(texts[k]).strip() for k in BILINGUAL]


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
    texts: dict | None = None,  # {"name_fr", "name_en", "description_fr", "description_en"}
) -> int:
    with transaction(store) as cur:
        return insert_actor(
            cur,
            name,
            category,
            country=country,
            source=source,
            notes=notes,
            synthetic=synthetic,
            accounts=accounts,
            texts=texts,
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
    texts: dict | None = None,
) -> int:
    """Insert one actor and its accounts inside the caller's transaction; return its id. Without a registry
    name, the English name (else the French one) is used."""
    name, name_fr, name_en, description_fr, description_en = _checked(name, category, texts)
    actor_id = cur.execute(
        "INSERT INTO actors (name, category, country, source, notes, synthetic, name_fr, name_en, description_fr, "
        "description_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING actor_id",
        [name, category, country, source, notes, synthetic, name_fr, name_en, description_fr, description_en],
    ).fetchone()[0]
    _insert_accounts(cur, int(actor_id), accounts)
    return int(actor_id)


def _checked(
    name: str, category: str, texts: dict | None
) -> tuple[str, str | None, str | None, str | None, str | None]:
    """The registry name and the four texts (name_fr, name_en, description_fr, description_en) of an actor being
    added or edited; refused for an unknown category, or with no name in any language."""
    if category not in settings.ACTOR_CATEGORIES:
        raise ActorError("error.actors.category", category=category, known=", ".join(settings.ACTOR_CATEGORIES))
    name_fr, name_en, description_fr, description_en = _texts(texts)
    name = (name or "").strip() or name_en or name_fr
    if not name:
        raise ActorError("error.actors.name")
    return name, name_fr, name_en, description_fr, description_en


def _insert_accounts(cur, actor_id: int, accounts: list[dict]) -> None:
    """The actor's accounts, inside the caller's transaction; an account without a platform is on X."""
    for acc in accounts:
        cur.execute(
            "INSERT INTO actor_accounts (actor_id, platform, handle, account_id) VALUES (?, ?, ?, ?)",
            [actor_id, acc.get("platform") or "x", acc.get("handle"), acc.get("account_id")],
        )


def _in(df: pd.DataFrame, lang: str | None) -> pd.DataFrame:
    """Names and descriptions in ``lang`` (else the other language, else the registry name); unchanged without."""
    return df if lang is None else localised(df, ("name", "description"), lang)


def actor_accounts(store: Store) -> pd.DataFrame:
    """One row per (actor, account): platform, lower-cased handle, account id, name, category."""
    return query(
        store,
        """SELECT a.actor_id, a.name, a.category, a.country, aa.platform,
                  lower(aa.handle) AS handle_lower, aa.handle, aa.account_id
           FROM actors a JOIN actor_accounts aa USING (actor_id)
           ORDER BY a.actor_id""",
    )


def list_actors(store: Store, lang: str | None = None) -> pd.DataFrame:
    """One row per actor, its accounts folded into 'platform:handle' text; with ``lang``, `name` and
    `description` in that language (the language columns stay)."""
    df = query(
        store,
        """SELECT a.actor_id, a.name, a.category, a.country, a.source, a.notes, a.synthetic,
                  string_agg(aa.platform || ':' || coalesce(aa.handle, '') ||
                             CASE WHEN aa.account_id IS NOT NULL THEN '#' || aa.account_id ELSE '' END, ' '
                             ORDER BY aa.platform, aa.handle) AS accounts,
                  a.name_fr, a.name_en, a.description_fr, a.description_en,
                  coalesce(a.description_en, a.description_fr) AS description
           FROM actors a LEFT JOIN actor_accounts aa USING (actor_id)
           GROUP BY ALL ORDER BY a.actor_id""",
    )
    return _in(df, lang)


def parse_accounts(text: str | None) -> list[dict]:
    """'x:handle tiktok:other#12345' → [{platform, handle, account_id}]; a bare 'handle' means X."""
    out = []
    for token in (text or "").split():
        platform, _, rest = token.rpartition(":") if ":" in token else ("x", "", token)
        handle, _, account_id = rest.partition("#")
        out.append(
            {"platform": platform or "x", "handle": handle.lstrip("@") or None, "account_id": account_id or None}
        )
    return out


def update_actor(
    store: Store,
    actor_id: int,
    name: str,
    category: str,
    *,
    country=None,
    source=None,
    notes=None,
    accounts: list[dict] = (),
    texts: dict | None = None,
) -> None:
    name, name_fr, name_en, description_fr, description_en = _checked(name, category, texts)
    with transaction(store) as cur:
        cur.execute(
            "UPDATE actors SET name = ?, category = ?, country = ?, source = ?, notes = ?, name_fr = ?, name_en = ?, "
            "description_fr = ?, description_en = ? WHERE actor_id = ?",
            [name, category, country, source, notes, name_fr, name_en, description_fr, description_en, int(actor_id)],
        )
        cur.execute("DELETE FROM actor_accounts WHERE actor_id = ?", [int(actor_id)])
        _insert_accounts(cur, int(actor_id), accounts)


def delete_actor(store: Store, actor_id: int) -> None:
    with transaction(store) as cur:
        cur.execute("DELETE FROM actor_accounts WHERE actor_id = ?", [int(actor_id)])
        cur.execute("DELETE FROM actors WHERE actor_id = ?", [int(actor_id)])


CSV_COLUMNS = ("name", "category", "country", "accounts", "source", "notes", *BILINGUAL)


def actors_to_csv(store: Store) -> bytes:
    from clameur.exports import csv_bytes

    return csv_bytes(list_actors(store).reindex(columns=list(CSV_COLUMNS)))


def actors_from_csv(store: Store, data: bytes) -> int:
    """Import actors from CSV (columns of :data:`CSV_COLUMNS`); a bad row names itself, nothing is imported."""
    import csv
    import io

    try:
        reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    except UnicodeDecodeError as exc:
        raise ActorError("error.actors.not_utf8") from exc
    fields = set(reader.fieldnames or [])
    if "category" not in fields or not fields & {"name", "name_fr", "name_en"}:
        raise ActorError("error.actors.columns", expected=", ".join(CSV_COLUMNS))
    rows = list(enumerate(reader, start=2))
    with transaction(store) as cur:
        for row_no, row in rows:
            clean = {k: undo_formula_safe(row.get(k)) or None for k in CSV_COLUMNS}
            try:
                insert_actor(
                    cur,
                    clean["name"] or "",
                    clean["category"] or "",
                    country=clean["country"],
                    source=clean["source"],
                    notes=clean["notes"],
                    accounts=parse_accounts(clean["accounts"]),
                    texts={k: clean[k] for k in BILINGUAL},
                )
            except ActorError as exc:
                raise ActorError("error.row", row=str(row_no), reason=exc.said) from exc
    return len(rows)


_MATCHED = ["actor_id", "name", "category", "platform", "account_id", "handle", "name_fr", "name_en"]


def match_actors(store: Store, dataset_id: int, lang: str | None = None) -> pd.DataFrame:
    """Registered actors found in a dataset, by account id or by handle (case-insensitive), any platform, among the
    authors of its posts and the authors of the posts they reference (roll_roles: also without the posts); with
    ``lang``, their names in that language."""
    # Only the rows of roll_roles that can match an actor's account are kept (the dataset's accounts can be
    # millions), and none are read when no actor has an account.
    if not int(query(store, "SELECT count(*) AS n FROM actor_accounts")["n"].iloc[0]):
        return _in(pd.DataFrame(columns=_MATCHED), lang)
    df = query(
        store,
        """WITH ids AS (SELECT DISTINCT account_id FROM actor_accounts WHERE account_id IS NOT NULL),
             hs AS (SELECT DISTINCT lower(handle) AS h FROM actor_accounts WHERE handle IS NOT NULL),
             authors AS (
               SELECT DISTINCT platform, account_id, lower(handle) AS h FROM roll_roles
               WHERE dataset_id = ? AND (role = 'author' OR (role = 'ref' AND account_id IS NOT NULL))
                     AND (account_id IN (SELECT account_id FROM ids) OR lower(handle) IN (SELECT h FROM hs)))
           SELECT DISTINCT a.actor_id, a.name, a.category, au.platform, au.account_id, au.h AS handle,
                  a.name_fr, a.name_en
           FROM actors a JOIN actor_accounts aa USING (actor_id)
           JOIN authors au ON (aa.account_id IS NOT NULL AND aa.account_id = au.account_id)
                           OR (aa.handle IS NOT NULL AND lower(aa.handle) = au.h)
           ORDER BY a.actor_id""",
        [int(dataset_id)],
    )
    return _in(df, lang)


def account_categories(store: Store) -> dict[str, str]:
    """Registered actors, keyed by account id and by '@handle' (lower case)."""
    acc = actor_accounts(store)
    out = {str(a): c for a, c in zip(acc["account_id"], acc["category"], strict=True) if a is not None and a == a}
    out.update({"@" + h: c for h, c in zip(acc["handle_lower"], acc["category"], strict=True) if h})
    return out
