"""Any span: a dataset of 100 TikTok posts over three years is drawn by month, with the year on its ticks and
in its peak, titled by its campaign, with no empty table, fast (issue 19, item 6)."""

from __future__ import annotations

import csv
import json
import random
import time
from datetime import datetime, timedelta

import pandas as pd
import pytest

from clameur.ingest import run_import
from clameur.store import campaign_label, dataset_by_name, open_store
from clameur.timeline.queries import VolumeQuery, default_bin, volume
from tests.conftest import plotly_values, run_page
from tests.test_markdown_injection import plain

START = datetime(2021, 3, 1, 12, 0)
MAPPING = {
    "post_id": "post_id",
    "created_at": "created_at",
    "author_id": "author_id",
    "author_handle": "author_handle",
    "text": "text",
    "platform": "=tiktok",
}


def _posts(n: int = 100, seed: int = 3) -> list[dict]:
    rnd = random.Random(seed)
    return [
        {
            "post_id": f"7{i:018d}",
            "created_at": (START + timedelta(days=rnd.uniform(0, 3 * 365))).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "author_id": f"u{i % 17}",
            "author_handle": f"creator{i % 17}",
            "text": f"video {i} #fyp #dance",
        }
        for i in range(n)
    ]


def _write(path, rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def long_db(tmp_path, monkeypatch):
    """A database holding only a TikTok export: 100 posts over three years, no retweets, campaign named."""
    rows = _posts()
    src = tmp_path / "tiktok.csv"
    _write(src, rows)
    db = tmp_path / "app" / "clameur.duckdb"
    store = open_store(db, read_dirs=[tmp_path])
    report = run_import(store, src, dataset_name="tiktok-3y", mapping=MAPPING, campaign="#DanseAvecMoi")
    assert report.loaded == 100
    store.close()
    monkeypatch.setenv("CLAMEUR_DB", str(db))
    return db, rows


def _local_times(rows, tz: str) -> pd.Series:
    return pd.to_datetime(pd.Series([r["created_at"] for r in rows]), utc=True).dt.tz_convert(tz).dt.tz_localize(None)


def test_month_and_week_bins_count_every_post_in_its_local_calendar_bin(tmp_path):
    rows = _posts()
    src = tmp_path / "t.csv"
    _write(src, rows)
    store = open_store(tmp_path / "db" / "c.duckdb", read_dirs=[tmp_path])
    run_import(store, src, dataset_name="t", mapping=MAPPING)
    local = _local_times(rows, "Europe/Paris")
    expected_months = local.dt.to_period("M").value_counts()
    months = volume(store, VolumeQuery([1], tz="Europe/Paris", bin="month", stack="none"))
    got = months.set_index(months["bin"].dt.to_period("M"))["value"]
    assert got[got > 0].sort_index().to_dict() == expected_months.sort_index().to_dict()
    assert (months["bin"].dt.day == 1).all() and (months["bin"].dt.hour == 0).all()
    assert len(months) == len(pd.period_range(local.min(), local.max(), freq="M"))  # empty months are zeros
    weeks = volume(store, VolumeQuery([1], tz="Europe/Paris", bin="week", stack="none"))
    assert (weeks["bin"].dt.day_of_week == 0).all()  # from Monday
    expected_weeks = local.dt.to_period("W-SUN").dt.start_time.value_counts()
    got_weeks = weeks.set_index("bin")["value"]
    assert got_weeks[got_weeks > 0].sort_index().to_dict() == expected_weeks.sort_index().to_dict()
    store.close()


def test_the_default_bin_follows_the_span_and_the_posts_it_holds():
    three_years = pd.Timedelta(days=3 * 365)
    assert default_bin(three_years, 100) == "month"  # 100 posts: about 3 a month, not 0.6 a week
    assert default_bin(three_years, 100_000) == "week"
    assert default_bin(pd.Timedelta(days=14), 29_450) == "hour"
    assert default_bin(pd.Timedelta(days=200)) == "day"


def test_the_overview_of_three_years_of_tiktok_posts_reads_as_a_campaign_in_french(long_db):
    _, rows = long_db
    started = time.perf_counter()
    at = run_page("views/overview/page.py", lang="fr")
    took = time.perf_counter() - started
    assert not at.exception
    # not "#fyp", the top hashtag; the title is Markdown with the campaign's text escaped (a name comes from a file)
    assert plain(at.title[0].value) == "#DanseAvecMoi : la campagne en un coup d'œil"
    local = _local_times(rows, "Europe/Paris")
    busiest = local.dt.to_period("M").value_counts().sort_index(kind="stable")
    month = busiest.idxmax()  # the first of the busiest months, counted from the file
    months_fr = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
    peak = next(m for m in at.metric if m.label.startswith("Mois de pointe"))
    assert peak.value == f"{months_fr[month.month - 1]} {month.year}"
    assert str(busiest.max()) in peak.help
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    bars = [tr for tr in spec["data"] if tr["type"] == "bar"]
    n_bins = len(pd.period_range(local.min(), local.max(), freq="M"))
    assert all(len(plotly_values(tr["x"])) == n_bins for tr in bars)  # 36 months, not 26,000 hours
    assert sum(sum(plotly_values(tr["y"])) for tr in bars) == 100
    ticks = spec["layout"]["xaxis"]["ticktext"]  # written by Clameur: plotly's own would have no year
    years_on_axis = {pd.Timestamp(v).year for v in spec["layout"]["xaxis"]["tickvals"]}
    assert len(years_on_axis) >= 3 and all(any(str(y) in tk for tk in ticks) for y in years_on_axis)
    assert "par mois" in spec["layout"]["title"]["text"]
    # a TikTok export has no retweets: a sentence, not an empty table
    assert any("Aucun retweet" in i.value for i in at.info)
    assert len(at.dataframe) == 1  # the hashtags only (no events, no empty accounts table)
    assert took < 10  # an AppTest run on a shared machine; the builder alone is timed below


def test_the_overview_builder_of_a_long_sparse_dataset_is_fast(long_db):
    from clameur.overview.builder import build_overview
    from clameur.privacy import Pseudonymizer

    db, _ = long_db
    store = open_store(db)
    row = dataset_by_name(store, "tiktok-3y")
    started = time.perf_counter()
    ov = build_overview(store, row, "Europe/Paris", "fr", Pseudonymizer(store, 1, enabled=True, lang="fr"))
    took = time.perf_counter() - started
    store.close()
    assert ov.bin == "month"
    assert len(ov.chart.to_json()) < 50_000  # the figure the browser draws: was 0.8 MB of hourly bars
    assert took < 2


def test_a_dataset_without_a_campaign_is_titled_by_its_name(store, tmp_path):
    src = tmp_path / "t.csv"
    _write(src, _posts(10))
    run_import(store, src, dataset_name="my-export", mapping=MAPPING)
    row = dataset_by_name(store, "my-export")
    assert row["campaign"] is None or pd.isna(row["campaign"])
    assert campaign_label(row) == "my-export"
    run_import(store, src, dataset_name="other", mapping=MAPPING, campaign="  #Autre  ")
    assert campaign_label(dataset_by_name(store, "other")) == "#Autre"


def test_the_command_line_import_takes_a_campaign(tmp_path):
    from clameur.cli import main

    src = tmp_path / "t.csv"
    _write(src, _posts(10))
    db = tmp_path / "c.duckdb"
    args = ["import", str(src), "--dataset", "d", "--db", str(db), "--campaign", "#Campagne", "--json"]
    args += [f"--map={k}={v}" for k, v in MAPPING.items()]
    assert main(args) == 0
    store = open_store(db)
    assert campaign_label(dataset_by_name(store, "d")) == "#Campagne"
    store.close()
