"""Reactions: lags (time zones included), actor matching, effect estimation on constructed series,
actor and availability CSV round trips with hostile text, the CLI."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from clameur.cli import main
from clameur.reactions.actors import (
    ActorError,
    actors_from_csv,
    actors_to_csv,
    add_actor,
    delete_actor,
    list_actors,
    match_actors,
)
from clameur.reactions.effects import fit_its
from clameur.reactions.events import add_event
from clameur.reactions.platforms import AvailabilityError, import_availability, ladder, moderation_outcome
from clameur.reactions.queries import who_reacted
from clameur.store import refresh_derived, scalar, transaction

LAUNCH = datetime(2020, 6, 17, 16, 0)  # 18:00 in Paris


def _campaign(store):
    with transaction(store) as cur:
        cur.execute("INSERT INTO datasets (dataset_id, name) VALUES (1, 'c')")
        rows = [
            ("1", LAUNCH, "original", "u1", "founder", None, None, None),
            ("2", LAUNCH + timedelta(hours=16, minutes=30), "original", "9001", "Ministere_Demo", None, None, None),
            ("3", LAUNCH + timedelta(hours=17), "retweet", "u2", "fan", "2", "9001", "Ministere_Demo"),
            ("4", LAUNCH + timedelta(hours=18), "retweet", "u3", "fan2", "2", "9001", "Ministere_Demo"),
            ("5", LAUNCH + timedelta(hours=19), "reply", "u4", "critic", "2", "9001", "Ministere_Demo"),
            ("6", LAUNCH + timedelta(hours=20), "retweet", "u2", "fan", "1", "u1", "founder"),
        ]
        for pid, ts, kind, a, h, ref, ra, rh in rows:
            cur.execute(
                "INSERT INTO posts (dataset_id, platform, post_id, created_at, kind, author_id, author_handle, "
                "ref_post_id, ref_author_id, ref_author_handle) VALUES (1, 'x', ?, ?, ?, ?, ?, ?, ?, ?)",
                [pid, ts, kind, a, h, ref, ra, rh],
            )
        refresh_derived(cur, 1)


def test_actors_are_matched_by_handle_whatever_the_case_and_by_id(store):
    _campaign(store)
    add_actor(store, "Ministère (démo)", "government", accounts=[{"platform": "x", "handle": "ministere_DEMO"}])
    add_actor(
        store,
        "Platform",
        "platform",
        accounts=[{"platform": "tiktok", "handle": "x"}, {"platform": "x", "account_id": "u1"}],
    )
    m = match_actors(store, 1)
    assert set(zip(m["name"], m["account_id"], strict=True)) == {("Ministère (démo)", "9001"), ("Platform", "u1")}


def test_who_reacted_gives_lags_reach_and_rank(store):
    _campaign(store)
    add_actor(store, "Ministère (démo)", "government", accounts=[{"handle": "ministere_demo"}])
    # an event given in Paris time: 29 June 2020 15:00 CEST = 13:00 UTC, 12 days 19 hours after the launch
    paris = pd.Timestamp("2020-06-29 15:00", tz="Europe/Paris").tz_convert("UTC").tz_localize(None).to_pydatetime()
    add_event(
        store,
        {
            "dataset_id": 1,
            "event_type": "meeting",
            "title": "Meeting",
            "actor_name": "Platform X",
            "platform": "x",
            "starts_at": paris,
            "confidence": "high",
        },
    )
    who = who_reacted(store, 1).set_index("actor")
    minister = who.loc["Ministère (démo)"]
    assert minister["lag_hours"] == pytest.approx(16.5)
    assert (minister["rts"], minister["replies"], minister["quotes"]) == (2, 1, 0)
    assert minister["rank"] == 1
    assert minister["engagement_share"] == pytest.approx(3 / 4)  # 3 of the 4 retweets/replies/quotes received
    assert who.loc["Platform X", "lag_hours"] == pytest.approx(12 * 24 - 3)  # 13:00 UTC vs 16:00 UTC


def test_ladder_lags_from_launch_and_from_the_first_demand(store):
    _campaign(store)
    add_event(
        store,
        {
            "dataset_id": 1,
            "event_type": "institutional_reaction",
            "title": "Demand",
            "starts_at": LAUNCH + timedelta(hours=16),
            "confidence": "high",
        },
    )
    for hours, kind in ((40, "platform_statement"), (30, "platform_statement"), (300, "meeting")):
        add_event(
            store,
            {
                "dataset_id": 1,
                "event_type": kind,
                "title": f"{kind} {hours}",
                "platform": "tiktok",
                "starts_at": LAUNCH + timedelta(hours=hours),
                "confidence": "medium",
            },
        )
    lad = ladder(store, 1).set_index("step")
    assert lad.loc["platform_statement", "hours_from_launch"] == 30  # the first statement, not the later one
    assert lad.loc["platform_statement", "hours_from_demand"] == 14
    assert lad.loc["meeting", "hours_from_launch"] == 300


def _series(level_shift: float, seed: int, hours_before=48, hours_after=48, overdispersed=False):
    rng = np.random.default_rng(seed)
    idx = pd.date_range("2020-06-01", periods=hours_before + hours_after, freq="h")
    after = np.arange(len(idx)) >= hours_before
    mu = np.exp(np.log(60) + np.log(level_shift) * after)
    if overdispersed:  # bursty: a gamma-distributed multiplier per hour
        mu = mu * rng.gamma(5, 1 / 5, len(mu))
    return pd.Series(rng.poisson(mu), index=idx), idx[hours_before].to_pydatetime()


@pytest.mark.parametrize("overdispersed", [False, True])
def test_a_known_level_shift_is_found_with_the_true_value_inside_the_interval(overdispersed):
    hits = covered = 0
    for seed in range(30):
        res = fit_its(*_series(2.0, seed, overdispersed=overdispersed))
        covered += res.level_ci[0] <= 2.0 <= res.level_ci[1]
        hits += res.level_ci[0] > 1.0
    assert covered >= 25 and hits >= 25  # ~95 % intervals: the truth is inside, and the shift is detected


@pytest.mark.parametrize("overdispersed", [False, True])
def test_no_shift_gives_intervals_that_cover_no_change(overdispersed):
    level = slope = 0
    for seed in range(40):
        res = fit_its(*_series(1.0, seed, overdispersed=overdispersed))
        level += res.level_ci[0] <= 1.0 <= res.level_ci[1]
        slope += res.slope_ci[0] <= 1.0 <= res.slope_ci[1]
    assert level >= 34 and slope >= 34  # at least 85 % of 40 nominal-95 % intervals cover "no change"


def test_the_counterfactual_continues_the_trend_before_the_event():
    res = fit_its(*_series(2.0, seed=1))
    after = res.series[res.series["after"]]
    assert (after["counterfactual"] < after["fitted"]).all()


def test_windows_too_short_are_refused():
    counts, at = _series(1.0, seed=3, hours_before=2, hours_after=10)
    with pytest.raises(ValueError, match="at least 3 hours"):
        fit_its(counts, at)


HOSTILE = ["<img src=x onerror=alert(1)>", '=HYPERLINK("http://evil")', "'; DROP TABLE posts; --"]


def test_actor_crud_and_csv_round_trip_with_hostile_text(store):
    for text in HOSTILE:
        add_actor(store, text, "media", source=text, accounts=[{"platform": "x", "handle": "h1"}])
    data = actors_to_csv(store)
    names = [r["name"] for r in csv.DictReader(io.StringIO(data.decode()))]
    assert '\'=HYPERLINK("http://evil")' in names  # formula-safe in the file
    for actor_id in list_actors(store)["actor_id"]:
        delete_actor(store, actor_id)
    assert actors_from_csv(store, data) == len(HOSTILE)
    back = list_actors(store)
    assert sorted(back["name"]) == sorted(HOSTILE) and (back["accounts"] == "x:h1").all()
    assert scalar(store, "SELECT count(*) FROM posts") == 0


def test_actor_csv_with_a_bad_row_names_it_and_imports_nothing(store):
    data = b"name,category\nGood,media\nBad,spaceship\n"
    with pytest.raises(ActorError, match="Row 3: Unknown category"):
        actors_from_csv(store, data)
    assert list_actors(store).empty


def test_availability_import_counts_and_shares(store):
    _campaign(store)
    data = (
        b"object_type,object_id,status,checked_at\npost,3,deleted,2020-09-01\npost,4,available,2020-09-01\n"
        b"account,u2,suspended,2020-09-01\npost,999,deleted,2020-09-01\n"
    )
    assert import_availability(store, 1, data) == 4
    out = moderation_outcome(store, 1).set_index(["object_type", "status"])
    assert out.loc[("post", "deleted"), "n"] == 1  # post 999 is not in the campaign
    assert out.loc[("post", "deleted"), "share"] == pytest.approx(1 / 6)
    assert out.loc[("account", "suspended"), "share"] == pytest.approx(1 / 5)
    with pytest.raises(AvailabilityError, match="Row 2: status “gone”"):
        import_availability(store, 1, b"object_id,status\n1,gone\n")


def test_reactions_cli_on_the_demo(demo_db_path, tmp_path, capsys):
    db = tmp_path / "r" / "c.duckdb"
    db.parent.mkdir()
    shutil.copy(demo_db_path, db)
    assert main(["reactions", "balancetontiktokeur", "--json", "--event", "3", "--db", str(db)]) == 0
    out = json.loads(capsys.readouterr().out)
    minister = next(a for a in out["actors"] if a["actor"] == "Secrétariat d'État à l'Égalité (démo)")
    assert 16 <= minister["lag_hours"] <= 17 and minister["retweets_received"] > 1000
    assert {p["platform"] for p in out["platforms"]} == {"tiktok", "twitch"}
    eff = out["effect"]
    assert eff["level_ci95"][0] <= eff["level_ratio"] <= eff["level_ci95"][1]
    assert "Timing is not causation" in eff["sentence"]
    assert main(["reactions", "balancetontiktokeur", "--event", "999", "--db", str(db)]) == 2
