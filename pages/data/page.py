"""Data: import files (detected format, progress, the report with every rejected line), list and delete datasets."""

import pandas as pd
import streamlit as st

from clameur import settings, timezones
from clameur.i18n import fmt_int, t
from clameur.ingest import ImportRefused
from clameur.ingest.formats import FORMAT_NAMES
from clameur.ingest.uploads import display_name, import_upload, inspect_upload
from clameur.store import delete_dataset, list_datasets
from clameur.tables import for_people
from pages.data.mapping_form import mapping_form
from ui.context import sidebar
from ui.crud import confirmed_delete
from ui.editor import can_edit, editor_notice


def inspected(upload):
    """The detected format and preview of an upload, computed once per uploaded file."""
    cache = st.session_state.setdefault("data_inspections", {})
    if upload.file_id not in cache:
        cache[upload.file_id] = inspect_upload(ctx.store, upload.getvalue())
    return cache[upload.file_id]


ctx = sidebar()
lang = ctx.lang
st.title(t("data.title", lang))
st.write(t("data.intro", lang))
st.caption(t("data.limit", lang, mb=settings.UPLOAD_LIMIT_MB))

editable = can_edit()  # the editor role: no upload and no delete without it
if not editable:
    editor_notice(lang)
files = st.file_uploader(t("data.upload", lang), accept_multiple_files=True, key="data_files") if editable else None
c1, c2 = st.columns(2)
name = c1.text_input(t("data.dataset_name", lang), key="data_name")
zone = c2.selectbox(t("data.timezone", lang), timezones.OFFERED, key="data_tz")
mappings = {}
for i, upload in enumerate(files or []):
    try:
        info = inspected(upload)
    except ImportRefused as exc:
        st.error(f"{display_name(upload.name)}: {exc.message(lang)}")
        continue
    with st.expander(t("data.detected", lang, file=display_name(upload.name), format=info.format_label), expanded=True):
        st.caption(t("data.preview", lang))
        preview = info.preview if info.is_table else for_people(info.preview, lang)  # tables: their own columns
        st.dataframe(preview, hide_index=True, width="stretch")
        if info.is_table:
            mappings[upload.file_id] = mapping_form(ctx.store, info, f"data_map_{i}", lang)
if files and st.button(t("data.go", lang), type="primary", key="data_go", disabled=not name.strip()):
    for upload in files:
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
            )
        except ImportRefused as exc:
            bar.empty()
            st.error(f"{display_name(upload.name)}: {exc.message(lang)}")
            continue
        bar.empty()  # done: the report below says what happened
        st.subheader(t("data.report", lang, file=display_name(upload.name)))
        if report.already_imported:
            st.info(t("data.already", lang))
            continue
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
            st.warning(warning)
        if report.rejected:
            st.dataframe(
                pd.DataFrame(report.rejected_in(lang), columns=[t("data.col.line", lang), t("data.col.reason", lang)]),
                hide_index=True,
                width="stretch",
            )

st.subheader(t("data.datasets", lang))
datasets = list_datasets(ctx.store)
st.dataframe(for_people(datasets, lang), hide_index=True, width="stretch")
if not datasets.empty and editable:
    with st.expander(t("data.delete", lang)):
        labels = dict(zip(datasets["dataset_id"], datasets["name"], strict=True))
        pick = st.selectbox(t("data.delete_pick", lang), list(labels), format_func=labels.get, key="data_delete_pick")
        confirmed_delete(
            t("data.confirm", lang, name=labels[pick]),
            t("data.delete_go", lang),
            f"dataset_{pick}",
            lambda: delete_dataset(ctx.store, pick),
        )
