"""Named limits and vocabularies in one place (the datasette way)."""

from __future__ import annotations

DEFAULT_DB = "data/clameur.duckdb"

# Limits
QUERY_TIMEOUT_S = 20.0  # every app query is interrupted past this
UPLOAD_LIMIT_MB = 200  # browser uploads; the CLI has no such limit
MAX_RECORD_BYTES = 16 * 1024 * 1024  # one JSON line / record
MAX_PARQUET_ROWS = 50_000_000
DUCKDB_MEMORY_LIMIT = "2GB"  # DuckDB's own buffers; keeps a whole import under 3 GB whatever the file size
NETWORK_MAX_NODES_DRAWN = 5_000
NETWORK_MAX_EDGES_DRAWN = 10_000

KINDS = ("original", "retweet", "quote", "reply")

EVENT_TYPES = (
    "campaign_start",
    "volume_milestone",
    "institutional_reaction",
    "meeting",
    "platform_statement",
    "policy_change",
    "feature_change",
    "enforcement",
    "transparency_report",
    "refusal",
    "media_coverage",
    "other",
)
PLATFORM_RESPONSE_TYPES = (
    "platform_statement",
    "meeting",
    "policy_change",
    "feature_change",
    "enforcement",
    "transparency_report",
    "refusal",
)
CONFIDENCE_LEVELS = ("high", "medium", "low")
RESPONSE_STATUSES = ("announced", "implemented", "disputed")

ACTOR_CATEGORIES = (
    "government",
    "ministry",
    "parliament",
    "regulator",
    "public_body",
    "politician",
    "party",
    "media",
    "ngo",
    "platform",
    "influencer",
    "other",
)

PLATFORMS = ("x", "tiktok", "bluesky", "mastodon", "instagram", "youtube", "other")


PRIVACY_FOLLOWER_THRESHOLD = 5_000

PLAUSIBLE_SINCE = "2006-01-01"  # posts dated earlier (a default 1970 date…) are kept but left out of timelines
IMPORT_CHUNK_POSTS = 20_000  # posts parsed in Python are staged in DuckDB by chunks of this size

# One database shared by the app and the command line (DuckDB lets one process hold the file at a time)
STORE_IDLE_RELEASE_S = 5.0  # the app lets the database go after this long without a page run using it
APP_WAIT_FOR_DB_S = 2.0  # a page run waits this long for a command to finish before saying the database is busy
CLI_WAIT_FOR_DB_S = 60.0  # a command waits this long by default (--wait SECONDS)
DB_RETRY_S = 0.2  # how often a waiting process tries the file again
