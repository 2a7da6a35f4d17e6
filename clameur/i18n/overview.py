"""Strings of the overview page."""

STRINGS = {
    "overview.title": {
        "en": "{campaign}: the campaign at a glance",
        "fr": "{campaign} : la campagne en un coup d'œil",
    },
    "overview.intro": {
        "en": "How many posts the campaign drew, when it peaked, who carried it and which hashtags travelled with it. "
        "Vertical lines on the chart are institutional and platform events, each with its source.",
        "fr": "Combien de messages la campagne a suscités, quand elle a culminé, qui l'a portée et quels hashtags l'ont accompagnée. "
        "Les lignes verticales du graphique sont les événements institutionnels et des plateformes, chacun avec sa source.",
    },
    "overview.posts": {"en": "Posts", "fr": "Messages"},
    "overview.accounts": {"en": "Accounts", "fr": "Comptes"},
    "overview.first_24h": {"en": "First 24 h", "fr": "24 premières heures"},
    "overview.rt_share": {"en": "Share of retweets", "fr": "Part de retweets"},
    "overview.help.posts": {
        "en": "Collected posts in the dataset “{name}” (context posts that were only referenced are not counted).",
        "fr": "Messages collectés du jeu « {name} » (les messages seulement cités en contexte ne sont pas comptés).",
    },
    "overview.help.accounts": {
        "en": "Distinct authors of the collected posts in “{name}”.",
        "fr": "Auteurs distincts des messages collectés de « {name} ».",
    },
    "overview.help.first_24h": {
        "en": "Posts in the 24 hours that follow the first post ({first}).",
        "fr": "Messages des 24 heures qui suivent le premier message ({first}).",
    },
    "overview.help.peak": {
        "en": "The {unit} with the most posts (the chart's bin), in {tz}: {n} posts.",
        "fr": "L'intervalle (un par {unit}, celui du graphique) qui compte le plus de messages, en {tz} : {n} messages.",
    },
    "overview.help.rt_share": {
        "en": "Retweets divided by all collected posts.",
        "fr": "Retweets divisés par l'ensemble des messages collectés.",
    },
    "overview.where_from": {
        "en": "Where these numbers come from: dataset “{name}” ({format}), {n} posts from {first} to {last}, times in {tz}.",
        "fr": "D'où viennent ces chiffres : jeu « {name} » ({format}), {n} messages du {first} au {last}, heures en {tz}.",
    },
    "overview.top_accounts": {"en": "Most retweeted accounts", "fr": "Comptes les plus retweetés"},
    "overview.no_retweets": {
        "en": "No retweets in this dataset: no account can be ranked by the retweets it received.",
        "fr": "Aucun retweet dans ce jeu de données : aucun compte ne peut être classé par les retweets reçus.",
    },
    "overview.top_hashtags": {"en": "Hashtags used with the campaign", "fr": "Hashtags associés à la campagne"},
    "overview.col.account": {"en": "Account", "fr": "Compte"},
    "overview.col.posts": {"en": "Posts", "fr": "Messages"},
    "overview.col.retweets": {
        "en": "Retweets received (self-retweets left out)",
        "fr": "Retweets reçus (hors retweets de soi-même)",
    },
    "overview.col.hashtag": {"en": "Hashtag", "fr": "Hashtag"},
    "overview.col.n": {"en": "Posts", "fr": "Messages"},
    "overview.events": {"en": "Events on the timeline", "fr": "Événements sur la chronologie"},
    "overview.col.when": {"en": "When", "fr": "Quand"},
    "overview.col.type": {"en": "Type", "fr": "Type"},
    "overview.col.what": {"en": "What", "fr": "Quoi"},
    "overview.col.source": {"en": "Source", "fr": "Source"},
    "overview.col.actor": {"en": "Actor", "fr": "Acteur"},
    "overview.col.reported_by": {"en": "Reported by", "fr": "Rapporté par"},
    "overview.col.confidence": {"en": "Confidence", "fr": "Fiabilité"},
    "overview.empty": {
        "en": "This dataset holds no posts yet. Import a file on the Data page.",
        "fr": "Ce jeu de données ne contient encore aucun message. Importez un fichier dans la page Données.",
    },
}
