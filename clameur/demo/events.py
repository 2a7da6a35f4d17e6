"""The real events of #BalanceTonTikTokeur (June 2020) shown on the demo, each with the article that reports it.

Every event names the article itself (its address, outlet and date) and a short quote from it, in its own language,
that supports the event. Only what could be read in the article is quoted. Times are Paris wall-clock times. Where
the source gives no hour, or only a rough one ("aux alentours de 18h", "ce jeudi matin"), ``approximate`` is set and
the hour is shown as approximate; the description says what the source gives. Where outlets disagree (the first
day's tweet counts), the event has low confidence and its description names them.

Checked against the stored copies of the articles; see each description for what could not be read.
"""

from __future__ import annotations

HUFFPOST_LAUNCH = (
    "https://www.huffingtonpost.fr/medias/article/"
    "balancetontiktokeur-tiktok-face-au-chantage-et-aux-violences-sexuelles_166028.html"
)
CNEWS = (
    "https://www.cnews.fr/vie-numerique/2020-06-18/"
    "tiktok-les-pratiques-de-certains-influenceurs-denoncees-sur-twitter-969284"
)
RTL = "https://www.rtl.fr/actu/debats-societe/tiktok-pourquoi-ce-reseau-social-pose-t-il-probleme-7800642796"
VINGT_MINUTES = (
    "https://www.20minutes.fr/high-tech/"
    "2803947-20200620-veux-voir-nue-balancetontiktokeur-jeunes-femmes-denoncent-harcelement-sexuel-tiktok"
)
TWITCH_BLOG = "https://blog.twitch.tv/en/2020/06/24/an-update-to-our-community/"
COMICBOOK = "https://comicbook.com/gaming/news/twitch-blackout-sexual-abuse-harassment-accusations-streamers-banned/"
HUFFPOST_MEETING = (
    "https://www.huffingtonpost.fr/entry/"
    "schiappa-met-la-pression-sur-tiktok-et-appelle-la-direction-a-des-mesures-drastiques_fr_5efb0497c5b6acab28469037"
)
BFM = (
    "https://www.bfmtv.com/tech/"
    "marlene-schiappa-convoque-tik-tok-a-la-suite-du-mouvement-balancetontiktokeur_AN-202007010202.html"
)

# In the order they are stored (their ids): the first three keep ids 1–3 (launch, first volume, the minister's
# demand), which the command line and the docs refer to.
EVENTS: list[dict] = [
    {
        "at": "2020-06-17 18:00",
        "approximate": True,
        "event_type": "campaign_start",
        "actor_fr": "une internaute (@dilxgx)",
        "actor_en": "a private user (@dilxgx)",
        "title_fr": "Lancement du hashtag sur Twitter",
        "title_en": "Hashtag launched on Twitter",
        "description_fr": (
            "Une internaute lance #BalanceTonTikTokeur pour dénoncer le chantage et les violences sexuelles de "
            "créateurs TikTok envers des mineures. Le HuffPost situe son tweet le mercredi 17 juin « aux alentours "
            "de 18h » ; Yahoo Actualités dit « aux alentours de 18 heures » : l'heure est approximative."
        ),
        "description_en": (
            "A private user launches #BalanceTonTikTokeur to denounce blackmail and sexual violence by TikTok "
            "creators against minors. Le HuffPost dates her tweet Wednesday 17 June 'around 6 pm'; Yahoo Actualités "
            "says the same: the hour is approximate."
        ),
        "url": HUFFPOST_LAUNCH,
        "outlet": "Le HuffPost",
        "date": "2020-06-18",
        "quote": (
            "Tout a commencé ce mercredi soir, aux alentours de 18h, avec le tweet d’une internaute nommée @dilxgx "
            "à l'initiative du mouvement."
        ),
        "confidence": "high",
    },
    {
        "at": "2020-06-18 09:00",
        "approximate": True,
        "event_type": "volume_milestone",
        "title_fr": "Plus de 20 000 tweets dès le jeudi matin (Le HuffPost)",
        "title_en": "More than 20,000 tweets by Thursday morning (Le HuffPost)",
        "description_fr": (
            "Le HuffPost (18 juin) compte plus de 20 000 tweets « ce jeudi matin », sans heure ; Yahoo Actualités "
            "donne le même chiffre, et le Journal du Geek (19 juin) « plus de 20 000 tweets » en 24 heures, d'après "
            "01net. Infobébés écrit « plus de 25 000 tweets en quelques heures ». Des chiffres plus élevés ont été "
            "donnés plus tard dans la journée (voir l'événement de 15 h)."
        ),
        "description_en": (
            "Le HuffPost (18 June) counts more than 20,000 tweets 'this Thursday morning', with no hour; Yahoo "
            "Actualités gives the same figure, and Journal du Geek (19 June) 'more than 20,000 tweets' in 24 hours, "
            "citing 01net. Infobébés writes 'more than 25,000 tweets in a few hours'. Higher figures were given later "
            "that day (see the 15:00 event)."
        ),
        "url": HUFFPOST_LAUNCH,
        "outlet": "Le HuffPost",
        "date": "2020-06-18",
        "quote": "Ce jeudi matin, plus de 20.000 tweets alimentent déjà le hashtag #Balancetontiktokeur",
        "confidence": "medium",
    },
    {
        "at": "2020-06-18 10:30",
        "approximate": True,
        "event_type": "institutional_reaction",
        "actor_fr": "Marlène Schiappa, secrétaire d'État à l'Égalité",
        "actor_en": "Marlène Schiappa, French junior minister for equality",
        "title_fr": "Marlène Schiappa demande un rendez-vous immédiat avec TikTok",
        "title_en": "Schiappa demands an immediate meeting with TikTok",
        "description_fr": (
            "La secrétaire d'État tweete sa demande d'un rendez-vous immédiat avec TikTok. RTL (article du 30 juin, "
            "d'après son texte) la date du lendemain du lancement, soit le 18 juin, sans heure ; aucune source "
            "lue ne donne l'heure du tweet : la démo le place vers 10 h 30. Le Journal du Geek (19 juin) "
            "rapporte aussi sa réaction."
        ),
        "description_en": (
            "The minister tweets her demand for an immediate meeting with TikTok. RTL (article of 30 June, going by "
            "its text) dates it the day after the launch, 18 June, with no hour; no source read gives the "
            "tweet's hour: the demo places it at about 10:30. Journal du Geek (19 June) also reports her reaction."
        ),
        "url": RTL,
        "outlet": "RTL",
        "date": "2020-06-30",
        "quote": (
            'Le lendemain de la création du hashtag, Marlène Schiappa réagit. "Je demande immédiatement un RDV avec '
            '#TikTok : des mesures drastiques s’imposent !"'
        ),
        "confidence": "high",
    },
    {
        "at": "2020-06-18 15:00",
        "approximate": False,
        "event_type": "volume_milestone",
        "title_fr": "Près de 56 000 tweets à 15 h (CNews)",
        "title_en": "Nearly 56,000 tweets by 15:00 (CNews)",
        "description_fr": (
            "CNews compte près de 56 000 tweets le jeudi 18 juin à 15 h (heure donnée par la source). Les chiffres du "
            "premier jour diffèrent selon les médias : 42 000 pour Le Bonbon (au plus fort, sans heure), 61 000 « en "
            "une journée » pour L'Agence des influenceurs (18 juin). Fiabilité faible pour cette raison."
        ),
        "description_en": (
            "CNews counts nearly 56,000 tweets on Thursday 18 June at 15:00 (hour given by the source). First-day "
            "figures differ between outlets: 42,000 for Le Bonbon (at its height, no hour), 61,000 'in one day' for "
            "L'Agence des influenceurs (18 June). Low confidence for that reason."
        ),
        "url": CNEWS,
        "outlet": "CNews",
        "date": "2020-06-18",
        "quote": (
            "Ce jeudi à 15 heures, près de 56.000 tweets ont déjà été publiés avec le hashtag #Balancetontiktokeur."
        ),
        "confidence": "low",
    },
    {
        "at": "2020-06-20 12:00",
        "approximate": True,
        "event_type": "platform_statement",
        "platform": "tiktok",
        "status": "announced",
        "actor_fr": "TikTok France",
        "actor_en": "TikTok France",
        "title_fr": "TikTok France invoque ses règles et sa modération",
        "title_en": "TikTok France points to its rules and moderation",
        "description_fr": (
            "Un porte-parole de TikTok France répond à 20 Minutes (article du 20 juin) ; la date et l'heure de la "
            "réponse ne sont pas données : la démo la place le jour de l'article. Le Journal du Geek (19 juin) "
            "rapporterait une réponse de TikTok la veille ; ce passage n'a pas pu être lu, il n'est pas repris."
        ),
        "description_en": (
            "A TikTok France spokesperson answers 20 Minutes (article of 20 June); the day and hour of the answer are "
            "not given: the demo places it on the article's day. Journal du Geek (19 June) is said to report a TikTok "
            "answer a day earlier; that passage could not be read, so it is not used."
        ),
        "url": VINGT_MINUTES,
        "outlet": "20 Minutes",
        "date": "2020-06-20",
        "quote": (
            "« Des règles communautaires très strictes » et « un important système de modération ont été mis en "
            "place », a assuré un porte-parole de la plateforme TikTok France à 20 Minutes."
        ),
        "confidence": "medium",
    },
    {
        "at": "2020-06-25 03:00",
        "approximate": True,
        "event_type": "platform_statement",
        "platform": "twitch",
        "status": "announced",
        "actor_fr": "Twitch",
        "actor_en": "Twitch",
        "title_fr": "Twitch annonce des suspensions définitives (comparaison)",
        "title_en": "Twitch announces permanent suspensions (comparator)",
        "description_fr": (
            "Billet de Twitch daté du 24 juin (heure des États-Unis) ; Twitch l'a tweeté le 25 juin selon Engadget, "
            "et Newsdio parle du mercredi soir : la démo le place dans la nuit du 24 au 25 juin, heure "
            "de Paris, heure approximative. Twitch avait d'abord dit sur Twitter examiner les comptes mis en cause : "
            "« dimanche » (21 juin) selon NBC News, le 22 juin selon PCGamesN et The Loadout."
        ),
        "description_en": (
            "Twitch's blog post is dated 24 June (US time); Twitch tweeted it on 25 June according to Engadget, and "
            "Newsdio says Wednesday night: the demo places it in the night of 24 to 25 June, Paris time, at an "
            "approximate hour. Twitch had first said on Twitter it was looking into the accounts: 'Sunday' "
            "(21 June) according to NBC News, 22 June according to PCGamesN and The Loadout."
        ),
        "url": TWITCH_BLOG,
        "outlet": "Twitch (blog)",
        "date": "2020-06-24",
        "quote": (
            "We’ve prioritized the most severe cases and will begin issuing permanent suspensions in line with our "
            "findings immediately."
        ),
        "confidence": "medium",
    },
    {
        "at": "2020-06-25 06:00",
        "approximate": True,
        "event_type": "enforcement",
        "platform": "twitch",
        "status": "implemented",
        "actor_fr": "Twitch",
        "actor_en": "Twitch",
        "title_fr": "Twitch bannit des streamers mis en cause (comparaison)",
        "title_en": "Twitch bans accused streamers (comparator)",
        "description_fr": (
            "ComicBook.com (25 juin) rapporte que Twitch a banni définitivement plusieurs streamers mis en cause ; "
            "Newsdio date les premiers bannissements du mercredi soir 24 juin (heure des États-Unis). "
            "Twitch n'a pas nommé les comptes ; l'heure est approximative."
        ),
        "description_en": (
            "ComicBook.com (25 June) reports that Twitch permanently banned several accused streamers; Newsdio "
            "dates the first bans to Wednesday night, 24 June (US time). Twitch did not name the accounts; the hour "
            "is approximate."
        ),
        "url": COMICBOOK,
        "outlet": "ComicBook.com",
        "date": "2020-06-25",
        "quote": "It has also permanently banned multiple streamers involved in the aforementioned accusations.",
        "confidence": "medium",
    },
    {
        "at": "2020-06-29 15:00",
        "approximate": True,
        "event_type": "meeting",
        "platform": "tiktok",
        "status": "implemented",
        "actor_fr": "Marlène Schiappa et TikTok France",
        "actor_en": "Marlène Schiappa and TikTok France",
        "title_fr": "Rencontre au secrétariat d'État",
        "title_en": "Meeting at the ministry",
        "description_fr": (
            "Marlène Schiappa reçoit les dirigeants de TikTok France le lundi 29 juin : « ils n'ont rien fait », "
            "dit-elle au HuffPost. Aucune source ne donne l'heure : la démo la place vers 15 h. L'article du "
            "HuffPost est daté de juin 2020 dans la copie lue, son adresse du 30 juin ; BFM Tech (1er juillet) et "
            "RTL (« Mardi 30 juin ») rapportent la même rencontre."
        ),
        "description_en": (
            "Marlène Schiappa meets TikTok France's managers on Monday 29 June: 'they did nothing', she tells Le "
            "HuffPost. No source gives the hour: the demo places it at about 15:00. Le HuffPost's article is dated "
            "June 2020 in the copy read and 30 June by its address; BFM Tech (1 July) and RTL ('Tuesday 30 June') "
            "report the same meeting."
        ),
        "url": HUFFPOST_MEETING,
        "outlet": "Le HuffPost",
        "date": "2020-06-30",
        "quote": (
            "Lors de cette rencontre le 29 juin, à laquelle nous n’avons pas pu assister après le refus du réseau "
            "social, Marlène Schiappa a tenté de mettre la pression sur les dirigeants de TikTok France."
        ),
        "confidence": "high",
    },
    {
        "at": "2020-06-30 11:00",
        "approximate": True,
        "event_type": "platform_statement",
        "platform": "tiktok",
        "status": "announced",
        "actor_fr": "TikTok",
        "actor_en": "TikTok",
        "title_fr": "TikTok : pas de suspension pour ce qui se passe sur d'autres messageries",
        "title_en": "TikTok: suspensions only for on-platform violations",
        "description_fr": (
            "TikTok répond au HuffPost (article du 30 juin) qu'il suspend les utilisateurs pour les infractions sur "
            "sa plateforme, pas sur d'autres messageries. Citation lue dans BFM Tech (1er juillet), qui cite le "
            "HuffPost ; le passage du HuffPost lui-même n'a pas pu être lu. Heure approximative."
        ),
        "description_en": (
            "TikTok tells Le HuffPost (article of 30 June) that it suspends users for violations on its platform, not "
            "on other messaging apps. Quote read in BFM Tech (1 July), which cites Le HuffPost; Le HuffPost's own "
            "passage could not be read. Approximate hour."
        ),
        "url": BFM,
        "outlet": "BFM Tech",
        "date": "2020-07-01",
        "quote": (
            'Au HuffPost, TikTok a ainsi déclaré que "si sur notre plateforme, un utilisateur enfreint les règles, '
            'il sera suspendu, mais sur une autre messagerie, non".'
        ),
        "confidence": "medium",
    },
]
