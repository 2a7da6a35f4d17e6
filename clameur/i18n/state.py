"""Strings of the state every page shares: the time window, the links' values that cannot be used, the menu."""

STRINGS = {
    "state.window": {
        "en": "Time window: {start} → {end} ({tz})",
        "fr": "Période : {start} → {end} ({tz})",
    },
    "state.window_all": {"en": "Time window: the whole dataset", "fr": "Période : tout le jeu de données"},
    "state.window_where": {
        "en": "It filters the Timeline and the Network; the other pages show the whole dataset.",
        "fr": "Elle filtre la Chronologie et le Réseau ; les autres pages montrent tout le jeu de données.",
    },
    "state.reset_window": {"en": "Reset the time window", "fr": "Réinitialiser la période"},
    "state.bad_time.format": {
        "en": "The link asked for {name} = “{value}”, which is not a date and time (write 2020-06-18T10:00 for UTC, "
        "or give the offset: 2020-06-18T10:00+02:00); showing the whole dataset instead.",
        "fr": "Le lien demandait {name} = « {value} », qui n'est pas une date et une heure (écrivez 2020-06-18T10:00 "
        "pour UTC, ou donnez le décalage : 2020-06-18T10:00+02:00) ; tout le jeu de données est affiché.",
    },
    "state.bad_time.range": {
        "en": "The link asked for {name} = “{value}”, outside the years {low}–{high} that Clameur accepts; showing "
        "the whole dataset instead.",
        "fr": "Le lien demandait {name} = « {value} », hors des années {low}–{high} qu'accepte Clameur ; tout le jeu "
        "de données est affiché.",
    },
    "state.bad_time.order": {
        "en": "The link's time window “{value}” ends before it starts; showing the whole dataset instead.",
        "fr": "La période du lien « {value} » finit avant de commencer ; tout le jeu de données est affiché.",
    },
    "state.bad_zone": {
        "en": "The dataset's own time zone “{value}” is unknown; times are shown in UTC.",
        "fr": "Le fuseau horaire propre au jeu de données, « {value} », est inconnu ; les heures sont affichées en UTC.",
    },
    "data.selected": {
        "en": "“{name}” is now the selected dataset on every page.",
        "fr": "« {name} » est désormais le jeu de données choisi sur toutes les pages.",
    },
    "data.open": {"en": "Open “{name}” in the overview", "fr": "Ouvrir « {name} » dans la vue d'ensemble"},
}
