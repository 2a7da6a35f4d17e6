"""Issue 17 §3: times. One bar per UTC instant across a clock change (labelled in the display zone), peaks
reported at their bin's resolution, the plausible-time rule wherever times are read, and command-line tags
normalised as stored tags are. Expected values come from the inserted rows, by plain Python or SQL.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import datetime, timedelta

import pandas as pd
import pytest

from clameur.charts.time_axis import axis_to_utc
from clameur.cli import main
from clameur.overview.summary import peak_hour
from clameur.privacy import Pseudonymizer
from clameur.reactions.queries import reach
from clameur.store import query, refresh_derived, transaction
from clameur.timeline.builder import TimelineView, build_timeline, peak_table
from clameur.timeline.launch import hourly_since_launch, launch_metrics
from clameur.timeline.peaks import PeakRule
from tests.browser import require_chromium

PARIS = "Europe/Paris"
# 25 October 2020: Paris goes from UTC+2 (CEST) to UTC+1 (CET) at 03:00 CEST = 01:00 UTC, so the
# local hour 02:00 happens twice: at 00:00 UTC and at 01:00 UTC.
FALL_BACK = {datetime(2020, 10, 24, 22) + timedelta(hours=h): n for h, n in enumerate([3, 4, 5, 9, 6, 2])}


def _load(store, times, name="d", tz=PARIS, authors=None, tags=None):
    with transaction(store) as cur:
        cur.execute("INSERT INTO datasets (dataset_id, name, timezone) VALUES (1, ?, ?)", [name, tz])
        for i, at in enumerate(times):
            author = authors[i] if authors else f"a{i % 7}"
            cur.execute(
                "INSERT INTO posts (dataset_id, platform, post_id, created_at, kind, author_id, author_handle) "
                "VALUES (1, 'x', ?, ?, 'original', ?, ?)",
                [str(i), at, author, author],
            )
            for tag in (tags or {}).get(i, []):
                cur.execute("INSERT INTO post_hashtags VALUES (1, ?, ?, ?, 'original', ?)", [str(i), tag, at, author])
        refresh_derived(cur, 1)


def _fall_back_times() -> list[datetime]:
    return [hour + timedelta(minutes=7 * i) for hour, n in FALL_BACK.items() for i in range(n)]


def test_the_night_clocks_go_back_has_two_bars_labelled_in_local_time(store):
    _load(store, _fall_back_times())
    result = build_timeline(store, TimelineView([1], PARIS, "en", bin="hour"), Pseudonymizer(None, None, enabled=False))
    bars = [tr for tr in result.figure.data if tr.type == "bar"]
    xs = [pd.Timestamp(x) for tr in bars for x in tr.x]
    heights = Counter()
    for tr in bars:
        for x, y in zip(tr.x, tr.y, strict=True):
            heights[pd.Timestamp(x)] += y
    # one bar per UTC hour, each as high as that hour's posts: the two 02:00 bars stay apart
    assert len(xs) == len(set(xs)) == len(FALL_BACK)
    assert dict(heights) == {pd.Timestamp(h): n for h, n in FALL_BACK.items()}
    # both are labelled 02:00 on the axis, told apart by the zone's name, and the hover says the offset
    axis = result.figure.layout.xaxis
    labels = dict(zip((pd.Timestamp(v) for v in axis.tickvals), axis.ticktext, strict=True))
    assert labels[pd.Timestamp(2020, 10, 25, 0)].startswith("02:00<br>CEST")
    assert labels[pd.Timestamp(2020, 10, 25, 1)].startswith("02:00<br>CET")
    hover = dict(zip((pd.Timestamp(x) for x in bars[0].x), bars[0].customdata, strict=True))
    assert hover[pd.Timestamp(2020, 10, 25, 0)] == "25 October 2020, 02:00 CEST (UTC+02:00)"
    assert hover[pd.Timestamp(2020, 10, 25, 1)] == "25 October 2020, 02:00 CET (UTC+01:00)"
    # a box drawn on the chart is read back on the same UTC axis
    assert axis_to_utc("2020-10-25 01:00") == datetime(2020, 10, 25, 1)


def test_the_figure_command_draws_the_clock_change_as_two_bars(store, tmp_path, capsys):
    require_chromium()
    _load(store, _fall_back_times(), name="fallback")
    db = store.path
    store.close()
    out = tmp_path / "dst.svg"
    assert main(["figure", "fallback", "--db", str(db), "--chart", "timeline", "--bin", "hour", "--out", str(out)]) == 0
    svg = out.read_text(encoding="utf-8")
    # plotly draws each bar as a path "M x0,y0 V y1 H x1 V y0 Z": one bar per UTC hour, each at its own place
    bars = re.findall(r'class="point"><path d="M([\d.]+),([\d.]+)V([\d.]+)H([\d.]+)V', svg)
    lefts = [float(x0) for x0, *_ in bars]
    assert len(bars) == len(FALL_BACK) and len(set(lefts)) == len(FALL_BACK)
    # and each as high as its hour's posts: heights in pixels proportional to the counts
    heights = [float(y0) - float(y1) for _, y0, y1, _ in sorted(bars, key=lambda b: float(b[0]))]
    counts = list(FALL_BACK.values())
    assert [h / heights[0] * counts[0] for h in heights] == pytest.approx(counts, abs=0.01)  # SVG rounds to 0.01 px
    assert "CEST" in svg and "CET<" in svg


def test_a_minute_peak_is_reported_at_its_minute(store):
    spike = datetime(2020, 6, 18, 19, 31)  # 21:31 in Paris (UTC+2 in June)
    times = [datetime(2020, 6, 18, 19, 0) + timedelta(minutes=m) for m in range(60) for _ in range(2)]
    times += [spike] * 40
    _load(store, times)
    busiest, n = Counter(t.replace(second=0) for t in times).most_common(1)[0]
    assert (busiest, n) == (spike, 42)
    view = TimelineView([1], PARIS, "en", bin="1min", rule=PeakRule(k=4, window=10, min_posts=20))
    result = build_timeline(store, view, Pseudonymizer(None, None, enabled=False))
    assert result.peaks["bin_utc"].tolist() == [pd.Timestamp(busiest)]
    marker = next(tr for tr in result.figure.data if tr.type == "scatter" and tr.name == "peaks")
    assert [pd.Timestamp(x) for x in marker.x] == [pd.Timestamp(busiest)]
    for lang, when in (("en", "18 June 2020, 21:31"), ("fr", "18 juin 2020, 21 h 31")):  # with its year (issue 19)
        view = TimelineView([1], PARIS, lang, bin="1min", rule=PeakRule(k=4, window=10, min_posts=20))
        peaks = build_timeline(store, view, Pseudonymizer(None, None, enabled=False)).peaks
        assert peak_table(peaks, lang).iloc[0, 0] == when
        assert when in peaks["sentence"].iloc[0]


def test_an_hour_peak_on_the_repeated_hour_names_its_zone(store):
    times = [datetime(2020, 10, 24, 12) + timedelta(minutes=10 * i) for i in range(6 * 12)]  # 1 post / 10 min
    times += [datetime(2020, 10, 25, 1, 5)] * 60  # the second 02:00 in Paris
    _load(store, times)
    view = TimelineView([1], PARIS, "en", bin="hour", rule=PeakRule(k=4, window=12, min_posts=20))
    peaks = build_timeline(store, view, Pseudonymizer(None, None, enabled=False)).peaks
    assert peak_table(peaks, "en").iloc[0, 0] == "25 October 2020, 02:00 CET"


EPOCH = datetime(1970, 1, 1)


def test_a_post_dated_1970_moves_no_launch_peak_or_first_post(store):
    campaign = [
        datetime(2020, 6, 17, 16) + timedelta(hours=h, minutes=i) for h, n in enumerate([5, 30, 8]) for i in range(n)
    ]
    authors = ["star"] + [f"a{i}" for i in range(len(campaign))]
    _load(store, [EPOCH, *campaign], authors=authors)
    first_hour = min(campaign).replace(minute=0)
    peak = Counter(t.replace(minute=0) for t in campaign).most_common(1)[0][0]
    aligned = hourly_since_launch(store, [1])
    m = launch_metrics(aligned).iloc[0]
    assert pd.Timestamp(m["launch_utc"]) == pd.Timestamp(first_hour)
    assert m["hours_to_peak"] == (peak - first_hour) / timedelta(hours=1) == 1
    assert aligned["hours"].min() == 0  # no 1970 tail of 442,000 empty hours
    # the overview's peak hour, the actors' first post and the "new accounts" table read the same rule
    assert peak_hour(store, 1, "UTC")[0] == peak
    first = reach(store, 1).set_index("account_id")["first_post"]
    assert pd.isna(first["star"])  # its only post is dated 1970: no first post shown
    seen = query(store, "SELECT author_id, first_at FROM author_first_seen WHERE dataset_id = 1")
    assert EPOCH not in set(seen["first_at"]) and "star" not in set(seen["author_id"])


FULLWIDTH = "ＢａｌａｎｃｅＴｏｎＴｉｋＴｏｋｅｕｒ"


@pytest.mark.parametrize("given", [FULLWIDTH, "#" + FULLWIDTH, "＃BalanceTonTikTokeur"])
def test_a_command_line_tag_matches_as_the_stored_tags_do(store, capsys, given):
    times = [datetime(2020, 6, 17, 16) + timedelta(minutes=i) for i in range(12)]
    _load(store, times, tags={i: ["balancetontiktokeur"] for i in range(0, 12, 3)} | {1: ["autre"]})
    tagged = query(store, "SELECT count(*) AS n FROM post_hashtags WHERE tag = 'balancetontiktokeur'")["n"].iloc[0]
    db = store.path
    store.close()
    assert main(["timeline", "d", "--db", str(db), "--tag", given, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["tags"] == ["balancetontiktokeur"] and out["n"] == tagged == 4


def test_only_real_zones_are_valid():
    from clameur.timezones import is_valid_zone

    assert is_valid_zone("Europe/Paris") and is_valid_zone("UTC") and is_valid_zone("America/Argentina/Buenos_Aires")
    for odd in ("localtime", "Factory", "posixrules", "Mars/Olympus", "", None, "../etc/passwd"):
        assert not is_valid_zone(odd), odd
