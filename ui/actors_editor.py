"""Add, edit, delete (with confirmation), import and export actors: the UI over clameur.actors."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from clameur import settings
from clameur.actors import (
    ActorError,
    actors_from_csv,
    actors_to_csv,
    add_actor,
    delete_actor,
    list_actors,
    parse_accounts,
    update_actor,
)
from clameur.i18n import t


def _form(key: str, lang: str, current: dict | None = None) -> dict | None:
    cur = current or {}
    with st.form(key, clear_on_submit=current is None):
        name = st.text_input(t("registry.name", lang), value=cur.get("name") or "")
        cats = list(settings.ACTOR_CATEGORIES)
        category = st.selectbox(
            t("col.category", lang),
            cats,
            index=cats.index(cur.get("category") or "other"),
            format_func=lambda c: t(f"actor.{c}", lang),
        )
        country = st.text_input(t("registry.country", lang), value=cur.get("country") or "")
        accounts = st.text_input(t("registry.accounts", lang), value=cur.get("accounts") or "")
        source = st.text_input(t("registry.source", lang), value=cur.get("source") or "")
        if not st.form_submit_button(t("registry.save", lang)):
            return None
    return {
        "name": name,
        "category": category,
        "country": country or None,
        "source": source or None,
        "accounts": parse_accounts(accounts),
    }


def actors_editor(store, lang: str) -> None:
    actors = list_actors(store)
    st.dataframe(actors.drop(columns=["actor_id"]), hide_index=True, width="stretch")
    st.download_button(
        t("registry.export", lang),
        actors_to_csv(store),
        file_name="actors.csv",
        mime="text/csv",
        key="actors_csv",
        icon=":material/download:",
    )
    with st.expander(t("registry.add", lang)):
        new = _form("actor_add", lang)
        if new is not None:
            _save(lambda: add_actor(store, new.pop("name"), new.pop("category"), **new), lang)
    if not actors.empty:
        with st.expander(t("registry.edit", lang)):
            labels = dict(zip(actors["actor_id"], actors["name"], strict=True))
            chosen = st.selectbox(t("col.actor", lang), list(labels), format_func=labels.get, key="actor_pick")
            row = actors[actors["actor_id"] == chosen].iloc[0].to_dict()
            row = {k: (None if not isinstance(v, str) and pd.isna(v) else v) for k, v in row.items()}
            edited = _form(f"actor_edit_{chosen}", lang, row)
            if edited is not None:
                _save(lambda: update_actor(store, chosen, edited.pop("name"), edited.pop("category"), **edited), lang)
            sure = st.checkbox(t("registry.confirm", lang, name=row["name"]), key=f"actor_sure_{chosen}")
            if st.button(t("registry.delete", lang), disabled=not sure, key=f"actor_delete_{chosen}"):
                delete_actor(store, chosen)
                st.rerun()
    upload = st.file_uploader(t("registry.import", lang), type=["csv"], key="actors_upload")
    if upload is not None and st.button(t("registry.import", lang), key="actors_import_go"):
        try:
            n = actors_from_csv(store, upload.getvalue())
        except ActorError as exc:
            st.error(str(exc))
        else:
            st.success(t("registry.imported", lang, n=n))


def _save(action, lang: str) -> None:
    try:
        action()
    except ActorError as exc:
        st.error(str(exc))
    else:
        st.toast(t("registry.saved", lang))
        st.rerun()
