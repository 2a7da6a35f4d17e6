"""Issue 18: keyed, checked pseudonyms; ids masked in the Gephi files; privacy by default on the command line;
hashtags never masked; the Data page's preview masked."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import stat

import pytest

from clameur import privacy, settings
from clameur.cli import main
from clameur.ingest.inspect import inspect_file
from clameur.ingest.preview import shown_preview
from clameur.network.builder import figure, top_table
from clameur.network.exports import export_bytes
from clameur.network.model import NetworkQuery, build_network
from clameur.privacy import Pseudonymizer, installation_secret, key_path
from clameur.store import dataset_by_name, open_store, query
from tests.test_network import read_back

DEMO = "balancetontiktokeur"


def _small_accounts(store, ds: int) -> dict[str, str]:
    """{id: handle} of the dataset's accounts under the threshold and outside the registry, from the tables."""
    df = query(
        store,
        """SELECT account_id, any_value(handle) AS handle FROM accounts
           WHERE dataset_id = ? AND coalesce(followers, 0) < ? AND handle IS NOT NULL
             AND lower(handle) NOT IN (SELECT lower(handle) FROM actor_accounts WHERE handle IS NOT NULL)
             AND account_id NOT IN (SELECT account_id FROM actor_accounts WHERE account_id IS NOT NULL)
           GROUP BY 1""",
        [ds, settings.PRIVACY_FOLLOWER_THRESHOLD],
    )
    return dict(zip(df["account_id"], df["handle"], strict=True))


def test_the_key_is_made_once_per_installation_private_and_32_bytes(tmp_path):
    db = tmp_path / "a" / "clameur.duckdb"
    secret = installation_secret(db)
    path = key_path(db)
    assert path == db.parent / "privacy.key" and len(secret) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert installation_secret(db) == secret  # read back, not made again
    assert installation_secret(tmp_path / "b" / "clameur.duckdb") != secret
    path.write_bytes(b"short")
    with pytest.raises(privacy.PrivacyKeyError) as bad:
        installation_secret(db)
    assert "delete it to make a new key" in str(bad.value) and "supprimez-le" in bad.value.message("fr")


def test_a_pseudonym_depends_on_the_installation_and_nothing_else(demo_db_path, demo_copy):
    here, there = open_store(demo_db_path), open_store(demo_copy)
    ds = int(dataset_by_name(here, DEMO)["dataset_id"])
    account, handle = sorted(_small_accounts(here, ds).items())[0]
    fr = Pseudonymizer(here, ds, enabled=True, lang="fr").label(account, handle)
    en = Pseudonymizer(here, ds, enabled=True, lang="en").label(account, handle)
    again = Pseudonymizer(here, ds, enabled=True, lang="en").label(account, handle)
    other = Pseudonymizer(there, ds, enabled=True, lang="en").label(account, handle)
    there.close()
    here.close()
    assert fr.startswith("compte ") and en.startswith("account ") and fr.split()[1] == en.split()[1]
    assert again == en  # stable
    assert other != en  # another installation, another key
    code = en.split()[1]
    assert len(code) >= privacy.CODE_LENGTH and handle not in en and account not in en
    # not the unkeyed digest anyone could recompute from a list of handles or ids
    assert code not in {hashlib.sha256(f"clameur:{k}".encode()).hexdigest()[: len(code)] for k in (account, handle)}


def test_the_same_pseudonym_in_the_gexf_the_csv_and_the_figure(demo_store):
    ds = int(dataset_by_name(demo_store, DEMO)["dataset_id"])
    net = build_network(demo_store, NetworkQuery(ds))
    names = Pseudonymizer(demo_store, ds, enabled=True, lang="en")
    small = _small_accounts(demo_store, ds)
    top = next(i for i in net.drawn.sort_values("pagerank", ascending=False)["id"] if i in small)
    label = names.label(top, small[top])
    gexf = read_back(export_bytes(net, "gexf", names)["gexf"], "gexf")
    nodes = list(csv.DictReader(io.StringIO(export_bytes(net, "csv", names)["nodes.csv"].decode())))
    fig = figure(demo_store, net, colour_by="community", tz="UTC", lang="en", names=names).to_json()
    assert gexf.nodes[names.node_id(top, small[top])]["label"] == label
    assert {"id": names.node_id(top, small[top]), "label": label}.items() <= next(
        r for r in nodes if r["label"] == label
    ).items()
    assert label in fig


@pytest.mark.parametrize("kind", ["retweet", "mention"])
@pytest.mark.parametrize("fmt", ["gexf", "graphml", "csv"])
def test_exports_keep_no_platform_id_or_handle_of_a_masked_account(demo_store, kind, fmt):
    """Old code: every masked account kept its real id as node id, and mention-only nodes had "@handle" ids."""
    ds = int(dataset_by_name(demo_store, DEMO)["dataset_id"])
    net = build_network(demo_store, NetworkQuery(ds, kind=kind))
    names = Pseudonymizer(demo_store, ds, enabled=True, lang="en")
    masked = [(i, lbl) for i, lbl in zip(net.nodes["id"], net.nodes["label"], strict=True) if not names.shown(i, lbl)]
    assert len(masked) > 100
    files = export_bytes(net, fmt, names)
    if fmt == "csv":
        nodes = list(csv.DictReader(io.StringIO(files["nodes.csv"].decode())))
        edges = list(csv.DictReader(io.StringIO(files["edges.csv"].decode())))
        ids = {r["id"] for r in nodes}
        ends = {r["source"] for r in edges} | {r["target"] for r in edges}
        assert ends <= ids
    else:
        g = read_back(files[fmt], fmt)
        ids = set(g.nodes)
        assert len(g.edges) == len(net.edges)
    real = {str(i) for i, _ in masked}
    assert not ids & real
    assert not {i for i in ids if i.startswith("@") and not names.shown(i, i[1:])}
    assert sum(i.startswith(privacy.ANON_PREFIX) for i in ids) == len(masked)
    text = b"".join(files.values()).decode()
    assert not [h for _, h in masked if f'"{h}"' in text or f",{h}," in text]


def test_the_gexf_says_whether_privacy_was_on_in_its_meta(demo_store):
    ds = int(dataset_by_name(demo_store, DEMO)["dataset_id"])
    net = build_network(demo_store, NetworkQuery(ds))
    on = export_bytes(net, "gexf", Pseudonymizer(demo_store, ds, enabled=True, lang="en"))["gexf"].decode()
    off = export_bytes(net, "gexf", Pseudonymizer(demo_store, ds, enabled=False, lang="en"))["gexf"].decode()
    assert "<description>Privacy mode on: accounts under 5,000 followers" in on
    assert "<description>Privacy mode OFF: every account is shown with its real handle" in off
    graphml = export_bytes(net, "graphml", Pseudonymizer(demo_store, ds, enabled=False))["graphml"].decode()
    assert "Privacy mode OFF" in graphml


def test_collisions_are_resolved_never_shared(demo_store, monkeypatch):
    """With codes of 4 hex digits (the old length, with which 6,915 masked demo accounts got 6,551 labels), the
    demo's accounts collide by the hundred: each still gets its own pseudonym, and only those get longer ones."""
    monkeypatch.setattr(privacy, "CODE_LENGTH", 4)
    monkeypatch.setattr(privacy, "_CODES", privacy.OrderedDict())
    ds = int(dataset_by_name(demo_store, DEMO)["dataset_id"])
    names = Pseudonymizer(demo_store, ds, enabled=True, lang="en")
    net = build_network(demo_store, NetworkQuery(ds, kind="mention"))
    labels = [names.label(i, lbl) for i, lbl in zip(net.nodes["id"], net.nodes["label"], strict=True)]
    masked = [lbl for lbl in labels if lbl.startswith("account ")]
    assert len(set(masked)) == len(masked) > 1000
    lengths = [len(m.split()[1]) for m in masked]
    assert min(lengths) == 4 and 0 < sum(n > 4 for n in lengths) < len(lengths) / 2
    again = Pseudonymizer(demo_store, ds, enabled=True, lang="fr")
    assert [again.label(i, lbl).split()[-1] for i, lbl in zip(net.nodes["id"], net.nodes["label"], strict=True)] == [
        lbl.split()[-1] for lbl in labels
    ]
    # a handle the dataset does not list, whose short code is taken, gets a longer one
    stranger = next(f"@zz{n}" for n in range(10_000) if names.code(f"@zz{n}") not in {m.split()[1] for m in masked})
    assert names.label(None, stranger) not in masked


def test_hashtag_nodes_are_never_masked(demo_store):
    """Old code: the co-hashtag network showed "account 472f" for a tag."""
    ds = int(dataset_by_name(demo_store, DEMO)["dataset_id"])
    net = build_network(demo_store, NetworkQuery(ds, kind="hashtag"))
    names = Pseudonymizer(demo_store, ds, enabled=True, lang="en")
    tags = set(net.nodes["id"])
    g = read_back(export_bytes(net, "gexf", names)["gexf"], "gexf")
    assert set(g.nodes) == tags and {d["label"] for _, d in g.nodes(data=True)} == tags
    table = top_table(net, "en", names)
    assert set(table.iloc[:, 0]) <= tags
    fig = json.loads(figure(demo_store, net, colour_by="community", tz="UTC", lang="en", names=names).to_json())
    labelled = {a["text"] for a in fig["layout"]["annotations"] if a["text"] in tags}
    assert len(labelled) >= 5 and "account " not in json.dumps(fig["data"])


def test_the_command_line_is_private_by_default(demo_copy, capsys):
    """Old code: `clameur network --json` and the CSV it writes named every account."""
    store = open_store(demo_copy)
    ds = int(dataset_by_name(store, DEMO)["dataset_id"])
    small = _small_accounts(store, ds)
    store.close()
    assert main(["network", DEMO, "--db", str(demo_copy), "--json", "--top", "200"]) == 0
    out = capsys.readouterr()
    shown = json.loads(out.out)
    assert shown["privacy"]["on"] is True and out.err == ""
    tops = {r["id"]: r["label"] for r in shown["top"]}
    assert not set(tops) & set(small) and not set(tops.values()) & set(small.values())
    assert any(i.startswith("anon-") and lbl.startswith("account ") for i, lbl in tops.items())
    assert main(["network", DEMO, "--db", str(demo_copy), "--json", "--top", "200", "--no-privacy"]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out)["privacy"]["on"] is False and "Privacy mode OFF" in out.err
    assert set(json.loads(out.out)["top"][i]["id"] for i in range(200)) & set(small)
    assert main(["timeline", DEMO, "--db", str(demo_copy), "--json"]) == 0
    sentences = " ".join(p["sentence"] for p in json.loads(capsys.readouterr().out)["peaks"])
    assert "account " in sentences and not [h for h in small.values() if f"@{h}" in sentences]


def test_the_data_preview_masks_small_accounts(store, fixtures_dir):
    """Old code: the Data page showed the preview's handles whatever the privacy mode."""
    path = fixtures_dir / "twarc2_jsonl" / "twarc-csv_brexit.jsonl"
    users = {}
    with path.open(encoding="utf-8") as f:
        for page in map(json.loads, f):
            for u in page["includes"]["users"]:
                users[u["username"]] = u["public_metrics"]["followers_count"]
    info = inspect_file(path)
    names = Pseudonymizer(store, None, enabled=True, lang="en")
    shown = shown_preview(info, names)
    raw_handles = info.preview["author_handle"].tolist()
    small = [h for h in raw_handles if users.get(h, 0) < settings.PRIVACY_FOLLOWER_THRESHOLD]
    big = [h for h in raw_handles if users.get(h, 0) >= settings.PRIVACY_FOLLOWER_THRESHOLD]
    assert small and not set(small) & set(shown["author_handle"])
    assert set(big) <= set(shown["author_handle"])
    mentioned = [h for s in info.preview["text"] for h in privacy.HANDLE_IN_TEXT.findall(s)]
    masked = [h for h in mentioned if users.get(h, 0) < settings.PRIVACY_FOLLOWER_THRESHOLD]
    assert masked and not [h for h in masked if f"@{h}" in " ".join(shown["text"])]
    assert shown_preview(info, Pseudonymizer(store, None, enabled=False)).equals(info.preview)
    table = fixtures_dir / "twarc_csv" / "twarc-csv_small_sample_2021-03.csv"
    tinfo = inspect_file(table)
    masked_table = shown_preview(tinfo, names)
    assert "author.username" in tinfo.preview.columns
    assert all(v.startswith("account ") for v in masked_table["author.username"].dropna())
