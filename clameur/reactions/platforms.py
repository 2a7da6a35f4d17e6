"""Platform responses: the log, the ladder of first responses and their lags, the platform's own
voice in the data, and moderation outcomes from availability checks."""

from __future__ import annotations

import csv
import io

import pandas as pd

from clameur import settings
from clameur.errors import ClameurError
from clameur.i18n.clock import lag_hours
from clameur.reactions.actors import match_actors
from clameur.reactions.events import list_events
from clameur.reactions.kept import posts_kept
from clameur.reactions.queries import launch_of
from clameur.store import Store, query, transaction

LADDER_STEPS = ("platform_statement", "meeting", "policy_change", "enforcement")
STATUSES = ("available", "deleted", "suspended", "withheld")


class AvailabilityError(ClameurError, ValueError):
    """An availability file Clameur cannot read; the message names the row and what to fix."""


def response_log(
    store: Store, dataset_id: int, events: pd.DataFrame | None = None, lang: str | None = None
) -> pd.DataFrame:
    """The platforms' responses among the events (titles in ``lang`` when it is given)."""
    ev = list_events(store, dataset_id, lang) if events is None else events
    return ev[ev["event_type"].isin(settings.PLATFORM_RESPONSE_TYPES) & ev["platform"].notna()].reset_index(drop=True)


def ladder(store: Store, dataset_id: int, lang: str | None = None) -> pd.DataFrame:
    """Per platform and step: the first response, hours after launch and after the first institutional demand."""
    launch = launch_of(store, dataset_id)
    events = list_events(store, dataset_id, lang)
    demands = events[events["event_type"] == "institutional_reaction"]["starts_at"]
    demand = pd.Timestamp(demands.min()) if len(demands) else None
    log = response_log(store, dataset_id, events)
    rows = []
    for (platform, step), part in log[log["event_type"].isin(LADDER_STEPS)].groupby(["platform", "event_type"]):
        first = part.sort_values("starts_at").iloc[0]
        at = pd.Timestamp(first["starts_at"])
        rows.append(
            {
                "platform": platform,
                "step": step,
                "at": at,
                "title": first["title"],
                "confidence": first["confidence"],
                "hours_from_launch": lag_hours(launch, at) if launch is not None else None,
                "hours_from_demand": lag_hours(demand, at) if demand is not None else None,
            }
        )
    return pd.DataFrame(
        rows, columns=["platform", "step", "at", "title", "confidence", "hours_from_launch", "hours_from_demand"]
    )


def own_voice(store: Store, dataset_id: int, top: int = 5) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(posts by registered platform accounts with their reach, the campaign's most retweeted posts): posts named
    with their text, read from the posts; only meaningful when the dataset kept them all (kept.posts_kept)."""
    matched = match_actors(store, dataset_id)
    platform_ids = matched[matched["category"] == "platform"]["account_id"].dropna().tolist()
    # Retweets per post from the rollup; only the platform's posts and the top ranks leave DuckDB (a self-join of
    # the posts took 8.6 s at 5M posts and handed every post to pandas).
    ranked = query(
        store,
        """WITH rts AS (SELECT ref_post_id AS post_id, sum(posts) AS rts FROM roll_refs
                        WHERE dataset_id = ? AND kind = 'retweet' GROUP BY 1),
                ranked AS (
                    SELECT p.post_id, p.author_id, p.author_handle, p.text, p.created_at,
                           coalesce(r.rts, 0) AS rts, rank() OVER (ORDER BY coalesce(r.rts, 0) DESC) AS rank
                    FROM posts p LEFT JOIN rts r USING (post_id)
                    WHERE p.dataset_id = ? AND p.kind <> 'retweet')
           SELECT * FROM ranked WHERE author_id IN (SELECT unnest(?)) OR rank <= ?""",
        [int(dataset_id), int(dataset_id), platform_ids, int(top)],
    )
    ranked["rts"] = ranked["rts"].astype("int64")
    voice = ranked[ranked["author_id"].isin(platform_ids)].sort_values("created_at")
    return voice.reset_index(drop=True), ranked.nsmallest(top, "rank").reset_index(drop=True)


def import_availability(store: Store, dataset_id: int, data: bytes, platform: str = "x") -> int:
    """Read an availability CSV (object_type, object_id, status, checked_at) in one transaction."""
    try:
        reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    except UnicodeDecodeError as exc:
        raise AvailabilityError("error.not_utf8") from exc
    needed = {"object_id", "status"}
    if not needed <= set(reader.fieldnames or []):
        raise AvailabilityError("error.availability.columns")
    rows = []
    for row_no, row in enumerate(reader, start=2):
        status = (row.get("status") or "").strip().lower()
        kind = (row.get("object_type") or "post").strip().lower()
        if status not in STATUSES:
            raise AvailabilityError(
                "error.availability.status", row=str(row_no), status=row.get("status"), known=", ".join(STATUSES)
            )
        if kind not in ("post", "account"):
            raise AvailabilityError("error.availability.object_type", row=str(row_no), value=row.get("object_type"))
        checked = row.get("checked_at") or None
        try:
            checked = pd.Timestamp(checked).tz_localize(None).to_pydatetime() if checked else None
        except (ValueError, TypeError) as exc:
            raise AvailabilityError("error.availability.date", row=str(row_no), value=row.get("checked_at")) from exc
        rows.append((int(dataset_id), platform, kind, str(row["object_id"]).strip(), status, checked))
    with transaction(store) as cur:
        cur.executemany("INSERT INTO availability VALUES (?, ?, ?, ?, ?, ?)", rows)
    return len(rows)


def moderation_outcome(store: Store, dataset_id: int) -> pd.DataFrame:
    """Per check date, object type and status: how many, and the share of the campaign's posts/accounts. Totals and
    accounts come from the rollups (the accounts that wrote posts: one row each in ``roll_accounts``, no scan of
    the per-minute rollups); a checked post is looked up among the posts, so post checks are left out when the
    dataset did not keep all its posts (the page says so)."""
    with_posts = posts_kept(store, dataset_id) == "all"
    return query(
        store,
        """WITH totals AS (SELECT (SELECT sum(posts) FROM roll_volume WHERE dataset_id = $ds) AS posts,
                                  (SELECT count(*) FROM roll_accounts
                                   WHERE dataset_id = $ds AND posts > 0 AND account_id IS NOT NULL) AS accounts),
                checks AS (
                    SELECT CAST(a.checked_at AS DATE) AS checked, a.object_type, a.status,
                           count(DISTINCT a.object_id) AS n
                    FROM availability a
                    WHERE a.dataset_id = $ds AND (
                        (a.object_type = 'post' AND $with_posts
                         AND a.object_id IN (SELECT post_id FROM posts WHERE dataset_id = $ds))
                        OR (a.object_type = 'account'
                            AND a.object_id IN (SELECT account_id FROM roll_accounts
                                                WHERE dataset_id = $ds AND posts > 0)))
                    GROUP BY ALL)
           SELECT c.checked, c.object_type, c.status, c.n,
                  c.n / CASE c.object_type WHEN 'post' THEN t.posts ELSE t.accounts END AS share
           FROM checks c, totals t ORDER BY c.checked, c.object_type, c.status""",
        {"ds": int(dataset_id), "with_posts": with_posts},
    )


def withheld_count(store: Store, dataset_id: int) -> int | None:
    """Posts that carry a withheld notice (read from the posts); None when the dataset did not keep them all."""
    if posts_kept(store, dataset_id) != "all":
        return None
    return int(
        query(
            store, "SELECT count(*) AS n FROM posts WHERE dataset_id = ? AND withheld IS NOT NULL", [int(dataset_id)]
        )["n"].iloc[0]
    )
