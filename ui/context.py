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
from ui import menu, state
from ui.editor import editor_sidebar
from ui.presentation import presentation_chrome, presenting
from ui.report import report_button
from ui.window import show_window


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
    """The language: the URL's, else the one this session last used, else the browser's."""
    lang = st.query_params.get("lang")
    if lang in LANGS:
        return lang
    if state.memory().get("lang") not in LANGS:
        state.memory()["lang"] = _browser_lang()
    return state.memory()["lang"]


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


def _problem_warning(problem: state.Problem, lang: str) -> None:
    # the values echo the URL: made literal before they reach Markdown
    st.sidebar.warning(t(problem.key, lang, **{k: md(str(v)) for k, v in problem.params.items()}))


def sidebar() -> PageContext:
    """Draw the shared sidebar and return the page context (the shared state, also kept in the URL: ui/state.py)."""
    menu_slot = st.sidebar.container()  # at the top; filled once the state is read, so its links carry it
    ctx = _sidebar()
    ctx.present = presenting()
    ctx.privacy = ctx.present or _modes_sidebar(ctx.lang)
    menu.draw(menu_slot, ctx.lang)
    editor_sidebar(ctx.lang)  # last in the sidebar, also when the database is empty
    presentation_chrome(ctx.lang)
    return ctx


def _modes_sidebar(lang: str) -> bool:
    """The privacy switch (kept in the URL as privacy=0 when off) and the presentation switch; returns privacy."""
    st.sidebar.divider()
    wanted = state.wanted("privacy")
    if wanted not in (None, "0", "1"):
        _param_warning("privacy", wanted, lang)
        wanted = None
    on = wanted != "0"
    state.keep("privacy", None if on else "0")
    st.session_state["privacy"] = on  # the switch shows the shared value, on every page
    n = fmt_int(settings.PRIVACY_FOLLOWER_THRESHOLD, lang)
    st.sidebar.toggle(
        t("sidebar.privacy", lang), help=t("sidebar.privacy_help", lang, n=n), key="privacy", on_change=_privacy_chosen
    )
    if st.sidebar.button(t("sidebar.present", lang), help=t("sidebar.present_help", lang), icon=":material/slideshow:"):
        st.query_params["present"] = "1"
        st.rerun()
    return on


def _privacy_chosen() -> None:
    state.keep("privacy", None if st.session_state["privacy"] else "0")


def _dataset_chosen() -> None:
    state.select_dataset(st.session_state["dataset_select"])


def _zone_chosen(own: str) -> None:
    chosen = st.session_state["tz_select"]
    state.keep("tz", None if chosen == own else chosen)  # the dataset's own zone follows the dataset


def _sidebar() -> PageContext:
    store = get_store()
    lang = current_lang()
    asked = st.query_params.get("lang")
    if asked is not None and asked not in LANGS:
        _param_warning("lang", asked, lang)
    state.keep("lang", lang)
    new_lang = st.sidebar.radio(
        t("sidebar.language", lang),
        LANGS,
        index=LANGS.index(lang),
        horizontal=True,
        format_func=lambda code: {"fr": "Français", "en": "English"}[code],
        key="lang_radio",
    )
    if new_lang != lang:
        state.keep("lang", new_lang)
        st.rerun()

    datasets = list_datasets(store)
    if datasets.empty:
        st.sidebar.info(t("sidebar.no_data", lang))
        state.drop("dataset")
        return PageContext(store, lang, None, "UTC")
    names = datasets["name"].tolist()
    linked = state.from_url("dataset")
    if linked and state.memory().get("dataset"):
        state.arrived_by_link()  # a link (or the back button) changed the dataset: its own values, not the last ones
    wanted = state.wanted("dataset")
    if wanted is not None and wanted not in names:
        if linked:  # a dataset deleted on the Data page is not the link's fault: no sentence then
            _param_warning("dataset", wanted, lang)
        wanted = None
    name = wanted or names[0]
    state.keep("dataset", name)
    st.session_state["dataset_select"] = name  # the box shows the shared value, on every page
    st.sidebar.selectbox(t("sidebar.dataset", lang), names, key="dataset_select", on_change=_dataset_chosen)
    row = datasets[datasets["name"] == name].iloc[0].to_dict()

    own = row.get("timezone") or "UTC"
    if not is_valid_zone(own):  # a database written before zones were checked at import
        st.sidebar.warning(t("state.bad_zone", lang, value=own))
        own = "UTC"
    wanted_tz = state.wanted("tz")
    if wanted_tz is not None and not is_valid_zone(wanted_tz):
        _param_warning("tz", wanted_tz, lang)
        state.drop("tz")
        wanted_tz = None
    tz = wanted_tz or own
    if wanted_tz:
        state.keep("tz", wanted_tz)
    zones = offered(own)
    if tz not in zones:
        zones.append(tz)
    st.session_state["tz_select"] = tz
    st.sidebar.selectbox(t("sidebar.timezone", lang), zones, key="tz_select", on_change=_zone_chosen, args=(own,))

    for problem in state.resolve_window():
        _problem_warning(problem, lang)
    show_window(tz, lang, st.sidebar, key="window_reset_sidebar", note=True)
    if row.get("synthetic"):
        st.sidebar.caption(t("sidebar.synthetic", lang))
    return PageContext(store, lang, row, tz)


def synthetic_banner(ctx: PageContext) -> None:
    if ctx.dataset is not None and ctx.dataset.get("synthetic"):
        st.info(t("sidebar.synthetic", ctx.lang), icon=":material/science:")


def page(area: str) -> PageContext:
    """The common start of a page: sidebar, title, empty state (stops the page), synthetic banner, intro (the
    title, banner and intro are left out of a slide, in presentation mode)."""
    ctx = sidebar()
    report_button(area, ctx.lang, privacy=ctx.privacy)
    if not ctx.present:  # a slide opens on its figure, which carries its own title, provenance and demo mark
        st.title(t(f"{area}.title", ctx.lang))
    if ctx.dataset is None:
        st.info(t("sidebar.no_data", ctx.lang))
        st.stop()
    if not ctx.present:
        synthetic_banner(ctx)
        st.write(t(f"{area}.intro", ctx.lang))
    return ctx
