"""Values checked where they enter (issue 21 item 8): a link's times read with their offset and bounded to
plausible years; a time zone checked when a dataset is imported, not when its pages are drawn."""

from __future__ import annotations

from datetime import datetime

import pytest

from clameur import settings
from clameur.window import BadTime, format_url_time, parse_url_time, parse_window


@pytest.mark.parametrize(
    "raw,utc",
    [
        ("2020-06-18T10:00+05:00", datetime(2020, 6, 18, 5, 0)),  # the offset is kept
        ("2020-06-18T10:00 05:00", datetime(2020, 6, 18, 5, 0)),  # a "+" left unescaped arrives as a space
        ("2020-06-18T10:00-04:00", datetime(2020, 6, 18, 14, 0)),
        ("2020-06-18T10:00Z", datetime(2020, 6, 18, 10, 0)),
        ("2020-06-18T10:00", datetime(2020, 6, 18, 10, 0)),  # no offset: UTC (README, "Links")
        ("2020-06-18T10:00:59.5", datetime(2020, 6, 18, 10, 0)),  # to the minute, as links write it
        ("2020-06-18", datetime(2020, 6, 18)),
        ("2020-06-18T00:30+02:00", datetime(2020, 6, 17, 22, 30)),  # the day changes with the offset
    ],
)
def test_a_link_time_is_read_with_its_offset_into_utc(raw, utc):
    assert parse_url_time(raw) == utc


@pytest.mark.parametrize(
    "raw,reason",
    [
        ("9999-12-31T23:59", "range"),
        ("9999-12-31T23:59-05:00", "range"),  # would overflow once converted to UTC
        ("0001-01-01T00:00+05:00", "range"),
        (f"{settings.WINDOW_YEARS[0] - 1}-12-31T00:00", "range"),
        (f"{settings.WINDOW_YEARS[1] + 1}-01-01T00:00", "range"),
        ("yesterday", "format"),
        ("", "format"),
        ("2020-13-01T00:00", "format"),
        ("2020-06-18T25:00", "format"),
        ("1592460000", "format"),
    ],
)
def test_a_link_time_that_cannot_be_used_says_why(raw, reason):
    with pytest.raises(BadTime) as bad:
        parse_url_time(raw)
    assert bad.value.reason == reason


def test_the_window_names_the_bad_bound_and_refuses_an_inverted_window():
    assert parse_window(None, None) == (None, None)
    assert parse_window("2020-06-18T10:00Z", None) == (datetime(2020, 6, 18, 10), None)
    with pytest.raises(BadTime) as bad:
        parse_window("2020-06-18T10:00Z", "9999-12-31T23:59")
    assert (bad.value.reason, bad.value.name, bad.value.value) == ("range", "to", "9999-12-31T23:59")
    with pytest.raises(BadTime) as bad:
        parse_window("2020-06-18T12:00+02:00", "2020-06-18T10:00Z")  # 10:00 UTC both: empty
    assert (bad.value.reason, bad.value.name) == ("order", "from")


def test_what_links_write_reads_back_the_same_and_says_utc():
    ts = datetime(2020, 6, 18, 8, 30)
    assert format_url_time(ts) == "2020-06-18T08:30Z"
    assert parse_url_time(format_url_time(ts)) == ts


def test_an_unknown_time_zone_is_refused_at_import_and_nothing_is_written(fstore, fixtures_dir):
    from clameur.ingest import ImportRefused, run_import
    from clameur.store import scalar

    sample = fixtures_dir / "twarc2_jsonl" / "twarc-csv_brexit.jsonl"
    with pytest.raises(ImportRefused) as refused:
        run_import(fstore, sample, dataset_name="mars", timezone="Mars/Olympus")
    assert str(refused.value).startswith("“Mars/Olympus” is not a time zone Clameur knows.")
    assert refused.value.message("fr").startswith("« Mars/Olympus » n'est pas un fuseau horaire")
    assert scalar(fstore, "SELECT count(*) FROM datasets") == 0
    assert scalar(fstore, "SELECT count(*) FROM posts") == 0


def test_the_command_line_refuses_an_unknown_zone_with_a_sentence(tmp_path, fixtures_dir, capsys):
    from clameur.cli import main
    from clameur.store import list_datasets, open_store

    db = tmp_path / "db" / "c.duckdb"
    sample = fixtures_dir / "twarc2_jsonl" / "twarc-csv_brexit.jsonl"
    code = main(["import", str(sample), "--dataset", "mars", "--timezone", "Mars/Olympus", "--db", str(db)])
    out = capsys.readouterr()
    assert code != 0
    assert "“Mars/Olympus” is not a time zone Clameur knows" in out.out + out.err
    assert "Traceback" not in out.out + out.err
    s = open_store(db)
    assert list_datasets(s).empty
    s.close()
    assert main(["import", str(sample), "--dataset", "paris", "--timezone", "Europe/Paris", "--db", str(db)]) == 0
