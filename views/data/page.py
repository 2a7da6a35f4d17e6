"""Data: import files (detected format, progress, the report with every rejected line), list and delete datasets."""

import html

import pandas as pd
import streamlit as st

from clameur import settings, timezones
from clameur.i18n import fmt_int, t
from clameur.ingest import ImportRefused
from clameur.ingest.core import finish_keep_posts, kept_sentence
from clameur.ingest.formats import FORMAT_NAMES
from clameur.ingest.preview import shown_preview
from clameur.ingest.uploads import display_name, import_upload, inspect_upload
from clameur.markdown_safe import md
from clameur.privacy import Pseudonymizer
from clameur.settings import KEEP_POSTS
from clameur.store import delete_dataset, list_datasets
from clameur.tables import for_people
from ui import menu, state
from ui.context import sidebar
from ui.crud import confirmed_delete
from ui.editor import can_edit, editor_notice
from ui.table_view import show_table
from views.data.mapping_form import mapping_form


def shown_name(upload) -> str:
    """The upload's name as literal Markdown: cleaned by display_name, never a link or an image."""
    return md(html.unescape(display_name(upload.name)))


def inspected(upload):
    """The detected format and preview of an upload, computed once per uploaded file."""
    cache = st.session_state.setdefault("data_inspections", {})
    if upload.file_id not in cache:
        cache[upload.file_id] = inspect_upload(ctx.store, upload.getvalue())
    return cache[upload.file_id]


def show_outcome(file: str, outcome) -> None:
    """One file's import report (every record accounted for), or the sentence that refused it."""
    if isinstance(outcome, ImportRefused):
        st.error(f"{file}: {md(outcome.message(lang))}")
        return
    report = outcome
    st.subheader(t("data.report", lang, file=file))
    if report.already_imported:
        st.info(t("data.already", lang))
        return
    st.success(
        t(
            "data.report_line",
            lang,
            format=FORMAT_NAMES.get(report.format, report.format),
            read=fmt_int(report.records_read, lang),
            loaded=fmt_int(report.loaded, lang),
            dup=fmt_int(report.duplicates, lang),
            rej=fmt_int(report.rejected_count, lang),
            ctx=fmt_int(report.context, lang),
            unparsed=fmt_int(report.unparsed_timestamps, lang),
        )
    )
    refs = report.refs_sentence(lang)
    if refs:
        st.info(refs)
    for warning in report.warnings_in(lang):
        st.warning(md(warning))
    if report.rejected:
        show_table(
            pd.DataFrame(report.rejected_in(lang), columns=[t("data.col.line", lang), t("data.col.reason", lang)]),
            "rejected-lines",
            lang,
            f"rejected_{abs(hash(file))}",
        )


def shown_datasets(datasets: pd.DataFrame) -> pd.DataFrame:
    """The datasets table for people, with which posts each dataset keeps said in words after its name."""
    words = {policy: t(f"data.keep.{policy}", lang) for policy in KEEP_POSTS}
    shown = for_people(datasets.drop(columns=["keep_posts"]), lang, ctx.tz)
    shown.insert(2, t("data.col.keep_posts", lang), [words.get(p, p) for p in datasets["keep_posts"]])
    return shown


OUTCOMES, SELECTED, KEPT = "data_outcomes", "data_selected", "data_kept"
ctx = sidebar()
lang = ctx.lang
st.title(t("data.title", lang))
st.write(t("data.intro", lang))
st.caption(t("data.limit", lang, mb=settings.UPLOAD_LIMIT_MB))

editable = can_edit()  # the editor role: no upload and no delete without it
if not editable:
    editor_notice(lang)
files = st.file_uploader(t("data.upload", lang), accept_multiple_files=True, key="data_files") if editable else None
c1, c2, c3, c4 = st.columns(4)
name = c1.text_input(t("data.dataset_name", lang), key="data_name")
campaign = c2.text_input(  # the overview's title; empty: the dataset's name
    t("data.campaign", lang), key="data_campaign", placeholder=name.strip() or None, help=t("data.campaign_help", lang)
)
zone = c3.selectbox(t("data.timezone", lang), timezones.OFFERED, key="data_tz")
keep_posts = c4.selectbox(  # which posts stay once the rollups are built
    t("data.keep_posts", lang),
    KEEP_POSTS,
    format_func=lambda policy: t(f"data.keep.{policy}", lang),
    key="data_keep_posts",
    help=t("data.keep_posts_help", lang),
)
mappings = {}
for i, upload in enumerate(files or []):
    try:
        info = inspected(upload)
    except ImportRefused as exc:
        st.error(f"{shown_name(upload)}: {md(exc.message(lang))}")
        continue
    with st.expander(t("data.detected", lang, file=shown_name(upload), format=md(info.format_label)), expanded=True):
        st.caption(t("data.preview", lang))
        preview = shown_preview(info, Pseudonymizer(ctx.store, None, enabled=ctx.privacy, lang=lang))
        preview = preview if info.is_table else for_people(preview, lang)  # tables: their own columns
        st.dataframe(preview, hide_index=True, width="stretch")
        if info.is_table:
            mappings[upload.file_id] = mapping_form(ctx.store, info, f"data_map_{i}", lang)
if files and st.button(t("data.go", lang), type="primary", key="data_go", disabled=not name.strip()):
    outcomes = []  # (file name shown, report or refusal), shown after the rerun below
    for i, upload in enumerate(files):
        bar = st.progress(0.0)
        try:
            report = import_upload(
                ctx.store,
                upload.getvalue(),
                upload.name,
                name,
                progress=bar.progress,
                timezone=zone,
                mapping=mappings.get(upload.file_id),
                campaign=campaign,
                # the last file lets go the posts not kept: a dataset that has let posts go takes no further file
                keep_posts=keep_posts if i == len(files) - 1 else "all",
            )
        except ImportRefused as exc:
            outcomes.append((shown_name(upload), exc))
        else:
            outcomes.append((shown_name(upload), report))
        bar.empty()  # done: the report below says what happened
    st.session_state[OUTCOMES] = outcomes
    imported = [o for _, o in outcomes if not isinstance(o, ImportRefused)]
    st.session_state[KEPT] = finish_keep_posts(ctx.store, name.strip(), keep_posts) if imported else None
    if imported:  # your own data first: selected on every page, and listed in the sidebar by the rerun
        state.select_dataset(imported[-1].dataset_name, follow_its_zone=True)
        st.session_state[SELECTED] = imported[-1].dataset_name
        st.rerun()

if not files:  # the files are gone (a page switch, a cleared upload): so are their reports
    st.session_state.pop(OUTCOMES, None)
    st.session_state.pop(SELECTED, None)
    st.session_state.pop(KEPT, None)
for file, outcome in st.session_state.get(OUTCOMES, []):
    show_outcome(file, outcome)
if st.session_state.get(KEPT):  # which posts the dataset keeps, once all the files are in
    st.info(kept_sentence(*st.session_state[KEPT], lang), icon=":material/inventory_2:")
if st.session_state.get(SELECTED) and ctx.dataset and ctx.dataset["name"] == st.session_state[SELECTED]:
    st.success(t("data.selected", lang, name=md(ctx.dataset["name"])), icon=":material/check_circle:")
    menu.link("overview", t("data.open", lang, name=md(ctx.dataset["name"])), ":material/dashboard:")

st.subheader(t("data.datasets", lang))
datasets = list_datasets(ctx.store)
show_table(shown_datasets(datasets), "datasets", lang, "datasets")
if not datasets.empty and editable:
    with st.expander(t("data.delete", lang)):
        labels = dict(zip(datasets["dataset_id"], datasets["name"], strict=True))
        pick = st.selectbox(t("data.delete_pick", lang), list(labels), format_func=labels.get, key="data_delete_pick")
        confirmed_delete(
            t("data.confirm", lang, name=md(labels[pick])),
            t("data.delete_go", lang),
            f"dataset_{pick}",
            lambda: delete_dataset(ctx.store, pick),
        )
