"""twarc2 files read by Spark: the rows DuckDB's importer stores, for archives no laptop holds.

The reference is the DuckDB importer (:mod:`clameur.ingest.twarc2_duckdb` and :mod:`clameur.ingest.loader`):
the same kinds (retweet > quote > reply, a quote that is also a reply keeps both references), the same referenced
authors (from ``includes.tweets`` and ``includes.users``; a retweet whose original is absent named by its
"RT @handle:" prefix and first mention, a quote by its link to the quoted tweet), a retweet's hashtags and
mentions from its original, hashtags from the text when entities are absent, posts de-duplicated by id, hashtags
NFKC-normalised and casefolded, every account the files describe, times as naive UTC.

Three shapes of line are read, mixed freely: twarc2 pages (``{"data": [...], "includes": ..., "meta": ...}``),
filtered-stream lines (``data`` one tweet) and `twarc2 flatten` lines (one tweet, ``author`` inline). Users and
referenced tweets are looked up across all the files read together, as DuckDB does across one file.

Every line is parsed once: the parsed lines are checkpointed (kept by the executors, memory then disk) when
:func:`twarc2_frames` is called, and all frames read them; Spark frees them once the frames are gone.
"""

from __future__ import annotations

from pyspark.sql import Column, DataFrame, SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql import types as T

from clameur import settings
from clameur.ingest.formats.base import RT_PREFIX
from clameur.ingest.twarc2_duckdb import QUOTED_LINK

# Hashtags read from the text when a tweet has no entities (as twarc2_duckdb's _TAG_IN_TEXT, in Java's regex).
TAG_IN_TEXT = r"[#＃]([\p{L}\p{N}\p{M}_]+)"

# The columns of Clameur's tables (clameur.store) without dataset_id, in their order, with their Spark types.
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "posts": (
        ("platform", "string"),
        ("post_id", "string"),
        ("created_at", "timestamp_ntz"),
        ("author_id", "string"),
        ("author_handle", "string"),
        ("text", "string"),
        ("lang", "string"),
        ("kind", "string"),
        ("ref_post_id", "string"),
        ("ref_author_id", "string"),
        ("ref_author_handle", "string"),
        ("reply_to_post_id", "string"),
        ("quote_of_post_id", "string"),
        ("retweet_count", "bigint"),
        ("like_count", "bigint"),
        ("reply_count", "bigint"),
        ("quote_count", "bigint"),
        ("withheld", "string"),
        ("source_line", "bigint"),
    ),
    "post_hashtags": (
        ("post_id", "string"),
        ("tag", "string"),
        ("created_at", "timestamp_ntz"),
        ("kind", "string"),
        ("author_id", "string"),
    ),
    "post_mentions": (
        ("post_id", "string"),
        ("author_id", "string"),
        ("mentioned_id", "string"),
        ("mentioned_handle", "string"),
        ("created_at", "timestamp_ntz"),
        ("kind", "string"),
    ),
    "context_posts": (
        ("platform", "string"),
        ("post_id", "string"),
        ("created_at", "timestamp_ntz"),
        ("author_id", "string"),
        ("author_handle", "string"),
        ("text", "string"),
        ("lang", "string"),
        ("kind", "string"),
        ("ref_post_id", "string"),
        ("ref_author_id", "string"),
        ("retweet_count", "bigint"),
        ("like_count", "bigint"),
        ("reply_count", "bigint"),
        ("quote_count", "bigint"),
    ),
    "accounts": (
        ("platform", "string"),
        ("account_id", "string"),
        ("handle", "string"),
        ("name", "string"),
        ("followers", "bigint"),
        ("verified", "boolean"),
        ("description", "string"),
        ("created_at", "timestamp_ntz"),
    ),
}
# Lines not read, with why (the keys of clameur.i18n's ingest.reject.* messages): bad_json, shape (valid JSON of
# another structure), not_a_post (a user lookup, a counts response, an error page), too_large, no_id (a tweet).
REJECT_COLUMNS = (("source_file", "string"), ("source_line", "bigint"), ("reason", "string"))

# Every leaf is read as text: Spark keeps a number or a boolean as written ('12', '12.0', 'true'), where a typed
# field would turn the whole line into a corrupt record when one value has another type.
_S = T.StringType()


def _struct(**fields) -> T.StructType:
    return T.StructType([T.StructField(name, kind) for name, kind in fields.items()])


def _array(kind) -> T.ArrayType:
    return T.ArrayType(kind)


_USER = _struct(id=_S, username=_S, name=_S, verified=_S, public_metrics=_struct(followers_count=_S))
_TWEET_FIELDS = {
    "id": _S,
    "text": _S,
    "created_at": _S,
    "author_id": _S,
    "lang": _S,
    "in_reply_to_user_id": _S,
    "referenced_tweets": _array(_struct(type=_S, id=_S)),
    "entities": _struct(
        hashtags=_array(_struct(tag=_S)),
        mentions=_array(_struct(username=_S, id=_S)),
        urls=_array(_struct(expanded_url=_S)),
    ),
    "public_metrics": _struct(retweet_count=_S, reply_count=_S, like_count=_S, quote_count=_S),
    "withheld": _struct(country_codes=_array(_S)),
}
_TWEET = _struct(**_TWEET_FIELDS)
_INCLUDES = _struct(users=_array(_USER), tweets=_array(_TWEET))
# A flattened tweet's referenced tweets: each a whole tweet with its type and author.
_FLAT_REF = _struct(type=_S, **_TWEET_FIELDS, author=_USER)
_CORRUPT = "_corrupt_record"
# A page (data a list) or a flattened tweet (the tweet's fields at the top); a stream line (data one tweet) does
# not fit and is read again with _STREAM.
_LINE = _struct(
    data=_array(_TWEET),
    includes=_INCLUDES,
    **{**_TWEET_FIELDS, "referenced_tweets": _array(_FLAT_REF)},
    author=_USER,
    **{_CORRUPT: _S},
)
_STREAM = _struct(data=_TWEET, includes=_INCLUDES, **{_CORRUPT: _S})
_JSON_OPTIONS = {"mode": "PERMISSIVE", "columnNameOfCorruptRecord": _CORRUPT}
_EPOCH = "1970-01-01 00:00:00"


def whole_number(col: Column) -> Column:
    """A count written as text ('12', '12.0', '1e3') as a BIGINT when it is a whole number, else NULL ('1.5',
    'n/a'); as :func:`clameur.ingest.staging.whole_number_sql` does for DuckDB."""
    d = col.try_cast("double")
    return F.when(d % 1 == 0, d.try_cast("bigint"))


def _instant_to_utc(instant: Column) -> Column:
    """An instant (TIMESTAMP) as the naive UTC time (TIMESTAMP_NTZ), whatever the session's time zone."""
    return F.timestamp_add("MICROSECOND", F.unix_micros(instant), F.lit(_EPOCH).cast("timestamp_ntz"))


def utc_time(raw: Column) -> Column:
    """Text ``raw`` as a naive UTC TIMESTAMP_NTZ (NULL when nothing fits), as
    :func:`clameur.ingest.staging.time_sql` reads it: ISO 8601 with or without an offset (none = UTC), Twitter v1.1
    ('Wed Oct 10 20:19:24 +0000 2018'), epoch seconds or milliseconds. The session's time zone plays no part."""
    s = F.regexp_replace(raw, r"^\s+|\s+$", "")
    date = r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"  # DuckDB reads no time without a date, Spark would take today's
    iso = F.when(
        s.rlike(date),
        F.coalesce(
            F.concat(s, F.lit("Z")).try_cast("timestamp"),  # no offset written: UTC
            F.concat(s, F.lit("T00:00:00Z")).try_cast("timestamp"),  # a date alone: midnight UTC
            s.try_cast("timestamp"),  # an offset written
        ),
    )
    v1 = F.try_to_timestamp(F.substring(s, 5, 64), F.lit("MMM dd HH:mm:ss Z yyyy"))
    seconds = s.try_cast("double")
    epoch_micros = (
        F.when(s.rlike(r"^-?[0-9]{1,11}(\.[0-9]+)?$"), F.round(seconds * 1_000_000))
        .when(s.rlike(r"^[0-9]{12,14}$"), F.round(seconds * 1_000))
        .cast("bigint")
    )
    epoch = F.timestamp_add("MICROSECOND", epoch_micros, F.lit(_EPOCH).cast("timestamp_ntz"))
    parsed = F.when(s.rlike(r"^[A-Z][a-z]{2} [A-Z][a-z]{2} "), _instant_to_utc(v1)).otherwise(_instant_to_utc(iso))
    return F.when(epoch_micros.isNotNull(), epoch).otherwise(parsed)


def _first(col: Column, order: Column) -> Column:
    """The first non-NULL value of ``col`` in file order (DuckDB's any_value, made deterministic)."""
    return F.min_by(col, F.when(col.isNotNull(), order))


def _nullif(col: Column, value: str) -> Column:
    return F.when(col != F.lit(value), col)


def _ref(t: Column, kind: str) -> Column:
    """The id of tweet ``t``'s first referenced tweet of type ``kind``."""
    return F.get(F.filter(t["referenced_tweets"], lambda r: r["type"] == F.lit(kind)), 0)["id"]


def _lines(spark: SparkSession, paths: list[str]) -> DataFrame:
    """The non-blank lines of the files, each with its file and 1-based line number, parsed once (checkpointed).

    A line's number is counted from the start of its split (the rows a task reads from one byte range of a file,
    in order, numbered by monotonically_increasing_id) plus the lines of the file's earlier splits."""
    raw = spark.read.option("lineSep", "\n").text(list(paths))
    raw = raw.select(
        F.col("_metadata.file_path").alias("source_file"),
        F.col("_metadata.file_block_start").alias("block"),
        F.monotonically_increasing_id().alias("mid"),
        "value",
    )
    splits = raw.groupBy("source_file", "block").agg(F.count("*").alias("n"), F.min("mid").alias("first_mid"))
    earlier = Window.partitionBy("source_file").orderBy("block").rowsBetween(Window.unboundedPreceding, -1)
    splits = splits.select(
        "source_file", "block", "first_mid", F.coalesce(F.sum("n").over(earlier), F.lit(0)).alias("before")
    )
    lines = raw.join(F.broadcast(splits), ["source_file", "block"]).select(
        "source_file",
        (F.col("before") + F.col("mid") - F.col("first_mid") + 1).alias("source_line"),
        F.regexp_replace("value", "^\ufeff", "").alias("body"),
    )
    lines = lines.where(~F.col("body").rlike(r"^\s*$"))
    too_large = F.octet_length("body") > settings.MAX_RECORD_BYTES
    lines = lines.select(
        "source_file",
        "source_line",
        "body",
        too_large.alias("too_large"),
        F.when(~too_large, F.from_json("body", _LINE, _JSON_OPTIONS)).alias("a"),
    )
    a = F.col("a")
    lines = lines.select(
        "source_file",
        "source_line",
        "too_large",
        "a",
        F.when(a[_CORRUPT].isNotNull(), F.from_json("body", _STREAM, _JSON_OPTIONS)).alias("b"),
        F.when(a[_CORRUPT].isNotNull(), F.get_json_object("body", "$").isNotNull()).alias("valid_json"),
    )
    a, b = F.col("a"), F.col("b")
    a_ok, b_ok = a.isNotNull() & a[_CORRUPT].isNull(), b.isNotNull() & b[_CORRUPT].isNull()
    data = a["data"]
    shape = (
        F.when(F.col("too_large"), "too_large")
        .when(a_ok & data.isNotNull() & ((F.size(data) == 0) | F.get(data, 0)["text"].isNotNull()), "page")
        .when(b_ok & b["data"]["text"].isNotNull(), "stream")
        .when(a_ok & data.isNull() & a["id"].isNotNull() & a["text"].isNotNull() & a["author_id"].isNotNull(), "flat")
        .when(a_ok | b_ok, "not_a_post")
        .when(F.col("valid_json"), "shape")
        .otherwise("bad_json")
    )
    lines = lines.select("source_file", "source_line", shape.alias("shape"), "a", "b")
    shape = F.col("shape")
    page, stream, flat = shape == "page", shape == "stream", shape == "flat"
    a, b = F.col("a"), F.col("b")
    data, refs = a["data"], F.coalesce(a["referenced_tweets"], F.array())
    flat_tweet = F.struct(
        *[
            (
                F.transform(a[name], lambda r: F.struct(r["type"].alias("type"), r["id"].alias("id")))
                if name == "referenced_tweets"
                else a[name]
            ).alias(name)
            for name in _TWEET_FIELDS
        ]
    )
    flat_refs = F.transform(refs, lambda r: F.struct(*[r[name].alias(name) for name in _TWEET_FIELDS]))
    flat_users = F.concat(F.array(a["author"]), F.transform(refs, lambda r: r["author"]))
    one_scan = F.when(page, F.forall(data, lambda t: t["id"].isNotNull() & t["text"].isNotNull())).otherwise(False)
    parsed = lines.select(
        "source_file",
        "source_line",
        "shape",
        one_scan.alias("page_one_scan"),
        F.when(page, data).when(stream, F.array(b["data"])).when(flat, F.array(flat_tweet)).alias("tweets"),
        F.when(page, a["includes"]["tweets"])
        .when(stream, b["includes"]["tweets"])
        .when(flat, flat_refs)
        .alias("context"),
        F.when(page, a["includes"]["users"]).when(stream, b["includes"]["users"]).when(flat, flat_users).alias("users"),
    )
    return parsed.localCheckpoint(eager=True)


def _staged(tweets: DataFrame, refs: DataFrame, users: DataFrame, handles: DataFrame) -> DataFrame:
    """twarc2_duckdb's _STAGED for the tweets in column ``t`` of ``tweets``: their kind, references, referenced
    authors (known, or said by the tweet itself), hashtags and mentions."""
    t = F.col("t")
    x = tweets.select(
        "*",
        _ref(t, "retweeted").alias("rt"),
        _ref(t, "quoted").alias("qt"),
        _ref(t, "replied_to").alias("rp"),
    ).withColumn("ref_id", F.coalesce("rt", "qt", "rp"))
    r = refs.select(*[F.col(c).alias(f"r_{c}") for c in refs.columns])
    x = x.join(r, x["ref_id"] == r["r_id"], "left")
    rt, qt, rp = F.col("rt"), F.col("qt"), F.col("rp")
    rt_handle = _nullif(F.regexp_extract(t["text"], RT_PREFIX.pattern, 1), "")
    quoted_url = F.get(
        F.filter(t["entities"]["urls"], lambda u: F.regexp_extract(u["expanded_url"], QUOTED_LINK, 2) == qt), 0
    )["expanded_url"]
    qt_handle = _nullif(_nullif(F.regexp_extract(quoted_url, QUOTED_LINK, 1), ""), "i")
    known = F.col("r_author_id").isNull()
    x = x.select(
        "*",
        F.coalesce(
            F.col("r_author_id"), F.when(rp.isNotNull() & rt.isNull() & qt.isNull(), t["in_reply_to_user_id"])
        ).alias("known_author"),
        F.when(known & rt.isNotNull(), rt_handle).when(known & qt.isNotNull(), qt_handle).alias("said"),
        rt_handle.alias("rt_handle"),
        F.when(rt.isNotNull() & F.col("r_has_entities"), F.col("r_hashtags"))
        .otherwise(t["entities"]["hashtags"])
        .alias("tags"),
        F.when(rt.isNotNull() & F.col("r_has_entities") & t["entities"]["mentions"].isNull(), F.col("r_mentions"))
        .otherwise(t["entities"]["mentions"])
        .alias("named"),
    )
    h = handles.select(F.col("handle").alias("h_handle"), F.col("id").alias("h_id"))
    x = x.join(h, F.lower(F.col("said")) == h["h_handle"], "left")
    first_mention = F.get(t["entities"]["mentions"], 0)
    said_first = rt.isNotNull() & (F.lower(first_mention["username"]) == F.lower(F.col("said")))
    said_id = F.when(said_first, first_mention["id"])
    x = x.withColumn("ref_author", F.coalesce(F.col("known_author"), said_id, F.col("h_id")))
    a = users.select(*[F.col(c).alias(f"a_{c}") for c in users.columns])
    ru = users.select(F.col("id").alias("ru_id"), F.col("username").alias("ru_username"))
    x = x.join(a, t["author_id"] == a["a_id"], "left").join(ru, F.col("ref_author") == ru["ru_id"], "left")
    metrics = t["public_metrics"]
    withheld = F.coalesce(_nullif(F.array_join(t["withheld"]["country_codes"], ","), ""), F.lit("true"))
    text = F.coalesce(t["text"], F.lit(""))
    tags = F.col("tags")
    return x.select(
        "source_file",
        "source_line",
        "pos",
        F.lit("x").alias("platform"),
        _nullif(F.trim(t["id"]), "").alias("post_id"),
        utc_time(t["created_at"]).alias("created_at"),
        t["author_id"].alias("author_id"),
        F.col("a_username").alias("author_handle"),
        F.col("a_name").alias("author_name"),
        F.col("a_followers").alias("author_followers"),
        F.col("a_verified").alias("author_verified"),
        text.alias("text"),
        t["lang"].alias("lang"),
        F.when(rt.isNotNull(), "retweet")
        .when(qt.isNotNull(), "quote")
        .when(rp.isNotNull(), "reply")
        .otherwise("original")
        .alias("kind"),
        F.col("ref_id").alias("ref_post_id"),
        F.col("ref_author").alias("ref_author_id"),
        F.coalesce(F.col("ru_username"), F.when(rt.isNotNull(), F.col("rt_handle")), F.col("said")).alias(
            "ref_author_handle"
        ),
        rp.alias("reply_to_post_id"),
        qt.alias("quote_of_post_id"),
        whole_number(metrics["retweet_count"]).alias("retweet_count"),
        whole_number(metrics["like_count"]).alias("like_count"),
        whole_number(metrics["reply_count"]).alias("reply_count"),
        whole_number(metrics["quote_count"]).alias("quote_count"),
        F.when(t["withheld"].isNotNull(), withheld).alias("withheld"),
        F.when(F.size(F.coalesce(tags, F.array())) > 0, F.transform(tags, lambda tag: tag["tag"]))
        .otherwise(F.regexp_extract_all(text, F.lit(TAG_IN_TEXT), 1))
        .alias("hashtags"),
        F.transform(
            F.coalesce(F.col("named"), F.array()),
            lambda m: F.struct(m["id"].alias("id"), m["username"].alias("handle")),
        ).alias("mentions"),
    )


def tag_map(raw: DataFrame) -> DataFrame:
    """Distinct hashtags (column ``raw``) with their normalised form (``tag``), as
    :func:`clameur.ingest.loader.normalise_tag` gives it: NFKC, casefold, without '#'. A tag of ASCII letters, digits
    and '_' only needs lower(); the others go through Python (Spark has no NFKC), by a function defined here rather
    than imported, so that Spark sends it whole to executors that do not have Clameur installed."""

    def normalise(tag: str | None) -> str | None:
        import unicodedata

        return None if tag is None else unicodedata.normalize("NFKC", tag).lstrip("#＃").casefold().strip()

    plain = F.col("raw").rlike("^[A-Za-z0-9_]*$")
    python = F.udf(normalise, T.StringType(), useArrow=False)  # no pandas: rows are few (distinct tags)
    distinct = raw.select("raw").where(F.col("raw").isNotNull() & (F.col("raw") != "")).distinct()
    return (
        distinct.where(plain)
        .select("raw", F.lower("raw").alias("tag"))
        .unionByName(distinct.where(~plain).select("raw", python(F.col("raw")).alias("tag")))
    )


def _select(frame: DataFrame, table: str) -> DataFrame:
    return frame.select(*[F.col(name).cast(kind).alias(name) for name, kind in COLUMNS[table]])


def twarc2_frames(spark: SparkSession, paths: list[str]) -> dict[str, DataFrame]:
    """The rows the DuckDB importer stores for the twarc2 files ``paths``, as Spark DataFrames with the columns of
    Clameur's tables (clameur.store) without dataset_id: "posts", "post_hashtags", "post_mentions",
    "context_posts" and "accounts"; and "rejects", the lines (and tweets without an id) not read, with why.

    Posts repeated (in a file or across files) are kept once: the first in file order (files by path). A post's
    ``source_line`` is NULL where DuckDB's one-scan reader would read its file, the line number otherwise."""
    lines = _lines(spark, paths)
    order = F.struct("source_file", "source_line", "pos")
    read = lines.where(F.col("shape").isin("page", "stream", "flat"))
    tweets = read.select("source_file", "source_line", F.posexplode("tweets").alias("pos", "t"))
    context = read.select("source_file", "source_line", "shape", F.posexplode("context").alias("pos", "t"))
    described = read.select("source_file", "source_line", F.posexplode("users").alias("pos", "u"))

    u = F.col("u")
    users = (
        described.where(u["id"].isNotNull())
        .groupBy(u["id"].alias("id"))
        .agg(
            _first(u["username"], order).alias("username"),
            _first(u["name"], order).alias("name"),
            F.bool_or(u["verified"].try_cast("boolean")).alias("verified"),
            F.max(whole_number(u["public_metrics"]["followers_count"])).alias("followers"),
        )
        .localCheckpoint(eager=True)  # joined three times, and read for the accounts
    )
    # lower(handle) -> id, when one account of the files has that handle
    handles = (
        users.where(F.col("username").isNotNull())
        .groupBy(F.lower("username").alias("handle"))
        .agg(F.when(F.count("*") == 1, F.min("id")).alias("id"))
    )
    t = F.col("t")
    refs = (
        context.where(t["id"].isNotNull())
        .groupBy(t["id"].alias("id"))
        .agg(
            _first(t["author_id"], order).alias("author_id"),
            F.bool_or(t["entities"].isNotNull()).alias("has_entities"),
            _first(t["entities"]["hashtags"], order).alias("hashtags"),
            _first(t["entities"]["mentions"], order).alias("mentions"),
        )
        .localCheckpoint(eager=True)  # joined to the posts and to the context posts
    )

    staged = _staged(tweets, refs, users, handles)
    # DuckDB's importer reads a file in one scan, without line numbers, when every line is a page of tweets that all
    # have an id and a text, or every line a flattened tweet; otherwise line by line, with them.
    one_scan = lines.groupBy("source_file").agg(
        (F.bool_and("page_one_scan") | F.bool_and(F.col("shape") == "flat")).alias("one_scan")
    )
    first = Window.partitionBy("post_id").orderBy("source_file", "source_line", "pos")
    posts = (
        staged.where(F.col("post_id").isNotNull())
        .withColumn("n", F.row_number().over(first))
        .where(F.col("n") == 1)
        .join(F.broadcast(one_scan), "source_file")
        .withColumn("line", F.col("source_line"))
        .withColumn("source_line", F.when(~F.col("one_scan"), F.col("source_line")))
        .localCheckpoint(eager=True)  # read by every other frame
    )

    post_hashtags = posts.select("post_id", "created_at", "kind", "author_id", F.explode("hashtags").alias("raw"))
    post_hashtags = (
        post_hashtags.join(tag_map(post_hashtags), "raw")
        .where(F.col("tag") != "")
        .select("post_id", "tag", "created_at", "kind", "author_id")
        .distinct()
    )
    post_mentions = posts.select("post_id", "author_id", "created_at", "kind", F.explode("mentions").alias("m")).select(
        "post_id",
        "author_id",
        F.col("m")["id"].alias("mentioned_id"),
        F.col("m")["handle"].alias("mentioned_handle"),
        "created_at",
        "kind",
    )

    # Context: the referenced tweets of pages and stream lines (a flattened tweet's serve only to look up).
    staged_context = _staged(context.where(F.col("shape") != "flat").where(t["id"].isNotNull()), refs, users, handles)
    staged_context = staged_context.localCheckpoint(eager=True)
    described_once = (
        "created_at",
        "author_id",
        "author_handle",
        "text",
        "lang",
        "kind",
        "ref_post_id",
        "ref_author_id",
    )
    context_posts = (
        staged_context.where(F.col("post_id").isNotNull())
        .join(posts.select("post_id"), "post_id", "left_anti")
        .groupBy("platform", "post_id")
        .agg(
            *[_first(F.col(name), order).alias(name) for name in described_once],
            *[F.max(name).alias(name) for name in ("retweet_count", "like_count", "reply_count", "quote_count")],
        )
    )

    # Accounts: every account the files describe, and the authors of posts and context posts (their fields are
    # those of includes.users, or unknown); then the referenced authors known only by a post.
    ids = (
        posts.select(F.col("author_id").alias("account_id"))
        .unionByName(staged_context.select(F.col("author_id").alias("account_id")))
        .unionByName(users.select(F.col("id").alias("account_id")))
        .where(F.col("account_id").isNotNull())
        .distinct()
    )
    known = ids.join(users, ids["account_id"] == users["id"], "left").select(
        F.lit("x").alias("platform"),
        "account_id",
        F.col("username").alias("handle"),
        "name",
        "followers",
        "verified",
    )
    referenced = (
        posts.where(F.col("ref_author_id").isNotNull())
        .join(known.select(F.col("account_id").alias("ref_author_id")), "ref_author_id", "left_anti")
        .groupBy(F.col("ref_author_id").alias("account_id"))
        .agg(_first(F.col("ref_author_handle"), F.struct("source_file", "line", "pos")).alias("handle"))
        .select(
            F.lit("x").alias("platform"),
            "account_id",
            "handle",
            F.lit(None).cast("string").alias("name"),
            F.lit(None).cast("bigint").alias("followers"),
            F.lit(None).cast("boolean").alias("verified"),
        )
    )
    accounts = known.unionByName(referenced).select(
        "*", F.lit(None).cast("string").alias("description"), F.lit(None).cast("timestamp_ntz").alias("created_at")
    )

    rejects = lines.where(~F.col("shape").isin("page", "stream", "flat")).select(
        "source_file", "source_line", F.col("shape").alias("reason")
    )
    without_id = tweets.where(_nullif(F.trim(t["id"]), "").isNull())
    rejects = rejects.unionByName(without_id.select("source_file", "source_line", F.lit("no_id").alias("reason")))
    return {
        "posts": _select(posts, "posts"),
        "post_hashtags": _select(post_hashtags, "post_hashtags"),
        "post_mentions": _select(post_mentions, "post_mentions"),
        "context_posts": _select(context_posts, "context_posts"),
        "accounts": _select(accounts, "accounts"),
        "rejects": rejects.select(*[F.col(name).cast(kind) for name, kind in REJECT_COLUMNS]),
    }
