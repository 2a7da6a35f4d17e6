"""Named limits and vocabularies in one place (the datasette way)."""

from __future__ import annotations

DEFAULT_DB = "data/clameur.duckdb"

# Limits
QUERY_TIMEOUT_S = 20.0  # every app query is interrupted past this
UPLOAD_LIMIT_MB = 200  # browser uploads; the CLI has no such limit
MAX_RECORD_BYTES = 16 * 1024 * 1024  # one JSON line / record
MAX_PARQUET_ROWS = 50_000_000
# Which posts a dataset keeps beside its rollups (`clameur import --keep-posts`): every post, only those of the
# actor registry's accounts, or none (rollups only).
KEEP_POSTS = ("all", "actors", "none")
DUCKDB_MEMORY_LIMIT = "2GB"  # DuckDB's own buffers; keeps a whole import under 3 GB whatever the file size
NETWORK_MAX_NODES_DRAWN = 5_000
NETWORK_MAX_EDGES_DRAWN = 10_000

# Heavy work in the app (network metrics, layouts, exports), shared by every visitor of one server (clameur.heavy)
HEAVY_SLOTS = 2  # heavy computations at once per server (the machine's cores); others wait, and are told so
HEAVY_WAIT_S = 300.0  # a view waits this long for a slot, then says the server is busy
HEAVY_CACHE_MB = 512  # networks and layouts kept for every visitor, least recently used first out
VIEW_MEMORY_BUDGET_MB = 700  # one network computation (edges, graph, metrics, layout), estimated before building
EXPORT_MEMORY_BUDGET_MB = 1000  # one GEXF/GraphML/CSV file of the whole filtered network (networkx builds it whole)
NETWORK_BYTES_PER_ELEMENT = 1_000  # per node + edge, for a network's build (measured: ~0.6 kB, plus the layout)
EXPORT_BYTES_PER_ELEMENT = 3_500  # per node + edge, for a Gephi file (measured: 2.7 kB GEXF, 3.1 kB GraphML)
HEAVY_INLINE_ELEMENTS = 5_000  # nodes + edges up to which work runs in the server (its GIL hold stays short)
HEAVY_WORKER_NICE = 10  # the worker process yields the CPU to the server's requests
HEAVY_WARM_POSTS = 50_000  # a page on a dataset this big starts a worker before it needs one
HEAVY_WORKER_RECYCLE_MB = 400  # a worker holding more than this after a task is replaced by a fresh one

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

WINDOW_YEARS = (1990, 2100)  # a time window from a link outside these years is refused with a sentence
PLAUSIBLE_SINCE = "2006-01-01"  # posts dated earlier (a default 1970 date…) are kept but left out of timelines
IMPORT_CHUNK_POSTS = 20_000  # posts parsed in Python are staged in DuckDB by chunks of this size

# One database shared by the app and the command line (DuckDB lets one process hold the file at a time)
STORE_IDLE_RELEASE_S = 5.0  # the app lets the database go after this long without a page run using it
APP_WAIT_FOR_DB_S = 2.0  # a page run waits this long for a command to finish before saying the database is busy
CLI_WAIT_FOR_DB_S = 60.0  # a command waits this long by default (--wait SECONDS)
DB_RETRY_S = 0.2  # how often a waiting process tries the file again
