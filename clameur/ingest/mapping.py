"""Column mappings for tables of posts (CSV, Parquet): which column holds the id, the time, the author…

A mapping is ``{field: column}``; ``platform`` may instead be a constant written ``"=x"``. Fields come
from :data:`FIELDS` and columns from the file's own header, so every identifier placed in SQL is
checked against an allow-list and quoted. Built-in presets recognise the exports of other tools by
their header; researchers can save their own mappings as presets (table ``mapping_presets``).
"""

from __future__ import annotations

import json

from clameur import settings
from clameur.ingest.errors import MappingError
from clameur.ingest.parquet_layout import COLUMNS as LAYOUT_COLUMNS

FIELDS = {
    "post_id": "post id",
    "created_at": "time of posting",
    "platform": "platform (column, or a constant such as =x)",
    "author_id": "author id",
    "author_handle": "author handle (username)",
    "author_name": "author display name",
    "author_followers": "author followers",
    "author_verified": "author verified (true/false)",
    "text": "text",
    "lang": "language",
    "kind": "kind (original, retweet, quote, reply)",
    "references": "referenced posts as JSON ([{type, id}])",
    "retweet_of": "id of the retweeted post",
    "quote_of": "id of the quoted post",
    "reply_to": "id of the post replied to",
    "ref_post_id": "id of the referenced post",
    "ref_author_id": "author id of the referenced post",
    "ref_author_handle": "author handle of the referenced post",
    "is_retweet": "is a retweet (yes/no)",
    "is_quote": "is a quote (yes/no)",
    "is_reply": "is a reply (yes/no)",
    "hashtags": "hashtags (JSON list or separated by commas/spaces)",
    "mentions": "mentions (JSON list or separated by commas/spaces)",
    "retweet_count": "retweet count",
    "like_count": "like count",
    "reply_count": "reply count",
    "quote_count": "quote count",
    "context_flag": "non-empty for referenced posts that were not collected",
}
REQUIRED = ("post_id", "created_at")

_TWARC_CSV_COMMON = {
    "platform": "=x",
    "post_id": "id",
    "created_at": "created_at",
    "author_id": "author_id",
    "author_handle": "author.username",
    "author_name": "author.name",
    "author_followers": "author.public_metrics.followers_count",
    "author_verified": "author.verified",
    "text": "text",
    "lang": "lang",
    "hashtags": "entities.hashtags",
    "mentions": "entities.mentions",
    "retweet_count": "public_metrics.retweet_count",
    "like_count": "public_metrics.like_count",
    "reply_count": "public_metrics.reply_count",
    "quote_count": "public_metrics.quote_count",
}

# Built-in presets: `required` columns must all be in the header for the preset to be recognised.
PRESETS: dict[str, dict] = {
    "twarc-csv": {
        "label": "twarc-csv (twarc2 csv)",
        "required": ["id", "created_at", "author_id", "text", "referenced_tweets.retweeted.id"],
        "mapping": {
            **_TWARC_CSV_COMMON,
            "retweet_of": "referenced_tweets.retweeted.id",
            "quote_of": "referenced_tweets.quoted.id",
            "reply_to": "referenced_tweets.replied_to.id",
        },
    },
    "twarc-csv-2021": {
        "label": "twarc-csv, early 2021 layout (JSON in cells, `type` marks referenced tweets)",
        "required": ["id", "created_at", "author_id", "text", "referenced_tweets", "type"],
        "mapping": {**_TWARC_CSV_COMMON, "references": "referenced_tweets", "context_flag": "type"},
    },
    "clameur": {
        "label": "Clameur (its own CSV or Parquet layout)",
        "required": ["platform", "post_id", "created_at", "author_id", "kind", "ref_post_id"],
        "mapping": {
            name: name
            for name, _ in LAYOUT_COLUMNS
            if name in FIELDS  # its own columns, named as the fields
        },
    },
    "4cat": {
        "label": "4CAT CSV (Twitter/X)",
        "required": ["id", "thread_id", "timestamp", "body", "author"],
        "mapping": {
            "platform": "=x",
            "post_id": "id",
            "created_at": "timestamp",
            "author_id": "author_id",
            "author_handle": "author",
            "author_name": "author_fullname",
            "text": "body",
            "lang": "language_guess",
            "is_retweet": "is_retweet",
            "is_quote": "is_quote_tweet",
            "is_reply": "is_reply",
            "hashtags": "hashtags",
            "mentions": "mentions",
            "retweet_count": "retweet_count",
            "like_count": "like_count",
            "reply_count": "reply_count",
            "quote_count": "quote_count",
        },
    },
    "dmi-tcat": {
        "label": "DMI-TCAT export",
        "required": ["id", "created_at", "from_user_name", "text"],
        "mapping": {
            "platform": "=x",
            "post_id": "id",
            "created_at": "created_at",
            "author_id": "from_user_id",
            "author_handle": "from_user_name",
            "author_name": "from_user_realname",
            "author_followers": "from_user_followercount",
            "author_verified": "from_user_verified",
            "text": "text",
            "lang": "lang",
            "reply_to": "in_reply_to_status_id",
            "quote_of": "quoted_status_id",
            "retweet_of": "retweet_id",
            "retweet_count": "retweet_count",
            "like_count": "favorite_count",
        },
    },
}


def is_constant(field: str, column: str) -> bool:
    """A mapped value that names no column: the platform written as a constant, such as ``=x``."""
    return field == "platform" and column.startswith("=")


def resolve(mapping: dict, header: list[str]) -> dict[str, str]:
    """Keep the mapped fields whose column exists (constants pass); refuse unknown fields and missing required ones."""
    unknown = sorted(set(mapping) - set(FIELDS))
    if unknown:
        raise MappingError("ingest.map.unknown_fields", fields=", ".join(unknown), known=", ".join(FIELDS))
    kept = {f: c for f, c in mapping.items() if c and (c in header or is_constant(f, c))}
    missing = [f for f in REQUIRED if f not in kept]
    if missing:
        wanted = ", ".join(f"{f} (“{mapping[f]}”)" if mapping.get(f) else f for f in missing)
        columns = ", ".join(header[:40]) + ("…" if len(header) > 40 else "")
        raise MappingError("ingest.map.missing", wanted=wanted, columns=columns)
    platform = kept.get("platform", "=other")
    if platform.startswith("=") and platform[1:] not in settings.PLATFORMS:
        raise MappingError("ingest.map.platform", platform=platform[1:], known=", ".join(settings.PLATFORMS))
    return kept


def detect_preset(header: list[str]) -> str | None:
    columns = set(header)
    for name, preset in PRESETS.items():
        if set(preset["required"]) <= columns:
            return name
    return None


def saved_presets(cur) -> dict[str, dict]:
    rows = cur.execute("SELECT name, mapping_json FROM mapping_presets ORDER BY name").fetchall()
    return {name: json.loads(text) for name, text in rows}


def save_preset(cur, name: str, mapping: dict) -> None:
    name = name.strip()
    if not name or name in PRESETS:
        raise MappingError("ingest.map.preset_name")
    resolve_fields_only(mapping)
    cur.execute("INSERT OR REPLACE INTO mapping_presets VALUES (?, ?)", [name, json.dumps(mapping, ensure_ascii=False)])


def resolve_fields_only(mapping: dict) -> None:
    unknown = sorted(set(mapping) - set(FIELDS))
    if unknown:
        raise MappingError("ingest.map.unknown_fields", fields=", ".join(unknown), known=", ".join(FIELDS))


def preset_mapping(cur, name: str) -> dict:
    if name in PRESETS:
        return dict(PRESETS[name]["mapping"])
    saved = saved_presets(cur)
    if name not in saved:
        known = ", ".join([*PRESETS, *saved])
        raise MappingError("ingest.map.no_preset", name=name, known=known)
    return saved[name]
