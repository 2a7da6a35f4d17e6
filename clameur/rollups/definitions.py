"""The rollups, each defined once in SQL that DuckDB and Spark SQL both run.

Every definition reads one dataset through four views with the columns of Clameur's tables (see
``clameur.store``): ``src_posts``, ``src_hashtags``, ``src_mentions`` and ``src_context``. It returns the
rollup's columns without ``dataset_id``; the engine adds it when it stores the rows. The few functions the two
dialects spell differently are written as ``{macros}`` and rendered by :func:`render`.

Times are naive UTC cut to the minute, so any window and any bin from one minute up is an exact sum of rows,
and distinct counts (accounts) are exact: a row names the account, not a count of them. Posts whose time is
missing or implausible keep their row (``minute`` NULL or far off); readers apply the plausible-time rule.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from clameur.settings import PLAUSIBLE_SINCE

# Stages: tables the definitions share, which an engine builds once before the rollups (DuckDB: a temporary
# table; Spark: a cached view). tags_of holds the hashtags of each post as a sorted list without repeats (a post
# without hashtags has no row; the definitions give it the empty list).
STAGES: dict[str, str] = {
    "tags_of": "SELECT post_id, {tagset_agg} AS tags FROM src_hashtags GROUP BY post_id",
}

# Author of every post the dataset knows, collected or only referenced: resolves a reply or a quote whose
# reference is not the post's primary one (a quote that is also a reply).
_AUTHORS_OF_POSTS = """authors_of AS (
    SELECT post_id, platform, min(author_id) AS author_id FROM (
        SELECT post_id, platform, author_id FROM src_posts WHERE author_id IS NOT NULL
        UNION ALL
        SELECT post_id, platform, author_id FROM src_context WHERE author_id IS NOT NULL) x
    GROUP BY post_id, platform)"""


class DatasetTable:
    """A table of Clameur's holding rows of many datasets: ``name`` and ``columns`` ((name, DuckDB type), without
    ``dataset_id``)."""

    name: str
    columns: tuple[tuple[str, str], ...]

    def ddl(self) -> str:
        cols = ", ".join(f"{name} {kind}" for name, kind in self.columns)
        return f"CREATE TABLE IF NOT EXISTS {self.name} (dataset_id INTEGER NOT NULL, {cols})"

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.columns]


@dataclass(frozen=True)
class Rollup(DatasetTable):
    name: str
    columns: tuple[tuple[str, str], ...]  # (name, DuckDB type), dataset_id excluded
    key: tuple[str, ...]  # the columns that identify a row (the rest are counts)
    select: str  # a SELECT over the src_* views, with {macros}
    # (column, values): DuckDB builds the rows of each value apart, then the rest, one hash table at a time: the
    # whole roll_edges at once ran out of its 2 GB at 20M posts. The rows are the same; Spark builds them at once.
    parts: tuple[str, tuple[str, ...]] | None = None


ROLLUPS: tuple[Rollup, ...] = (
    # Posts per minute, platform and kind: every timeline of posts, at every bin and stack, and the overview.
    Rollup(
        "roll_volume",
        (("minute", "TIMESTAMP"), ("platform", "VARCHAR"), ("kind", "VARCHAR"), ("posts", "BIGINT")),
        ("minute", "platform", "kind"),
        """SELECT date_trunc('minute', created_at) AS minute, platform, kind, count(*) AS posts
           FROM src_posts GROUP BY date_trunc('minute', created_at), platform, kind""",
    ),
    # Who posted in each minute, with the post's hashtags: exact distinct accounts at every bin, stack and
    # window, with or without a hashtag filter; new accounts; posts per account.
    Rollup(
        "roll_authors",
        (
            ("minute", "TIMESTAMP"),
            ("platform", "VARCHAR"),
            ("kind", "VARCHAR"),
            ("author_id", "VARCHAR"),
            ("tags", "VARCHAR[]"),
            ("posts", "BIGINT"),
        ),
        ("minute", "platform", "kind", "author_id", "tags"),
        """SELECT date_trunc('minute', p.created_at) AS minute, p.platform, p.kind, p.author_id,
                  coalesce(t.tags, {empty_tags}) AS tags, count(*) AS posts
           FROM src_posts p LEFT JOIN tags_of t ON t.post_id = p.post_id
           GROUP BY date_trunc('minute', p.created_at), p.platform, p.kind, p.author_id,
                    coalesce(t.tags, {empty_tags})""",
    ),
    # Posts per minute and hashtag: hashtag timelines stacked by tag, top and rising hashtags.
    Rollup(
        "roll_tags",
        (
            ("minute", "TIMESTAMP"),
            ("platform", "VARCHAR"),
            ("kind", "VARCHAR"),
            ("tag", "VARCHAR"),
            ("posts", "BIGINT"),
        ),
        ("minute", "platform", "kind", "tag"),
        """SELECT date_trunc('minute', p.created_at) AS minute, p.platform, p.kind, h.tag, count(*) AS posts
           FROM src_hashtags h JOIN src_posts p ON p.post_id = h.post_id
           GROUP BY date_trunc('minute', p.created_at), p.platform, p.kind, h.tag""",
    ),
    # Posts per minute and set of hashtags: posts carrying any of several tags counted once, and the
    # co-hashtag network (every pair of a set, weighted by posts).
    Rollup(
        "roll_tagsets",
        (
            ("minute", "TIMESTAMP"),
            ("platform", "VARCHAR"),
            ("kind", "VARCHAR"),
            ("tags", "VARCHAR[]"),
            ("posts", "BIGINT"),
        ),
        ("minute", "platform", "kind", "tags"),
        """SELECT date_trunc('minute', p.created_at) AS minute, p.platform, p.kind, t.tags, count(*) AS posts
           FROM src_posts p JOIN tags_of t ON t.post_id = p.post_id
           GROUP BY date_trunc('minute', p.created_at), p.platform, p.kind, t.tags""",
    ),
    # Edges per minute of the retweet, reply, quote and mention networks, with the hashtags of the posts that
    # make them. The rules of clameur.network.model: a retweet is only a retweet; replies and quotes follow the
    # reference, not the primary kind; a mention is counted once per post and never inside a retweet; a
    # self-mention by handle is a self-loop. Self-loops (source = target) and unknown targets (NULL) are kept,
    # so that the page can count them before leaving them out.
    Rollup(
        "roll_edges",
        (
            ("minute", "TIMESTAMP"),
            ("network", "VARCHAR"),
            ("source", "VARCHAR"),
            ("target", "VARCHAR"),
            ("tags", "VARCHAR[]"),
            ("weight", "BIGINT"),
        ),
        ("minute", "network", "source", "target", "tags"),
        "WITH "
        + _AUTHORS_OF_POSTS
        + """,
           refs AS (
               SELECT p.post_id, p.created_at, p.author_id AS source, 'reply' AS network,
                      coalesce(p.reply_to_post_id, CASE WHEN p.kind = 'reply' THEN p.ref_post_id END) AS ref_id,
                      CASE WHEN p.kind = 'reply' THEN p.ref_author_id END AS known, p.platform
               FROM src_posts p
               WHERE p.kind <> 'retweet' AND p.author_id IS NOT NULL
                     AND (p.reply_to_post_id IS NOT NULL OR p.kind = 'reply')
               UNION ALL
               SELECT p.post_id, p.created_at, p.author_id, 'quote',
                      coalesce(p.quote_of_post_id, CASE WHEN p.kind = 'quote' THEN p.ref_post_id END),
                      CASE WHEN p.kind = 'quote' THEN p.ref_author_id END, p.platform
               FROM src_posts p
               WHERE p.kind <> 'retweet' AND p.author_id IS NOT NULL
                     AND (p.quote_of_post_id IS NOT NULL OR p.kind = 'quote')),
           edges AS (
               SELECT p.post_id, p.created_at, 'retweet' AS network, p.author_id AS source, p.ref_author_id AS target
               FROM src_posts p WHERE p.kind = 'retweet' AND p.author_id IS NOT NULL
               UNION ALL
               SELECT r.post_id, r.created_at, r.network, r.source, coalesce(r.known, a.author_id)
               FROM refs r LEFT JOIN authors_of a
                    ON r.known IS NULL AND a.post_id = r.ref_id AND a.platform = r.platform
               UNION ALL
               SELECT DISTINCT p.post_id, p.created_at, 'mention', p.author_id,
                      CASE WHEN m.mentioned_id = p.author_id
                                OR lower(m.mentioned_handle) = lower(p.author_handle) THEN p.author_id
                           ELSE coalesce(m.mentioned_id, '@' || lower(m.mentioned_handle)) END
               FROM src_mentions m JOIN src_posts p ON p.post_id = m.post_id
               WHERE p.kind <> 'retweet' AND p.author_id IS NOT NULL
                     AND coalesce(m.mentioned_id, m.mentioned_handle) IS NOT NULL)
           SELECT date_trunc('minute', e.created_at) AS minute, e.network, e.source, e.target,
                  coalesce(t.tags, {empty_tags}) AS tags, count(*) AS weight
           FROM edges e LEFT JOIN tags_of t ON t.post_id = e.post_id
           GROUP BY date_trunc('minute', e.created_at), e.network, e.source, e.target,
                    coalesce(t.tags, {empty_tags})""",
        ("network", ("retweet", "mention", "reply", "quote")),
    ),
    # Retweets, quotes and replies per minute and referenced post: the posts that explain a peak, reach.
    Rollup(
        "roll_refs",
        (
            ("minute", "TIMESTAMP"),
            ("kind", "VARCHAR"),
            ("ref_post_id", "VARCHAR"),
            ("ref_author_id", "VARCHAR"),
            ("ref_author_handle", "VARCHAR"),
            ("posts", "BIGINT"),
        ),
        ("minute", "kind", "ref_post_id", "ref_author_id"),
        """SELECT date_trunc('minute', created_at) AS minute, kind, ref_post_id, ref_author_id,
                  min(ref_author_handle) AS ref_author_handle, count(*) AS posts
           FROM src_posts WHERE ref_post_id IS NOT NULL
           GROUP BY date_trunc('minute', created_at), kind, ref_post_id, ref_author_id""",
    ),
    # Every (account id, handle) pair the posts show, as author, as referenced author or as mentioned account:
    # network labels, privacy keys and the actor registry's matching when posts are not kept.
    Rollup(
        "roll_handles",
        (("platform", "VARCHAR"), ("account_id", "VARCHAR"), ("handle", "VARCHAR"), ("posts", "BIGINT")),
        ("platform", "account_id", "handle"),
        """SELECT platform, account_id, handle, count(*) AS posts FROM (
               SELECT platform, author_id AS account_id, author_handle AS handle FROM src_posts
               UNION ALL
               SELECT platform, ref_author_id, ref_author_handle FROM src_posts
               WHERE ref_author_id IS NOT NULL OR ref_author_handle IS NOT NULL
               UNION ALL
               SELECT p.platform, m.mentioned_id, m.mentioned_handle
               FROM src_mentions m JOIN src_posts p ON p.post_id = m.post_id) x
           WHERE account_id IS NOT NULL OR handle IS NOT NULL
           GROUP BY platform, account_id, handle""",
    ),
    # Posts per exact time stamp: the first and last post to the second (and below), and the posts of a window
    # that does not fall on a minute (the overview's first 24 hours start at the first post, not at its minute).
    Rollup(
        "roll_times",
        (("created_at", "TIMESTAMP"), ("posts", "BIGINT")),
        ("created_at",),
        """SELECT created_at, count(*) AS posts FROM src_posts GROUP BY created_at""",
    ),
    # The first and last post of each hashtag, exact: a hashtag as the comparison series of the effect model must
    # span its window.
    Rollup(
        "roll_tag_spans",
        (("tag", "VARCHAR"), ("first_at", "TIMESTAMP"), ("last_at", "TIMESTAMP"), ("posts", "BIGINT")),
        ("tag",),
        """SELECT h.tag, min(p.created_at) AS first_at, max(p.created_at) AS last_at, count(*) AS posts
           FROM src_hashtags h JOIN src_posts p ON p.post_id = h.post_id GROUP BY h.tag""",
    ),
    # Who wrote posts (role 'author') and whose posts they retweet, quote or answer (role 'ref'), per platform and
    # kind, with the handle the post gives: the actor registry's matching, the actors' posts and reach. ``first_at``
    # is the account's first post from PLAUSIBLE_SINCE on; a reader keeps it only when it is not in the future
    # (the other half of the plausible-time rule, which moves with the clock), which gives the exact first plausible
    # post. Unlike roll_handles, mentioned accounts are not here: being mentioned is not taking part.
    Rollup(
        "roll_roles",
        (
            ("platform", "VARCHAR"),
            ("role", "VARCHAR"),
            ("kind", "VARCHAR"),
            ("account_id", "VARCHAR"),
            ("handle", "VARCHAR"),
            ("first_at", "TIMESTAMP"),
            ("posts", "BIGINT"),
        ),
        ("platform", "role", "kind", "account_id", "handle"),
        """SELECT platform, role, kind, account_id, handle,
                  min(CASE WHEN created_at >= TIMESTAMP '"""
        + PLAUSIBLE_SINCE
        + """ 00:00:00' THEN created_at END) AS first_at,
                  count(*) AS posts
           FROM (SELECT platform, 'author' AS role, kind, author_id AS account_id, author_handle AS handle,
                        created_at
                 FROM src_posts
                 UNION ALL
                 SELECT platform, 'ref', kind, ref_author_id, ref_author_handle, created_at FROM src_posts
                 WHERE ref_author_id IS NOT NULL OR ref_author_handle IS NOT NULL) x
           GROUP BY platform, role, kind, account_id, handle""",
    ),
    # Posts per minute and kind by the accounts they mention (ids, and handles in lower case, each a sorted list
    # without repeats), retweets included: the share of posts that mention an actor, each post counted once.
    Rollup(
        "roll_mentions",
        (
            ("minute", "TIMESTAMP"),
            ("kind", "VARCHAR"),
            ("ids", "VARCHAR[]"),
            ("handles", "VARCHAR[]"),
            ("posts", "BIGINT"),
        ),
        ("minute", "kind", "ids", "handles"),
        """WITH m AS (SELECT post_id, {mention_ids} AS ids, {mention_handles} AS handles
                      FROM src_mentions GROUP BY post_id)
           SELECT date_trunc('minute', p.created_at) AS minute, p.kind, m.ids, m.handles, count(*) AS posts
           FROM src_posts p JOIN m ON m.post_id = p.post_id
           GROUP BY date_trunc('minute', p.created_at), p.kind, m.ids, m.handles""",
    ),
    # Accounts and their metrics, one row per account id on every platform (the NULL id: the posts without an
    # author id): posts written, first post from PLAUSIBLE_SINCE on (a reader keeps it when not in the future, as
    # for roll_roles), retweets, replies and quotes received (by their kind, as roll_roles' role 'ref'), the
    # retweets received from known accounts (rt_in: in-strength of the retweet network, self-retweets included),
    # self-retweets (its self-loop), other accounts that retweeted it (distinct retweet edges into it) and the
    # smallest handle its retweets give. Readers need no scan of the per-minute rollups for an account's figures.
    Rollup(
        "roll_accounts",
        (
            ("account_id", "VARCHAR"),
            ("posts", "BIGINT"),
            ("first_at", "TIMESTAMP"),
            ("rts", "BIGINT"),
            ("replies", "BIGINT"),
            ("quotes", "BIGINT"),
            ("rt_in", "BIGINT"),
            ("self_rts", "BIGINT"),
            ("rt_sources", "BIGINT"),
            ("rt_handle", "VARCHAR"),
        ),
        ("account_id",),
        """WITH own AS (
               SELECT author_id AS account_id, count(*) AS posts,
                      min(CASE WHEN created_at >= TIMESTAMP '"""
        + PLAUSIBLE_SINCE
        + """ 00:00:00' THEN created_at END) AS first_at
               FROM src_posts GROUP BY author_id),
           recv AS (
               SELECT ref_author_id AS account_id,
                      sum(CASE WHEN kind = 'retweet' THEN 1 ELSE 0 END) AS rts,
                      sum(CASE WHEN kind = 'reply' THEN 1 ELSE 0 END) AS replies,
                      sum(CASE WHEN kind = 'quote' THEN 1 ELSE 0 END) AS quotes,
                      sum(CASE WHEN kind = 'retweet' AND author_id IS NOT NULL THEN 1 ELSE 0 END) AS rt_in,
                      sum(CASE WHEN kind = 'retweet' AND author_id = ref_author_id THEN 1 ELSE 0 END) AS self_rts,
                      min(CASE WHEN kind = 'retweet' THEN ref_author_handle END) AS rt_handle
               FROM src_posts WHERE ref_author_id IS NOT NULL GROUP BY ref_author_id),
           sources AS (
               SELECT ref_author_id AS account_id, count(*) AS rt_sources
               FROM (SELECT DISTINCT author_id, ref_author_id FROM src_posts
                     WHERE kind = 'retweet' AND author_id IS NOT NULL AND ref_author_id IS NOT NULL
                           AND author_id <> ref_author_id) d
               GROUP BY ref_author_id)
           SELECT coalesce(o.account_id, r.account_id) AS account_id, coalesce(o.posts, 0) AS posts, o.first_at,
                  coalesce(r.rts, 0) AS rts, coalesce(r.replies, 0) AS replies, coalesce(r.quotes, 0) AS quotes,
                  coalesce(r.rt_in, 0) AS rt_in, coalesce(r.self_rts, 0) AS self_rts,
                  coalesce(s.rt_sources, 0) AS rt_sources, r.rt_handle
           FROM own o FULL JOIN recv r ON r.account_id = o.account_id
           LEFT JOIN sources s ON s.account_id = coalesce(o.account_id, r.account_id)""",
    ),
)

BY_NAME = {r.name: r for r in ROLLUPS}

# How each engine spells what the two dialects write differently.
DIALECTS: dict[str, dict[str, str]] = {
    "duckdb": {
        # list_distinct over list(): DuckDB's DISTINCT aggregate is ten times slower at a million posts. It also
        # drops NULLs and gives [] when every value is NULL, as Spark's collect_set does.
        "tagset_agg": "list_sort(list_distinct(list(tag)))",
        "empty_tags": "CAST([] AS VARCHAR[])",
        "mention_ids": "coalesce(list_sort(list_distinct(list(mentioned_id))), CAST([] AS VARCHAR[]))",
        "mention_handles": "coalesce(list_sort(list_distinct(list(lower(mentioned_handle)))), CAST([] AS VARCHAR[]))",
    },
    "spark": {
        "tagset_agg": "array_sort(collect_set(tag))",
        "empty_tags": "CAST(array() AS ARRAY<STRING>)",
        "mention_ids": "array_sort(collect_set(mentioned_id))",
        "mention_handles": "array_sort(collect_set(lower(mentioned_handle)))",
    },
}


def render_stage(name: str, engine: str) -> str:
    """A stage's SELECT in the engine's dialect."""
    return STAGES[name].format(**DIALECTS[engine])


def render(rollup: Rollup, engine: str) -> str:
    """The rollup's SELECT in the engine's dialect."""
    return rollup.select.format(**DIALECTS[engine])


def rollups_signature() -> str:
    """A digest of every definition: a database whose rollups were built under another one rebuilds them."""
    text = "\n".join(
        [
            *(f"{name}|{sql}" for name, sql in STAGES.items()),
            *(f"{r.name}|{r.columns}|{r.key}|{r.select}" for r in ROLLUPS),
        ]
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]
