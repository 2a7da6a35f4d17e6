"""Key figures of a dataset: the numbers behind the overview page and `clameur summary`."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from clameur.store import Store, plausible_time, query

# Every figure is read from the rollups (clameur.rollups.definitions), built at import: the same numbers as from the
# posts, also for a dataset that kept rollups only. A retweet that is an edge of the retweet network (clameur.network):
# both authors known, not a self-retweet. Self-retweets are left out of the edges and their weight, and counted apart
# (rt_self_loops), as on the network page.


def summarize(store: Store, dataset_id: int, top: int = 10) -> dict:
    """Posts, authors, kinds, first/last (UTC), first-24-h volume, retweet edges (self-retweets apart), top
    hashtags."""
    ds = int(dataset_id)
    row = query(
        store,
        f"""WITH bounds AS (SELECT min(created_at) AS first, max(created_at) AS last FROM roll_times
                            WHERE dataset_id = $ds AND {plausible_time()}),
                vol AS (SELECT sum(posts) AS posts,
                               sum(posts) FILTER (WHERE kind = 'original') AS original,
                               sum(posts) FILTER (WHERE kind = 'retweet') AS retweet,
                               sum(posts) FILTER (WHERE kind = 'quote') AS quote,
                               sum(posts) FILTER (WHERE kind = 'reply') AS reply
                        FROM roll_volume WHERE dataset_id = $ds),
                rt AS (SELECT sum(weight) FILTER (WHERE target IS NOT NULL AND source <> target) AS rt_weight,
                              count(DISTINCT CASE WHEN target IS NOT NULL AND source <> target
                                                  THEN (source, target) END) AS rt_edges,
                              sum(weight) FILTER (WHERE source = target) AS rt_self_loops
                       FROM roll_edges WHERE dataset_id = $ds AND network = 'retweet')
           SELECT (SELECT name FROM datasets WHERE dataset_id = $ds) AS dataset,
                  coalesce(vol.posts, 0) AS posts,
                  (SELECT count(DISTINCT author_id) FROM roll_authors WHERE dataset_id = $ds) AS authors,
                  coalesce(vol.original, 0) AS original, coalesce(vol.retweet, 0) AS retweet,
                  coalesce(vol.quote, 0) AS quote, coalesce(vol.reply, 0) AS reply,
                  bounds.first, bounds.last,
                  (SELECT coalesce(sum(posts), 0) FROM roll_times WHERE dataset_id = $ds
                   AND created_at >= bounds.first AND created_at < bounds.first + INTERVAL 24 HOUR) AS first_24h,
                  coalesce(rt.rt_weight, 0) AS rt_weight, rt.rt_edges, coalesce(rt.rt_self_loops, 0) AS rt_self_loops
           FROM vol, bounds, rt""",  # noqa: S608 (constant fragments)
        {"ds": ds},
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
        """SELECT tag, sum(posts)::BIGINT AS posts FROM roll_tags WHERE dataset_id = ?
           GROUP BY tag ORDER BY posts DESC, tag LIMIT ?""",
        [int(dataset_id), int(n)],
    )


def top_accounts(store: Store, dataset_id: int, n: int = 10) -> pd.DataFrame:
    """Accounts by retweets received from other accounts within the dataset (the in-strength of the retweet
    network), with their own post counts and followers. Retweets received are all retweets of the account
    (roll_roles, role 'ref') less its self-retweets (the self-loops of the retweet network)."""
    return query(
        store,
        """WITH received AS (
               SELECT account_id, any_value(handle) AS handle, sum(posts) AS n FROM roll_roles
               WHERE dataset_id = $ds AND role = 'ref' AND kind = 'retweet' AND account_id IS NOT NULL
               GROUP BY 1),
             self AS (
               SELECT source AS account_id, sum(weight) AS n FROM roll_edges
               WHERE dataset_id = $ds AND network = 'retweet' AND source = target GROUP BY 1),
             rts AS (
               SELECT r.account_id, r.handle, (r.n - coalesce(s.n, 0))::BIGINT AS retweets
               FROM received r LEFT JOIN self s USING (account_id)
               WHERE r.n > coalesce(s.n, 0)),
             own AS (
               SELECT author_id AS account_id, sum(posts)::BIGINT AS posts FROM roll_authors
               WHERE dataset_id = $ds GROUP BY 1)
           SELECT r.account_id, coalesce(r.handle, a.handle, r.account_id) AS handle,
                  coalesce(o.posts, 0) AS posts, r.retweets, a.followers
           FROM rts r LEFT JOIN own o USING (account_id)
           LEFT JOIN (SELECT account_id, any_value(handle) AS handle, max(followers) AS followers
                      FROM accounts WHERE dataset_id = $ds GROUP BY 1) a USING (account_id)
           ORDER BY r.retweets DESC, r.account_id LIMIT $n""",
        {"ds": int(dataset_id), "n": int(n)},
    )


def peak_hour(store: Store, dataset_id: int, tz: str) -> tuple[datetime | None, int]:
    """The hour with the most posts, as a naive local datetime in ``tz``, and its count. Hours are cut in UTC, as
    the timeline's bins are: the night clocks go back has two 02:00 hours, each counted on its own."""
    df = query(
        store,
        f"""SELECT time_bucket(INTERVAL 1 HOUR, created_at) AS hour, sum(posts)::BIGINT AS posts
           FROM roll_times WHERE dataset_id = ? AND {plausible_time()}
           GROUP BY 1 ORDER BY posts DESC, hour LIMIT 1""",  # noqa: S608 (a constant fragment)
        [int(dataset_id)],
    )
    if df.empty:
        return None, 0
    local = pd.Timestamp(df["hour"].iloc[0]).tz_localize("UTC").tz_convert(tz).tz_localize(None)
    return local.to_pydatetime(), int(df["posts"].iloc[0])
