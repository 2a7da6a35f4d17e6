"""The shared sidebar and page context: store, language, dataset, time zone, URL state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import streamlit as st

from clameur import settings
from clameur.i18n import LANGS, fmt_int, t
from clameur.markdown_safe import md
from clameur.privacy import Pseudonymizer
from clameur.shared_store import SharedStore
from clameur.store import DatabaseBusy, Store, default_db_path, has_datasets, list_datasets, running_import
from clameur.timezones import is_valid_zone, offered, to_utc
from ui.editor import editor_sidebar
from ui.presentation import presentation_chrome, presenting
from ui.report import report_button


def _refresh_demo(store: Store) -> None:
    from clameur.demo.build import refresh_demo_events

    refresh_demo_events(store)  # a demo built by an earlier Clameur gets its checked, sourced events


@st.cache_resource(show_spinner=False)
def _shared(path: str) -> SharedStore:
    """The database of this server process, shared by every session: held while a page runs, let go when idle so
    that `clameur` commands can use it (issue 21 §3)."""
    return SharedStore(path, on_first_open=_refresh_demo)


def get_store() -> Store:
    """The store, held by this page run (cursors are per thread); builds the demo on first run. When a command
    holds the database (an import from the command line), the page says so and stops."""
    try:
        store = _shared(str(default_db_path())).acquire()
    except DatabaseBusy as exc:
        _busy_page(exc)
    if not has_datasets(store):
        from clameur.demo.build import build_demo

        with st.spinner(t("sidebar.building_demo", current_lang())):
            build_demo(store)
    return store


def release_store() -> None:
    """This page run no longer needs the database (app.py calls it when the page has run)."""
    _shared(str(default_db_path())).release()


def _busy_page(exc: DatabaseBusy) -> None:
    lang = current_lang()
    running = exc.importing or running_import(exc.path)
    if running is not None:
        files = ", ".join(running.get("files") or ()) or "?"
        st.info(
            t("store.page_import", lang, files=md(files), since=md(running.get("started", "?"))),
            icon=":material/hourglass_top:",
        )
    else:
        st.info(t("store.page_busy", lang), icon=":material/hourglass_top:")
    st.button(t("store.reload", lang), icon=":material/refresh:")  # a click reruns the page
    st.stop()


def current_lang() -> str:
    lang = st.query_params.get("lang")
    if lang in LANGS:
        return lang
    if "lang" not in st.session_state:
        st.session_state["lang"] = _browser_lang()
    return st.session_state["lang"]


def _browser_lang() -> str:
    try:
        accept = st.context.headers.get("Accept-Language", "") or ""
    except Exception:  # no request context (AppTest)
        accept = ""
    return "fr" if accept.lower().startswith("fr") else "en"


@dataclass
class PageContext:
    store: Store
    lang: str
    dataset: dict | None  # the datasets row, or None when the database is empty
    tz: str
    privacy: bool = True  # pseudonyms for small accounts, on screen and in exports
    present: bool = False

    def names(self) -> Pseudonymizer:
        return Pseudonymizer(self.store, self.dataset_id, enabled=self.privacy, lang=self.lang)

    def to_utc(self, local) -> datetime:
        """A wall-clock time in the page's zone (as drawn on the charts) to naive UTC."""
        return to_utc(local, self.tz)

    @property
    def dataset_id(self) -> int | None:
        return None if self.dataset is None else int(self.dataset["dataset_id"])


def _param_warning(name: str, value: str, lang: str) -> None:
    st.sidebar.warning(t("sidebar.bad_param", lang, name=name, value=md(value)))


def sidebar() -> PageContext:
    """Draw the shared sidebar and return the page context (values also kept in the URL)."""
    ctx = _sidebar()
    ctx.present = presenting()
    ctx.privacy = ctx.present or _modes_sidebar(ctx.lang)
    editor_sidebar(ctx.lang)  # last in the sidebar, also when the database is empty
    presentation_chrome(ctx.lang)
    return ctx


def _modes_sidebar(lang: str) -> bool:
    """The privacy switch (kept in the URL as privacy=0 when off) and the presentation switch; returns privacy."""
    st.sidebar.divider()
    wanted = st.query_params.get("privacy", "1")
    if wanted not in ("0", "1"):
        _param_warning("privacy", wanted, lang)
        wanted = "1"
    n = fmt_int(settings.PRIVACY_FOLLOWER_THRESHOLD, lang)
    on = st.sidebar.toggle(
        t("sidebar.privacy", lang), value=wanted == "1", help=t("sidebar.privacy_help", lang, n=n), key="privacy"
    )
    if on:
        st.query_params.pop("privacy", None)
    else:
        st.query_params["privacy"] = "0"
    if st.sidebar.button(t("sidebar.present", lang), help=t("sidebar.present_help", lang), icon=":material/slideshow:"):
        st.query_params["present"] = "1"
        st.rerun()
    return on


def _sidebar() -> PageContext:
    store = get_store()
    lang = current_lang()
    new_lang = st.sidebar.radio(
        t("sidebar.language", lang),
        LANGS,
        index=LANGS.index(lang),
        horizontal=True,
        format_func=lambda code: {"fr": "Français", "en": "English"}[code],
        key="lang_radio",
    )
    if new_lang != lang:
        st.session_state["lang"] = new_lang
        st.query_params["lang"] = new_lang
        st.rerun()

    datasets = list_datasets(store)
    if datasets.empty:
        st.sidebar.info(t("sidebar.no_data", lang))
        return PageContext(store, lang, None, "UTC")
    names = datasets["name"].tolist()
    wanted = st.query_params.get("dataset")
    if wanted is not None and wanted not in names:
        _param_warning("dataset", wanted, lang)
        wanted = None
    name = st.sidebar.selectbox(
        t("sidebar.dataset", lang), names, index=names.index(wanted) if wanted else 0, key="dataset_select"
    )
    st.query_params["dataset"] = name
    row = datasets[datasets["name"] == name].iloc[0].to_dict()

    zones = offered(row.get("timezone"))
    wanted_tz = st.query_params.get("tz")
    if wanted_tz is not None and not is_valid_zone(wanted_tz):
        _param_warning("tz", wanted_tz, lang)
        wanted_tz = None
    if wanted_tz and wanted_tz not in zones:
        zones.append(wanted_tz)
    tz = st.sidebar.selectbox(
        t("sidebar.timezone", lang), zones, index=zones.index(wanted_tz) if wanted_tz else 0, key="tz_select"
    )
    if tz != (row.get("timezone") or "UTC") or "tz" in st.query_params:
        st.query_params["tz"] = tz
    if row.get("synthetic"):
        st.sidebar.caption(t("sidebar.synthetic", lang))
    return PageContext(store, lang, row, tz)


def synthetic_banner(ctx: PageContext) -> None:
    if ctx.dataset is not None and ctx.dataset.get("synthetic"):
        st.info(t("sidebar.synthetic", ctx.lang), icon=":material/science:")


def page(area: str) -> PageContext:
    """The common start of a page: sidebar, title, empty state (stops the page), synthetic banner, intro."""
    ctx = sidebar()
    report_button(area, ctx.lang)
    st.title(t(f"{area}.title", ctx.lang))
    if ctx.dataset is None:
        st.info(t("sidebar.no_data", ctx.lang))
        st.stop()
    synthetic_banner(ctx)
    st.write(t(f"{area}.intro", ctx.lang))
    return ctx
