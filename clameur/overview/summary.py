"""Key figures of a dataset: the numbers behind the overview page and `clameur summary`."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from clameur import settings
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
                -- The first 24 hours: whole minutes from roll_volume, the two cut minutes at their ends from
                -- roll_times (a scan of every stamp in the day is what costs).
                day AS (SELECT CASE WHEN date_trunc('minute', first) = first THEN first
                                    ELSE date_trunc('minute', first) + INTERVAL 1 MINUTE END AS whole_from,
                               date_trunc('minute', first + INTERVAL 24 HOUR) AS whole_to,
                               first + INTERVAL 24 HOUR AS until
                        FROM bounds),
                -- Scalar subqueries, not columns of a join: the scans then filter on constants.
                day_whole AS (SELECT coalesce(sum(posts), 0) AS n FROM roll_volume WHERE dataset_id = $ds
                              AND minute >= (SELECT whole_from FROM day) AND minute < (SELECT whole_to FROM day)),
                day_head AS (SELECT coalesce(sum(posts), 0) AS n FROM roll_times WHERE dataset_id = $ds
                             AND created_at >= (SELECT first FROM bounds)
                             AND created_at < (SELECT whole_from FROM day)),
                day_tail AS (SELECT coalesce(sum(posts), 0) AS n FROM roll_times WHERE dataset_id = $ds
                             AND created_at >= (SELECT whole_to FROM day) AND created_at < (SELECT until FROM day)),
                acc AS (SELECT count(account_id) FILTER (WHERE posts > 0) AS authors,
                               sum(rt_in - self_rts) AS rt_weight, sum(rt_sources) AS rt_edges,
                               sum(self_rts) AS rt_self_loops
                        FROM roll_accounts WHERE dataset_id = $ds)
           SELECT (SELECT name FROM datasets WHERE dataset_id = $ds) AS dataset,
                  coalesce(vol.posts, 0) AS posts,
                  coalesce(acc.authors, 0) AS authors,
                  coalesce(vol.original, 0) AS original, coalesce(vol.retweet, 0) AS retweet,
                  coalesce(vol.quote, 0) AS quote, coalesce(vol.reply, 0) AS reply,
                  bounds.first, bounds.last,
                  day_whole.n + day_head.n + day_tail.n AS first_24h,
                  coalesce(acc.rt_weight, 0) AS rt_weight, coalesce(acc.rt_edges, 0) AS rt_edges,
                  coalesce(acc.rt_self_loops, 0) AS rt_self_loops
           FROM vol, bounds, acc, day_whole, day_head, day_tail""",  # noqa: S608 (constant fragments)
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
    less its self-retweets (the self-loops of the retweet network), both in roll_accounts."""
    return query(
        store,
        # rts > 0 (implied) is a filter the scan applies before it reads the other columns: most accounts have none.
        """WITH rts AS (
               SELECT account_id, rt_handle AS handle, (rts - self_rts)::BIGINT AS retweets, posts
               FROM roll_accounts WHERE dataset_id = $ds AND rts > 0 AND rts > self_rts AND account_id IS NOT NULL
               ORDER BY retweets DESC, account_id LIMIT $n)
           SELECT r.account_id, coalesce(r.handle, a.handle, r.account_id) AS handle,
                  r.posts, r.retweets, a.followers
           FROM rts r
           LEFT JOIN (SELECT account_id, any_value(handle) AS handle, max(followers) AS followers
                      FROM accounts WHERE dataset_id = $ds AND account_id IN (SELECT account_id FROM rts)
                      GROUP BY 1) a USING (account_id)
           ORDER BY r.retweets DESC, r.account_id""",
        {"ds": int(dataset_id), "n": int(n)},
    )


def peak_hour(store: Store, dataset_id: int, tz: str) -> tuple[datetime | None, int]:
    """The hour with the most posts, as a naive local datetime in ``tz``, and its count. Hours are cut in UTC, as
    the timeline's bins are: the night clocks go back has two 02:00 hours, each counted on its own. Whole minutes
    are read from roll_volume; only the last plausible minute (a day ahead of now) is cut to the stamp (roll_times),
    which holds no post in a dataset of the past, so the scan skips all of it."""
    df = query(
        store,
        f"""WITH cut AS (SELECT date_trunc('minute', now()::TIMESTAMP + INTERVAL 1 DAY) AS m),
                minutes AS (
                    SELECT minute AS moment, posts FROM roll_volume
                    WHERE dataset_id = $ds AND minute >= TIMESTAMP '{settings.PLAUSIBLE_SINCE}'
                          AND minute < (SELECT m FROM cut)
                    UNION ALL
                    SELECT created_at, posts FROM roll_times
                    WHERE dataset_id = $ds AND created_at >= (SELECT m FROM cut) AND {plausible_time()})
           SELECT time_bucket(INTERVAL 1 HOUR, moment) AS hour, sum(posts)::BIGINT AS posts
           FROM minutes GROUP BY 1 ORDER BY posts DESC, hour LIMIT 1""",  # noqa: S608 (constant fragments)
        {"ds": int(dataset_id)},
    )
    if df.empty:
        return None, 0
    local = pd.Timestamp(df["hour"].iloc[0]).tz_localize("UTC").tz_convert(tz).tz_localize(None)
    return local.to_pydatetime(), int(df["posts"].iloc[0])
