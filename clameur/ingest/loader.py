"""From the staging tables to the dataset, in SQL: de-duplicate, name referenced authors, normalise hashtags,
insert posts, hashtags, mentions, accounts and context posts (the readers already parsed times and trimmed ids).

Runs inside the import's transaction, on the connection that filled the staging tables.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from clameur.ingest.staging import drop_ready
from clameur.store import plausible_time


def normalise_tag(tag: str) -> str:
    """#BalanceTonTikTokeur = #balancetontiktokeur = ＃BalanceTonTikTokeur (NFKC, casefold, no '#')."""
    return unicodedata.normalize("NFKC", tag).lstrip("#＃").casefold().strip()


@dataclass
class Loaded:
    loaded: int  # new posts inserted
    duplicates: int  # within the file and already in the dataset
    context: int
    platforms: list[str]
    main_tag: str | None
    # Retweets and quotes (by kind) whose author was taken from the post itself because the original is not in the
    # file, and those whose author remains unknown (left out of the networks).
    refs_resolved: dict[str, int] = field(default_factory=dict)
    refs_unresolved: dict[str, int] = field(default_factory=dict)


def prepare(tx) -> tuple[int, int, list[int]]:
    """Make ``ready_posts`` (one row per post, referenced authors filled) from ``staged_posts``, whose ids,
    times and kinds the readers already normalised (:func:`clameur.ingest.staging.insert_staged`).
    Returns (rows staged with an id, unparsed timestamps, lines without an id)."""
    blank = tx.execute("SELECT source_line FROM staged_posts WHERE post_id IS NULL ORDER BY source_line").fetchall()
    without_id = [int(r[0]) if r[0] is not None else 0 for r in blank]
    if without_id:
        tx.execute("DELETE FROM staged_posts WHERE post_id IS NULL")
    tx.execute(
        """UPDATE staged_posts r SET ref_author_id = c.author_id,
                  ref_author_handle = coalesce(r.ref_author_handle, c.author_handle)
           FROM (SELECT platform, post_id, any_value(author_id) AS author_id, any_value(author_handle) AS author_handle
                 FROM staged_context WHERE author_id IS NOT NULL GROUP BY ALL) c
           WHERE r.ref_author_id IS NULL AND r.ref_post_id = c.post_id AND r.platform = c.platform"""
    )
    # Distinct hashes prove distinct ids; two ids sharing a hash only send the rows to the exact de-duplication
    # below. Counting hashes takes half the time of counting (platform, id) pairs.
    staged, distinct, unparsed = tx.execute(
        """SELECT count(*), count(DISTINCT hash(platform, post_id)), count(*) FILTER (created_at IS NULL)
           FROM staged_posts"""
    ).fetchone()
    drop_ready(tx)
    if staged == distinct:  # the usual case: no copy, the staged rows are the prepared ones
        tx.execute("CREATE OR REPLACE TEMP VIEW ready_posts AS SELECT * FROM staged_posts")
    else:  # keep the first of each repeated id
        tx.execute(
            """CREATE OR REPLACE TEMP TABLE ready_posts AS SELECT * FROM staged_posts
               QUALIFY row_number() OVER (PARTITION BY platform, post_id ORDER BY source_line NULLS LAST) = 1"""
        )
        unparsed = tx.execute("SELECT count(*) FROM ready_posts WHERE created_at IS NULL").fetchone()[0]
    return int(staged), int(unparsed), without_id


def implausible_dates(cur) -> int:
    """Posts dated before 2006 (before any of the platforms) or more than a day in the future."""
    return int(
        cur.execute(f"SELECT count(*) FROM ready_posts WHERE NOT {plausible_time()}").fetchone()[0]  # NULL: unparsed
    )


def _normalise_tags(tx) -> bool:
    """Build ``tag_map`` (raw → normalised); True when every tag is already normalised (Clameur's own exports),
    so the loader can skip the join."""
    raw = [r[0] for r in tx.execute("SELECT DISTINCT unnest(hashtags) FROM ready_posts").fetchall() if r[0]]
    norm = [normalise_tag(t) for t in raw]
    tx.execute(
        "CREATE OR REPLACE TEMP TABLE tag_map AS SELECT unnest(?::VARCHAR[]) AS raw, unnest(?::VARCHAR[]) AS norm",
        [raw, norm],
    )
    return raw == norm


# A post's tags without repeats. Most posts carry one or two tags: comparing two is cheaper than list_distinct's
# hash table (0.2 s per million posts).
_DISTINCT_TAGS = """CASE WHEN len(hashtags) < 2 OR (len(hashtags) = 2 AND hashtags[1] <> hashtags[2]) THEN hashtags
                        ELSE list_distinct(hashtags) END"""


def load(tx, dataset_id: int, staged: int) -> Loaded:
    """Insert the prepared posts not yet in the dataset (call after :func:`prepare`, which counted the
    ``staged`` posts that have an id)."""
    normalised = _normalise_tags(tx)
    new = "ready_posts"  # a first import: every prepared post is new, no anti-join and no copy
    if tx.execute("SELECT 1 FROM posts WHERE dataset_id = ? LIMIT 1", [dataset_id]).fetchone():
        new = "new_posts"
        tx.execute(
            """CREATE OR REPLACE TEMP TABLE new_posts AS
               SELECT r.* FROM ready_posts r
               WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.dataset_id = ? AND p.platform = r.platform
                                 AND p.post_id = r.post_id)""",
            [dataset_id],
        )
    tx.execute(
        f"""INSERT INTO posts (dataset_id, platform, post_id, created_at, author_id, author_handle, text, lang, kind,
                              ref_post_id, ref_author_id, ref_author_handle, reply_to_post_id, quote_of_post_id,
                              retweet_count, like_count, reply_count, quote_count, withheld, source_line)
           SELECT ?, platform, post_id, created_at, author_id, author_handle, text, lang, kind,
                  ref_post_id, ref_author_id, ref_author_handle, reply_to_post_id, quote_of_post_id,
                  retweet_count, like_count, reply_count, quote_count, withheld, source_line
           FROM {new}""",
        [dataset_id],
    )
    tx.execute(
        f"""INSERT INTO post_hashtags
           SELECT DISTINCT ?, n.post_id, m.norm, n.created_at, n.kind, n.author_id
           FROM (SELECT post_id, created_at, kind, author_id, unnest(hashtags) AS raw FROM {new}) n
           JOIN tag_map m USING (raw) WHERE m.norm <> ''"""
        if not normalised
        else f"""INSERT INTO post_hashtags  -- tags already normalised: no join, duplicates dropped per post
           SELECT * FROM (SELECT ?, post_id, unnest({_DISTINCT_TAGS}) AS tag, created_at, kind, author_id
                          FROM {new}) WHERE tag <> ''""",
        [dataset_id],
    )
    tx.execute(
        f"""INSERT INTO post_mentions
           SELECT ?, post_id, author_id, m.id, m.handle, created_at, kind
           FROM (SELECT post_id, author_id, created_at, kind, unnest(mentions) AS m FROM {new})""",
        [dataset_id],
    )
    _insert_accounts(tx, dataset_id, new)
    loaded, rt_resolved, qt_resolved, rt_unresolved, qt_unresolved = tx.execute(
        f"""SELECT count(*),
                  count(*) FILTER (kind = 'retweet' AND ref_inferred AND ref_author_id IS NOT NULL),
                  count(*) FILTER (kind = 'quote' AND ref_inferred AND ref_author_id IS NOT NULL),
                  count(*) FILTER (kind = 'retweet' AND ref_author_id IS NULL),
                  count(*) FILTER (kind = 'quote' AND ref_author_id IS NULL)
           FROM {new}"""  # noqa: S608 (our table names)
    ).fetchone()
    platforms = [r[0] for r in tx.execute("SELECT DISTINCT platform FROM ready_posts ORDER BY 1").fetchall()]
    main_tag = tx.execute(
        """SELECT m.norm FROM (SELECT unnest(hashtags) AS raw FROM ready_posts) JOIN tag_map m USING (raw)
           WHERE m.norm <> '' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"""
    ).fetchone()
    return Loaded(
        loaded=int(loaded),
        duplicates=int(staged - loaded),
        context=_insert_context(tx, dataset_id),
        platforms=[p for p in platforms if p],
        main_tag=main_tag[0] if main_tag else None,
        refs_resolved={"retweet": int(rt_resolved), "quote": int(qt_resolved)},
        refs_unresolved={"retweet": int(rt_unresolved), "quote": int(qt_unresolved)},
    )


# Every account the file describes: the authors of the new posts, of the context posts (a v1.1 retweet's
# `retweeted_status.user`, a Mastodon reblog's account) and the staged accounts (twarc2's `includes.users`), so the
# accounts that are only retweeted, quoted, replied to or mentioned have their follower counts too.
_DESCRIBED = """SELECT platform, account_id, any_value(handle) AS handle, any_value(name) AS name,
                       max(followers) AS followers, bool_or(verified) AS verified
                FROM (SELECT platform, author_id AS account_id, author_handle AS handle, author_name AS name,
                             author_followers AS followers, author_verified AS verified FROM {new}
                      UNION ALL SELECT platform, account_id, handle, name, followers, verified FROM staged_accounts
                      UNION ALL SELECT platform, author_id, author_handle, author_name, author_followers,
                                       author_verified FROM staged_context)
                WHERE account_id IS NOT NULL AND platform IS NOT NULL GROUP BY platform, account_id"""


def _insert_accounts(tx, dataset_id: int, new: str) -> None:
    # A dataset's first accounts need no look-up of the accounts already there.
    known = tx.execute("SELECT 1 FROM accounts WHERE dataset_id = ? LIMIT 1", [dataset_id]).fetchone()
    described = _DESCRIBED.format(new=new)
    if known:  # what this file says of accounts already stored without it (an earlier file named them only)
        tx.execute(
            f"""UPDATE accounts a SET handle = coalesce(a.handle, d.handle), name = coalesce(a.name, d.name),
                      followers = coalesce(a.followers, d.followers), verified = coalesce(a.verified, d.verified)
               FROM ({described}) d
               WHERE a.dataset_id = ? AND a.platform = d.platform AND a.account_id = d.account_id
                 AND (a.followers IS NULL OR a.handle IS NULL OR a.name IS NULL OR a.verified IS NULL)""",
            [dataset_id],
        )
    unknown = (
        "WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.dataset_id = ? AND a.platform = d.platform "
        "AND a.account_id = d.account_id)"
    )
    tx.execute(
        f"""INSERT INTO accounts
           SELECT ?, platform, account_id, handle, name, followers, verified, NULL, NULL
           FROM ({described}) d {unknown if known else ""}""",
        [dataset_id, dataset_id] if known else [dataset_id],
    )
    tx.execute(
        f"""INSERT INTO accounts  -- authors of referenced posts, so networks can name them
           SELECT ?, platform, ref_author_id, any_value(ref_author_handle), NULL, NULL, NULL, NULL, NULL
           FROM {new} n WHERE ref_author_id IS NOT NULL AND NOT EXISTS (
               SELECT 1 FROM accounts a WHERE a.dataset_id = ? AND a.platform = n.platform
               AND a.account_id = n.ref_author_id)
           GROUP BY platform, ref_author_id""",
        [dataset_id, dataset_id],
    )


def _insert_context(tx, dataset_id: int) -> int:
    return int(
        tx.execute(
            """INSERT INTO context_posts
                SELECT ?, platform, post_id, any_value(created_at),
                       any_value(author_id), any_value(author_handle), any_value(text), any_value(lang),
                       any_value(kind), any_value(ref_post_id), any_value(ref_author_id), max(retweet_count),
                       max(like_count), max(reply_count), max(quote_count)
                FROM staged_context s
                WHERE post_id IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM context_posts c WHERE c.dataset_id = ? AND c.platform = s.platform
                    AND c.post_id = s.post_id)
                  AND NOT EXISTS (SELECT 1 FROM ready_posts r WHERE r.platform = s.platform AND r.post_id = s.post_id)
                GROUP BY platform, post_id""",
            [dataset_id, dataset_id],
        ).fetchone()[0]
    )
