"""Peak detection on constructed series, and the sentence that explains a peak."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from clameur.privacy import Pseudonymizer
from clameur.reactions.events import add_event, list_events
from clameur.store import refresh_derived, transaction
from clameur.timeline.peaks import PeakRule, _rolling_mad, detect, explain


def _series(values, start="2020-06-17 16:00"):
    bins = pd.date_range(start, periods=len(values), freq="h")
    return pd.DataFrame({"bin": bins, "bin_utc": bins, "total": values})


def test_a_flat_series_has_no_peak():
    assert detect(_series([50] * 48), PeakRule()).empty


def test_noise_alone_is_not_a_peak():
    values = [50, 52, 48, 51, 49, 53, 47, 50] * 6
    assert detect(_series(values), PeakRule(k=4)).empty


def test_a_single_spike_is_found_once():
    values = [50] * 30 + [400, 380] + [50] * 10
    peaks = detect(_series(values), PeakRule(k=4, window=24))
    assert peaks["total"].tolist() == [400]  # two flagged bins in a row: the highest is kept
    assert peaks["bin_utc"].iloc[0] == pd.Timestamp("2020-06-17 16:00") + timedelta(hours=30)


def test_k_controls_sensitivity():
    values = [50] * 30 + [70] + [50] * 10
    assert not detect(_series(values), PeakRule(k=2, min_posts=1)).empty
    assert detect(_series(values), PeakRule(k=30, min_posts=1)).empty


def test_a_spike_is_explained_with_its_retweets_new_accounts_and_the_event_before_it(store):
    spike = datetime(2020, 6, 18, 10, 0)
    with transaction(store) as cur:
        cur.execute("INSERT INTO datasets (dataset_id, name, hashtag) VALUES (1, 'c', 'campaign')")
        rows = [("o1", datetime(2020, 6, 18, 5, 0), "original", "star", None, None)]
        rows += [(f"r{i}", spike + timedelta(minutes=i % 60), "retweet", f"fan{i}", "o1", "star") for i in range(30)]
        rows += [(f"p{i}", spike + timedelta(minutes=i), "original", "star", None, None) for i in range(10)]
        for pid, ts, kind, author, ref, ref_author in rows:
            cur.execute(
                "INSERT INTO posts (dataset_id, platform, post_id, created_at, kind, author_id, author_handle, "
                "ref_post_id, ref_author_id, ref_author_handle) VALUES (1, 'x', ?, ?, ?, ?, ?, ?, ?, ?)",
                [pid, ts, kind, author, author, ref, ref_author, ref_author],
            )
        refresh_derived(cur, 1)
    add_event(
        store,
        {
            "dataset_id": 1,
            "event_type": "institutional_reaction",
            "title": "The minister tweets",
            "starts_at": datetime(2020, 6, 18, 8, 30),
            "confidence": "high",
        },
    )
    totals = _series([1] + [0] * 4 + [40], start="2020-06-18 05:00")
    rule = PeakRule(k=4, window=24, min_posts=20)
    peaks = detect(totals, rule)
    assert peaks["bin_utc"].tolist() == [pd.Timestamp(spike)]
    out = explain(
        store,
        1,
        peaks,
        bin_seconds=3600,
        tz="UTC",
        lang="en",
        events=list_events(store, 1),
        names=Pseudonymizer(None, None, enabled=False),
        rule=rule,
    )
    sentence = out["sentence"].iloc[0]
    # 40 posts in the bin, 30 of them retweets (75 %), all of one post by @star;
    # 30 of the 31 accounts post for the first time; the minister tweeted 1.5 h before.
    assert sentence.startswith("18 June 2020, 10:00 (UTC): a peak of 40 posts, 75% retweets")
    assert "100% of those retweets amplify 1 posts by @star" in sentence
    assert "97% of the accounts posted for the first time" in sentence
    assert "1 h 30 min after “The minister tweets” (institutional reaction)" in sentence
    fr = explain(
        store,
        1,
        peaks,
        bin_seconds=3600,
        tz="UTC",
        lang="fr",
        events=list_events(store, 1),
        names=Pseudonymizer(None, None, enabled=False),
        rule=rule,
    )["sentence"].iloc[0]
    assert fr.startswith("18 juin 2020, 10 h (UTC) : pic de 40 messages")
    assert "1 h 30 après « The minister tweets »" in fr


def test_the_rule_is_stated_in_both_languages():
    rule = PeakRule(k=3.5, window=12, min_posts=5)
    assert "median + 3.5·MAD of the previous 12 bins" in rule.sentence("en")
    assert "médiane + 3.5·MAD des 12 intervalles" in rule.sentence("fr")


@pytest.mark.parametrize(("n", "window"), [(5, 24), (24, 24), (25, 24), (3000, 24), (20000, 3), (3000, 500)])
def test_the_rolling_deviation_equals_the_one_pandas_computes_a_window_at_a_time(n, window):
    """The strided MAD against pandas' rolling apply, the way detect computed it before: the same baseline, bin for
    bin, also while there is not yet a whole window of previous bins."""
    s = pd.Series(np.random.default_rng(n + window).poisson(20, n).astype(float))
    expected = (
        s.shift(1)
        .rolling(window, min_periods=1)
        .apply(lambda w: np.median(np.abs(w - np.median(w))), raw=True)
        .fillna(0.0)
        .to_numpy()
    )
    assert np.array_equal(_rolling_mad(s.to_numpy(), window), expected)
