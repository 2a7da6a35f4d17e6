"""Issue 21, import and command line: files read by their own name only, no archives, kept originals that are complete
copies, bounded reads, checked time zones, counts kept only when whole, and sentences instead of tracebacks
(archives under a text name, a compression bomb, hostile names, a huge line). Expected posts come from the files
themselves (json over the lines), never from the code.
"""

from __future__ import annotations

import errno
import gzip
import hashlib
import json
import lzma
import os
import shutil
import subprocess
import sys
import textwrap
import tracemalloc
from pathlib import Path

import duckdb
import pytest

from clameur.cli import main
from clameur.ingest import ImportRefused, run_import
from clameur.store import open_store, scalar

ROOT = Path(__file__).resolve().parents[1]
BREXIT = "twarc2_jsonl/twarc-csv_brexit.jsonl"  # one page of 100 tweets
KPOP = "twarc2_jsonl/twarc-csv_kpop.jsonl"  # another page of 100 tweets
MAPPING = {"post_id": "id", "created_at": "created_at", "text": "text", "retweet_count": "retweets"}


def _ids(path: Path) -> set[str]:
    """The ids of the collected tweets of a twarc2 file, read with json (the expected values)."""
    ids = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            data = json.loads(line)["data"]
            ids |= {t["id"] for t in (data if isinstance(data, list) else [data])}
    return ids


def _stored_ids(store) -> set[str]:
    return {r[0] for r in store.cursor().execute("SELECT post_id FROM posts").fetchall()}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cli(*args: str, cwd: Path | None = None, **kw) -> subprocess.CompletedProcess:
    """The command line in its own process, from this checkout (what a researcher types)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "clameur.cli", *args], cwd=cwd or ROOT, env=env, capture_output=True, text=True, **kw
    )


# ------------------------------------------------------------------ 1. files read by their own name only
@pytest.mark.parametrize(
    ("name", "others"),
    [
        ("week[12].jsonl", {"week1.jsonl": BREXIT, "week2.jsonl": BREXIT}),  # a class that matches two other files
        ("campaign*.jsonl", {"campaign1.jsonl": BREXIT, "campaign-old.jsonl": BREXIT}),
        ("wee?1.jsonl", {"week1.jsonl": BREXIT}),
        ("[a].jsonl", {"a.jsonl": BREXIT}),
    ],
)
def test_a_name_with_glob_characters_imports_that_file_and_no_other(fixtures_dir, tmp_path, name, others):
    folder = tmp_path / "in"
    folder.mkdir()
    for other, source in others.items():
        shutil.copy(fixtures_dir / source, folder / other)
    named = folder / name
    shutil.copy(fixtures_dir / KPOP, named)
    store = open_store(tmp_path / "db" / "c.duckdb", read_dirs=[folder])
    try:
        report = run_import(store, named, dataset_name="d")
        assert _stored_ids(store) == _ids(named)  # the kpop page only: no brexit tweet came in
        assert report.records_read == report.loaded == len(_ids(named))
        assert report.file_hash == _sha(named)
    finally:
        store.close()


def test_the_command_line_imports_exactly_the_named_file_or_says_it_is_missing(fixtures_dir, tmp_path, capsys):
    for other in ("week1.jsonl", "week2.jsonl"):
        shutil.copy(fixtures_dir / BREXIT, tmp_path / other)
    shutil.copy(fixtures_dir / KPOP, tmp_path / "week[12].jsonl")
    db = str(tmp_path / "db" / "c.duckdb")
    assert main(["import", str(tmp_path / "week[12].jsonl"), "--db", db]) == 0
    store = open_store(db)
    try:
        assert _stored_ids(store) == _ids(tmp_path / "week[12].jsonl")
    finally:
        store.close()
    capsys.readouterr()
    assert main(["import", str(tmp_path / "week[3].jsonl"), "--db", db]) == 2  # week3 does not exist: no pattern
    assert capsys.readouterr().err.strip() == f"clameur: “{tmp_path / 'week[3].jsonl'}” is not a file."


# ------------------------------------------------------------------ 2. no archives
def _zstd_csv(path: Path, rows: int = 5000) -> bytes:
    """CSV posts compressed by DuckDB's own zstd writer (the kind of file DuckDB would expand by its extension)."""
    con = duckdb.connect()
    con.execute(
        f"""COPY (SELECT i::VARCHAR AS id, '2020-06-17T18:00:00Z' AS created_at, 'x' AS text, 0 AS retweets
                 FROM range({rows}) t(i)) TO '{path}' (FORMAT csv, HEADER, COMPRESSION zstd)"""
    )
    con.close()
    return path.read_bytes()


def _skippable_frame(text: bytes) -> bytes:
    """A zstd skippable frame (magic 0x184D2A50, little-endian, then its length) carrying ``text``."""
    return b"\x50\x2a\x4d\x18" + len(text).to_bytes(4, "little") + text


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("data.csv.zst", lambda p: _zstd_csv(p)),
        # The bomb: it opens with text (a skippable frame holding a CSV header), then zstd frames.
        ("bomb.csv.zst", lambda p: _skippable_frame(b"id,created_at,text,retweets\n" * 40) + _zstd_csv(p)),
        ("posts.csv", lambda p: lzma.compress(b"id,created_at,text,retweets\n1,2020-06-17T18:00:00Z,x,0\n")),
        ("posts.jsonl", lambda p: gzip.compress(b'{"id": "1"}\n')),
        ("posts.csv", lambda p: b"\x04\x22\x4d\x18" + b"\x64\x40\xa7" + b"id,created_at\n" * 10),  # LZ4 frame magic
        ("posts.csv", lambda p: b"Rar!\x1a\x07\x01\x00" + b"id,created_at\n" * 10),
    ],
)
def test_compressed_files_are_refused_by_their_bytes_and_never_expanded(store, tmp_path, name, make):
    path = tmp_path / name
    path.write_bytes(make(tmp_path / f"{name}.tmp.zst"))
    with pytest.raises(ImportRefused) as refused:
        run_import(store, path, dataset_name="d", mapping=MAPPING)
    assert refused.value.key == "ingest.archive"
    assert "never expands archives" in str(refused.value)
    assert "ne décompresse jamais" in refused.value.message("fr")
    assert scalar(store, "SELECT count(*) FROM posts") == scalar(store, "SELECT count(*) FROM datasets") == 0


def _rows_read(cur, sql: str, params: list) -> int | None:
    try:
        return cur.execute(f"SELECT count(*) FROM {sql}", params).fetchone()[0]  # noqa: S608 (the readers' SQL)
    except duckdb.Error:
        return None


def test_every_duckdb_read_takes_the_bytes_as_they_are(fstore, tmp_path):
    """Reads pass compression = 'none': a gzip file named .gz that got past the bytes check is not expanded by the
    CSV sniffer, the CSV, JSON-table and twarc2 readers (its 50 rows never come out)."""
    from clameur.ingest.csv_dialect import Dialect, csv_dialect
    from clameur.ingest.json_table import _ROWS, _read
    from clameur.ingest.staging import staging_tables
    from clameur.ingest.tabular import _rows_as_text
    from clameur.ingest.twarc2_duckdb import stage_twarc2_pages

    csv = tmp_path / "p.csv.gz"
    csv.write_bytes(gzip.compress(b"id,created_at,text\n" + b"1,2020-06-17T18:00:00Z,x\n" * 50))
    rows = tmp_path / "p.jsonl.gz"
    rows.write_bytes(gzip.compress(b'{"id": "1", "created_at": "2020-06-17T18:00:00Z", "text": "x"}\n' * 50))
    page = tmp_path / "page.jsonl.gz"
    page.write_bytes(gzip.compress(b'{"data": [{"id": "1", "text": "x"}], "includes": {}}\n'))
    cur = fstore.cursor()
    header = ["id", "created_at", "text"]
    try:
        assert csv_dialect(cur, csv).header != header
    except duckdb.Error:
        pass  # refused by DuckDB: not expanded either
    assert _rows_read(cur, *_rows_as_text(csv, Dialect(header, ","))) != 50
    assert _rows_read(cur, _ROWS, _read(rows, dict.fromkeys(header, "VARCHAR"))) != 50
    with staging_tables(cur):
        assert stage_twarc2_pages(cur, page) is None
        assert cur.execute("SELECT count(*) FROM staged_posts").fetchone()[0] == 0


# ------------------------------------------------------------------ 3. kept originals
def test_the_kept_original_is_a_copy_not_a_link_to_the_researchers_file(store, tmp_path, fixtures_dir):
    source = tmp_path / "stream.jsonl"
    shutil.copy(fixtures_dir / BREXIT, source)
    before = source.read_bytes()
    report = run_import(store, source, dataset_name="d")
    kept_file = store.path.parent / "uploads" / report.file_hash
    with open(source, "ab") as f:  # `twarc2 stream` appends to the file it writes
        f.write((fixtures_dir / KPOP).read_bytes())
    assert kept_file.read_bytes() == before and _sha(kept_file) == report.file_hash
    assert os.stat(kept_file).st_nlink == 1 and not os.path.samefile(kept_file, source)


def test_a_truncated_kept_original_is_replaced_not_reused(store, tmp_path, fixtures_dir):
    source = tmp_path / "page.jsonl"
    shutil.copy(fixtures_dir / BREXIT, source)
    digest = _sha(source)
    truncated = store.path.parent / "uploads" / digest  # what a full disk left behind before this fix
    truncated.write_bytes(source.read_bytes()[:1000])
    report = run_import(store, source, dataset_name="d")
    assert report.file_hash == digest
    assert _sha(truncated) == digest  # complete again
    assert [p.name for p in truncated.parent.iterdir()] == [digest]  # no temporary file left


def _full_disk_after(monkeypatch, limit: int) -> None:
    """The copy's writes fail as on a full disk once ``limit`` bytes are written (an os-level write, not DuckDB)."""
    import clameur.ingest.kept as kept

    written = 0

    def write(fd, data):
        nonlocal written
        if written + len(data) > limit:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written += len(data)
        return os.write(fd, data)

    monkeypatch.setattr(kept, "_write", write)


def test_a_full_disk_is_a_sentence_and_leaves_nothing_behind(store, tmp_path, fixtures_dir, monkeypatch):
    source = tmp_path / "page.jsonl"
    shutil.copy(fixtures_dir / BREXIT, source)
    _full_disk_after(monkeypatch, 100_000)
    with pytest.raises(ImportRefused) as refused:
        run_import(store, source, dataset_name="d")
    assert refused.value.key == "ingest.disk_full"
    assert str(refused.value).startswith("The disk is full")
    assert refused.value.message("fr").startswith("Le disque est plein")
    assert list((store.path.parent / "uploads").iterdir()) == []  # no truncated copy under any name
    assert scalar(store, "SELECT count(*) FROM datasets") == scalar(store, "SELECT count(*) FROM posts") == 0


def test_a_full_disk_from_the_command_line_is_a_sentence(tmp_path, fixtures_dir, monkeypatch, capsys):
    source = tmp_path / "page.jsonl"
    shutil.copy(fixtures_dir / BREXIT, source)
    _full_disk_after(monkeypatch, 100_000)
    assert main(["import", str(source), "--db", str(tmp_path / "db" / "c.duckdb")]) == 1  # nothing loaded
    out = capsys.readouterr()
    assert "refused. The disk is full" in out.out and "Traceback" not in out.out + out.err


def test_a_database_held_by_another_process_is_a_sentence(tmp_path):
    db = tmp_path / "c.duckdb"
    open_store(db).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(db)!r}); print('ok', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        done = _cli("datasets", "--db", str(db), "--wait", "0")  # a command that finds it busy and may not wait
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 2
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("clameur: ") and "--wait" in last  # one sentence, that says how to wait longer
    assert "Traceback" not in done.stderr


def test_a_database_where_clameur_may_not_write_is_a_sentence():
    done = _cli("datasets", "--db", "/sys/clameur-test/c.duckdb")  # /sys refuses new folders, even to root
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("clameur: Clameur may not open /sys/clameur-test")
    assert "Traceback" not in done.stderr


# ------------------------------------------------------------------ 4. bounded reads
USERS = {"users": [{"id": "7", "username": "a"}]}


def _page_line(post_id: str, text: str) -> str:
    """A twarc2 page of one tweet."""
    tweet = {"id": post_id, "text": text, "created_at": "2020-06-17T18:00:00.000Z", "author_id": "7"}
    return json.dumps({"data": [tweet], "includes": USERS})


def test_a_40_mb_single_line_is_refused_without_being_read_whole(store, tmp_path):
    path = tmp_path / "one-line.jsonl"
    line = _page_line("1", "x" * (40 * 2**20))
    path.write_text(line + "\n", encoding="utf-8")
    del line
    tracemalloc.start()
    try:
        report = run_import(store, path, dataset_name="d")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert report.rejected == [(1, "record larger than 16 MB")] and report.loaded == 0
    assert peak < 16 * 2**20, f"{peak / 2**20:.0f} MB held for a 40 MB line"  # under the limit, let alone the line


_PEAK = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    import pandas  # imported by the line reader: loaded first, so that only the import's own memory is measured
    from clameur.ingest import run_import
    from clameur.store import open_store

    def status(key):  # this process's memory, in MB (VmHWM: its peak since the last reset)
        for line in open("/proc/self/status"):
            if line.startswith(key + ":"):
                return int(line.split()[1]) // 1024

    store = open_store(Path(sys.argv[2]) / "c.duckdb")
    open("/proc/self/clear_refs", "w").write("5")  # reset the peak (ru_maxrss would include the parent's)
    before = status("VmRSS")
    mapping = {"post_id": "id", "created_at": "created_at", "text": "text"} if sys.argv[1].endswith(".csv") else None
    report = run_import(store, sys.argv[1], dataset_name="d", mapping=mapping)
    print(json.dumps([report.loaded, [line for line, _ in report.rejected], status("VmHWM") - before]))
    """
)


@pytest.mark.parametrize("kind", ["csv", "twarc2"])
def test_a_40_mb_line_among_good_ones_costs_less_memory_than_the_line(tmp_path, kind):
    """DuckDB's readers held a long line whole (a 40 MB CSV line cost 177 MB, a 200 MB one 850 MB): the line is
    emptied or read by the line reader instead, rejected with its number, and the other records load."""
    big = "x" * (40 * 2**20)
    if kind == "csv":
        path = tmp_path / "posts.csv"
        rows = [f"{i},2020-06-17T18:00:00Z,t{i}" for i in range(1, 4)]
        path.write_text("id,created_at,text\n" + "\n".join([rows[0], f"9,2020-06-17T18:00:00Z,{big}", *rows[1:]]))
    else:
        path = tmp_path / "pages.jsonl"
        path.write_text("\n".join([_page_line("1", "a"), _page_line("9", big), _page_line("2", "b"), ""]))
    del big
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, str(path), str(tmp_path / "db")],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    loaded, rejected, grown_mb = json.loads(done.stdout)
    assert loaded == (3 if kind == "csv" else 2)
    assert rejected == [3 if kind == "csv" else 2]  # the long line, by its number
    assert grown_mb < 40, f"the import grew by {grown_mb} MB for a 40 MB line"


# ------------------------------------------------------------------ 5. time zones
def test_an_unknown_time_zone_is_refused_at_import(store, tmp_path, fixtures_dir, capsys):
    source = tmp_path / "page.jsonl"
    shutil.copy(fixtures_dir / BREXIT, source)
    with pytest.raises(ImportRefused) as refused:
        run_import(store, source, dataset_name="d", timezone="Mars/Olympus")
    assert str(refused.value).startswith("“Mars/Olympus” is not a time zone Clameur knows.")
    assert refused.value.message("fr").startswith("« Mars/Olympus » n'est pas un fuseau horaire")
    assert scalar(store, "SELECT count(*) FROM datasets") == 0
    db = str(tmp_path / "cli" / "c.duckdb")
    assert main(["import", str(source), "--timezone", "Mars/Olympus", "--db", db]) == 2
    assert "is not a time zone Clameur knows" in capsys.readouterr().err
    assert main(["import", str(source), "--timezone", "Europe/Paris", "--db", db]) == 0
    check = open_store(db)
    try:
        assert scalar(check, "SELECT timezone FROM datasets") == "Europe/Paris"
    finally:
        check.close()


def test_is_valid_zone_knows_iana_names_only():
    from clameur.timezones import is_valid_zone

    assert all(is_valid_zone(z) for z in ("UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata"))
    assert not any(is_valid_zone(z) for z in ("Mars/Olympus", "", "../../etc/passwd", None, "europe/paris"))


# ------------------------------------------------------------------ 6. minor: closed pipes, counts of 1.5
def test_a_closed_pipe_ends_the_command_quietly(demo_db_path, tmp_path):
    """`clameur datasets --json | head -1`: the reader closes the pipe; no BrokenPipeError traceback."""
    db = tmp_path / "c.duckdb"
    shutil.copy(demo_db_path, db)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for command in (["datasets", "--json"], ["summary", "balancetontiktokeur", "--json"]):
        proc = subprocess.Popen(
            [sys.executable, "-m", "clameur.cli", *command, "--db", str(db)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        proc.stdout.close()  # before the command writes: its first write meets a closed pipe
        err = proc.stderr.read().decode()
        proc.wait()
        assert "Traceback" not in err and "BrokenPipeError" not in err and "Exception ignored" not in err, err
        assert proc.returncode in (0, 1)


COUNTS = ["12", "1.5", "2.0", "1e3", "0.5", "n/a", ""]


def _whole(cell: str) -> int | None:
    """The count a cell holds when it is a whole number (the expected value, computed in Python)."""
    try:
        value = float(cell)
    except ValueError:
        return None
    return int(value) if value.is_integer() else None


def _json_number(cell: str):
    """The cell as a JSON number (null when it is not one)."""
    return json.loads(cell) if _whole_or_float(cell) != "NULL" else None


def test_a_count_is_kept_only_when_it_is_whole_in_every_reader(fstore, tmp_path):
    expected = {str(i): _whole(cell) for i, cell in enumerate(COUNTS, start=1)}
    times = "2020-06-17T18:00:00Z"
    files = {}
    # CSV through a mapping (DuckDB read_csv, every cell as text)
    files["csv"] = tmp_path / "counts.csv"
    files["csv"].write_text(
        "id,created_at,text,retweets\n" + "".join(f"{i},{times},t,{c}\n" for i, c in enumerate(COUNTS, start=1))
    )
    # twarc2 pages (DuckDB read_json with a schema) and v1.1 statuses (the Python line reader)
    files["twarc2"] = tmp_path / "counts-v2.jsonl"
    files["twarc2"].write_text(
        "".join(
            json.dumps(
                {
                    "data": [
                        {
                            "id": str(i),
                            "text": "t",
                            "created_at": times,
                            "author_id": "7",
                            "public_metrics": {"retweet_count": _json_number(c)},
                        }
                    ],
                    "includes": USERS,
                }
            )
            + "\n"
            for i, c in enumerate(COUNTS, start=1)
        )
    )
    files["v1"] = tmp_path / "counts-v1.jsonl"
    files["v1"].write_text(
        "".join(
            json.dumps(
                {
                    "id_str": str(i),
                    "text": "t",
                    "created_at": "Wed Jun 17 18:00:00 +0000 2020",
                    "user": {"id_str": "7", "screen_name": "a"},
                    "retweet_count": _json_number(c),
                }
            )
            + "\n"
            for i, c in enumerate(COUNTS, start=1)
        )
    )
    # JSON rows of a table whose first count is a whole number (read typed by DuckDB)
    files["json_table"] = tmp_path / "counts-rows.jsonl"
    files["json_table"].write_text(
        "".join(
            json.dumps({"id": str(i), "created_at": times, "text": "t", "retweets": _json_number(c)}) + "\n"
            for i, c in enumerate(COUNTS, start=1)
        )
    )
    # Parquet with a DOUBLE column (pandas writes counts with gaps as float64)
    files["parquet"] = tmp_path / "counts.parquet"
    numbers = ", ".join(f"({i}, {_whole_or_float(c)})" for i, c in enumerate(COUNTS, start=1))
    duckdb.connect().execute(
        f"""COPY (SELECT i::VARCHAR AS id, TIMESTAMP '2020-06-17 18:00:00' AS created_at, 't' AS text,
                         r::DOUBLE AS retweets FROM (VALUES {numbers}) v(i, r))
            TO '{files["parquet"]}' (FORMAT parquet)"""
    )
    from clameur.ingest.staging import staging_tables
    from clameur.ingest.twarc2_duckdb import stage_twarc2_pages

    with staging_tables(fstore.cursor()):  # the pages are DuckDB's to read, not the line reader's
        assert stage_twarc2_pages(fstore.cursor(), files["twarc2"]) == len(COUNTS)
    for reader, path in files.items():
        mapping = None if reader in ("twarc2", "v1") else MAPPING
        run_import(fstore, path, dataset_name=reader, mapping=mapping)
        rows = (
            fstore.cursor()
            .execute(
                "SELECT post_id, retweet_count FROM posts JOIN datasets USING (dataset_id) WHERE name = ?", [reader]
            )
            .fetchall()
        )
        assert dict(rows) == expected, reader


def _whole_or_float(cell: str) -> str:
    try:
        return repr(float(cell))
    except ValueError:
        return "NULL"


# ------------------------------------------------------------------ hostile names, from the command line
def test_hostile_names_from_the_command_line(fixtures_dir, tmp_path, capsys):
    """Each name is a file's literal name: imported by its content, kept under its digest only, shown escaped;
    a name the system cannot take is a sentence, never a traceback."""
    db = str(tmp_path / "db" / "c.duckdb")
    (tmp_path / "etc").mkdir()
    (tmp_path / "a" / "b").mkdir(parents=True)
    rtl = "evil\u202egnp.jsonl"  # shows as evil‮lnosj.png
    for name in ("etc/passwd.csv", "*", "?", "[a]", rtl, "a.exe:$x.csv", "x.csv.exe", "\x1b[2J.jsonl"):
        shutil.copy(fixtures_dir / KPOP, tmp_path / name)
    shutil.copy(fixtures_dir / BREXIT, tmp_path / "a.jsonl")  # what `[a]` or `?` would match as patterns
    expected = _ids(fixtures_dir / KPOP)
    cwd = os.getcwd()
    os.chdir(tmp_path / "a" / "b")
    try:
        names = [
            "../../etc/passwd.csv",
            *(str(tmp_path / n) for n in ("*", "?", "[a]", rtl, "a.exe:$x.csv", "x.csv.exe", "\x1b[2J.jsonl")),
        ]
        for i, name in enumerate(names):
            assert main(["import", name, "--dataset", f"d{i}", "--db", db]) == 0, name
    finally:
        os.chdir(cwd)
    out = capsys.readouterr().out
    assert "\u202e" not in out and "\x1b" not in out  # shown escaped: \u202e, \x1b
    assert "evil\\u202egnp.jsonl" in out and "\\x1b[2J.jsonl" in out
    store = open_store(db)
    try:
        per_dataset = (
            store.cursor()
            .execute("SELECT d.name, list(p.post_id) FROM datasets d JOIN posts p USING (dataset_id) GROUP BY 1")
            .fetchall()
        )
        assert {name: set(ids) for name, ids in per_dataset} == {f"d{i}": expected for i in range(len(names))}
        stored = store.cursor().execute("SELECT DISTINCT stored_path, original_name FROM import_files").fetchall()
        digest = _sha(fixtures_dir / KPOP)
        assert {Path(path).name for path, _ in stored} == {digest}  # one kept copy, under its digest
        assert [p.name for p in (store.path.parent / "uploads").iterdir()] == [digest]
        assert "evilgnp.jsonl" in {name for _, name in stored}  # the override character is not kept
    finally:
        store.close()
    assert (tmp_path / "etc" / "passwd.csv").read_bytes() == (fixtures_dir / KPOP).read_bytes()  # untouched


@pytest.mark.parametrize("name", ["x\0y.jsonl", "a" * 500 + ".csv", "nope*.jsonl"])
def test_names_the_system_cannot_take_are_a_sentence(tmp_path, capsys, name):
    assert main(["import", str(tmp_path / name), "--db", str(tmp_path / "c.duckdb")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("clameur: “") and err.strip().endswith("” is not a file.")
    assert "\0" not in err


def test_a_default_dataset_name_drops_control_and_bidi_characters(fixtures_dir, tmp_path):
    path = tmp_path / "cam\u202epagne.jsonl"
    shutil.copy(fixtures_dir / KPOP, path)
    db = str(tmp_path / "db" / "c.duckdb")
    assert main(["import", str(path), "--db", db]) == 0
    store = open_store(db)
    try:
        assert scalar(store, "SELECT name FROM datasets") == "campagne"
    finally:
        store.close()
