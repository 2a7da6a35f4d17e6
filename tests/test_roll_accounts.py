"""roll_accounts (issue 20): the figures of a few accounts without reading every account of the dataset.

reach() for given accounts ranks them among all the dataset's accounts; the expected numbers are counted here from
the raw posts of a real sample file, not with the code's SQL.
"""

from __future__ import annotations

import pandas as pd

from clameur.ingest.uploads import import_upload
from clameur.reactions.queries import reach
from clameur.store import open_store, query
from tests.conftest import FIXTURES

SAMPLE = "twarc2_jsonl/twarc-csv_2sets.jsonl"  # retweets, quotes and replies


def test_reach_of_a_few_accounts_ranks_them_among_all(tmp_path):
    store = open_store(tmp_path / "c.duckdb", read_dirs=[FIXTURES])
    ds = int(import_upload(store, (FIXTURES / SAMPLE).read_bytes(), "sample.jsonl", "sample").dataset_id)
    p = query(store, "SELECT author_id, kind, ref_author_id FROM posts WHERE dataset_id = ?", [ds])
    rts = p[(p["kind"] == "retweet") & p["ref_author_id"].notna()].groupby("ref_author_id").size()
    posts = p.groupby("author_id").size()
    everyone = pd.Index(posts.index).union(p["ref_author_id"].dropna().unique())
    received = rts.reindex(everyone, fill_value=0)
    assert received.max() > 0 and (received == 0).any()
    top = received.idxmax()
    quiet = received[received == 0].index[0]
    got = reach(store, ds, [top, quiet, "not-an-account"]).set_index("account_id")
    assert sorted(got.index) == sorted([top, quiet])
    for account in (top, quiet):
        assert got.loc[account, "rts"] == received[account]
        assert got.loc[account, "posts"] == posts.get(account, 0)
        assert got.loc[account, "rank"] == 1 + int((received > received[account]).sum())
    # the same rows as the whole table gives
    whole = reach(store, ds).set_index("account_id").loc[[top, quiet]]
    pd.testing.assert_frame_equal(got.loc[[top, quiet]], whole, check_dtype=False)
    assert reach(store, ds, []).empty
