"""Strings of the institutions and platforms pages."""

STRINGS = {
    "effects.headline.rhythm": {
        "en": "In the {na} hours after “{title}”, the campaign had {obs} posts: {ratio} times the {exp} that its "
        "daily rhythm and trend over the {nb} hours before predicted without the event (95 % interval: {lo} to {hi} "
        "times; interrupted time series with hour-of-day terms).",
        "fr": "Dans les {na} heures qui ont suivi « {title} », la campagne a compté {obs} messages : {ratio} fois les "
        "{exp} que prévoyaient, sans l'événement, son rythme quotidien et sa tendance des {nb} heures précédentes "
        "(intervalle à 95 % : {lo} à {hi} fois ; série temporelle interrompue avec termes d'heure du jour).",
    },
    "effects.headline.did": {
        "en": "In the {na} hours after “{title}”, the campaign had {obs} posts: {ratio} times the {exp} expected if it "
        "had changed from the {nb} hours before as much as {comp} did over the same hours (95 % interval: {lo} to "
        "{hi} times; difference in differences).",
        "fr": "Dans les {na} heures qui ont suivi « {title} », la campagne a compté {obs} messages : {ratio} fois les "
        "{exp} attendus si elle avait évolué depuis les {nb} heures précédentes autant que {comp} sur les mêmes "
        "heures (intervalle à 95 % : {lo} à {hi} fois ; différence de différences).",
    },
    "effects.includes_one": {
        "en": "The interval includes 1: no change can be told apart.",
        "fr": "L'intervalle contient 1 : aucun changement ne se distingue.",
    },
    "effects.not_parallel": {
        "en": "Before the event the two series were not moving in parallel (the campaign changed by {pct} per hour "
        "relative to {comp}, 95 % CI {lo} to {hi}), so this comparison cannot tell the event apart from the "
        "campaign's ordinary swings.",
        "fr": "Avant l'événement, les deux séries n'évoluaient pas en parallèle (la campagne variait de {pct} par "
        "heure par rapport à {comp}, IC 95 % {lo} à {hi}) : cette comparaison ne permet pas de distinguer "
        "l'événement des fluctuations ordinaires de la campagne.",
    },
    "effects.extrapolates": {
        "en": "The counterfactual climbs above every hour seen before the event (up to {cf} posts per hour, against "
        "at most {seen}): it rests on extrapolating a trend, so this estimate is not reliable.",
        "fr": "Le contrefactuel dépasse toutes les heures observées avant l'événement (jusqu'à {cf} messages par "
        "heure, contre {seen} au plus) : il repose sur l'extrapolation d'une tendance, cette estimation n'est donc "
        "pas fiable.",
    },
    "effects.placebo.swings": {
        "en": "Placebo check: the same model with the same windows, run at {n} fake event times before the event "
        "(one every {every} hours), found an effect at least as large at {k} of them (p = {p}). This effect cannot "
        "be told apart from the campaign's ordinary swings.",
        "fr": "Contrôle placebo : le même modèle, avec les mêmes fenêtres, appliqué à {n} fausses dates d'événement "
        "avant l'événement (une toutes les {every} heures), trouve un effet au moins aussi grand pour {k} d'entre "
        "elles (p = {p}). Cet effet ne se distingue pas des fluctuations ordinaires de la campagne.",
    },
    "effects.placebo.clear": {
        "en": "Placebo check: the same model with the same windows, run at {n} fake event times before the event "
        "(one every {every} hours), found no effect as large at any of them (p = {p}).",
        "fr": "Contrôle placebo : le même modèle, avec les mêmes fenêtres, appliqué à {n} fausses dates d'événement "
        "avant l'événement (une toutes les {every} heures), ne trouve nulle part un effet aussi grand (p = {p}).",
    },
    "effects.placebo.none": {
        "en": "No placebo check: a fake event time needs {need} hours of data before the event and there are {have}.",
        "fr": "Pas de contrôle placebo : une fausse date d'événement demande {need} heures de données avant "
        "l'événement, il y en a {have}.",
    },
    "effects.none": {
        "en": "No effect is estimated for “{title}”: the window has {nb} hours before the event, and a model of the "
        "daily rhythm needs at least {need}, and no comparison series covers the same hours. The figure and the "
        "table show the {nb} hours before and the {na} hours after as they are: {pb} posts per hour before, {pa} "
        "after.",
        "fr": "Aucun effet n'est estimé pour « {title} » : la fenêtre compte {nb} heures avant l'événement, alors "
        "qu'un modèle du rythme quotidien en demande au moins {need}, et aucune série de comparaison ne couvre les "
        "mêmes heures. La figure et le tableau montrent telles quelles les {nb} heures avant et les {na} heures "
        "après : {pb} messages par heure avant, {pa} après.",
    },
    "effects.none.off": {
        "en": "No effect is estimated for “{title}”: the window has {nb} hours before the event, and a model of the "
        "daily rhythm needs at least {need}, and no comparison series was chosen. The figure and the table show the "
        "{nb} hours before and the {na} hours after as they are: {pb} posts per hour before, {pa} after.",
        "fr": "Aucun effet n'est estimé pour « {title} » : la fenêtre compte {nb} heures avant l'événement, alors "
        "qu'un modèle du rythme quotidien en demande au moins {need}, et aucune série de comparaison n'a été choisie. "
        "La figure et le tableau montrent telles quelles les {nb} heures avant et les {na} heures après : {pb} "
        "messages par heure avant, {pa} après.",
    },
    "effects.caveat": {
        "en": "Timing is not causation: anything else that happened at the same time could explain the change.",
        "fr": "Concomitance n'est pas causalité : tout autre fait survenu au même moment pourrait expliquer le changement.",
    },
    "effects.method.rhythm": {
        "en": "Method: interrupted time series. A quasi-Poisson regression on hourly counts with hour-of-day terms "
        "(three daily harmonics), a trend, and a change in level and in trend from the event on; hourly bins start "
        "at the event's minute. The dashed line is the counterfactual (the model without the event) with its 95 % "
        "prediction interval.",
        "fr": "Méthode : série temporelle interrompue. Régression de quasi-Poisson sur les volumes horaires, avec "
        "termes d'heure du jour (trois harmoniques journalières), une tendance, et un changement de niveau et de "
        "tendance à partir de l'événement ; les tranches horaires commencent à la minute de l'événement. La ligne "
        "pointillée est le contrefactuel (le modèle sans l'événement), avec son intervalle de prédiction à 95 %.",
    },
    "effects.method.did": {
        "en": "Method: difference in differences against {comp}, because the window has fewer than {need} hours "
        "before the event for a model of the daily rhythm. A quasi-Poisson regression of both series' hourly counts "
        "(a level per series, shared hour-of-day terms, trend and after-event step, and the campaign's own change "
        "after the event); its ratio is the campaign's after/before ratio divided by {comp}'s. It assumes both would "
        "have moved in parallel without the event. Hourly bins start at the event's minute. The dashed line is the "
        "counterfactual with its 95 % prediction interval.",
        "fr": "Méthode : différence de différences par rapport à {comp}, car la fenêtre compte moins de {need} heures "
        "avant l'événement pour un modèle du rythme quotidien. Régression de quasi-Poisson des volumes horaires des "
        "deux séries (un niveau par série ; termes d'heure du jour, tendance et saut après l'événement communs ; le "
        "changement propre à la campagne après l'événement) ; son rapport est celui, après/avant, de la campagne "
        "divisé par celui de {comp}. Elle suppose que les deux auraient évolué en parallèle sans l'événement. Les "
        "tranches horaires commencent à la minute de l'événement. La ligne pointillée est le contrefactuel, avec son "
        "intervalle de prédiction à 95 %.",
    },
    "effects.method.none": {
        "en": "Method: none. Hourly bins start at the event's minute; no counterfactual is drawn.",
        "fr": "Méthode : aucune. Les tranches horaires commencent à la minute de l'événement ; aucun contrefactuel "
        "n'est tracé.",
    },
    "effects.band": {"en": "95 % prediction interval", "fr": "intervalle de prédiction à 95 %"},
    "effects.x": {
        "en": "hours since the event (0 = {when}, {tz})",
        "fr": "heures depuis l'événement (0 = {when}, {tz})",
    },
    "effects.window": {
        "en": "fitted window: {nb} h before the event, {na} h after",
        "fr": "fenêtre ajustée : {nb} h avant l'événement, {na} h après",
    },
    "effects.bins": {"en": "1 h, from the event's minute", "fr": "1 h, depuis la minute de l'événement"},
    "effects.versus": {"en": "comparison: {comp}, n = {n}", "fr": "comparaison : {comp}, n = {n}"},
    "effects.compare": {"en": "Comparison series", "fr": "Série de comparaison"},
    "effects.compare.auto": {"en": "automatic", "fr": "automatique"},
    "effects.compare.none": {"en": "none", "fr": "aucune"},
    "effects.compare.tag": {"en": "{tag} (this dataset)", "fr": "{tag} (ce jeu)"},
    "effects.compare.help": {
        "en": "With fewer than 48 hours before the event, the effect is read against another series over the same "
        "hours (difference in differences). Automatic: the other dataset that covers the window with the most posts.",
        "fr": "Avec moins de 48 heures avant l'événement, l'effet est lu par rapport à une autre série sur les mêmes "
        "heures (différence de différences). Automatique : l'autre jeu qui couvre la fenêtre avec le plus de messages.",
    },
    "effects.no_posts_before": {
        "en": "There are no posts in the hours before the event: widen the window before it.",
        "fr": "Aucun message dans les heures précédant l'événement : élargissez la fenêtre avant.",
    },
    "effects.comparison_unusable": {
        "en": "The comparison series {comp} does not cover this window with at least {need} posts on each side of "
        "the event; choose another one or widen the windows.",
        "fr": "La série de comparaison {comp} ne couvre pas cette fenêtre avec au moins {need} messages de chaque côté "
        "de l'événement ; choisissez-en une autre ou élargissez les fenêtres.",
    },
    "effects.unknown_comparison": {
        "en": "Unknown comparison series “{choice}”.",
        "fr": "Série de comparaison inconnue : « {choice} ».",
    },
    "effects.title": {"en": "Effect of an intervention", "fr": "Effet d'une intervention"},
    "effects.chart_title": {"en": "Posts per hour around “{title}”", "fr": "Messages par heure autour de « {title} »"},
    "effects.observed": {"en": "observed", "fr": "observé"},
    "effects.fitted": {"en": "fitted", "fr": "ajusté"},
    "effects.counterfactual": {"en": "counterfactual (no event)", "fr": "contrefactuel (sans l'événement)"},
    "effects.event": {"en": "Event", "fr": "Événement"},
    "effects.before_h": {"en": "Hours before", "fr": "Heures avant"},
    "effects.after_h": {"en": "Hours after", "fr": "Heures après"},
    "effects.too_short": {
        "en": "The windows are too short or fall outside the data: widen them so that each side has at least {need} "
        "whole hours.",
        "fr": "Les fenêtres sont trop courtes ou hors des données : élargissez-les pour avoir au moins {need} heures "
        "entières de chaque côté.",
    },
    "effects.col.measure": {"en": "Measure", "fr": "Mesure"},
    "effects.col.before": {"en": "{n} h before", "fr": "{n} h avant"},
    "effects.col.after": {"en": "{n} h after", "fr": "{n} h après"},
    "effects.m.posts": {"en": "posts", "fr": "messages"},
    "effects.m.posts_per_hour": {"en": "posts per hour", "fr": "messages par heure"},
    "effects.m.new_accounts_per_hour": {"en": "new accounts per hour", "fr": "nouveaux comptes par heure"},
    "effects.m.rt_share": {"en": "share of retweets", "fr": "part de retweets"},
    "effects.m.mention_share": {
        "en": "share of posts mentioning the actor",
        "fr": "part des messages mentionnant l'acteur",
    },
    "institutions.title": {"en": "Institutions", "fr": "Institutions"},
    "institutions.intro": {
        "en": "Which institutions reacted, how fast, with what reach; and what the volume did around their interventions.",
        "fr": "Quelles institutions ont réagi, en combien de temps, avec quelle audience ; et ce qu'a fait le volume autour de leurs interventions.",
    },
    "institutions.who": {"en": "Who reacted, when, with what reach", "fr": "Qui a réagi, quand, avec quelle audience"},
    "institutions.timeline": {
        "en": "Posts per {bin}, with institutional posts and events",
        "fr": "Messages par {bin}, messages et événements institutionnels",
    },
    "institutions.actor_posts": {"en": "posts by registered actors", "fr": "messages d'acteurs enregistrés"},
    "col.actor": {"en": "Actor", "fr": "Acteur"},
    "col.category": {"en": "Category", "fr": "Catégorie"},
    "col.first": {"en": "First post or event ({tz})", "fr": "Premier message ou événement ({tz})"},
    "col.lag": {"en": "Since launch", "fr": "Depuis le lancement"},
    "col.posts": {"en": "Posts", "fr": "Messages"},
    "col.rts": {"en": "Retweets received", "fr": "Retweets reçus"},
    "col.replies": {"en": "Replies received", "fr": "Réponses reçues"},
    "col.quotes": {"en": "Quotes received", "fr": "Citations reçues"},
    "col.share": {"en": "Share of engagement", "fr": "Part de l'engagement"},
    "col.rank": {"en": "Rank (retweets)", "fr": "Rang (retweets)"},
    "col.events": {"en": "Events", "fr": "Événements"},
    "registry.title": {"en": "Actor registry", "fr": "Registre des acteurs"},
    "registry.intro": {
        "en": "Institutions, platforms, media… and their accounts (write `x:handle tiktok:handle#id`). They are recognised in every dataset by handle or id, whatever the case.",
        "fr": "Institutions, plateformes, médias… et leurs comptes (écrire `x:compte tiktok:compte#id`). Ils sont reconnus dans chaque jeu par compte ou identifiant, sans tenir compte de la casse.",
    },
    "registry.add": {"en": "Add an actor", "fr": "Ajouter un acteur"},
    "registry.edit": {"en": "Edit or delete an actor", "fr": "Modifier ou supprimer un acteur"},
    "registry.name": {"en": "Name", "fr": "Nom"},
    "registry.name_fr": {"en": "Name in French", "fr": "Nom en français"},
    "registry.name_en": {"en": "Name in English", "fr": "Nom en anglais"},
    "registry.description_fr": {"en": "Description in French", "fr": "Description en français"},
    "registry.description_en": {"en": "Description in English", "fr": "Description en anglais"},
    "registry.country": {"en": "Country", "fr": "Pays"},
    "registry.accounts": {"en": "Accounts", "fr": "Comptes"},
    "registry.source": {"en": "Source", "fr": "Source"},
    "registry.save": {"en": "Save the actor", "fr": "Enregistrer l'acteur"},
    "registry.saved": {"en": "Actor saved.", "fr": "Acteur enregistré."},
    "registry.delete": {"en": "Delete this actor", "fr": "Supprimer cet acteur"},
    "registry.confirm": {"en": "Yes, delete “{name}” for good", "fr": "Oui, supprimer définitivement « {name} »"},
    "registry.export": {"en": "Actors (CSV)", "fr": "Acteurs (CSV)"},
    "registry.import": {"en": "Import actors from CSV", "fr": "Importer des acteurs (CSV)"},
    "registry.imported": {"en": "{n} actors imported.", "fr": "{n} acteurs importés."},
    "platforms.title": {"en": "Platforms", "fr": "Plateformes"},
    "platforms.intro": {
        "en": "How the targeted platforms responded: statements, meetings, enforcement… with their sources and how long each took.",
        "fr": "Comment les plateformes visées ont répondu : déclarations, réunions, sanctions… avec leurs sources et leurs délais.",
    },
    "platforms.log": {"en": "Response log", "fr": "Journal des réponses"},
    "platforms.ladder": {"en": "Response ladder", "fr": "Échelle des réponses"},
    "platforms.ladder_title": {
        "en": "Platform responses, days after the launch",
        "fr": "Réponses des plateformes, en jours après le lancement",
    },
    "platforms.x_days": {"en": "days since the campaign's launch", "fr": "jours depuis le lancement de la campagne"},
    "platforms.lags": {"en": "Time to respond", "fr": "Délais de réponse"},
    "platforms.col.platform": {"en": "Platform", "fr": "Plateforme"},
    "platforms.col.step": {"en": "First", "fr": "Premier·e"},
    "platforms.col.from_launch": {"en": "After the launch", "fr": "Après le lancement"},
    "platforms.col.from_demand": {
        "en": "After the first institutional demand",
        "fr": "Après la première demande institutionnelle",
    },
    "platforms.voice": {"en": "The platform's own voice", "fr": "La parole de la plateforme"},
    "platforms.voice_intro": {
        "en": "Posts by the platforms' registered accounts in the data, and the reach they got compared with the campaign's most retweeted posts.",
        "fr": "Messages des comptes enregistrés des plateformes dans les données, et leur audience comparée aux messages les plus retweetés de la campagne.",
    },
    "platforms.col.account": {"en": "Account", "fr": "Compte"},
    "platforms.col.text": {"en": "Text", "fr": "Texte"},
    "platforms.col.rts": {"en": "Retweets in the data", "fr": "Retweets dans les données"},
    "platforms.col.rank": {"en": "Rank among the campaign's posts", "fr": "Rang parmi les messages de la campagne"},
    "platforms.no_voice": {
        "en": "No registered platform account posted in this dataset.",
        "fr": "Aucun compte de plateforme enregistré n'a publié dans ce jeu.",
    },
    "platforms.outcome": {"en": "Moderation outcome", "fr": "Résultat de la modération"},
    "platforms.outcome_intro": {
        "en": "Import an availability check (CSV with object_type = post or account, object_id, status = available, deleted, suspended or withheld, checked_at), as a rehydration produces.",
        "fr": "Importez une vérification de disponibilité (CSV avec object_type = post ou account, object_id, status = available, deleted, suspended ou withheld, checked_at), telle qu'une réhydratation la produit.",
    },
    "platforms.outcome_import": {"en": "Availability CSV", "fr": "CSV de disponibilité"},
    "platforms.outcome_imported": {"en": "{n} checks imported.", "fr": "{n} vérifications importées."},
    "platforms.withheld": {
        "en": "{n} posts carry a withheld notice in the source data.",
        "fr": "{n} messages portent une mention de retrait (withheld) dans les données sources.",
    },
    # A list of posts on a dataset imported without its posts (clameur import --keep-posts none|actors).
    "posts_kept.none": {
        "en": "This dataset keeps rollups only (counts per minute, hashtag and account), not its posts: the posts "
        "themselves cannot be listed here. Every count on this page is complete. To list the posts, import the "
        "files again with them: `clameur import --keep-posts all FILE…`.",
        "fr": "Ce jeu ne garde que des agrégats (comptes par minute, mot-dièse et compte), pas ses messages : les "
        "messages eux-mêmes ne peuvent pas être listés ici. Tous les comptes de cette page sont complets. Pour "
        "lister les messages, importez de nouveau les fichiers avec eux : `clameur import --keep-posts all "
        "FICHIER…`.",
    },
    "posts_kept.actors": {
        "en": "This dataset keeps only the posts of the actors registered when it was imported, beside its rollups: "
        "a list of any account's posts cannot be complete here. Every count on this page is complete. To list every "
        "post, import the files again with all their posts: `clameur import --keep-posts all FILE…`.",
        "fr": "Ce jeu ne garde, outre ses agrégats, que les messages des acteurs enregistrés lors de son import : "
        "une liste des messages de n'importe quel compte ne peut pas y être complète. Tous les comptes de cette "
        "page sont complets. Pour lister tous les messages, importez de nouveau les fichiers avec tous leurs "
        "messages : `clameur import --keep-posts all FICHIER…`.",
    },
    "platforms.col.checked": {"en": "Checked on", "fr": "Vérifié le"},
    "platforms.col.type": {"en": "Object", "fr": "Objet"},
    "platforms.col.status": {"en": "Status", "fr": "Statut"},
    "platforms.col.n": {"en": "Count", "fr": "Nombre"},
    "platforms.col.share": {"en": "Share of the campaign's {what}", "fr": "Part des {what} de la campagne"},
    "platforms.no_outcome": {
        "en": "No availability check imported yet.",
        "fr": "Aucune vérification de disponibilité importée.",
    },
    "platforms.none": {
        "en": "No platform response recorded for this dataset.",
        "fr": "Aucune réponse de plateforme enregistrée pour ce jeu.",
    },
}
