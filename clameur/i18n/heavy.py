"""Strings of heavy views: waiting for a slot, refusals past the memory budget, a busy server."""

STRINGS = {
    "heavy.waiting.queue": {
        "en": "Other views are being computed on this server; yours starts as soon as one ends.",
        "fr": "D'autres vues sont en cours de calcul sur ce serveur ; la vôtre commence dès que l'une se termine.",
    },
    "heavy.waiting.shared": {
        "en": "This same view is being computed for another reader; it appears here as soon as it is ready.",
        "fr": "Cette même vue est en cours de calcul pour un autre lecteur ; elle s'affiche ici dès qu'elle est prête.",
    },
    "heavy.too_big.network": {
        "en": "This network is too large to compute here: {nodes} nodes and {edges} edges would need about "
        "{need} MB, over the {budget} MB this server gives one view. Narrow the time window, raise the minimum "
        "weight or choose a hashtag, then try again.",
        "fr": "Ce réseau est trop grand pour être calculé ici : {nodes} nœuds et {edges} liens demanderaient "
        "environ {need} Mo, au-delà des {budget} Mo que ce serveur accorde à une vue. Réduisez la période, "
        "relevez le poids minimal ou choisissez un hashtag, puis réessayez.",
    },
    "heavy.too_big.export": {
        "en": "This file is too large to prepare here: {nodes} nodes and {edges} edges would need about {need} MB, "
        "over the {budget} MB this server gives one export. Narrow the time window or raise the minimum weight, "
        "or export it with the command line: clameur network DATASET --kind {kind} --out network.gexf",
        "fr": "Ce fichier est trop grand pour être préparé ici : {nodes} nœuds et {edges} liens demanderaient "
        "environ {need} Mo, au-delà des {budget} Mo que ce serveur accorde à un export. Réduisez la période ou "
        "relevez le poids minimal, ou exportez-le en ligne de commande : clameur network JEU --kind {kind} --out reseau.gexf",
    },
    "heavy.busy": {
        "en": "The server is busy with other heavy views and none finished within {seconds} seconds. "
        "Try again in a minute.",
        "fr": "Le serveur est occupé par d'autres vues lourdes et aucune ne s'est terminée en {seconds} secondes. "
        "Réessayez dans une minute.",
    },
    "heavy.worker_lost": {
        "en": "The computation stopped before its end (the server probably ran short of memory). "
        "Narrow the time window or raise the minimum weight, then try again.",
        "fr": "Le calcul s'est arrêté avant la fin (le serveur a probablement manqué de mémoire). "
        "Réduisez la période ou relevez le poids minimal, puis réessayez.",
    },
}
