"""The editor role in the UI: the token from the environment or Streamlit secrets, the
unlocked state kept in the session (never in the URL), the sidebar block, and the notice shown where
the editing tools would be."""

from __future__ import annotations

import os

import streamlit as st

from clameur.editor import SECRETS_KEY, configured_token, fingerprint, token_ok
from clameur.i18n import t

_UNLOCKED = "editor_unlocked"  # session_state: fingerprint of the token this session unlocked with
_UNREADABLE = object()


def _secrets_value() -> object:
    """The ``editor_token`` secret, None when there is no secrets file, _UNREADABLE when one exists but
    cannot be read (then editing stays locked: a broken file must not open the app)."""
    try:
        return st.secrets.get(SECRETS_KEY)
    except FileNotFoundError:  # StreamlitSecretNotFoundError: no secrets file, or one that does not parse
        paths = st.get_option("secrets.files") or []
        return _UNREADABLE if any(os.path.exists(p) for p in paths) else None


def _configuration() -> tuple[bool, str | None]:
    """(restricted, token). Restricted with no token means the secrets could not be read: nobody edits."""
    token = configured_token(os.environ)
    if token is None:
        value = _secrets_value()
        if value is _UNREADABLE:
            return True, None
        token = configured_token(os.environ, value)
    return token is not None, token


def can_edit() -> bool:
    """Whether this session may upload, delete and edit: always when no token is configured, otherwise
    only after the right token was entered in the sidebar."""
    restricted, token = _configuration()
    if not restricted:
        return True
    return token is not None and token_ok(st.session_state.get(_UNLOCKED), fingerprint(token))


def editor_notice(lang: str) -> None:
    """Shown in place of upload, delete and edit tools when the session is locked."""
    st.info(t("editor.notice", lang), icon=":material/lock:")


def editor_sidebar(lang: str) -> None:
    """The sidebar block: 'editing is open' when no token is configured, else the unlock (or lock) form."""
    restricted, token = _configuration()
    sidebar = st.sidebar
    sidebar.divider()
    if not restricted:
        sidebar.caption(t("editor.open", lang))
        return
    if token is None:
        sidebar.error(t("editor.unreadable", lang), icon=":material/lock:")
        return
    if can_edit():
        sidebar.success(t("editor.unlocked", lang), icon=":material/lock_open:")
        if sidebar.button(t("editor.lock", lang), key="editor_lock", icon=":material/lock:"):
            st.session_state.pop(_UNLOCKED, None)
            st.rerun()
        return
    sidebar.caption(t("editor.locked", lang))
    with sidebar.form("editor_unlock", clear_on_submit=True, border=False):
        given = st.text_input(t("editor.token", lang), type="password", key="editor_token_input")
        if st.form_submit_button(t("editor.unlock", lang), icon=":material/lock_open:"):
            if token_ok(given, token):
                st.session_state[_UNLOCKED] = fingerprint(given)
                st.rerun()
            st.error(t("editor.wrong", lang))
