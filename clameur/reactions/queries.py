"""Who reacted, when and with what reach: registered actors in a campaign and their events."""

from __future__ import annotations

import pandas as pd

from clameur.i18n.clock import lag_hours
from clameur.reactions.actors import match_actors
from clameur.reactions.events import list_events
from clameur.store import Store, plausible_time, query

INSTITUTIONAL = ("government", "ministry", "parliament", "regulator", "public_body", "politician", "party")


def launch_of(store: Store, dataset_id: int) -> pd.Timestamp | None:
    """The first post of the dataset (naive UTC), exact to the stored time (roll_times)."""
    first = query(
        store,
        f"SELECT min(created_at) AS first FROM roll_times WHERE dataset_id = ? AND {plausible_time()}",  # noqa: S608
        [int(dataset_id)],
    )["first"].iloc[0]
    return None if pd.isna(first) else pd.Timestamp(first)


def reach(store: Store, dataset_id: int, accounts: list | None = None) -> pd.DataFrame:
    """Per account: its posts, first post, retweets/replies/quotes received, rank by retweets received among all
    the dataset's accounts (from roll_accounts: the same with or without the posts kept). With ``accounts``, only
    those account ids (None in the list: the posts without an author id), ranked among all the same."""
    cols = f"""account_id, posts, CASE WHEN {plausible_time("first_at")} THEN first_at END AS first_post,
               rts, replies, quotes"""
    if accounts is None:
        return query(
            store,
            f"""SELECT {cols}, rank() OVER (ORDER BY rts DESC) AS rank
               FROM roll_accounts WHERE dataset_id = ?""",  # noqa: S608 (constant fragments)
            [int(dataset_id)],
        )
    ids = sorted({str(a) for a in accounts if a is not None and a == a})
    with_null = any(a is None or a != a for a in accounts)
    # rank() of the whole table, for a few rows: one more than the accounts with more retweets received.
    return query(
        store,
        f"""WITH mine AS (SELECT {cols} FROM roll_accounts
                          WHERE dataset_id = $ds AND (list_contains($ids, account_id)
                                                      OR ($with_null AND account_id IS NULL)))
           SELECT m.*, (1 + (SELECT count(*) FROM roll_accounts r
                             WHERE r.dataset_id = $ds AND r.rts > m.rts))::BIGINT AS rank
           FROM mine m""",  # noqa: S608 (constant fragments)
        {"ds": int(dataset_id), "ids": ids, "with_null": with_null},
    )


def _row(actor: str, **known) -> dict:
    """One actor's line; actors known only from events keep zeros and no rank."""
    row = {
        "actor_id": None,
        "actor": actor,
        "category": None,
        "first_post": None,
        "posts": 0,
        "rts": 0,
        "replies": 0,
        "quotes": 0,
        "rank": None,
        "events": [],
        "first_event": None,
    }
    row.update(known)
    return row


def who_reacted(store: Store, dataset_id: int, lang: str | None = None) -> pd.DataFrame:
    """One row per actor that posted in the campaign or has an event: first time, lag, posts, reach, rank
    (actor names and event titles in ``lang`` when it is given)."""
    launch = launch_of(store, dataset_id)
    matched = match_actors(store, dataset_id, lang)
    per_account = reach(store, dataset_id, matched["account_id"].tolist())
    engagement = (
        int(
            query(
                store,
                "SELECT coalesce(sum(rts + replies + quotes), 0) AS n FROM roll_accounts WHERE dataset_id = ?",
                [int(dataset_id)],
            )["n"].iloc[0]
        )
        or 1
    )
    rows = {}
    joined = matched.merge(per_account, on="account_id", how="left")
    for actor_id, part in joined.groupby("actor_id", sort=False):
        rows[part["name"].iloc[0]] = _row(
            part["name"].iloc[0],
            actor_id=int(actor_id),
            category=part["category"].iloc[0],
            first_post=part["first_post"].min(),
            posts=int(part["posts"].fillna(0).sum()),
            rts=int(part["rts"].fillna(0).sum()),
            replies=int(part["replies"].fillna(0).sum()),
            quotes=int(part["quotes"].fillna(0).sum()),
            rank=None if part["rank"].isna().all() else int(part["rank"].min()),
        )
    for ev in list_events(store, dataset_id, lang).itertuples():
        name = ev.actor_name if isinstance(ev.actor_name, str) else None
        if not name or ev.event_type in ("campaign_start", "volume_milestone"):
            continue
        row = rows.setdefault(name, _row(name))
        row["events"].append(ev.title)
        if row["first_event"] is None or ev.starts_at < row["first_event"]:
            row["first_event"] = ev.starts_at
    out = pd.DataFrame(list(rows.values()))
    if out.empty:
        return out
    out["first"] = out[["first_post", "first_event"]].apply(lambda r: r.dropna().min(), axis=1)
    out["lag_hours"] = [  # from the minute shown to the minute shown: two reactions at 10:30 share one lag
        lag_hours(launch, f) if launch is not None and pd.notna(f) else None for f in out["first"]
    ]
    out["engagement_share"] = (out["rts"] + out["replies"] + out["quotes"]) / engagement
    return out.sort_values("first", na_position="last").reset_index(drop=True)


def actor_posts(store: Store, dataset_id: int, lang: str | None = None) -> pd.DataFrame:
    """Posts written by registered actors in the dataset (for marking on the timeline)."""
    matched = match_actors(store, dataset_id, lang)
    if matched.empty:
        return pd.DataFrame(columns=["created_at", "name", "category", "text", "post_id"])
    return query(
        store,
        f"""SELECT p.created_at, m.name, m.category, p.text, p.post_id, p.retweet_count
           FROM posts p JOIN (SELECT DISTINCT account_id, name, category FROM (SELECT unnest(?) AS account_id,
                              unnest(?) AS name, unnest(?) AS category)) m ON m.account_id = p.author_id
           WHERE p.dataset_id = ? AND p.kind <> 'retweet' AND {plausible_time("p.created_at")}
           ORDER BY p.created_at""",  # noqa: S608 (a constant fragment)
        [matched["account_id"].tolist(), matched["name"].tolist(), matched["category"].tolist(), int(dataset_id)],
    )
