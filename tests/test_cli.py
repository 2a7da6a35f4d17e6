"""The `clameur` command: demo, datasets, summary; errors as sentences with a non-zero exit."""

from __future__ import annotations

import json

import pandas as pd

from clameur.cli import main
from clameur.demo.events import EVENTS
from clameur.store import open_store, query


def test_summary_json_matches_the_stored_rows(demo_copy, capsys):
    assert main(["summary", "balancetontiktokeur", "--json", "--db", str(demo_copy)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {
        "dataset",
        "posts",
        "authors",
        "kinds",
        "first",
        "last",
        "first_24h",
        "rt_weight",
        "rt_edges",
        "rt_self_loops",
        "top_hashtags",
        "privacy",
    }
    s = open_store(demo_copy)
    posts = query(s, "SELECT p.* FROM posts p JOIN datasets d USING (dataset_id) WHERE d.name = 'balancetontiktokeur'")
    s.close()
    first = posts["created_at"].min()
    assert out["posts"] == len(posts)
    assert out["authors"] == posts["author_id"].nunique()
    assert out["kinds"] == {k: int((posts["kind"] == k).sum()) for k in ("original", "retweet", "quote", "reply")}
    assert out["first"] == first.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert out["first_24h"] == int((posts["created_at"] < first + pd.Timedelta(hours=24)).sum())
    rts = posts[(posts["kind"] == "retweet") & posts["ref_author_id"].notna() & posts["author_id"].notna()]
    loops = rts["author_id"] == rts["ref_author_id"]  # self-retweets: counted apart, as in the network
    assert out["rt_weight"] == int((~loops).sum())
    assert out["rt_edges"] == len(rts[~loops][["author_id", "ref_author_id"]].drop_duplicates())
    assert out["rt_self_loops"] == int(loops.sum())
    assert out["top_hashtags"][0] == ["balancetontiktokeur", len(posts)]
    assert 19_000 <= out["first_24h"] <= 21_000 and 0.55 <= out["kinds"]["retweet"] / out["posts"] <= 0.65


def test_unknown_dataset_is_a_sentence_and_exit_2(demo_copy, capsys):
    assert main(["summary", "nope", "--db", str(demo_copy)]) == 2
    err = capsys.readouterr().err
    assert "No dataset named “nope”" in err and "balancetontiktokeur" in err and "Traceback" not in err


def test_datasets_json(demo_copy, capsys):
    assert main(["datasets", "--json", "--db", str(demo_copy)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in rows][:3] == ["balancetontiktokeur", "balancetonyoutubeur", "balancetonporc"]


def test_demo_builds_then_rebuilds_without_duplicating(tmp_path, capsys):
    db = str(tmp_path / "d" / "c.duckdb")
    assert main(["demo", "--db", db]) == 0
    assert main(["demo", "--db", db]) == 0
    assert "Rebuilt 4 demo datasets" in capsys.readouterr().out
    s = open_store(db)
    counts = query(s, "SELECT count(*) AS n, count(DISTINCT name) AS names FROM datasets").iloc[0]
    events = query(s, "SELECT count(*) AS n FROM events")["n"].iloc[0]
    s.close()
    assert counts["n"] == counts["names"] == 4 and events == len(EVENTS)


def test_demo_scaled_campaign_and_exports(tmp_path, capsys):
    db = str(tmp_path / "d" / "c.duckdb")
    assert main(["demo", "--posts", "2000", "--db", db, "--name", "bench"]) == 0
    assert main(["demo", "--posts", "2000", "--db", db, "--name", "bench"]) == 2  # name taken: a sentence
    out = tmp_path / "c.parquet"
    assert main(["demo", "--posts", "500", "--format", "parquet", "--out", str(out)]) == 0
    frame = pd.read_parquet(out)
    assert len(frame) == 500 and frame["post_id"].map(type).eq(str).all()
    assert main(["demo", "--out", str(out)]) == 2


def test_timeline_json_bins_add_up_to_the_posts_and_peaks_are_explained(demo_copy, capsys):
    assert main(["timeline", "balancetontiktokeur", "--bin", "hour", "--json", "--db", str(demo_copy)]) == 0
    out = json.loads(capsys.readouterr().out)
    s = open_store(demo_copy)
    n = query(s, "SELECT count(*) AS n FROM posts JOIN datasets USING (dataset_id) WHERE name = 'balancetontiktokeur'")[
        "n"
    ].iloc[0]
    s.close()
    assert sum(b["posts"] for b in out["bins"]) == n == out["n"]
    assert all(b["posts"] == b["original"] + b["retweet"] + b["quote"] + b["reply"] for b in out["bins"])
    hours = [b["start"] for b in out["bins"]]
    assert len(hours) == len(set(hours)) and out["tz"] == "Europe/Paris"
    assert out["bins"][0]["start"] == "2020-06-17T16:00:00Z" and out["bins"][0]["start_local"] == "2020-06-17T18:00:00"
    assert out["peaks"] and all("(Europe/Paris): a peak of " in p["sentence"] for p in out["peaks"])


def test_timeline_with_a_tag_and_a_bad_zone(demo_copy, capsys):
    assert main(["timeline", "balancetontiktokeur", "--tag", "#MeToo", "--json", "--db", str(demo_copy)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["tags"] == ["metoo"] and 0 < out["n"] < 5000
    assert main(["timeline", "balancetontiktokeur", "--tz", "Mars/Olympus", "--db", str(demo_copy)]) == 2
    assert "Unknown time zone" in capsys.readouterr().err
