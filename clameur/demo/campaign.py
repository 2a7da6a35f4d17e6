"""Synthetic campaign generator: seeded, vectorised (numpy for the random draws, DuckDB for the rows).

A campaign is an intensity curve over time (launch burst, later waves, slow fade) modulated by a
day/night cycle; posts are drawn from it, their authors from a heavy-tailed activity law, and the
posts that retweets, quotes and replies point to from a heavy-tailed popularity law with a recency
bias. Texts are short French sentences about the campaign itself (no testimony is reproduced).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
import pandas as pd

KIND_CODES = ("original", "retweet", "quote", "reply")
TWITTER_EPOCH_MS = 1288834974657

# Hour-of-day activity (local time), 0h..23h: a night trough and an evening high.
DAY_PROFILE = np.array(
    [
        0.55,
        0.35,
        0.22,
        0.15,
        0.12,
        0.14,
        0.25,
        0.45,
        0.65,
        0.75,
        0.8,
        0.85,
        0.9,
        0.88,
        0.85,
        0.85,
        0.9,
        0.95,
        1.0,
        1.0,
        1.0,
        0.98,
        0.9,
        0.75,
    ]
)

SYLLABLES = (
    "ka",
    "lo",
    "mi",
    "ra",
    "zu",
    "ne",
    "vo",
    "li",
    "sa",
    "te",
    "po",
    "ri",
    "ba",
    "du",
    "fe",
    "gi",
    "jo",
    "ma",
    "nu",
    "pe",
    "so",
    "ti",
    "va",
    "xe",
    "ya",
    "zo",
    "cha",
    "lou",
    "mar",
    "nel",
)


@dataclass
class Wave:
    at_h: float  # hours after launch
    height: float  # relative to the launch burst
    decay_h: float  # e-folding time
    rise_h: float = 1.0


@dataclass
class Special:
    """A labelled stand-in account (institution, platform, media) that posts at a given time."""

    handle: str
    name: str
    followers: int
    at_h: float | None = None  # when it posts its one campaign post (None: never)
    text: str = ""
    virality: float = 0.0  # how much more likely its post is to be retweeted
    mention_share: float = 0.0  # share of later originals that mention it


@dataclass
class CampaignSpec:
    name: str
    tag: str  # display form, e.g. "BalanceTonTikTokeur"
    launch_utc: datetime
    days: float
    posts: int
    platform: str = "x"
    tz_offset_h: float = 2.0  # local offset used for the day/night cycle
    burst_decay_h: float = 9.0
    tail_decay_h: float = 80.0
    tail_height: float = 0.08
    waves: list[Wave] = field(default_factory=list)
    kind_shares: tuple[float, float, float, float] = (0.24, 0.60, 0.06, 0.10)
    co_tags: tuple[tuple[str, float], ...] = ()
    specials: list[Special] = field(default_factory=list)
    accounts_per_post: float = 0.32
    seed: int = 2020
    texts: tuple[str, ...] = ()


def intensity(spec: CampaignSpec, minutes: np.ndarray) -> np.ndarray:
    """Relative posting intensity for each minute since launch."""
    h = minutes / 60.0
    lam = np.exp(-h / spec.burst_decay_h) * np.clip(h / 0.75, 0.05, 1.0)
    lam += spec.tail_height * np.exp(-h / spec.tail_decay_h)
    for w in spec.waves:
        dt = h - w.at_h
        lam += np.where(dt >= 0, w.height * np.clip(dt / w.rise_h, 0, 1) * np.exp(-dt / w.decay_h), 0.0)
    launch_local = spec.launch_utc + timedelta(hours=spec.tz_offset_h)
    local_hour = ((launch_local.hour + launch_local.minute / 60.0 + h) % 24).astype(int)
    return lam * DAY_PROFILE[local_hour]


def handles(rng: np.random.Generator, n: int) -> np.ndarray:
    """Invented, pronounceable handles with digits (clearly nobody's name)."""
    syl = np.array(SYLLABLES)
    a = syl[rng.integers(0, len(syl), n)]
    b = syl[rng.integers(0, len(syl), n)]
    c = syl[rng.integers(0, len(syl), n)]
    digits = rng.integers(10, 9999, n).astype(str)
    sep = np.where(rng.random(n) < 0.5, "_", "")
    out = np.char.add(np.char.add(np.char.add(np.char.add(a, b), c), sep), digits)
    # make them unique by appending the index where needed
    _, first = np.unique(out, return_index=True)
    dup = np.ones(n, dtype=bool)
    dup[first] = False
    out[dup] = np.char.add(out[dup], np.arange(n)[dup].astype(str))
    return out


def generate(spec: CampaignSpec) -> dict[str, pd.DataFrame]:
    """Draw a campaign: frames ``posts`` (one row per post, numeric codes) and ``accounts``."""
    rng = np.random.default_rng(spec.seed)
    n = int(spec.posts)
    total_min = int(spec.days * 24 * 60)
    lam = intensity(spec, np.arange(total_min, dtype=float))
    per_min = rng.multinomial(n, lam / lam.sum())
    minute = np.repeat(np.arange(total_min), per_min)
    seconds = minute * 60.0 + rng.random(n) * 60.0
    seconds.sort()
    seconds[0] = 0.0  # the first post is the launch

    # accounts: regular ones (heavy-tailed activity and popularity), then the labelled stand-ins
    n_acc = max(50, int(n * spec.accounts_per_post))
    activity = rng.pareto(1.3, n_acc) + 1.0
    popularity = (rng.pareto(1.1, n_acc) + 1.0) ** 1.6
    followers = np.minimum((rng.lognormal(5.0, 1.6, n_acc) * np.sqrt(popularity)).astype(np.int64), 2_000_000)
    acc_handles = handles(rng, n_acc)
    acc_names = np.char.capitalize(np.char.rstrip(acc_handles, "0123456789_"))

    kinds = rng.choice(4, size=n, p=np.array(spec.kind_shares) / sum(spec.kind_shares))
    kinds[0] = 0
    author = rng.choice(n_acc, size=n, p=activity / activity.sum())
    author[0] = int(np.argmax(activity))

    specials_idx = [n_acc + j for j in range(len(spec.specials))]
    if spec.specials:
        acc_handles = np.concatenate([acc_handles, [s.handle for s in spec.specials]])
        acc_names = np.concatenate([acc_names, [s.name for s in spec.specials]])
        followers = np.concatenate([followers, [s.followers for s in spec.specials]])
        popularity = np.concatenate([popularity, np.ones(len(spec.specials))])
    # the stand-ins' own posts: originals at their time, with their text
    special_text = np.full(n, -1)
    for j, s in enumerate(spec.specials):
        if s.at_h is None:
            continue
        i = int(np.searchsorted(seconds, s.at_h * 3600.0))
        i = min(i, n - 1)
        kinds[i] = 0
        author[i] = specials_idx[j]
        special_text[i] = j

    # virality of originals: the author's popularity times a per-post lognormal draw
    is_orig = kinds == 0
    virality = popularity[author] * rng.lognormal(0.0, 1.0, n)
    typical = float(np.quantile(virality[is_orig], 0.999))  # specials: relative to the most viral posts
    for j, s in enumerate(spec.specials):
        if s.virality:
            virality[special_text == j] = s.virality * typical
    virality = np.where(is_orig, virality, 0.0)
    # recency bias: p(target i | time t) ∝ v_i exp((t_i - t)/tau) factorises into v_i exp(t_i/tau)
    tau = 10 * 3600.0
    weight = virality * np.exp((seconds - seconds[-1]) / tau)  # relative to the end: no overflow
    cum = np.cumsum(weight)
    prefix = np.searchsorted(seconds, seconds, side="left")  # originals strictly before
    ref = np.full(n, -1, dtype=np.int64)
    needs = (kinds != 0) & (prefix > 0)
    pre_w = np.where(prefix > 0, cum[np.maximum(prefix - 1, 0)], 0.0)
    needs &= pre_w > 0
    u = rng.random(n) * pre_w
    ref[needs] = np.minimum(np.searchsorted(cum, u[needs], side="right"), prefix[needs] - 1)
    # a post with nothing to point to becomes an original
    kinds[(kinds != 0) & (ref < 0)] = 0
    ref[kinds == 0] = -1
    # no self-retweets in the demo: move them to the next account
    ref_author = np.where(ref >= 0, author[np.maximum(ref, 0)], -1)
    self_ref = (ref_author == author) & (kinds == 1)
    author[self_ref] = (author[self_ref] + 1) % n_acc

    # co-hashtags: a bitmask per original; retweets and quotes inherit their original's tags
    mask = np.zeros(n, dtype=np.int64)
    for k, (_, share) in enumerate(spec.co_tags):
        mask |= (rng.random(n) < share).astype(np.int64) << k
    mask = np.where(kinds == 1, mask[np.maximum(ref, 0)], mask)
    text_id = rng.integers(0, max(1, len(spec.texts)), n)
    text_id = np.where(kinds == 1, text_id[np.maximum(ref, 0)], text_id)
    mention_special = np.full(n, -1)
    for j, s in enumerate(spec.specials):
        if s.mention_share and s.at_h is not None:
            pick = (kinds == 0) & (seconds >= s.at_h * 3600.0) & (rng.random(n) < s.mention_share)
            mention_special[pick & (special_text < 0)] = specials_idx[j]

    ms = (spec.launch_utc - datetime(1970, 1, 1)).total_seconds() * 1000 + seconds * 1000
    post_id = ((ms.astype(np.int64) - TWITTER_EPOCH_MS) << 22) + (np.arange(n) % 4096)
    posts = pd.DataFrame(
        {
            "idx": np.arange(n),
            "post_id": post_id,
            "seconds": seconds,
            "kind": kinds.astype(np.int8),
            "author": author,
            "ref": ref,
            "mask": mask,
            "text_id": text_id,
            "special_text": special_text,
            "mention_special": mention_special,
        }
    )
    accounts = pd.DataFrame(
        {
            "idx": np.arange(len(acc_handles)),
            "account_id": (10_000_000 + np.arange(len(acc_handles)) * 7_919 + spec.seed).astype(np.int64),
            "handle": acc_handles,
            "name": acc_names,
            "followers": followers.astype(np.int64),
        }
    )
    return {"posts": posts, "accounts": accounts}
