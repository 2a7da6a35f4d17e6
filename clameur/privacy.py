"""Privacy mode: the one place that decides what an account is called in everything that leaves Clameur.

An account that is neither in the actor registry nor at or above the follower threshold of its dataset is
shown as a pseudonym, "account 3fa9c21b07" ("compte 3fa9c21b07"), and wherever an id is needed (GEXF and
GraphML node ids, the source/target of edge lists, the ids of `clameur network --json`) as "anon-3fa9c21b07":
its handle and platform id are left out. Hashtags are never masked (see :meth:`Pseudonymizer.for_network`).

Pseudonyms are an HMAC-SHA256 of the account's id (or "@handle" when only a handle is known) under a secret
made once per installation (32 random bytes in ``privacy.key`` next to the database, mode 0600). Without the
key, nobody can recompute a pseudonym from a list of handles; with it, the same account gets the same
pseudonym on every page, in both languages and in every export of this installation, and a different one in
another installation. The code is 10 hex digits (40 bits); the codes of all the accounts of a dataset are
computed together and checked, and accounts whose codes would collide get longer ones, so a pseudonym is
never shared within a dataset.
"""

from __future__ import annotations

import copy
import hmac
import os
import re
import secrets
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from clameur import settings
from clameur.i18n import fmt_int, t
from clameur.store import Store, default_db_path, query

KEY_FILE = "privacy.key"
SECRET_BYTES = 32
CODE_LENGTH = 10  # hex digits of a pseudonym: 40 bits; longer only when two accounts of a dataset collide
ANON_PREFIX = "anon-"  # node ids of masked accounts
HANDLE_IN_TEXT = re.compile(r"(?<![\w@])[@＠](\w{1,30})")


class PrivacyKeyError(ValueError):
    """The installation's key file exists but cannot be used."""

    def __init__(self, path: Path):
        super().__init__(t("privacy.bad_key", "en", path=path))
        self.path = path

    def message(self, lang: str | None) -> str:
        return t("privacy.bad_key", lang, path=self.path)


def key_path(db_path: str | Path | None = None) -> Path:
    """Where the installation's secret lives: beside the database (CLAMEUR_DB or data/clameur.duckdb)."""
    return Path(db_path if db_path is not None else default_db_path()).parent / KEY_FILE


def installation_secret(db_path: str | Path | None = None) -> bytes:
    """The installation's secret, made on first use (32 random bytes, mode 0600, written atomically)."""
    path = key_path(db_path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        data = _create_secret(path)
    if len(data) != SECRET_BYTES:
        raise PrivacyKeyError(path)
    return data


def _create_secret(path: Path) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(secrets.token_bytes(SECRET_BYTES))
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)  # atomic, and refused when another process made the key first: theirs is kept
        except FileExistsError:
            pass
    finally:
        tmp.unlink(missing_ok=True)
    return path.read_bytes()


def account_key(account_id, handle) -> str:
    """What a pseudonym is computed from: the platform id, or "@handle" (lower case) when no id is known."""
    if _given(account_id):
        return str(account_id)
    return "@" + str(handle or "").lstrip("@＠").lower()


def _given(value) -> bool:
    return value is not None and value == value and str(value) != ""  # NaN != NaN


@dataclass
class _Codes:
    """The checked codes of one dataset's accounts: only the colliding ones are kept by key."""

    extended: dict[str, str] = field(default_factory=dict)
    known: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))  # sorted 64-bit digest prefixes


_CODES: OrderedDict = OrderedDict()
_CODES_CACHED = 8

# Every account the dataset names: its accounts table, and every (id, handle) its posts show as author, referenced
# author or mentioned account (roll_handles, kept also when the posts are not), keyed as account_key() does.
_DATASET_KEYS = """
    SELECT DISTINCT k FROM (
        SELECT account_id AS k FROM accounts WHERE dataset_id = $ds
        UNION ALL SELECT coalesce(account_id, '@' || lower(handle)) FROM roll_handles WHERE dataset_id = $ds
    ) WHERE k IS NOT NULL AND k <> '@'"""


def _digest(secret: bytes, key: str) -> bytes:
    return hmac.digest(secret, key.encode("utf-8"), "sha256")


def checked_codes(secret: bytes, keys) -> _Codes:
    """Codes for a set of keys: CODE_LENGTH hex digits, or, for keys whose first CODE_LENGTH digits collide,
    one digit more than they share with any other key of the set (so that no two keys get the same code)."""
    keys = list(dict.fromkeys(str(k) for k in keys))
    base = hmac.new(secret, digestmod="sha256")
    digests = []
    for k in keys:
        h = base.copy()
        h.update(k.encode("utf-8"))
        digests.append(h.digest())
    if not digests:
        return _Codes()
    top = np.frombuffer(b"".join(d[:8] for d in digests), dtype=">u8").astype(np.uint64)
    short = top >> np.uint64(64 - 4 * CODE_LENGTH)
    _, inverse, counts = np.unique(short, return_inverse=True, return_counts=True)
    extended: dict[str, str] = {}
    for group in np.flatnonzero(counts > 1):
        members = np.flatnonzero(inverse == group)
        hexes = {keys[i]: digests[i].hex() for i in members}
        for k, hx in hexes.items():
            shared = max(_common_prefix(hx, other) for o, other in hexes.items() if o != k)
            extended[k] = hx[: max(CODE_LENGTH, shared + 1)]
    return _Codes(extended, np.sort(top))


def _common_prefix(a: str, b: str) -> int:
    return len(os.path.commonprefix([a, b]))


class Pseudonymizer:
    """Decides, per dataset, which accounts keep their handle, and names the others."""

    def __init__(
        self,
        store: Store | None,
        dataset_id: int | None,
        *,
        enabled: bool,
        threshold: int = settings.PRIVACY_FOLLOWER_THRESHOLD,
        lang: str | None = "fr",
        secret: bytes | None = None,
    ):
        self.enabled = enabled
        self.threshold = threshold
        self.lang = lang
        self.store = store
        self.dataset_id = None if dataset_id is None else int(dataset_id)
        self._secret = secret
        self._exempt = False  # hashtag networks: nothing to mask
        self._public_ids: set[str] = set()
        self._public_handles: set[str] = set()
        self._codes: _Codes | None = None
        if enabled and store is not None:
            df = query(
                store,
                """SELECT account_id, lower(handle) AS h FROM accounts
                   WHERE dataset_id = ? AND followers >= ?
                   UNION
                   SELECT account_id, lower(handle) FROM actor_accounts""",
                [-1 if dataset_id is None else int(dataset_id), int(threshold)],
            )
            self._public_ids = {str(x) for x in df["account_id"].dropna()}
            self._public_handles = {str(x) for x in df["h"].dropna()}

    @classmethod
    def off(cls) -> Pseudonymizer:
        return cls(None, None, enabled=False)

    # ---- what is said about the mode
    def rule(self, lang: str | None = None) -> str | None:
        """The rule as printed on figures (None when privacy mode is off)."""
        if not self.enabled:
            return None
        return t("privacy.rule", lang or self.lang, n=fmt_int(self.threshold, lang or self.lang))

    def notice(self, lang: str | None = None) -> str:
        """One sentence for an export's metadata: what is hidden, or that nothing is."""
        lang = lang or self.lang
        if not self.enabled:
            return t("privacy.off_notice", lang)
        return t("privacy.on_notice", lang, n=fmt_int(self.threshold, lang))

    def as_json(self) -> dict:
        """The `privacy` key of the command line's JSON."""
        return {"on": self.enabled, "threshold": self.threshold if self.enabled else None, "notice": self.notice("en")}

    # ---- variants
    def for_network(self, kind: str) -> Pseudonymizer:
        """The names of a network's nodes: a co-hashtag network's nodes are tags, never masked."""
        if kind != "hashtag":
            return self
        exempt = copy.copy(self)
        exempt._exempt = True
        return exempt

    def with_public(self, ids=(), handles=()) -> Pseudonymizer:
        """A copy that also shows these accounts (e.g. the big authors of a file not imported yet)."""
        more = copy.copy(self)
        more._public_ids = self._public_ids | {str(i) for i in ids if _given(i)}
        more._public_handles = self._public_handles | {str(h).lower() for h in handles if _given(h)}
        return more

    # ---- decisions
    def is_public(self, account_id, handle) -> bool:
        return (_given(account_id) and str(account_id) in self._public_ids) or (
            _given(handle) and str(handle).lstrip("@＠").lower() in self._public_handles
        )

    def shown(self, account_id, handle) -> bool:
        """True when the account appears as itself."""
        return not self.enabled or self._exempt or self.is_public(account_id, handle)

    # ---- names
    def code(self, account_id, handle=None) -> str:
        """The checked pseudonym code (hex digits) of an account, whatever the mode."""
        key = account_key(account_id, handle)
        codes = self._dataset_codes()
        if key in codes.extended:
            return codes.extended[key]
        digest = _digest(self._key(), key)
        top = np.uint64(int.from_bytes(digest[:8], "big"))
        known = codes.known
        i = int(np.searchsorted(known, top))
        if i < len(known) and known[i] == top:
            return digest.hex()[:CODE_LENGTH]  # one of the dataset's own accounts, checked when its codes were made
        # An account the dataset does not list (e.g. a handle in a text): longer whenever its short code is taken.
        shift = np.uint64(64 - 4 * CODE_LENGTH)
        lo = int(np.searchsorted(known, (top >> shift) << shift))
        taken = lo < len(known) and (known[lo] >> shift) == (top >> shift)
        return digest.hex() if taken else digest.hex()[:CODE_LENGTH]

    def label(self, account_id, handle) -> str:
        """The name to show: the handle (or id) when allowed, the pseudonym otherwise."""
        if self.shown(account_id, handle):
            return str(handle if _given(handle) else account_id if _given(account_id) else "?")
        return f"{t('privacy.account', self.lang)} {self.code(account_id, handle)}"

    def mention(self, account_id, handle) -> str:
        """As named in a sentence: "@handle", or the pseudonym (without @)."""
        if self.shown(account_id, handle) and _given(handle):
            return "@" + str(handle).lstrip("@＠")
        return self.label(account_id, handle)

    def node_id(self, account_id, handle=None) -> str:
        """The id written in exports: the platform id when shown, "anon-<code>" otherwise."""
        if self.shown(account_id, handle):
            return str(account_id if _given(account_id) else account_key(None, handle))
        return ANON_PREFIX + self.code(account_id, handle)

    def texts(self, texts) -> list:
        """Texts with every "@handle" of a masked account replaced by its pseudonym (None and NaN kept)."""
        texts = list(texts)
        if not self.enabled or self._exempt:
            return texts
        found = {h.lower() for s in texts if isinstance(s, str) for h in HANDLE_IN_TEXT.findall(s)}
        ids = self._ids_of(found)

        def swap(m: re.Match) -> str:
            handle = m.group(1)
            account = ids.get(handle.lower())
            return m.group(0) if self.shown(account, handle) else self.label(account, handle)

        return [HANDLE_IN_TEXT.sub(swap, s) if isinstance(s, str) else s for s in texts]

    # ---- internals
    def _key(self) -> bytes:
        if self._secret is None:
            self._secret = installation_secret(None if self.store is None else self.store.path)
        return self._secret

    def _ids_of(self, handles: set[str]) -> dict[str, str]:
        """The dataset's account ids of these handles, so that a handle in a text gets its account's pseudonym."""
        if not handles or self.store is None or self.dataset_id is None:
            return {}
        df = query(
            self.store,
            """SELECT lower(handle) AS h, min(account_id) AS id FROM accounts
               WHERE dataset_id = ? AND lower(handle) IN (SELECT unnest(?::VARCHAR[])) GROUP BY 1""",
            [self.dataset_id, sorted(handles)],
        )
        return dict(zip(df["h"], df["id"], strict=True))

    def _dataset_codes(self) -> _Codes:
        if self._codes is not None:
            return self._codes
        secret = self._key()
        if self.store is None or self.dataset_id is None:
            self._codes = _Codes()
            return self._codes
        ds = self.dataset_id
        version = query(
            self.store,
            """SELECT (SELECT sum(posts) FROM roll_volume WHERE dataset_id = $ds) AS posts,
                      (SELECT count(*) FROM accounts WHERE dataset_id = $ds) AS accounts,
                      (SELECT count(*) FROM roll_handles WHERE dataset_id = $ds) AS handles,
                      (SELECT max(imported_at) FROM datasets WHERE dataset_id = $ds) AS imported""",
            {"ds": ds},
        ).iloc[0]
        cache_key = (str(self.store.path), ds, tuple(str(v) for v in version), _digest(secret, "cache"))
        if cache_key not in _CODES:
            keys = query(self.store, _DATASET_KEYS, {"ds": ds})["k"].tolist()
            _CODES[cache_key] = checked_codes(secret, keys)
            while len(_CODES) > _CODES_CACHED:
                _CODES.popitem(last=False)
        _CODES.move_to_end(cache_key)
        self._codes = _CODES[cache_key]
        return self._codes
