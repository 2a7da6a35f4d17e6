"""Strings of the timeline page and its figures."""

STRINGS = {
    "timeline.events": {"en": "events (numbered)", "fr": "événements (numérotés)"},
    "timeline.peaks": {"en": "peaks", "fr": "pics"},
    "timeline.y.posts": {"en": "posts per bin", "fr": "messages par intervalle"},
    "timeline.y.per": {"en": "posts per {unit}", "fr": "messages par {unit}"},
    "timeline.y.accounts": {"en": "active accounts per bin", "fr": "comptes actifs par intervalle"},
    "timeline.y.share": {"en": "share of the period's total", "fr": "part du total de la période"},
    "timeline.y.cumulative": {"en": "cumulative", "fr": "cumul"},
}

STRINGS.update(
    {
        "peaks.rule": {
            "en": "A bin is a peak when it has more than the median + {k}·MAD of the previous {n} bins (MAD at least 1 post) "
            "and at least {min} posts; of consecutive such bins, the highest is kept.",
            "fr": "Un intervalle est un pic quand il dépasse la médiane + {k}·MAD des {n} intervalles précédents (MAD d'au moins 1 message) "
            "et compte au moins {min} messages ; parmi des intervalles consécutifs, le plus haut est retenu.",
        },
        "peaks.head": {
            "en": "{when} ({tz}): a peak of {n} posts, {rt} retweets",
            "fr": "{when} ({tz}) : pic de {n} messages, dont {rt} de retweets",
        },
        "peaks.top_posts": {
            "en": "{share} of those retweets amplify {k} posts by {who}",
            "fr": "{share} de ces retweets relaient {k} messages de {who}",
        },
        "peaks.new_accounts": {
            "en": "{share} of the accounts posted for the first time",
            "fr": "{share} des comptes publiaient pour la première fois",
        },
        "peaks.rising": {"en": "rising hashtags: {tags}", "fr": "hashtags en hausse : {tags}"},
        "peaks.after_event": {
            "en": "{lag} after “{title}” ({type})",
            "fr": "{lag} après « {title} » ({type})",
        },
        "peaks.during_event": {
            "en": "in the same bin as “{title}” ({type})",
            "fr": "dans le même intervalle que « {title} » ({type})",
        },
    }
)

STRINGS.update(
    {
        "timeline.x.since_launch": {"en": "hours since launch", "fr": "heures depuis le lancement"},
        "timeline.y.per_hour": {"en": "posts per hour", "fr": "messages par heure"},
        "timeline.title": {"en": "Timeline", "fr": "Chronologie"},
        "timeline.intro": {
            "en": "Volume of posts over time, with the institutional and platform events drawn on the chart. "
            "Drag a box on the chart to set the time window of the Timeline and the Network (every page shows it).",
            "fr": "Volume de messages dans le temps, avec les événements institutionnels et des plateformes sur le graphique. "
            "Tracez un rectangle sur le graphique pour choisir la période de la Chronologie et du Réseau (chaque page "
            "l'affiche).",
        },
        "timeline.chart_title": {"en": "Posts per {bin}, by {stack}", "fr": "Messages par {bin}, par {stack}"},
        "timeline.chart_title_accounts": {
            "en": "Active accounts per {bin}, by {stack}",
            "fr": "Comptes actifs par {bin}, par {stack}",
        },
        "timeline.datasets": {"en": "Datasets", "fr": "Jeux de données"},
        "timeline.hashtags": {"en": "Hashtags (none = all posts)", "fr": "Hashtags (aucun = tous les messages)"},
        "timeline.bin": {"en": "Bin", "fr": "Intervalle"},
        "timeline.stack": {"en": "Stack by", "fr": "Empiler par"},
        "timeline.mode": {"en": "Show", "fr": "Afficher"},
        "timeline.measure": {"en": "Count", "fr": "Compter"},
        "timeline.stack.kind": {"en": "kind", "fr": "type"},
        "timeline.stack.platform": {"en": "platform", "fr": "plateforme"},
        "timeline.stack.dataset": {"en": "dataset", "fr": "jeu de données"},
        "timeline.stack.tag": {"en": "hashtag", "fr": "hashtag"},
        "timeline.stack.none": {"en": "nothing", "fr": "rien"},
        "timeline.mode.count": {"en": "counts", "fr": "effectifs"},
        "timeline.mode.share": {"en": "share of the period's total", "fr": "part du total de la période"},
        "timeline.mode.cumulative": {"en": "cumulative", "fr": "cumul"},
        "timeline.measure.posts": {"en": "posts", "fr": "messages"},
        "timeline.measure.accounts": {"en": "distinct active accounts", "fr": "comptes actifs distincts"},
        "timeline.peaks_title": {"en": "Explained peaks", "fr": "Pics expliqués"},
        "timeline.peaks_k": {
            "en": "Sensitivity k (higher = fewer peaks)",
            "fr": "Sensibilité k (plus haut = moins de pics)",
        },
        "timeline.peaks_window": {"en": "Baseline: previous bins", "fr": "Référence : intervalles précédents"},
        "timeline.no_peaks": {
            "en": "No peak in this view under this rule.",
            "fr": "Aucun pic dans cette vue avec cette règle.",
        },
        "timeline.col.peak": {"en": "Peak ({tz})", "fr": "Pic ({tz})"},
        "timeline.col.posts": {"en": "Posts", "fr": "Messages"},
        "timeline.col.baseline": {"en": "Baseline", "fr": "Référence"},
        "timeline.col.explanation": {"en": "What drove it", "fr": "Ce qui l'explique"},
        "timeline.compare_title": {
            "en": "Campaigns compared from their launch",
            "fr": "Campagnes comparées depuis leur lancement",
        },
        "timeline.compare_intro": {
            "en": "Launch = the first post, or the first hour with at least the threshold below. Half-life = hours from the peak "
            "until the 3-hour average falls below half the peak.",
            "fr": "Lancement = premier message, ou première heure atteignant au moins le seuil ci-dessous. Demi-vie = heures entre le pic "
            "et le moment où la moyenne sur 3 heures passe sous la moitié du pic.",
        },
        "timeline.compare_threshold": {
            "en": "Launch threshold (posts per hour; 0 = first post)",
            "fr": "Seuil de lancement (messages par heure ; 0 = premier message)",
        },
        "timeline.compare_chart": {"en": "Posts per hour since launch", "fr": "Messages par heure depuis le lancement"},
        "timeline.col.dataset": {"en": "Campaign", "fr": "Campagne"},
        "timeline.col.launch": {"en": "Launch ({tz})", "fr": "Lancement ({tz})"},
        "timeline.col.first_24h": {"en": "Posts in first 24 h", "fr": "Messages en 24 h"},
        "timeline.col.to_peak": {"en": "Hours to peak", "fr": "Heures jusqu'au pic"},
        "timeline.col.peak_height": {"en": "Peak (posts/h)", "fr": "Pic (messages/h)"},
        "timeline.col.half_life": {"en": "Half-life (h)", "fr": "Demi-vie (h)"},
    }
)
