"""The editor role (issue #7): with a token configured, a visitor without it cannot upload,
delete or edit events and actors, but still browses every table; without one the app stays open."""

from __future__ import annotations

import pytest

from clameur.editor import ENV_VAR, configured_token, fingerprint, token_ok
from tests.conftest import run_page

TOKEN = "correct-horse-battery-staple"

# --- clameur/editor.py ---------------------------------------------------------------------------------


def test_no_token_anywhere_means_editing_is_open():
    assert configured_token({}, None) is None
    assert configured_token({"OTHER": "x"}) is None


@pytest.mark.parametrize("blank", ["", " ", "\t\n", "   \u3000 "])
def test_a_blank_token_counts_as_not_configured(blank):
    assert configured_token({ENV_VAR: blank}, None) is None
    assert configured_token({}, blank) is None


def test_the_environment_wins_over_the_secrets_and_surrounding_whitespace_is_ignored():
    assert configured_token({ENV_VAR: " env-token\n"}, "secret-token") == "env-token"
    assert configured_token({}, "  secret-token ") == "secret-token"
    # a blank environment variable never opens an app that the secrets restrict
    assert configured_token({ENV_VAR: "  "}, "secret-token") == "secret-token"
    assert configured_token({}, 12345) == "12345"  # TOML may hand over a number


def test_token_ok_accepts_only_the_exact_token():
    assert token_ok(TOKEN, TOKEN)
    assert token_ok(f"  {TOKEN}\n", TOKEN)  # pasted with a stray newline
    assert not token_ok("correct-horse-battery", TOKEN)  # a prefix
    assert not token_ok(TOKEN + "!", TOKEN)
    assert not token_ok(TOKEN.upper(), TOKEN)
    assert not token_ok("", TOKEN)
    assert not token_ok(None, TOKEN)


def test_token_ok_never_matches_when_nothing_is_configured():
    assert not token_ok("", "")
    assert not token_ok("  ", " ")
    assert not token_ok(None, None)
    assert not token_ok("anything", None)


def test_token_ok_handles_non_ascii_tokens():
    # hmac.compare_digest refuses non-ASCII str; the check must compare bytes instead of raising
    assert token_ok("jeton-été-🔑", "jeton-été-🔑")
    assert not token_ok("jeton-ete-🔑", "jeton-été-🔑")


def test_fingerprints_tell_tokens_apart_and_do_not_hold_the_token():
    assert fingerprint(TOKEN) == fingerprint(f" {TOKEN} ")
    assert fingerprint(TOKEN) != fingerprint("another-token")
    assert TOKEN not in fingerprint(TOKEN)
    assert fingerprint("  ") is None


# --- pages ---------------------------------------------------------------------------------------------


@pytest.fixture
def locked(app_db, monkeypatch):
    monkeypatch.setenv(ENV_VAR, TOKEN)
    return app_db


@pytest.fixture
def open_app(app_db, monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    return app_db


NOTICE = "Editing requires the editor token"


def _labels(elements) -> list[str]:
    return [e.label for e in elements]


def _uploaders(at) -> list[str]:
    return [u.label for u in at.get("file_uploader")]


def _notices(at) -> list[str]:
    return [i.value for i in at.info if NOTICE in i.value]


def _events_table(at):
    return next(df.value for df in at.dataframe if {"#", "Title"} <= set(df.value.columns))


def _enter(at, token: str):
    at.text_input(key="editor_token_input").set_value(token)
    next(b for b in at.sidebar.button if b.label == "Unlock editing").click()
    return at.run()


def _event_count(db) -> int:
    from clameur.store import open_store, scalar

    s = open_store(db)
    try:
        return scalar(s, "SELECT count(*) FROM events")
    finally:
        s.close()


def test_without_the_token_the_data_page_lists_datasets_but_offers_no_upload_and_no_delete(locked):
    at = run_page("views/data/page.py", lang="en")
    assert not at.exception
    assert _uploaders(at) == []
    assert "Import" not in _labels(at.button)
    assert "Delete a dataset" not in _labels(at.expander)
    assert "Delete the dataset" not in _labels(at.button)
    assert _notices(at)
    assert "balancetontiktokeur" in at.dataframe[0].value["Name"].tolist()  # browsing still works
    assert _labels(at.sidebar.text_input) == ["Editor token"]


def test_without_the_token_the_event_editor_is_read_only(locked):
    before = _event_count(locked)
    at = run_page("views/timeline/page.py", lang="en")
    assert not at.exception
    assert "Save the event" not in _labels(at.button)
    assert "Delete this event" not in _labels(at.button)
    assert not {"Add an event", "Edit or delete an event"} & set(_labels(at.expander))
    assert _uploaders(at) == []  # no events CSV import
    assert len(_events_table(at)) == before > 0  # the events table still renders, in full
    assert "Events (CSV)" in _labels(at.get("download_button"))  # exporting is browsing, not editing
    assert _notices(at)


def test_a_wrong_token_shows_an_error_and_keeps_everything_locked(locked):
    at = run_page("views/timeline/page.py", lang="en")
    _enter(at, "correct-horse")
    assert not at.exception
    errors = [e.value for e in at.sidebar.error]
    assert len(errors) == 1 and "editor token" in errors[0] and "try again" in errors[0]
    assert "Save the event" not in _labels(at.button)
    assert _notices(at)
    at.run()  # and on the next interaction too
    assert "Save the event" not in _labels(at.button)
    assert "Lock editing" not in _labels(at.sidebar.button)


def test_the_right_token_unlocks_the_session_and_never_reaches_the_url(locked):
    at = run_page("views/timeline/page.py", lang="en")
    _enter(at, f"{TOKEN}\n")
    assert not at.exception
    assert not at.sidebar.error
    assert {"Add an event", "Edit or delete an event"} <= set(_labels(at.expander))
    assert "Import events from CSV" in _uploaders(at)
    assert not _notices(at)
    assert all(TOKEN not in str(v) for v in at.query_params.values())
    assert TOKEN not in str(at.session_state) and "editor_unlocked" in str(at.session_state)  # a fingerprint

    # the unlocked session can really edit: an event saved from the page lands in the database
    before = _event_count(locked)
    next(w for w in at.text_input if w.label == "Title in English").set_value("Hearing at the Assemblée")
    next(b for b in at.button if b.label == "Save the event").click()
    at.run()
    assert not at.exception
    assert _event_count(locked) == before + 1

    # and locking again hides the tools
    next(b for b in at.sidebar.button if b.label == "Lock editing").click()
    at.run()
    assert "Save the event" not in _labels(at.button)
    assert _labels(at.sidebar.text_input) == ["Editor token"]


def test_the_right_token_reveals_upload_and_delete_on_the_data_page(locked):
    at = run_page("views/data/page.py", lang="en")
    _enter(at, TOKEN)
    assert not at.exception
    assert _uploaders(at) == ["Files to import"]
    assert "Delete a dataset" in _labels(at.expander)
    assert not _notices(at)


def test_the_token_can_come_from_streamlit_secrets(open_app):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    at = AppTest.from_file(str(ROOT / "views/data/page.py"), default_timeout=90)
    at.secrets["editor_token"] = TOKEN
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    assert _uploaders(at) == []
    _enter(at, TOKEN)
    assert _uploaders(at) == ["Files to import"]


def test_actors_and_platform_imports_are_read_only_without_the_token(locked):
    at = run_page("views/institutions/page.py", lang="en")
    assert not at.exception
    assert not {"Add an actor", "Edit or delete an actor"} & set(_labels(at.expander))
    assert "Save the actor" not in _labels(at.button)
    assert _uploaders(at) == []
    assert any("category" in str(c).lower() for df in at.dataframe for c in df.value.columns)  # the registry
    assert _notices(at)

    at = run_page("views/platforms/page.py", lang="en")
    assert not at.exception
    assert _uploaders(at) == []  # neither the events CSV nor the availability CSV
    assert "Save the event" not in _labels(at.button)
    assert _notices(at)


def test_without_a_token_everything_is_available_and_the_sidebar_says_editing_is_open(open_app):
    at = run_page("views/data/page.py", lang="en")
    assert not at.exception
    assert _uploaders(at) == ["Files to import"]
    assert "Delete a dataset" in _labels(at.expander)
    assert not at.sidebar.text_input
    captions = [c.value for c in at.sidebar.caption]
    assert any("open to everyone" in c and ENV_VAR in c for c in captions)
    assert not _notices(at)

    at = run_page("views/timeline/page.py", lang="fr")
    assert not at.exception
    assert {"Ajouter un événement", "Modifier ou supprimer un événement"} <= set(_labels(at.expander))
    captions = [c.value for c in at.sidebar.caption]
    assert any("ouverte à tous" in c and ENV_VAR in c for c in captions)


def test_a_blank_token_leaves_the_app_open(app_db, monkeypatch):
    monkeypatch.setenv(ENV_VAR, "   ")
    at = run_page("views/timeline/page.py", lang="en")
    assert not at.exception
    assert "Add an event" in _labels(at.expander)
    assert not at.sidebar.text_input


@pytest.fixture
def secrets_file(tmp_path, monkeypatch):
    """Point Streamlit's secrets at a file of our own (a fresh Secrets object: the global one caches)."""
    import streamlit as st
    from streamlit import config
    from streamlit.runtime.secrets import Secrets

    path = tmp_path / "secrets.toml"
    saved = config.get_option("secrets.files")
    config.set_option("secrets.files", [str(path)])
    monkeypatch.setattr(st, "secrets", Secrets())
    yield path
    config.set_option("secrets.files", saved)


def test_no_secrets_file_is_handled_quietly(open_app, secrets_file):
    assert not secrets_file.exists()
    at = run_page("views/data/page.py", lang="en")
    assert not at.exception
    assert not at.sidebar.error
    assert _uploaders(at) == ["Files to import"]


def test_an_unreadable_secrets_file_locks_editing_instead_of_opening_it(open_app, secrets_file):
    secrets_file.write_text('editor_token = "unclosed\n', encoding="utf-8")
    at = run_page("views/data/page.py", lang="en")
    assert not at.exception
    assert _uploaders(at) == []
    assert "Delete a dataset" not in _labels(at.expander)
    errors = [e.value for e in at.sidebar.error]
    assert len(errors) == 1 and "secrets" in errors[0] and "restart" in errors[0]
