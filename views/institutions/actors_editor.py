"""Add, edit, delete (with confirmation), import and export actors: the UI over clameur.reactions.actors."""

from __future__ import annotations

import streamlit as st

from clameur import settings
from clameur.i18n import t
from clameur.markdown_safe import md
from clameur.reactions.actors import (
    ActorError,
    actors_from_csv,
    actors_to_csv,
    add_actor,
    delete_actor,
    list_actors,
    parse_accounts,
    update_actor,
)
from clameur.tables import for_people
from ui.crud import clean_row, confirmed_delete, csv_import, export_then_tools, save

SHOWN = ("name", "category", "country", "accounts", "description", "source", "notes", "synthetic")


def _form(key: str, lang: str, current: dict | None = None) -> dict | None:
    cur = current or {}
    with st.form(key, clear_on_submit=current is None):
        name = st.text_input(t("registry.name", lang), value=cur.get("name") or "")
        c1, c2 = st.columns(2)
        texts = {
            "name_fr": c1.text_input(t("registry.name_fr", lang), value=cur.get("name_fr") or ""),
            "name_en": c2.text_input(t("registry.name_en", lang), value=cur.get("name_en") or ""),
            "description_fr": c1.text_area(t("registry.description_fr", lang), value=cur.get("description_fr") or ""),
            "description_en": c2.text_area(t("registry.description_en", lang), value=cur.get("description_en") or ""),
        }
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
        "texts": texts,
    }


def actors_editor(store, lang: str) -> None:
    actors = list_actors(store)  # the stored texts, for the forms
    shown = list_actors(store, lang)[list(SHOWN)]  # names and descriptions in the reader's language
    st.dataframe(for_people(shown, lang), hide_index=True, width="stretch")
    export = lambda: actors_to_csv(store)  # noqa: E731 (built when the button is clicked)
    if not export_then_tools(t("registry.export", lang), export, "actors.csv", "actors_csv", lang):
        return
    with st.expander(t("registry.add", lang)):
        new = _form("actor_add", lang)
        if new is not None:
            save(
                lambda: add_actor(store, new.pop("name"), new.pop("category"), **new),
                ActorError,
                t("registry.saved", lang),
                lang,
            )
    if not actors.empty:
        with st.expander(t("registry.edit", lang)):
            labels = dict(zip(shown.index.map(actors["actor_id"]), shown["name"], strict=True))
            chosen = st.selectbox(t("col.actor", lang), list(labels), format_func=labels.get, key="actor_pick")
            row = clean_row(actors, "actor_id", chosen)
            edited = _form(f"actor_edit_{chosen}", lang, row)
            if edited is not None:
                save(
                    lambda: update_actor(store, chosen, edited.pop("name"), edited.pop("category"), **edited),
                    ActorError,
                    t("registry.saved", lang),
                    lang,
                )
            confirmed_delete(
                t("registry.confirm", lang, name=md(row["name"])),
                t("registry.delete", lang),
                f"actor_{chosen}",
                lambda: delete_actor(store, chosen),
            )
    csv_import(
        t("registry.import", lang),
        "actors",
        lambda data: actors_from_csv(store, data),
        ActorError,
        lambda n: t("registry.imported", lang, n=n),
        lang,
    )
