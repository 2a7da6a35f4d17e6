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
from clameur.demo.campaign import DAY_PROFILE
from clameur.reactions.actors import (
    ActorError,
    actors_from_csv,
    actors_to_csv,
    add_actor,
    delete_actor,
    list_actors,
    match_actors,
)
from clameur.reactions.builder import effect
from clameur.reactions.effects import Comparison, EffectError, effect_for_event, estimate, sentence
from clameur.reactions.events import add_event
from clameur.reactions.platforms import AvailabilityError, import_availability, ladder, moderation_outcome
from clameur.reactions.queries import who_reacted
from clameur.store import dataset_by_name, open_store, refresh_derived, scalar, transaction

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


def _rhythm_series(shift: float, seed: int, before=72, after=24, base=80.0, overdispersed=False, start="2020-06-01"):
    """Hourly counts with the demo's hour-of-day profile (a night trough, an evening high: not a sinusoid) and a
    level multiplied by ``shift`` from the event on; returns (counts, n_before)."""
    rng = np.random.default_rng(seed)
    idx = pd.date_range(start, periods=before + after, freq="h")
    mu = base * DAY_PROFILE[idx.hour] * np.where(np.arange(len(idx)) >= before, shift, 1.0)
    if overdispersed:  # bursty: a gamma-distributed multiplier per hour
        mu = mu * rng.gamma(5, 1 / 5, len(mu))
    return pd.Series(rng.poisson(mu), index=idx), before


@pytest.mark.parametrize("overdispersed", [False, True])
def test_the_hour_of_day_model_recovers_a_known_effect_inside_its_interval(overdispersed):
    covered = detected = 0
    for seed in range(20):
        res = estimate(*_rhythm_series(2.0, seed, overdispersed=overdispersed))
        assert res.method == "rhythm"
        covered += res.ratio_ci[0] <= 2.0 <= res.ratio_ci[1]
        detected += res.ratio_ci[0] > 1.0
    assert covered >= 17 and detected >= 18


@pytest.mark.parametrize("overdispersed", [False, True])
def test_the_hour_of_day_model_reports_no_effect_on_a_series_without_one(overdispersed):
    covered, ratios = 0, []
    for seed in range(20):
        res = estimate(*_rhythm_series(1.0, seed, overdispersed=overdispersed))
        covered += res.ratio_ci[0] <= 1.0 <= res.ratio_ci[1]
        ratios.append(res.ratio)
    assert covered >= 17 and 0.9 <= float(np.median(ratios)) <= 1.1


def test_a_pre_period_falling_into_the_night_is_not_read_as_an_effect():
    """The audit's case: the event in the morning after an evening peak. A trend-only fit of the night reads the
    morning's ordinary rise as an effect; the hour-of-day model, given two days before, does not."""
    counts, before = _rhythm_series(1.0, seed=7, before=72, after=24, start="2020-06-01 10:30")
    res = estimate(counts, before)
    assert res.ratio_ci[0] <= 1.0 <= res.ratio_ci[1] and 0.85 <= res.ratio <= 1.15
    assert res.expected_after == pytest.approx(res.series.loc[res.series["after"], "counterfactual"].sum())


def test_difference_in_differences_is_the_ratio_of_after_before_ratios():
    rng = np.random.default_rng(3)
    idx = pd.date_range("2020-06-01 08:30", periods=36, freq="h")
    after = np.arange(36) >= 12
    comp = pd.Series(rng.poisson(40 * DAY_PROFILE[idx.hour]), index=idx)
    camp = pd.Series(rng.poisson(200 * DAY_PROFILE[idx.hour] * np.where(after, 2.5, 1.0)), index=idx)
    res = estimate(camp, 12, Comparison(2, "other"), comp)
    assert res.method == "did"
    expected = (camp[after].sum() / camp[~after].sum()) / (comp[after].sum() / comp[~after].sum())
    assert res.ratio == pytest.approx(expected, rel=1e-6)
    assert res.ratio_ci[0] <= 2.5 <= res.ratio_ci[1] and res.parallel is True


def test_placebo_count_and_p_value_with_a_clear_effect():
    """150 h of history, windows of 48 h + 24 h: fake events every 3 h whose window ends by the event fit at
    ends 150, 147, … 72 h of history, i.e. (150 - 72) / 3 + 1 = 27 of them; none shows a tripling."""
    hist, _ = _rhythm_series(1.0, seed=11, before=150, after=0, base=200)
    at = hist.index[-1] + pd.Timedelta(hours=1)
    idx = pd.date_range(at - pd.Timedelta(hours=48), periods=72, freq="h")
    rng = np.random.default_rng(12)
    counts = pd.concat([hist.iloc[-48:], pd.Series(rng.poisson(600 * DAY_PROFILE[idx.hour[48:]]), index=idx[48:])])
    res = estimate(counts, 48, history=hist)
    assert res.placebo.n == 27 and res.placebo.as_large == 0
    assert res.placebo.p_value == pytest.approx(1 / 28)
    assert res.reliable and "found no effect as large at any of them" in sentence(res, "E", "en")


def test_placebos_as_large_as_the_effect_say_it_cannot_be_told_apart():
    """A campaign whose level jumps up and down by ×3 every 30 hours: a ×1.3 change at the event is one of its
    ordinary swings."""
    rng = np.random.default_rng(5)
    idx = pd.date_range("2020-06-01 08:30", periods=224, freq="h")
    level = np.where((np.arange(224) // 30) % 2 == 0, 100.0, 300.0)
    level[200:] = level[199] * 1.3
    counts = pd.Series(rng.poisson(level * DAY_PROFILE[idx.hour]), index=idx)
    res = estimate(counts.iloc[152:], 48, history=counts.iloc[:200])
    assert res.placebo.n > 0 and res.placebo.as_large >= 1
    assert res.placebo.p_value == pytest.approx((1 + res.placebo.as_large) / (1 + res.placebo.n))
    assert not res.reliable
    assert "cannot be told apart from the campaign's ordinary swings" in sentence(res, "E", "en")
    assert "ne se distingue pas des fluctuations ordinaires" in sentence(res, "E", "fr")


def test_windows_too_short_are_refused():
    counts, _ = _rhythm_series(1.0, seed=3, before=2, after=10)
    with pytest.raises(EffectError, match="at least 3 whole hours"):
        estimate(counts, 2)


def _posts_every(cur, dataset_id: int, start: datetime, hours: int, minutes: int = 10) -> None:
    for i in range(hours * 60 // minutes):
        cur.execute(
            "INSERT INTO posts (dataset_id, platform, post_id, created_at, kind, author_id) "
            "VALUES (?, 'x', ?, ?, 'original', ?)",
            [dataset_id, f"{dataset_id}-{i}", start + timedelta(minutes=minutes * i), f"a{i % 7}"],
        )


def test_the_bin_holding_the_event_starts_at_the_event_and_belongs_to_after(store):
    """Posts every 10 minutes from 00:00; event at 08:30. The posts at 08:00, 08:10 and 08:20 are before it."""
    start = datetime(2020, 6, 18, 0, 0)
    with transaction(store) as cur:
        cur.execute("INSERT INTO datasets (dataset_id, name) VALUES (1, 'c')")
        _posts_every(cur, 1, start, hours=20)
        refresh_derived(cur, 1)
    res = effect_for_event(store, 1, datetime(2020, 6, 18, 8, 30), 48, 24)
    s = res.series
    # whole bins only: from 00:30 (not the half bin from 00:00) to 19:30 (the data end before 20:00)
    assert (res.window.before, res.window.after) == (8, 11)
    assert s["bin_start"].iloc[0] == pd.Timestamp("2020-06-18 00:30") and (s["bin_start"].dt.minute == 30).all()
    assert (s["posts"] == 6).all()  # every whole bin holds six posts: none is a half bin
    first_after = s[s["after"]].iloc[0]
    assert first_after["bin_start"] == pd.Timestamp("2020-06-18 08:30") and first_after["hours_from_event"] == 0


def test_with_neither_a_long_pre_period_nor_a_comparison_it_says_so_and_draws_no_counterfactual(store):
    with transaction(store) as cur:
        cur.execute("INSERT INTO datasets (dataset_id, name) VALUES (1, 'c')")
        _posts_every(cur, 1, datetime(2020, 6, 18, 0, 0), hours=40, minutes=20)
        refresh_derived(cur, 1)
    event = add_event(
        store,
        {
            "dataset_id": 1,
            "event_type": "institutional_reaction",
            "title": "Demand",
            "starts_at": datetime(2020, 6, 18, 20, 30),
            "confidence": "high",
        },
    )
    fig, text, table, res = effect(store, 1, event, 48, 24, "Europe/Paris", "en")
    assert res.method == "none" and res.placebo is None and res.ratio is None
    assert text.startswith("No effect is estimated for “Demand”: the window has 20 hours before the event")
    assert "no comparison series covers the same hours" in text and "3.0 posts per hour before, 3.0 after" in text
    assert "aucune série de comparaison ne couvre les mêmes heures" in effect(store, 1, event, 48, 24, "UTC", "fr")[1]
    names = {tr.name for tr in fig.data}
    assert names == {"observed"}  # no fitted line, no counterfactual, no band
    assert list(table.columns) == ["Measure", "20 h before", "19 h after"]


def test_the_demo_events_bins_are_aligned_on_08_30_and_match_the_raw_posts(demo_store):
    """Event 3 (08:30 UTC): every bin is recounted from the raw timestamps, independently of the code's SQL."""
    ds = int(dataset_by_name(demo_store, "balancetontiktokeur")["dataset_id"])
    at = pd.Timestamp("2020-06-18 08:30")
    fig, _, table, res = effect(demo_store, ds, 3, 48, 24, "Europe/Paris", "en")
    raw = np.sort(
        demo_store.con.execute("SELECT created_at FROM posts WHERE dataset_id = ?", [ds]).fetchnumpy()["created_at"]
    )
    first = pd.Timestamp(raw[0])
    before = int((at - first) / pd.Timedelta(hours=1))  # whole hours between the first post and the event
    assert (res.window.before, res.window.after) == (min(before, 48), 24) == (16, 24)
    edges = np.array([at + pd.Timedelta(hours=k) for k in range(-res.window.before, res.window.after + 1)])
    expected = np.diff(np.searchsorted(raw, edges.astype("datetime64[ns]"), side="left"))
    assert res.series["posts"].tolist() == expected.tolist()
    assert res.series.loc[res.series["hours_from_event"] == 0, "bin_start"].item() == at
    assert res.series.loc[res.series["hours_from_event"] == -1, "after"].item() == False  # noqa: E712
    assert table.iloc[0].tolist() == ["posts", f"{expected[:16].sum():,}", f"{expected[16:].sum():,}"]
    # the figure agrees with the text: 16 h before, 24 h after, on an axis of hours since the event
    assert list(fig.layout.xaxis.range) == [-16, 24]
    prov = fig.layout.meta["clameur_provenance"]
    assert "fitted window: 16 h before the event, 24 h after" in prov and f"n = {expected.sum():,}" in prov
    assert "17 June 2020, 18:30 – 19 June 2020, 10:30" in prov  # the window in Paris time, not the whole dataset


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
    # 16.5 h of data before the event (launch 16:00, demand 08:30): too little for the hour-of-day model, so the
    # sister campaign that covers the same hours is the comparison
    assert eff["method"] == "difference_in_differences" and eff["comparison"]["name"] == "balancetonyoutubeur"
    assert eff["window"] == {
        "start": "2020-06-17T16:30:00Z",
        "end": "2020-06-19T08:30:00Z",
        "hours_before": 16,
        "hours_after": 24,
        "posts": sum(b["posts"] for b in eff["bins"]),
        "bin_hours": 1,
    }
    assert all(b["start"].endswith(":30:00Z") for b in eff["bins"]) and len(eff["bins"]) == 40
    assert next(b for b in eff["bins"] if b["after"])["start"] == "2020-06-18T08:30:00Z"
    # the comparison's bins recounted from its raw posts
    s = open_store(db)
    raw = s.con.execute(
        "SELECT created_at FROM posts p JOIN datasets d USING (dataset_id) WHERE d.name = 'balancetonyoutubeur'"
    ).fetchnumpy()["created_at"]
    s.close()
    raw = np.sort(raw)
    edges = np.array([np.datetime64(b["start"][:-1]) for b in eff["bins"]] + [np.datetime64("2020-06-19T08:30")])
    assert [b["comparison_posts"] for b in eff["bins"]] == np.diff(np.searchsorted(raw, edges)).tolist()
    sums = {(b["after"], k): 0 for b in eff["bins"] for k in ("posts", "comparison_posts")}
    for b in eff["bins"]:
        for k in ("posts", "comparison_posts"):
            sums[(b["after"], k)] += b[k]
    did = (sums[(True, "posts")] / sums[(False, "posts")]) / (
        sums[(True, "comparison_posts")] / sums[(False, "comparison_posts")]
    )
    assert eff["ratio"] == pytest.approx(did, abs=1e-4)
    assert eff["ratio_ci95"][0] <= eff["ratio"] <= eff["ratio_ci95"][1]
    assert set(eff["placebo"]) >= {"every_hours", "fake_events", "as_large", "p_value", "same_windows"}
    assert eff["placebo"]["fake_events"] == 0 and eff["placebo"]["hours_needed"] == 40
    assert eff["parallel_trends"]["parallel"] is False and eff["reliable"] is False
    assert "difference in differences" in eff["sentence"] and "Timing is not causation" in eff["sentence"]
    assert "cannot tell the event apart from the campaign's ordinary swings" in eff["sentence"]
    assert main(["reactions", "balancetontiktokeur", "--event", "999", "--db", str(db)]) == 2


def test_reactions_cli_with_a_long_pre_period_uses_the_hour_of_day_model(demo_db_path, tmp_path, capsys):
    db = tmp_path / "r" / "c.duckdb"
    db.parent.mkdir()
    shutil.copy(demo_db_path, db)
    # Event 6 (Twitch's announcement, a week after the launch): enough history for the model and its placebos.
    assert main(["reactions", "balancetontiktokeur", "--json", "--event", "6", "--db", str(db)]) == 0
    eff = json.loads(capsys.readouterr().out)["effect"]
    assert eff["method"] == "interrupted_time_series_hour_of_day" and eff["comparison"] is None
    assert (eff["window"]["hours_before"], eff["window"]["hours_after"]) == (48, 24)
    assert eff["placebo"]["fake_events"] > 0 and eff["placebo"]["same_windows"] is True
    args = ["reactions", "balancetontiktokeur", "--json", "--event", "3", "--comparison", "none", "--db", str(db)]
    assert main(args) == 0
    eff = json.loads(capsys.readouterr().out)["effect"]
    assert eff["method"] == "none" and "ratio" not in eff and "no comparison series was chosen" in eff["sentence"]
    assert main([*args[:-4], "--comparison", "nope", "--db", str(db)]) == 2
