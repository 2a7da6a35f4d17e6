"""One database, many processes (issue 21 §3): the app lets the database go when idle, a command that finds it busy
waits with a line saying so (up to --wait), a page that finds an import running says so; no traceback anywhere.

Other processes are real ones (DuckDB lets one process hold a file; inside one process it shares the instance, so a
second holder in the test's own process would prove nothing)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from clameur.shared_store import SharedStore
from clameur.store import DatabaseBusy, import_running, list_datasets, open_store, running_import
from tests.conftest import ROOT, run_page

SAMPLE = "twarc2_jsonl/twarc-csv_brexit.jsonl"

# A second process that holds the database: as the app does (a SharedStore, one "page run" of `hold` seconds, then
# idle release after `idle` seconds) or as a running import does (a plain store and the import marker).
HOLDER = """
import sys, time
from clameur.shared_store import SharedStore
from clameur.store import import_running, open_store
db, mode, hold, idle = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
if mode == "app":
    shared = SharedStore(db, idle_s=idle)
    shared.acquire()
    print("held", flush=True)
    if hold > 0:
        time.sleep(hold)
    else:  # a page run that lasts until the test says so
        sys.stdin.readline()
    shared.release()
    print("released", flush=True)
    sys.stdin.readline()  # the app's next page run, in the same process
    from clameur.store import list_datasets
    print(",".join(list_datasets(shared.acquire())["name"]), flush=True)
    time.sleep(30)
else:
    store = open_store(db, wait=120)  # as `clameur import` does: it waits for the app to let go
    with import_running(store.path, ["huge-export.jsonl"]):
        print("held", flush=True)
        if hold > 0:
            time.sleep(hold)
        else:  # until the test says so
            sys.stdin.readline()
    store.close()
    print("released", flush=True)
    time.sleep(30)
"""


def _holder(db: Path, mode: str, hold: float, idle: float = 1.0) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db), mode, str(hold), str(idle)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().strip() == "held", proc.stderr.read()
    return proc


@contextmanager
def _held(db: Path, mode: str, hold: float = 60):
    """Another process holding the database the way the app (mode "app") or an import does, killed after."""
    proc = _holder(db, mode, hold=hold)
    try:
        yield proc
    finally:
        proc.kill()
        proc.wait()


def _clameur(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "clameur.cli", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )


def _distinct_ids(path: Path) -> int:
    ids = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            ids.update(tweet["id"] for tweet in json.loads(line).get("data", []))
    return len(ids)


@pytest.fixture
def db(demo_db_path, tmp_path) -> Path:
    dest = tmp_path / "shared" / "clameur.duckdb"
    dest.parent.mkdir()
    shutil.copy(demo_db_path, dest)
    return dest


def test_an_import_waits_for_the_app_then_loads_and_the_app_sees_it_without_a_restart(db, fixtures_dir):
    sample = fixtures_dir / SAMPLE
    app = _holder(db, "app", hold=0, idle=1.0)  # a page run, then the database is let go after 1 s idle
    try:
        done = subprocess.Popen(
            [sys.executable, "-m", "clameur.cli", "import", str(sample), "--dataset", "brexit", "--db", str(db)]
            + ["--wait", "60", "--json"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        waiting = done.stderr.readline()  # it does not push in: it says who holds the database and waits
        assert "is in use by another program" in waiting and "waiting up to 60 s" in waiting, waiting
        app.stdin.write("the page run ends\n")
        app.stdin.flush()
        assert app.stdout.readline().strip() == "released"
        out, err = done.communicate(timeout=300)
        assert done.returncode == 0, err
        assert "Traceback" not in err
        report = json.loads(out)
        assert report[0]["loaded"] == _distinct_ids(sample)
        # the app process, still running, opens the database again on its next page run and sees the new dataset
        app.stdin.write("next page run\n")
        app.stdin.flush()
        assert "brexit" in app.stdout.readline().strip().split(",")
    finally:
        app.kill()
        app.wait()


def test_a_second_import_waits_for_the_first_with_a_line_that_names_it(db, fixtures_dir):
    first = _holder(db, "import", hold=0)  # holds until told
    try:
        second = subprocess.Popen(
            [sys.executable, "-m", "clameur.cli", "import", str(fixtures_dir / SAMPLE), "--dataset", "second"]
            + ["--db", str(db), "--wait", "120"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        waiting = second.stderr.readline()  # it says so before it waits
        assert "an import running from the command line (huge-export.jsonl" in waiting, waiting
        assert "waiting up to 120 s" in waiting
        first.stdin.write("done\n")
        first.stdin.flush()
        assert first.stdout.readline().strip() == "released"
        out, err = second.communicate(timeout=300)
        assert second.returncode == 0, err
        assert "Traceback" not in err and "loaded 100" in out
    finally:
        first.kill()
        first.wait()
    store = open_store(db)
    assert "second" in list_datasets(store)["name"].tolist()
    store.close()


def test_past_the_wait_limit_every_command_says_so_in_one_sentence(db):
    with _held(db, "app"):
        for command in (["datasets"], ["summary", "balancetontiktokeur"]):
            done = _clameur(*command, "--db", str(db), "--wait", "0.5")
            assert done.returncode == 2, done.stderr
            assert "Traceback" not in done.stderr and "Conflicting lock" not in done.stderr
            last = done.stderr.strip().splitlines()[-1]
            assert last.startswith(f"clameur: The database {db} is still in use by another program")
            assert "after 0.5 s" in last and "--wait SECONDS" in last


def test_a_page_that_finds_an_import_running_says_so(db, monkeypatch):
    monkeypatch.setenv("CLAMEUR_DB", str(db))
    with _held(db, "import"):
        for lang, sentence in (
            ("en", "An import is running from the command line"),
            ("fr", "Un import est en cours depuis la ligne de commande"),
        ):
            at = run_page("views/overview/page.py", lang=lang)
            assert not at.exception
            assert any(sentence in info.value and "huge\\-export\\.jsonl" in info.value for info in at.info)


def test_a_page_that_finds_another_command_says_so(db, monkeypatch):
    monkeypatch.setenv("CLAMEUR_DB", str(db))
    with _held(db, "app"):
        at = run_page("views/timeline/page.py", lang="fr")
        assert not at.exception
        assert any("La base est utilisée par une autre commande Clameur" in info.value for info in at.info)


def test_the_app_lets_the_database_go_after_idle_seconds_and_never_while_a_run_holds_it(db):
    shared = SharedStore(db, idle_s=0.3)
    store = shared.acquire()
    time.sleep(0.8)
    assert shared.is_open and not shared.close_if_idle()  # held: never closed, however long the run
    assert len(list_datasets(store)) >= 1
    shared.release()
    deadline = time.monotonic() + 5
    while shared.is_open and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not shared.is_open
    other = open_store(db)  # what a command does: it gets the file
    other.close()


def test_a_run_that_ends_without_release_lets_the_database_go_too(db):
    shared = SharedStore(db, idle_s=0.2)
    run = threading.Thread(target=shared.acquire)  # a page run's thread that ends (st.stop, an error…)
    run.start()
    run.join()
    deadline = time.monotonic() + 5
    while shared.is_open and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not shared.is_open


def test_busy_is_an_exception_with_a_sentence_and_the_marker_goes_with_the_import(db):
    with _held(db, "app") as app:
        with pytest.raises(DatabaseBusy) as caught:
            open_store(db, wait=0.3)
        assert caught.value.pid == app.pid
        assert caught.value.sentence("fr").startswith(f"La base {db} est toujours utilisée")
    with import_running(db, [Path("a.jsonl")]):
        assert running_import(db)["files"] == ["a.jsonl"]
    assert running_import(db) is None
