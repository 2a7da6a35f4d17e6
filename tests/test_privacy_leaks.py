"""Issue 18: a leak test over the real twarc2 samples. Each is imported, everything Clameur can export is
exported with privacy mode on (its default): every network kind as GEXF, GraphML, CSV and JSON, the timeline,
summary and reactions JSON, the Data page's preview and, for all the samples together, the figures as SVG, their
figure JSON and the report ZIP. Every byte is then scanned for the ids and handles of the accounts under the
follower threshold, found by a scan of the raw files that shares no code with the importer. None is found.

An account whose follower count the file does not give counts as under the threshold (it must be masked)."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import struct
import zipfile
import zlib
from collections import defaultdict
from pathlib import Path

import pytest

from clameur import settings
from clameur.cli import main
from clameur.ingest import run_import
from clameur.ingest.inspect import inspect_file
from clameur.ingest.preview import shown_preview
from clameur.network.builder import cached_network
from clameur.network.builder import figure as network_figure
from clameur.network.model import KINDS, NetworkQuery
from clameur.privacy import Pseudonymizer
from clameur.report_bundle import BundledFigure, bundle
from clameur.store import dataset_by_name, open_store, query
from clameur.timeline.builder import TimelineView, build_timeline
from tests.browser import require_chromium
from tests.conftest import FIXTURES

NOT_POSTS = {"twarc-csv_users.jsonl", "twarc-csv_counts.jsonl"}  # a user lookup and a counts response
RT_PREFIX = re.compile(r"^RT @(\w{1,30}):")
TAG_IN_TEXT = re.compile(r"[#＃](\w+)")


def samples(fixtures_dir: Path) -> list[Path]:
    return sorted(p for p in (fixtures_dir / "twarc2_jsonl").glob("*.jsonl") if p.name not in NOT_POSTS)


# ---- the raw files, read with json alone


def _walk(node, found: list) -> None:
    """Every account the JSON mentions: user objects and mentions (id + username, followers when given), author
    and reply-to ids, and the handle of "RT @handle:" texts."""
    if isinstance(node, dict):
        if "username" in node and "id" in node:
            followers = (node.get("public_metrics") or {}).get("followers_count")
            found.append((str(node["id"]), str(node["username"]), followers))
        for key, value in node.items():
            if key in ("author_id", "in_reply_to_user_id") and isinstance(value, str):
                found.append((value, None, None))
            elif key == "text" and isinstance(value, str):
                if RT_PREFIX.match(value):
                    found.append((None, RT_PREFIX.match(value).group(1), None))
                found += [("#", tag, None) for tag in TAG_IN_TEXT.findall(value)]
            elif key == "hashtags" and isinstance(value, list):
                found += [("#", h["tag"], None) for h in value if isinstance(h, dict) and "tag" in h]
            _walk(value, found)
    elif isinstance(node, list):
        for value in node:
            _walk(value, found)


def raw_accounts(paths: list[Path]) -> dict:
    """{"ids": {id: max followers or None}, "handles": {handle: max followers or None}, "handle_of": {id: handle},
    "authors": {id: followers} of the collected tweets (the accounts the importer stores followers for),
    "tags": the hashtags (casefolded)}."""
    everything: list = []
    authors: dict[str, int | None] = {}
    linked: set[str] = set()
    for path in paths:
        with path.open(encoding="utf-8") as f:
            for line in f:
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:  # the streaming sample's deliberately broken line
                    continue
                _walk(record, everything)
                data = record.get("data") if isinstance(record, dict) else None
                tweets = [data] if isinstance(data, dict) else data if isinstance(data, list) else [record]
                included = {t["id"]: t for t in (record.get("includes") or {}).get("tweets", [])}
                for tweet in tweets:
                    if isinstance(tweet, dict) and "author_id" in tweet:
                        authors.setdefault(str(tweet["author_id"]), None)
                        linked |= _links(tweet, included)
    found = [f for f in everything if f[0] != "#"]
    tags = {tag.casefold() for a, tag, _ in everything if a == "#"}
    followers: dict[str, int | None] = defaultdict(lambda: None)
    handle_of: dict[str, str] = {}
    handles: dict[str, int | None] = {}
    for account_id, handle, count in found:
        if account_id and count is not None:
            followers[account_id] = max(count, followers[account_id] or 0)
        if account_id and handle:
            handle_of[account_id] = handle
    ids = {a: followers[a] for a, _, _ in found if a}
    for account_id, handle, _ in found:
        if handle:
            known = followers[account_id] if account_id else None
            handles[handle] = known if handles.get(handle) is None else max(handles[handle], known or 0)
    return {
        "ids": ids,
        "handles": handles,
        "handle_of": handle_of,
        "authors": {a: followers[a] for a in authors},
        "linked": linked,
        "tags": tags,
    }


def _links(tweet: dict, included: dict) -> set[str]:
    """The author of a collected tweet and the accounts it links to, when it links to someone else: the author
    of the tweet it retweets, quotes or replies to, or (not a retweet) an account it mentions."""
    author = str(tweet["author_id"])
    others = set()
    refs = tweet.get("referenced_tweets") or []
    for ref in refs:
        target = included.get(ref.get("id"), {}).get("author_id") or (ref.get("author") or {}).get("id")
        if not target and ref.get("type") == "replied_to":
            target = tweet.get("in_reply_to_user_id")
        others |= {str(target)} if target else set()
    if not any(r.get("type") == "retweeted" for r in refs):
        others |= {str(m["id"]) for m in (tweet.get("entities") or {}).get("mentions") or [] if m.get("id")}
    others.discard(author)
    return others | {author} if others else set()


def under_threshold(raw: dict, store) -> tuple[set[str], set[str]]:
    """Ids and handles of the accounts that must not appear: under the threshold (or with no follower count)
    and not in the actor registry."""
    registry = query(store, "SELECT account_id, lower(handle) AS h FROM actor_accounts")
    reg_ids, reg_handles = set(registry["account_id"].dropna()), set(registry["h"].dropna())
    limit = settings.PRIVACY_FOLLOWER_THRESHOLD
    ids = {a for a, n in raw["ids"].items() if (n is None or n < limit) and a not in reg_ids}
    handles = {h for h, n in raw["handles"].items() if (n is None or n < limit) and h.lower() not in reg_handles and h}
    # a handle shared with a public account (e.g. a big account of another id) is not a leak: leave it out
    public = {
        raw["handle_of"][a] for a, n in raw["ids"].items() if n is not None and n >= limit and a in raw["handle_of"]
    }
    return ids, handles - public


def _handle_pattern(handles: set[str]) -> re.Pattern | None:
    words = sorted(map(re.escape, handles), key=len, reverse=True)
    lowered = sorted({re.escape("@" + h.lower()) for h in handles}, key=len, reverse=True)
    return re.compile(r"(?<![\w#＃])(" + "|".join(words + lowered) + r")(?![\w])") if handles else None


def leaks(blobs: dict[str, bytes], ids: set[str], handles: set[str], tags: set[str] = frozenset()):
    """(file, what) for every id (as a whole number) and handle (as a whole word, or "@handle" in lower case)
    found in the bytes (ZIP members are read out of their archive). In the outputs that list hashtags (the
    co-hashtag network, the summary's top hashtags), a handle that is also one of the file's hashtags is a tag;
    in post texts, only "@handle" is taken for a handle (a text may say "Salvini" without naming @Salvini)."""
    found = []
    id_re = re.compile(r"(?<![0-9])(" + "|".join(sorted(map(re.escape, ids), key=len, reverse=True)) + r")(?![0-9])")
    every = _handle_pattern(handles)
    not_tags = _handle_pattern({h for h in handles if h.casefold() not in tags})
    mentioned = "|".join(sorted(map(re.escape, handles), key=len, reverse=True))
    mentions = re.compile(r"[@＠](" + mentioned + r")(?![\w])", re.IGNORECASE) if handles else None
    for name, data in _unzipped(blobs).items():
        text = data.decode("utf-8", errors="replace")
        found += [(name, m.group(1)) for m in id_re.finditer(text)] if ids else []
        pattern = not_tags if "hashtag" in name or "summary" in name else every
        pattern = mentions if "post texts" in name else pattern  # texts name people in words: only "@x" is a handle
        found += [(name, m.group(1)) for m in pattern.finditer(text)] if pattern else []
    return found


def _unzipped(blobs: dict[str, bytes]) -> dict[str, bytes]:
    """ZIP members read out of their archive; a PNG's text chunks (its pixels are no text to scan)."""
    out = {}
    for name, data in blobs.items():
        if data[:2] == b"PK":
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                out.update(_unzipped({f"{name}/{member}": zf.read(member) for member in zf.namelist()}))
        elif data[:8] == b"\x89PNG\r\n\x1a\n":
            out[name] = _png_text(data)
        else:  # an SVG draws WebGL traces (the network's nodes) as an embedded PNG: its text chunks, not its pixels
            out[name] = _EMBEDDED_PNG.sub(lambda m: _png_text(base64.b64decode(m.group(1))), data)
    return out


_EMBEDDED_PNG = re.compile(rb"data:image/png;base64,([A-Za-z0-9+/=]+)")


def _png_text(data: bytes) -> bytes:
    """The tEXt, iTXt and zTXt chunks of a PNG (metadata could name an account; the image itself cannot be read)."""
    chunks, at = [], 8
    while at + 8 <= len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        if kind in (b"tEXt", b"iTXt"):
            chunks.append(body)
        elif kind == b"zTXt":
            chunks.append(zlib.decompress(body.split(b"\x00", 1)[1][1:]))
        at += 12 + length
    return b"\n".join(chunks)


# ---- exports


def cli(capsys, *argv: str) -> tuple[int, bytes]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, (captured.out + captured.err).encode("utf-8")


def cli_exports(capsys, db: Path, dataset: str, out: Path) -> dict[str, bytes]:
    """Everything the command line writes for a dataset, with its default (privacy on)."""
    blobs: dict[str, bytes] = {}
    base = ["--db", str(db)]
    for kind in KINDS:
        for fmt in ("gexf", "graphml", "csv"):
            target = out / f"{dataset}-{kind}.{fmt}"
            code, printed = cli(capsys, "network", dataset, *base, "--kind", kind, "--out", str(target), "--json")
            assert code == 0, printed
            blobs[f"network {kind} {fmt} (stdout)"] = printed
        for path in out.glob(f"{dataset}-{kind}*"):
            blobs[path.name] = path.read_bytes()
    for command in (["timeline", "--lang", "en"], ["timeline", "--lang", "fr"], ["summary"], ["reactions"]):
        code, printed = cli(capsys, command[0], dataset, *base, "--json", *command[1:])
        blobs[" ".join(command)] = printed
        if code == 0:
            assert json.loads(printed)["privacy"]["on"] is True
    return blobs


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """Each sample as its own dataset, and all of them together as "all-samples"; imported once for the module's
    tests, which only read and export (into their own folders)."""
    work = tmp_path_factory.mktemp("leaks")
    store = open_store(work / "db" / "c.duckdb", read_dirs=[FIXTURES, work])
    paths = samples(FIXTURES)
    for path in paths:
        run_import(store, path, dataset_name=path.stem)
        run_import(store, path, dataset_name="all-samples")
    yield store, paths
    store.close()


def test_no_export_names_an_account_under_the_threshold(imported, capsys, tmp_path):
    store, paths = imported
    checked = 0
    for path in paths:
        raw = raw_accounts([path])
        ids, handles = under_threshold(raw, store)
        blobs = cli_exports(capsys, store.path, path.stem, tmp_path)
        # the Data page's preview of the file, privacy on
        preview = shown_preview(inspect_file(path), Pseudonymizer(store, None, enabled=True, lang="en"))
        blobs["data preview"] = preview.drop(columns="text").to_csv(index=False).encode("utf-8")
        blobs["data preview post texts"] = "\n".join(preview["text"].dropna()).encode("utf-8")
        assert leaks(blobs, ids, handles, raw["tags"]) == [], path.name
        checked += len(ids)
    assert checked > 1000  # the samples name over a thousand small accounts


def test_the_check_finds_what_privacy_off_shows(imported, capsys, tmp_path):
    """The scan is not blind: with --no-privacy the same exports name those accounts, and say privacy is off."""
    store, paths = imported
    path = next(p for p in paths if p.name == "twarc-csv_brexit.jsonl")
    ids, handles = under_threshold(raw_accounts([path]), store)
    assert main(["network", path.stem, "--db", str(store.path), "--json", "--no-privacy"]) == 0
    printed = capsys.readouterr()
    assert json.loads(printed.out)["privacy"]["on"] is False
    assert printed.err == "clameur: Privacy mode OFF: every account is shown with its real handle and platform id.\n"
    target = tmp_path / "open.gexf"
    assert cli(capsys, "network", path.stem, "--db", str(store.path), "--out", str(target), "--no-privacy")[0] == 0
    opened = leaks({"gexf": target.read_bytes()}, ids, handles)
    assert len({what for _, what in opened}) > 50
    assert b"<description>Privacy mode OFF" in target.read_bytes()


def test_figures_and_the_report_name_no_account_under_the_threshold(imported, capsys, tmp_path):
    """All the samples as one dataset: the figures' JSON (what the page sends to the browser) for the timeline
    and every network kind, the command line's SVG of the timeline and of the mention network, and the report
    ZIP (PNG, SVG, CSV, README) of the timeline and the retweet network (kaleido takes seconds per image)."""
    require_chromium()
    store, paths = imported
    raw = raw_accounts(paths)
    ids, handles = under_threshold(raw, store)
    ds = int(dataset_by_name(store, "all-samples")["dataset_id"])
    names = Pseudonymizer(store, ds, enabled=True, lang="en")
    blobs = cli_exports(capsys, store.path, "all-samples", tmp_path)
    timeline = build_timeline(store, TimelineView([ds], "UTC", "en"), names)
    figures = {"timeline": BundledFigure("timeline", timeline.figure, timeline.data)}
    for kind in KINDS:
        net = cached_network(store, NetworkQuery(ds, kind=kind))
        fig = network_figure(store, net, colour_by="community", tz="UTC", lang="en", names=names)
        figures[kind] = BundledFigure(f"network-{kind}", fig, None)
    blobs.update({f"{f.name} (screen)": f.figure.to_json().encode() for f in figures.values()})
    for chart, extra in (("timeline", []), ("network", ["--kind", "mention"])):
        svg = tmp_path / f"{chart}.svg"
        code, printed = cli(
            capsys, "figure", "all-samples", "--db", str(store.path), "--chart", chart, "--out", str(svg), *extra
        )
        assert code == 0, printed
        blobs[f"figure {chart} {' '.join(extra)}"] = printed + svg.read_bytes()
    blobs["report.zip"] = bundle("Samples", [figures["timeline"], figures["retweet"]], "en", None, names.notice())
    found = leaks(blobs, ids, handles, raw["tags"])
    assert found == [], _context(blobs, found)
    assert b"Privacy mode on" in _unzipped({"z": blobs["report.zip"]})["z/README.md"]
    assert timeline.peaks.empty or "account " in " ".join(timeline.peaks["sentence"])


def _context(blobs: dict[str, bytes], found: list) -> list[str]:
    files = _unzipped(blobs)
    out = []
    for name, what in found[:5]:
        text = files[name].decode("utf-8", errors="replace")
        at = text.find(what)
        out.append(f"{name}: …{text[max(0, at - 150) : at + 60]}…")
    return out


def test_the_three_most_followed_authors_are_shown_by_name(imported, capsys, tmp_path):
    """Among every account the raw files give a follower count for (authors and the accounts they retweet, quote,
    reply to or mention: the importer stores them all since migration 5), limited to those the raw files link to
    another account: the others are in no network, so nowhere to be shown."""
    store, paths = imported
    raw = raw_accounts(paths)
    known = {a: n for a, n in raw["ids"].items() if n is not None and a in raw["linked"]}
    top = sorted(known, key=lambda a: (-known[a], a))[:3]
    assert all(known[a] >= settings.PRIVACY_FOLLOWER_THRESHOLD for a in top)
    ds = int(dataset_by_name(store, "all-samples")["dataset_id"])
    names = Pseudonymizer(store, ds, enabled=True, lang="en")
    for account in top:
        assert names.label(account, raw["handle_of"][account]) == raw["handle_of"][account]
    shown = {}
    for kind in KINDS:
        target = tmp_path / f"top-{kind}.csv"
        assert (
            cli(capsys, "network", "all-samples", "--db", str(store.path), "--kind", kind, "--out", str(target))[0] == 0
        )
        with (tmp_path / f"top-{kind}-nodes.csv").open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                shown.setdefault(row["id"], row["label"])
    present = [a for a in top if a in shown]
    assert len(present) == 3, present
    assert {a: shown[a] for a in present} == {a: raw["handle_of"][a] for a in present}
