"""The embedded demo: #BalanceTonTikTokeur (June 2020), its sister campaigns, the real sourced events.

Posts and accounts are synthetic (invented handles; institutional and platform accounts are
labelled stand-ins such as "Secrétariat d'État à l'Égalité (démo)"). The events are real, each with the article
that reports it; hours that no source gives are marked approximate (see clameur.demo.events).
"""

from __future__ import annotations

import re
from datetime import datetime

import pandas as pd

from clameur.demo.campaign import KIND_CODES, CampaignSpec, Special, Wave, generate
from clameur.demo.events import EVENTS as SOURCED_EVENTS
from clameur.reactions.actors import insert_actor
from clameur.reactions.events import insert_event
from clameur.sql import quote_ident
from clameur.store import Store, refresh_derived, transaction

PARIS = "Europe/Paris"
DEMO_SOURCE = "Clameur demo (synthetic stand-in)"

TEXTS_TIKTOKEUR = (
    "Les témoignages se multiplient ce soir, il faut que ça cesse",
    "On vous croit. Parlez-en à un adulte de confiance",
    "Les plateformes doivent protéger les mineurs, pas fermer les yeux",
    "Le numéro 119 existe pour les enfants en danger, partagez-le",
    "Comment une appli pour ados laisse-t-elle faire ça ?",
    "Soutien à toutes les personnes qui osent parler",
    "La modération ne peut pas reposer sur les victimes",
    "Les parents découvrent ce qui se passe en messages privés",
    "Il faut des signalements qui aboutissent vraiment",
    "Ce hashtag montre l'ampleur du problème",
    "Les influenceurs ont une responsabilité envers leur public",
    "Qu'attend la plateforme pour agir ?",
    "Relayez pour que la parole des jeunes soit entendue",
    "Des comptes suspendus, enfin ? Il faut aller plus loin",
    "Éducation au numérique dès le collège, c'est urgent",
    "Le gouvernement doit convoquer les plateformes",
)
TEXTS_YOUTUBEUR = (
    "Après les témoignages, la question de la responsabilité des vidéastes",
    "Les plateformes vidéo doivent écouter les jeunes",
    "Soutien aux personnes qui témoignent",
    "Le signalement doit être simple et suivi d'effet",
    "Un débat nécessaire sur l'influence et le pouvoir",
    "Les marques partenaires doivent aussi réagir",
)
TEXTS_PORC = (
    "La parole se libère, partout, dans tous les milieux",
    "Le harcèlement au travail n'est pas une fatalité",
    "Soutien à celles qui parlent",
    "Il faut changer la loi et les pratiques",
    "Ce mouvement montre l'ampleur du problème",
    "Écouter, croire, agir",
)
TEXTS_TIKTOK = (
    "Vidéo de sensibilisation : comment signaler un compte",
    "On parle de la sécurité des ados sur les applis",
    "Rappel : personne n'a le droit de te faire du chantage",
    "Témoigner, c'est courageux. Ressources en description",
    "Les bons réflexes en messages privés",
)

MINISTER = Special(
    handle="secretariat_egalite_demo",
    name="Secrétariat d'État à l'Égalité (démo)",
    followers=420_000,
    at_h=16.5,
    virality=6.0,
    mention_share=0.10,
    text="Je demande à TikTok une réunion immédiate : la protection des mineurs n'est pas négociable",
)
TIKTOK_FR = Special(
    handle="tiktok_france_demo",
    name="TikTok France (démo)",
    followers=310_000,
    at_h=27.0,
    virality=1.5,
    mention_share=0.08,
    text="Nous condamnons ces comportements ; notre modération est constamment renforcée",
)
MEDIA_A = Special(
    handle="quotidien_national_demo",
    name="Quotidien national (démo)",
    followers=900_000,
    at_h=13.0,
    virality=0.8,
    text="Le hashtag s'installe en tête des tendances, des centaines de témoignages",
)
MEDIA_B = Special(
    handle="radio_info_demo",
    name="Radio d'information (démo)",
    followers=650_000,
    at_h=20.0,
    virality=0.5,
    text="La secrétaire d'État réclame une réunion avec la plateforme",
)
TWITCH = Special(handle="twitch_demo", name="Twitch (démo)", followers=150_000)


def _utc(local: str) -> datetime:
    """A Paris wall-clock time ('2020-06-17 18:00') as naive UTC."""
    ts = pd.Timestamp(local).tz_localize(PARIS).tz_convert("UTC")
    return ts.tz_localize(None).to_pydatetime()


def tiktokeur_spec(posts: int | None = None, seed: int = 2020) -> CampaignSpec:
    """#BalanceTonTikTokeur: launch 17 June 2020 18:00 Paris; ~20,000 posts in the first 24 h."""
    return CampaignSpec(
        name="balancetontiktokeur",
        tag="BalanceTonTikTokeur",
        launch_utc=_utc("2020-06-17 18:00"),
        days=14,
        posts=posts or 29_450,
        tz_offset_h=2,
        burst_decay_h=7.0,
        tail_height=0.045,
        tail_decay_h=70.0,
        waves=[
            Wave(at_h=16.5, height=0.55, decay_h=7.0, rise_h=1.5),  # the minister's demand
            Wave(at_h=27.0, height=0.12, decay_h=6.0),  # TikTok's statement
            Wave(at_h=283.0, height=0.05, decay_h=10.0),
        ],  # the 29 June meeting
        co_tags=(
            ("TikTok", 0.16),
            ("BalanceTonYoutubeur", 0.05),
            ("MeToo", 0.04),
            ("BalanceTonPorc", 0.025),
            ("ProtegeonsNosEnfants", 0.03),
            ("Harcèlement", 0.03),
            ("ProtectionDesMineurs", 0.02),
        ),
        specials=[MINISTER, TIKTOK_FR, MEDIA_A, MEDIA_B, TWITCH],
        texts=TEXTS_TIKTOKEUR,
        seed=seed,
    )


def youtubeur_spec() -> CampaignSpec:
    return CampaignSpec(
        name="balancetonyoutubeur",
        tag="BalanceTonYoutubeur",
        launch_utc=_utc("2020-06-10 21:00"),
        days=12,
        posts=7_000,
        burst_decay_h=10.0,
        tail_height=0.06,
        waves=[Wave(at_h=40.0, height=0.25, decay_h=8.0)],
        co_tags=(("YouTube", 0.15), ("MeToo", 0.05), ("BalanceTonTikTokeur", 0.03)),
        specials=[MEDIA_A],
        texts=TEXTS_YOUTUBEUR,
        seed=2021,
    )


def porc_spec() -> CampaignSpec:
    return CampaignSpec(
        name="balancetonporc",
        tag="BalanceTonPorc",
        launch_utc=_utc("2017-10-13 20:00"),
        days=14,
        posts=15_000,
        burst_decay_h=16.0,
        tail_height=0.1,
        tail_decay_h=120.0,
        waves=[Wave(at_h=60.0, height=0.3, decay_h=20.0)],
        co_tags=(("MeToo", 0.22), ("Harcèlement", 0.06), ("Féminisme", 0.04)),
        specials=[MEDIA_A],
        texts=TEXTS_PORC,
        seed=2017,
    )


def tiktok_side_spec() -> CampaignSpec:
    return CampaignSpec(
        name="balancetontiktokeur-tiktok",
        tag="BalanceTonTikTokeur",
        platform="tiktok",
        launch_utc=_utc("2020-06-18 12:00"),
        days=14,
        posts=420,
        burst_decay_h=30.0,
        tail_height=0.2,
        kind_shares=(1.0, 0.0, 0.0, 0.0),
        accounts_per_post=0.8,
        co_tags=(("TikTok", 0.3), ("Prévention", 0.2), ("PourToi", 0.4)),
        specials=[],
        texts=TEXTS_TIKTOK,
        seed=2022,
    )


def demo_specs() -> list[CampaignSpec]:
    return [tiktokeur_spec(), youtubeur_spec(), porc_spec(), tiktok_side_spec()]


def _dataset_row(cur, spec: CampaignSpec, n: int, synthetic_note: str) -> int:
    return int(
        cur.execute(
            """INSERT INTO datasets (name, platforms, source_format, imported_at, rows_read, rows_loaded,
                                 notes, synthetic, timezone, hashtag, campaign)
           VALUES (?, ?, 'clameur-demo', now()::TIMESTAMP, ?, ?, ?, TRUE, ?, ?, ?) RETURNING dataset_id""",
            [spec.name, spec.platform, n, n, synthetic_note, PARIS, spec.tag.casefold(), f"#{spec.tag}"],
        ).fetchone()[0]
    )


def _run(cur, sql: str, params: dict) -> None:
    """Execute with only the named parameters the statement uses (DuckDB refuses extra ones)."""
    used = set(re.findall(r"\$(\w+)", sql))
    cur.execute(sql, {k: v for k, v in params.items() if k in used})


def insert_campaign(cur, spec: CampaignSpec, dataset_id: int) -> int:
    """Materialise a generated campaign into the store's tables (inside the caller's transaction)."""
    frames = generate(spec)
    cur.register("gen_posts", frames["posts"])
    cur.register("gen_accounts", frames["accounts"])
    params = {
        "ds": dataset_id,
        "platform": spec.platform,
        "launch": spec.launch_utc,
        "texts": list(spec.texts) or ["#" + spec.tag],
        "special_texts": [s.text for s in spec.specials] or [""],
        "co_display": [t for t, _ in spec.co_tags] or ["-"],
        "co_norm": [t.casefold() for t, _ in spec.co_tags] or ["-"],
        "main": spec.tag,
        "main_norm": spec.tag.casefold(),
        "kinds": list(KIND_CODES),
    }
    _run(
        cur,
        """CREATE OR REPLACE TEMP TABLE gen_full AS
           WITH base AS (
             SELECT p.*, a.account_id::VARCHAR AS author_id, a.handle AS author_handle,
                    $launch::TIMESTAMP + to_microseconds(CAST(p.seconds * 1e6 AS BIGINT)) AS created_at,
                    CASE WHEN p.special_text >= 0 THEN $special_texts[p.special_text + 1]
                         ELSE $texts[p.text_id + 1] END AS base_text,
                    [$main_norm] || list_filter($co_norm, lambda x, i: ((p.mask >> (i - 1)) & 1) = 1) AS tags,
                    '#' || $main || coalesce(list_aggregate(list_transform(
                        list_filter($co_display, lambda x, i: ((p.mask >> (i - 1)) & 1) = 1), lambda x: ' #' || x),
                        'string_agg', ''), '') AS tag_text
             FROM gen_posts p JOIN gen_accounts a ON a.idx = p.author)
           SELECT b.*, r.post_id AS ref_pid, r.author_id AS ref_aid, r.author_handle AS ref_handle,
                  r.base_text AS ref_text, r.tag_text AS ref_tag_text
           FROM base b LEFT JOIN base r ON r.idx = b.ref""",
        params,
    )
    _run(
        cur,
        """INSERT INTO posts
           WITH counts AS (
             SELECT ref, count(*) FILTER (WHERE kind = 1) AS rts, count(*) FILTER (WHERE kind = 2) AS qts,
                    count(*) FILTER (WHERE kind = 3) AS rps
             FROM gen_posts WHERE ref >= 0 GROUP BY ref)
           SELECT $ds, $platform, g.post_id::VARCHAR, g.created_at, g.author_id, g.author_handle,
                  CASE g.kind WHEN 1 THEN 'RT @' || g.ref_handle || ': ' || g.ref_text || ' ' || g.ref_tag_text
                              WHEN 3 THEN '@' || g.ref_handle || ' ' || g.base_text || ' ' || g.tag_text
                              ELSE g.base_text || ' ' || g.tag_text END,
                  'fr', $kinds[g.kind + 1],
                  CASE WHEN g.kind > 0 THEN g.ref_pid::VARCHAR END,
                  CASE WHEN g.kind > 0 THEN g.ref_aid END,
                  CASE WHEN g.kind > 0 THEN g.ref_handle END,
                  CASE WHEN g.kind = 3 THEN g.ref_pid::VARCHAR END,
                  CASE WHEN g.kind = 2 THEN g.ref_pid::VARCHAR END,
                  CASE WHEN g.kind = 1 THEN 0 ELSE coalesce(c.rts, 0) END,
                  CASE WHEN g.kind = 1 THEN 0 ELSE coalesce(c.rts, 0) * 3 + g.idx % 4 END,
                  CASE WHEN g.kind = 1 THEN 0 ELSE coalesce(c.rps, 0) END,
                  CASE WHEN g.kind = 1 THEN 0 ELSE coalesce(c.qts, 0) END,
                  NULL, g.idx + 1
           FROM gen_full g LEFT JOIN counts c ON c.ref = g.idx
           ORDER BY g.created_at""",
        params,
    )
    _run(
        cur,
        """INSERT INTO post_hashtags
           SELECT $ds, post_id::VARCHAR, unnest(list_distinct(CASE WHEN kind = 1 THEN
                      [$main_norm] || list_filter($co_norm, lambda x, i: ((mask >> (i - 1)) & 1) = 1) ELSE tags END)),
                  created_at, $kinds[kind + 1], author_id
           FROM gen_full""",
        params,
    )
    _run(
        cur,
        """INSERT INTO post_mentions
           SELECT $ds, g.post_id::VARCHAR, g.author_id, g.ref_aid, g.ref_handle, g.created_at, $kinds[g.kind + 1]
           FROM gen_full g WHERE g.kind IN (1, 3)
           UNION ALL
           SELECT $ds, g.post_id::VARCHAR, g.author_id, a.account_id::VARCHAR, a.handle, g.created_at,
                  $kinds[g.kind + 1]
           FROM gen_full g JOIN gen_accounts a ON a.idx = g.mention_special WHERE g.mention_special >= 0""",
        params,
    )
    _run(
        cur,
        """INSERT INTO accounts
           SELECT $ds, $platform, a.account_id::VARCHAR, a.handle, a.name, a.followers, a.followers > 100000,
                  NULL, NULL
           FROM gen_accounts a
           WHERE a.idx IN (SELECT author FROM gen_posts UNION SELECT p.author FROM gen_posts p
                           JOIN gen_posts q ON q.ref = p.idx)""",
        params,
    )
    cur.unregister("gen_posts")
    cur.unregister("gen_accounts")
    cur.execute("DROP TABLE gen_full")
    refresh_derived(cur, dataset_id)
    return len(frames["posts"])


def demo_events(tiktokeur_id: int) -> list[dict]:
    """The real events of the campaign, each with its article (see clameur.demo.events): hours that no source
    gives are marked approximate."""
    from datetime import date

    return [
        {
            "dataset_id": tiktokeur_id,
            "event_type": e["event_type"],
            "platform": e.get("platform"),
            "starts_at": _utc(e["at"]),
            "ends_at": None,
            "time_approximate": e["approximate"],
            "title_fr": e["title_fr"],
            "title_en": e["title_en"],
            "description_fr": e["description_fr"],
            "description_en": e["description_en"],
            "actor_name_fr": e.get("actor_fr"),
            "actor_name_en": e.get("actor_en"),
            "source_url": e["url"],
            "source_outlet": e["outlet"],
            "source_date": date.fromisoformat(e["date"]),
            "source_quote": e["quote"],
            "confidence": e["confidence"],
            "status": e.get("status"),
            "synthetic": False,
        }
        for e in SOURCED_EVENTS
    ]


def demo_actors() -> list[dict]:
    def acc(s: Special) -> list[dict]:
        return [{"platform": "x", "handle": s.handle}]

    def texts(name_en: str, stands_for_fr: str, stands_for_en: str) -> dict:
        return {
            "name_en": name_en,
            "description_fr": f"Compte inventé de la démo, qui tient lieu {stands_for_fr} ; pas un vrai compte.",
            "description_en": f"An invented demo account standing in for {stands_for_en}; not a real account.",
        }

    return [
        {
            "name": MINISTER.name,
            "category": "government",
            "country": "FR",
            "accounts": acc(MINISTER),
            "texts": texts(
                "Secretariat of State for Equality (demo)",
                "du secrétariat d'État à l'Égalité",
                "the French secretariat of state for equality",
            ),
        },
        {
            "name": TIKTOK_FR.name,
            "category": "platform",
            "country": "FR",
            "accounts": acc(TIKTOK_FR) + [{"platform": "tiktok", "handle": "tiktok_france_demo"}],
            "texts": texts("TikTok France (demo)", "de TikTok France", "TikTok France"),
        },
        {
            "name": TWITCH.name,
            "category": "platform",
            "country": "US",
            "accounts": acc(TWITCH),
            "texts": texts("Twitch (demo)", "de Twitch", "Twitch"),
        },
        {
            "name": MEDIA_A.name,
            "category": "media",
            "country": "FR",
            "accounts": acc(MEDIA_A),
            "texts": texts("National daily (demo)", "d'un quotidien national", "a national daily"),
        },
        {
            "name": MEDIA_B.name,
            "category": "media",
            "country": "FR",
            "accounts": acc(MEDIA_B),
            "texts": texts("News radio (demo)", "d'une radio d'information", "a news radio"),
        },
    ]


SYNTHETIC_NOTE = (
    "Synthetic demo: invented accounts and posts shaped on the public story of the campaign; "
    "institutional and platform accounts are labelled stand-ins. The events are real: each names the article "
    "that reports it (address, outlet, date, a short quote); hours that no source gives are marked approximate, "
    "and where outlets disagree the event has lower confidence and names them."
)


def build_demo(store: Store, specs: list[CampaignSpec] | None = None) -> list[int]:
    """Load the demo datasets, their events and the stand-in actors, in one transaction."""
    ids = []
    with transaction(store) as cur:
        names = [s.name for s in (specs or demo_specs())]
        existing = cur.execute("SELECT name FROM datasets WHERE name IN (SELECT unnest(?))", [names]).fetchall()
        if existing:
            raise ValueError(f"The demo datasets already exist ({', '.join(r[0] for r in existing)}).")
        for spec in specs or demo_specs():
            dataset_id = _dataset_row(cur, spec, 0, SYNTHETIC_NOTE)
            n = insert_campaign(cur, spec, dataset_id)
            cur.execute("UPDATE datasets SET rows_read = ?, rows_loaded = ? WHERE dataset_id = ?", [n, n, dataset_id])
            ids.append(dataset_id)
        known = {r[0] for r in cur.execute("SELECT name FROM actors").fetchall()}
        for actor in demo_actors():
            if actor["name"] not in known:
                insert_actor(
                    cur,
                    actor["name"],
                    actor["category"],
                    country=actor["country"],
                    source=DEMO_SOURCE,
                    synthetic=True,
                    accounts=actor["accounts"],
                    texts={"name_fr": actor["name"], **actor["texts"]},
                )
        for event in demo_events(ids[0]):
            insert_event(cur, event)
    return ids


# The titles the demo's events had before each was checked against its article, in their order: a database whose
# demo was built then gets the checked events in their place (same ids), without a rebuild.
UNCHECKED_TITLES = (
    "Hashtag launched on X",
    "More than 20,000 tweets in 24 hours",
    "Schiappa demands an immediate meeting with TikTok",
    "TikTok condemns, says moderation is reinforced",
    "Twitch statement (comparator)",
    "Twitch bans accused streamers (comparator)",
    "Meeting at the ministry",
    "TikTok: suspensions only for on-platform violations",
)
CHECKED_FOR = (0, 1, 2, 4, 5, 6, 7, 8)  # which of demo_events() replaces each of them; the others are added


def refresh_demo_events(store: Store) -> int:
    """Bring a demo built by an earlier Clameur up to date: its unchecked events become the sourced ones (the same
    ids), the ones it lacked are added, the note and the stand-ins' bilingual texts are set. Events a user added
    are left alone. Returns how many events were written (0 when there was nothing to do)."""
    from clameur.reactions.events import EVENT_COLUMNS, validate_event

    cur = store.cursor()
    rows = cur.execute(
        "SELECT dataset_id FROM datasets WHERE source_format = 'clameur-demo' AND name = ? AND notes <> ?",
        [tiktokeur_spec().name, SYNTHETIC_NOTE],
    ).fetchall()
    if not rows:
        return 0
    dataset_id = int(rows[0][0])
    written = 0
    with transaction(store) as tx:
        old = dict(
            tx.execute(
                "SELECT title, event_id FROM events WHERE dataset_id = ? AND title IN (SELECT unnest(?))",
                [dataset_id, list(UNCHECKED_TITLES)],
            ).fetchall()
        )
        checked = demo_events(dataset_id)
        sets = ", ".join(f"{quote_ident(k)} = ?" for k in EVENT_COLUMNS)
        for title, index in zip(UNCHECKED_TITLES, CHECKED_FOR, strict=True):
            if title in old:
                clean = validate_event(checked[index])
                tx.execute(
                    f"UPDATE events SET {sets} WHERE event_id = ?",  # noqa: S608 (fixed column names)
                    [clean[k] for k in EVENT_COLUMNS] + [old[title]],
                )
                written += 1
        for index in sorted(set(range(len(checked))) - set(CHECKED_FOR)):
            insert_event(tx, checked[index])
            written += 1
        tx.execute("UPDATE datasets SET notes = ? WHERE source_format = 'clameur-demo' AND synthetic", [SYNTHETIC_NOTE])
        for actor in demo_actors():
            texts = {"name_fr": actor["name"], **actor["texts"]}
            tx.execute(
                "UPDATE actors SET name_fr = ?, name_en = ?, description_fr = ?, description_en = ? "
                "WHERE name = ? AND synthetic AND name_en IS NULL",
                [texts["name_fr"], texts["name_en"], texts["description_fr"], texts["description_en"], actor["name"]],
            )
    return written


def load_campaign(store: Store, name: str, n_posts: int, seed: int = 2020) -> int:
    """Load a #BalanceTonTikTokeur-shaped campaign of ``n_posts`` posts (benchmarks, scaling tests)."""
    spec = tiktokeur_spec(posts=n_posts, seed=seed)
    spec.name = name
    with transaction(store) as cur:
        dataset_id = _dataset_row(cur, spec, n_posts, SYNTHETIC_NOTE)
        insert_campaign(cur, spec, dataset_id)
        for event in demo_events(dataset_id):
            insert_event(cur, event)
    return dataset_id


def rebuild_demo(store: Store) -> list[int]:
    """Replace the demo datasets (and the demo's events) with freshly generated ones."""
    from clameur.store import delete_dataset

    for spec in demo_specs():
        row = store.cursor().execute("SELECT dataset_id FROM datasets WHERE name = ?", [spec.name]).fetchone()
        if row:
            delete_dataset(store, row[0])
    return build_demo(store)
