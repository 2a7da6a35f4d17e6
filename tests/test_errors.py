"""Clameur's errors and the import's own sentences: a key and its parameters, said in the reader's language.

``str(exc)`` stays the English sentence (the command line, logs, the tests that match it); ``exc.message("fr")``
is the French one; the warnings and rejected lines of an import report are said in French on a French page.
"""

from __future__ import annotations

import copy
import json
import pickle
import re

import pytest

from clameur.errors import ClameurError, Message
from clameur.i18n import t


def _raised(action) -> ClameurError:
    with pytest.raises(ClameurError) as caught:
        action()
    return caught.value


def _network_kind():
    from clameur.network.model import NetworkQuery

    NetworkQuery(1, kind="nope").validate()


def _timeline_bin():
    from clameur.timeline.queries import BINS, check_choice

    check_choice("bin", "7y", BINS)


def _event_csv_row():
    from clameur.reactions.events import events_from_csv

    events_from_csv(b"event_type,starts_at,title\nparty,2020-06-18T08:00:00Z,A\n")


def _image_format():
    import plotly.graph_objects as go

    from clameur.charts.export import figure_image

    figure_image(go.Figure(), "gif")


@pytest.mark.parametrize(
    ("action", "english", "french"),
    [
        (_network_kind, "Unknown network kind “nope”.", "Type de réseau inconnu : « nope »."),
        (_timeline_bin, "Unknown bin “7y”.", "Valeur inconnue pour bin : « 7y »."),
        (_event_csv_row, "Row 2: Unknown event type “party”.", "Ligne 2 : Type d'événement inconnu : « party »."),
        (_image_format, "Unknown image format “gif”: use png or svg.", "Format d'image inconnu : « gif »"),
    ],
)
def test_errors_are_english_as_text_and_french_for_a_french_reader(action, english, french):
    exc = _raised(action)
    assert str(exc).startswith(english) and exc.message("en") == str(exc)
    assert exc.message("fr").startswith(french)


def test_actor_and_availability_files_name_the_row_in_french(store):
    from clameur.reactions.actors import ActorError, actors_from_csv
    from clameur.reactions.platforms import AvailabilityError, import_availability

    with pytest.raises(ActorError) as actor:
        actors_from_csv(store, b"name,category\nMinistry,wizard\n")
    assert str(actor.value).startswith("Row 2: Unknown category “wizard”.")
    assert actor.value.message("fr").startswith("Ligne 2 : Catégorie inconnue : « wizard ».")
    with pytest.raises(AvailabilityError) as outcome:
        import_availability(store, 1, b"object_id,status\n1,gone\n")
    assert outcome.value.message("fr").startswith("Ligne 2 : le statut « gone »")


def test_a_query_timeout_is_said_in_french(store):
    from clameur.store import QueryTimeout, query

    with pytest.raises(QueryTimeout) as caught:
        query(store, "SELECT count(*) FROM range(10000000000) a", timeout=0.2)
    assert "took longer than 0.2 seconds" in str(caught.value)
    assert caught.value.message("fr").startswith("La requête a duré plus de 0.2 secondes")


def test_every_error_people_see_is_a_clameur_error_and_keeps_its_old_base():
    from clameur.charts.export import ExportError
    from clameur.ingest.errors import ImportRefused, MappingError, NotPosts
    from clameur.network.model import NetworkError
    from clameur.reactions.actors import ActorError
    from clameur.reactions.effects import EffectError
    from clameur.reactions.events import EventError
    from clameur.reactions.platforms import AvailabilityError
    from clameur.store import QueryTimeout
    from clameur.timeline.queries import TimelineError

    values = (ImportRefused, MappingError, NotPosts, NetworkError, TimelineError, EventError, ActorError)
    values += (AvailabilityError, EffectError)
    assert all(issubclass(cls, ClameurError) and issubclass(cls, ValueError) for cls in values)
    assert all(issubclass(cls, ClameurError) and issubclass(cls, RuntimeError) for cls in (QueryTimeout, ExportError))


def test_a_message_is_its_english_text_and_keeps_its_key_when_copied():
    m = Message("ingest.warn.odd_dates", n=1234)
    assert m.startswith("1,234 posts are dated before 2006") and json.dumps([m]) == json.dumps([str(m)])
    assert m.say("fr").startswith("1\u202f234 messages sont datés d'avant 2006")
    for copied in (copy.deepcopy(m), pickle.loads(pickle.dumps(m))):
        assert copied == m and copied.say("fr") == m.say("fr")


def test_an_error_survives_a_pickle_with_its_key():
    from clameur.ingest.errors import ImportRefused

    exc = ImportRefused("ingest.archive", what=Message("ingest.what.zip"))
    back = pickle.loads(pickle.dumps(exc))
    assert type(back) is ImportRefused and back.message("fr") == exc.message("fr") and str(back) == str(exc)


# A v1.1 status dated 1 January 1970, a good one, a broken line and a user profile.
STATUS = '{{"id_str": "{id}", "user": {{"id_str": "9", "screen_name": "a"}}, "text": "hi #x", "created_at": "{at}"}}'
LINES = [
    STATUS.format(id="1", at="Thu Jan 01 00:00:00 +0000 1970"),
    STATUS.format(id="2", at="Thu Jun 18 08:00:00 +0000 2020"),
    '{"id_str": "3", "user": ',
    '{"screen_name": "someone"}',
]


def test_an_import_reports_its_warnings_and_rejected_lines_in_the_readers_language(store, tmp_path):
    from clameur.ingest import run_import

    path = tmp_path / "statuses.jsonl"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    report = run_import(store, path, dataset_name="d")
    assert report.loaded == 2 and [line for line, _ in report.rejected] == [3, 4]
    # English as before: the command line, the stored report
    assert report.warnings_in("en") == report.warnings
    assert report.warnings[0].startswith("1 posts are dated before 2006")
    assert report.rejected[1][1] == "not a post: " + t("ingest.what.profile", "en")
    # French on a French page
    assert report.warnings_in("fr")[0].startswith("1 messages sont datés d'avant 2006 ou du futur")
    french = dict(report.rejected_in("fr"))
    assert french[3].startswith("JSON non valide (")
    assert french[4] == "pas un message : " + t("ingest.what.profile", "fr")
    again = run_import(store, path, dataset_name="d")
    assert again.already_imported
    assert again.warnings == [t("data.already", "en")] and again.warnings_in("fr") == [t("data.already", "fr")]


def test_the_network_page_says_a_network_error_in_french(app_db, monkeypatch):
    from clameur.network import builder
    from clameur.network.model import NetworkQuery
    from tests.conftest import run_page

    def refuse(store, q):  # the real validation, asked of a kind no network has
        return NetworkQuery(q.dataset_id, kind="nope").validate()

    monkeypatch.setattr(builder, "coded_edges", refuse)  # the first step of a build (cached_network's _build)
    # and of the default view, read from its summary
    monkeypatch.setattr(builder, "summary_network", lambda q, whole, lay: refuse(None, q))
    at = run_page("views/network/page.py", lang="fr")
    assert not at.exception
    shown = re.sub(r"\\(.)", r"\1", " ".join(e.value for e in at.error))  # as read: Markdown escapes undone
    assert "Type de réseau inconnu : « nope »" in shown and "Unknown" not in shown
