"""The column-mapping form of the upload page: a preset, or one column per field, and saving it as a preset."""

from __future__ import annotations

import streamlit as st

from clameur import settings
from clameur.i18n import t
from clameur.ingest.inspect import Inspection
from clameur.ingest.mapping import FIELDS, PRESETS, MappingError, save_preset, saved_presets
from clameur.markdown_safe import md
from clameur.store import Store

FORM_FIELDS = (
    "post_id",
    "created_at",
    "author_handle",
    "author_id",
    "text",
    "kind",
    "retweet_of",
    "quote_of",
    "reply_to",
    "ref_author_handle",
    "hashtags",
    "mentions",
    "lang",
    "author_followers",
)
NONE = "—"


def mapping_form(store: Store, info: Inspection, key: str, lang: str) -> dict | str | None:
    """What to pass to the importer: None (auto), a preset name, or a {field: column} mapping."""
    saved = saved_presets(store.cursor())
    custom = t("data.map.custom", lang)
    options = [*PRESETS, *saved, custom]
    default = options.index(info.preset) if info.preset else len(options) - 1
    labels = {name: PRESETS[name]["label"] for name in PRESETS}
    choice = st.selectbox(
        t("data.map.preset", lang), options, index=default, format_func=lambda o: labels.get(o, o), key=f"{key}_preset"
    )
    if choice != custom:
        return choice
    st.caption(t("data.map.help", lang))
    columns = [NONE, *info.header]
    mapping: dict[str, str] = {}
    cols = st.columns(3)
    for i, field in enumerate(FORM_FIELDS):
        guess = field if field in info.header else NONE
        picked = cols[i % 3].selectbox(FIELDS[field], columns, index=columns.index(guess), key=f"{key}_{field}")
        if picked != NONE:
            mapping[field] = picked
    platform = cols[len(FORM_FIELDS) % 3].selectbox(
        FIELDS["platform"].split(" (")[0], settings.PLATFORMS, key=f"{key}_platform"
    )
    mapping["platform"] = f"={platform}"
    name = st.text_input(t("data.map.save_name", lang), key=f"{key}_save_name")
    if st.button(t("data.map.save", lang), key=f"{key}_save", disabled=not name.strip()):
        try:
            save_preset(store.cursor(), name, mapping)
            st.success(t("data.map.saved", lang, name=md(name.strip())))
        except MappingError as exc:
            st.error(md(exc.message(lang)))
    return mapping
