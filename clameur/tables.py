"""Tables shown to people: column names and coded values (event types, confidence, statuses, categories)
in the reader's language. The data exports keep the raw names; this is for the screen."""

from __future__ import annotations

import pandas as pd

from clameur.i18n import t
from clameur.i18n.clock import fmt_when

# The columns of the registry, event, dataset and availability tables the pages show.
COLUMNS = (
    "event_id",
    "starts_at",
    "platform",
    "event_type",
    "title",
    "status",
    "confidence",
    "source_url",
    "source_outlet",
    "description",
    "actor_name",
    "dataset_id",
    "name",
    "platforms",
    "source_format",
    "imported_at",
    "rows_read",
    "rows_loaded",
    "rows_rejected",
    "rows_duplicate",
    "rows_context",
    "refs_resolved",
    "refs_unresolved",
    "synthetic",
    "timezone",
    "hashtag",
    "campaign",
    "keep_posts",
    "engine",
    "notes",
    "category",
    "country",
    "source",
    "accounts",
    "checked",
    "object_type",
    "n",
    "share",
    "post_id",
    "created_raw",
    "author_handle",
    "kind",
    "text",
)
OBJECTS = ("post", "account")
VALUES = {  # coded columns: how a value is said
    "event_type": lambda v, lang: t(f"event.{v}", lang),
    "confidence": lambda v, lang: t(f"confidence.{v}", lang),
    "category": lambda v, lang: t(f"actor.{v}", lang),
    "status": lambda v, lang: t(f"status.{v}", lang),
    "object_type": lambda v, lang: t(f"object.{v}", lang),
    "kind": lambda v, lang: t(f"kind.{v}", lang),
}


TIMES = ("starts_at", "imported_at")  # stored in UTC: shown in the display zone, named in the header
EMPTY = "–"  # what an empty cell says, in both languages, as fmt_int(None) does (Streamlit would print "None")


def dashes(df: pd.DataFrame) -> pd.DataFrame:
    """A copy where missing values of text and mixed columns read "–" (numeric columns keep their type; a column
    with no value at all, which pandas reads as numbers, is text)."""
    out = df.copy()
    for column in out.columns:
        values = out[column]
        numeric = pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values)
        if not numeric or (len(values) and values.isna().all()):
            out[column] = values.astype(object).where(values.notna(), EMPTY)
    return out


def for_people(df: pd.DataFrame, lang: str, tz: str = "UTC") -> pd.DataFrame:
    """A copy with translated headers and coded values, stored times said in ``tz`` (named in the header) and
    empty cells as a dash."""
    out = df.copy()
    for column, say in VALUES.items():
        if column in out.columns:
            out[column] = out[column].map(lambda v, say=say: say(v, lang) if isinstance(v, str) and v else v)
    for column in TIMES:
        if column in out.columns and pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = [fmt_when(v, tz, lang, zone=False) if pd.notna(v) else None for v in out[column]]
    return dashes(out).rename(columns={c: t(f"table.{c}", lang, tz=tz) for c in out.columns})
