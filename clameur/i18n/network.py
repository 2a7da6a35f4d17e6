"""Strings of the network page."""

STRINGS = {
    "network.title": {"en": "Network", "fr": "Réseau"},
    "network.intro": {
        "en": "Who carried the campaign: each dot is an account (or a hashtag), each line an amplification. "
        "Metrics are computed on the whole filtered network; only the top accounts are drawn.",
        "fr": "Qui a porté la campagne : chaque point est un compte (ou un hashtag), chaque trait une amplification. "
        "Les indicateurs portent sur tout le réseau filtré ; seuls les principaux comptes sont dessinés.",
    },
    "network.kind": {"en": "Network", "fr": "Réseau"},
    "network.kind.retweet": {"en": "retweets", "fr": "retweets"},
    "network.kind.mention": {"en": "mentions", "fr": "mentions"},
    "network.kind.reply": {"en": "replies", "fr": "réponses"},
    "network.kind.quote": {"en": "quotes", "fr": "citations"},
    "network.kind.hashtag": {"en": "co-hashtags", "fr": "co-hashtags"},
    "network.rule.account": {
        "en": "An edge goes from an account to the account it {verb}, weighted by the number of posts; "
        "an account amplifying itself is left out of the network and of its counts.",
        "fr": "Un lien va d'un compte vers le compte qu'il {verb}, pondéré par le nombre de messages ; "
        "un compte qui s'amplifie lui-même est écarté du réseau et de ses comptes.",
    },
    "network.rule.reference": {
        "en": "Every post that carries the reference counts, whatever its main kind: a quote that is also a reply "
        "is in both the quote and the reply networks.",
        "fr": "Tout message qui porte la référence compte, quel que soit son type principal : une citation qui est "
        "aussi une réponse figure dans le réseau des citations et dans celui des réponses.",
    },
    "network.left_out": {
        "en": "Left out: {self_loops} posts of an account {verb_self} itself{unresolved}.",
        "fr": "Écartés : {self_loops} messages d'un compte qui {verb_self} lui-même{unresolved}.",
    },
    "network.left_out_one": {
        "en": "Left out: {self_loops} post of an account {verb_self} itself{unresolved}.",
        "fr": "Écarté : {self_loops} message d'un compte qui {verb_self} lui-même{unresolved}.",
    },
    "network.left_out_unknown": {
        "en": ", {n} posts whose target account is unknown",
        "fr": ", {n} messages dont le compte visé est inconnu",
    },
    "network.left_out_unknown_one": {
        "en": ", {n} post whose target account is unknown",
        "fr": ", {n} message dont le compte visé est inconnu",
    },
    "network.self.retweet": {"en": "retweeting", "fr": "se retweete"},
    "network.self.reply": {"en": "replying to", "fr": "se répond à"},
    "network.self.quote": {"en": "quoting", "fr": "se cite"},
    "network.self.mention": {"en": "mentioning", "fr": "se mentionne"},
    "network.prov_self": {
        "en": "{n} self-loops left out",
        "fr": "{n} boucles sur soi écartées",
    },
    "network.verb.retweet": {"en": "retweets", "fr": "retweete"},
    "network.verb.reply": {"en": "replies to", "fr": "répond à"},
    "network.verb.quote": {"en": "quotes", "fr": "cite"},
    "network.verb.mention": {
        "en": "mentions (retweets excluded: they would repeat the retweet network; a post that names an account "
        "twice counts once)",
        "fr": "mentionne (retweets exclus : ils répéteraient le réseau de retweets ; un message qui nomme deux fois "
        "un compte compte une fois)",
    },
    "network.rule.hashtag": {
        "en": "Two hashtags are linked when a post carries both, weighted by the number of such posts.",
        "fr": "Deux hashtags sont liés quand un message porte les deux, pondérés par le nombre de tels messages.",
    },
    "network.metric": {"en": "Size and top N by", "fr": "Taille et sélection par"},
    "network.metric.pagerank": {"en": "PageRank", "fr": "PageRank"},
    "network.metric.in_strength": {
        "en": "times amplified (in-strength: weighted in-degree)",
        "fr": "fois amplifié (force entrante : degré entrant pondéré)",
    },
    "network.metric.out_strength": {
        "en": "amplifications made (out-strength: weighted out-degree)",
        "fr": "amplifications faites (force sortante : degré sortant pondéré)",
    },
    "network.colour": {"en": "Colour by", "fr": "Couleur selon"},
    "network.colour.community": {"en": "community (Louvain)", "fr": "communauté (Louvain)"},
    "network.colour.category": {"en": "actor category", "fr": "catégorie d'acteur"},
    "network.min_weight": {"en": "Minimum edge weight", "fr": "Poids minimal d'un lien"},
    "network.top": {"en": "Accounts drawn (top N)", "fr": "Comptes dessinés (N premiers)"},
    "network.k_core": {"en": "k-core (0 = off)", "fr": "k-cœur (0 = désactivé)"},
    "network.lcc": {"en": "Largest component only", "fr": "Plus grande composante seulement"},
    "network.counts": {
        "en": "{nodes} nodes and {edges} edges in the filtered network ({nodes_all} and {edges_all} before k-core and "
        "component filters); {drawn} nodes and {drawn_edges} edges drawn.",
        "fr": "{nodes} nœuds et {edges} liens dans le réseau filtré ({nodes_all} et {edges_all} avant k-cœur et composante) ; "
        "{drawn} nœuds et {drawn_edges} liens dessinés.",
    },
    "network.chart_title": {"en": "{kind} network", "fr": "Réseau des {kind}"},
    "network.prov": {
        "en": "{drawn} of {nodes} nodes, {drawn_edges} of {edges} edges drawn",
        "fr": "{drawn} nœuds sur {nodes}, {drawn_edges} liens sur {edges} dessinés",
    },
    "network.top_table": {"en": "Top accounts", "fr": "Principaux comptes"},
    "network.col.account": {"en": "Account", "fr": "Compte"},
    "network.col.pagerank": {"en": "PageRank", "fr": "PageRank"},
    "network.col.in": {"en": "Amplified (in-strength)", "fr": "Amplifié (force entrante)"},
    "network.col.out": {"en": "Amplifies (out-strength)", "fr": "Amplifie (force sortante)"},
    "network.col.community": {"en": "Community", "fr": "Communauté"},
    "network.col.category": {"en": "Category", "fr": "Catégorie"},
    "network.ego": {"en": "Ego view: search an account", "fr": "Vue égocentrée : chercher un compte"},
    "network.ego_pick": {"en": "Account", "fr": "Compte"},
    "network.ego_steps": {"en": "Steps", "fr": "Pas"},
    "network.ego_by": {"en": "Who amplified it", "fr": "Qui l'a amplifié"},
    "network.ego_to": {"en": "Whom it amplified", "fr": "Qui il a amplifié"},
    "network.ego_none": {"en": "No account matches “{text}”.", "fr": "Aucun compte ne correspond à « {text} »."},
    "network.ego_size": {
        "en": "{n} accounts within {steps} step(s) of it.",
        "fr": "{n} comptes à {steps} pas ou moins.",
    },
    "network.col.weight": {"en": "Times", "fr": "Fois"},
    "network.slices": {"en": "Time slices", "fr": "Tranches de temps"},
    "network.slices_intro": {
        "en": "The same network before and after an event, with every account kept at the same place.",
        "fr": "Le même réseau avant et après un événement, chaque compte restant à la même place.",
    },
    "network.slices_event": {"en": "Split at the event", "fr": "Couper à l'événement"},
    "network.slice_before": {"en": "Before {when}", "fr": "Avant le {when}"},
    "network.slice_after": {"en": "From {when}", "fr": "À partir du {when}"},
    "network.export": {"en": "Download the whole filtered network", "fr": "Télécharger tout le réseau filtré"},
    "network.empty": {"en": "No edge matches these filters.", "fr": "Aucun lien ne correspond à ces filtres."},
}
