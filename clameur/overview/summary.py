"""Key figures of a dataset: the numbers behind the overview page and `clameur summary`."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from clameur.store import Store, plausible_time, query

# A retweet that is an edge of the retweet network (clameur.network): both authors known, not a self-retweet.
# Self-retweets are left out of the edges and their weight, and counted apart (rt_self_loops), as on the network page.
_RT_EDGE = "kind = 'retweet' AND author_id IS NOT NULL AND ref_author_id IS NOT NULL AND author_id <> ref_author_id"


def summarize(store: Store, dataset_id: int, top: int = 10) -> dict:
    """Posts, authors, kinds, first/last (UTC), first-24-h volume, retweet edges (self-retweets apart), top
    hashtags."""
    row = query(
        store,
        f"""WITH p AS (SELECT * FROM posts WHERE dataset_id = ?),
                bounds AS (SELECT min(created_at) AS first, max(created_at) AS last FROM p WHERE {plausible_time()})
           SELECT (SELECT name FROM datasets WHERE dataset_id = ?) AS dataset,
                  count(*) AS posts,
                  count(DISTINCT author_id) AS authors,
                  count(*) FILTER (WHERE kind = 'original') AS original,
                  count(*) FILTER (WHERE kind = 'retweet') AS retweet,
                  count(*) FILTER (WHERE kind = 'quote') AS quote,
                  count(*) FILTER (WHERE kind = 'reply') AS reply,
                  any_value(bounds.first) AS first, any_value(bounds.last) AS last,
                  count(*) FILTER (WHERE created_at >= bounds.first
                                   AND created_at < bounds.first + INTERVAL 24 HOUR) AS first_24h,
                  count(*) FILTER (WHERE {_RT_EDGE}) AS rt_weight,
                  count(DISTINCT CASE WHEN {_RT_EDGE} THEN (author_id, ref_author_id) END) AS rt_edges,
                  count(*) FILTER (WHERE kind = 'retweet' AND author_id = ref_author_id) AS rt_self_loops
           FROM p, bounds""",  # noqa: S608 (constant fragments)
        [int(dataset_id), int(dataset_id)],
    ).iloc[0]
    return {
        "dataset": row["dataset"],
        "posts": int(row["posts"]),
        "authors": int(row["authors"]),
        "kinds": {k: int(row[k]) for k in ("original", "retweet", "quote", "reply")},
        "first": _iso(row["first"]),
        "last": _iso(row["last"]),
        "first_24h": int(row["first_24h"]),
        "rt_weight": int(row["rt_weight"]),
        "rt_edges": int(row["rt_edges"]),
        "rt_self_loops": int(row["rt_self_loops"]),
        "top_hashtags": [[tag, int(n)] for tag, n in top_hashtags(store, dataset_id, top).itertuples(index=False)],
    }


def _iso(value) -> str | None:
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).strftime("%Y-%m-%dT%H:%M:%SZ")


def top_hashtags(store: Store, dataset_id: int, n: int = 10) -> pd.DataFrame:
    return query(
        store,
        """SELECT tag, count(*) AS posts FROM post_hashtags WHERE dataset_id = ?
           GROUP BY tag ORDER BY posts DESC, tag LIMIT ?""",
        [int(dataset_id), int(n)],
    )


def top_accounts(store: Store, dataset_id: int, n: int = 10) -> pd.DataFrame:
    """Accounts by retweets received from other accounts within the dataset (the in-strength of the retweet
    network), with their own post counts and followers."""
    return query(
        store,
        """WITH rts AS (
               SELECT ref_author_id AS account_id, any_value(ref_author_handle) AS handle, count(*) AS retweets
               FROM posts WHERE dataset_id = ? AND kind = 'retweet' AND ref_author_id IS NOT NULL
                                AND author_id IS DISTINCT FROM ref_author_id  -- self-retweets: not received
               GROUP BY 1),
             own AS (
               SELECT author_id AS account_id, count(*) AS posts FROM posts WHERE dataset_id = ? GROUP BY 1)
           SELECT r.account_id, coalesce(r.handle, a.handle, r.account_id) AS handle,
                  coalesce(o.posts, 0) AS posts, r.retweets, a.followers
           FROM rts r LEFT JOIN own o USING (account_id)
           LEFT JOIN (SELECT account_id, any_value(handle) AS handle, max(followers) AS followers
                      FROM accounts WHERE dataset_id = ? GROUP BY 1) a USING (account_id)
           ORDER BY r.retweets DESC, r.account_id LIMIT ?""",
        [int(dataset_id), int(dataset_id), int(dataset_id), int(n)],
    )


def peak_hour(store: Store, dataset_id: int, tz: str) -> tuple[datetime | None, int]:
    """The hour with the most posts, as a naive local datetime in ``tz``, and its count. Hours are cut in UTC, as
    the timeline's bins are: the night clocks go back has two 02:00 hours, each counted on its own."""
    df = query(
        store,
        f"""SELECT time_bucket(INTERVAL 1 HOUR, created_at) AS hour, count(*) AS posts
           FROM posts WHERE dataset_id = ? AND {plausible_time()}
           GROUP BY 1 ORDER BY posts DESC, hour LIMIT 1""",  # noqa: S608 (a constant fragment)
        [int(dataset_id)],
    )
    if df.empty:
        return None, 0
    local = pd.Timestamp(df["hour"].iloc[0]).tz_localize("UTC").tz_convert(tz).tz_localize(None)
    return local.to_pydatetime(), int(df["posts"].iloc[0])
