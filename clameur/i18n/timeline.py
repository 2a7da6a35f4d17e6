"""Strings of the timeline page and its figures."""

STRINGS = {
    "timeline.events": {"en": "events (numbered)", "fr": "événements (numérotés)"},
    "timeline.peaks": {"en": "peaks", "fr": "pics"},
    "timeline.y.posts": {"en": "posts per bin", "fr": "messages par intervalle"},
    "timeline.y.accounts": {"en": "active accounts per bin", "fr": "comptes actifs par intervalle"},
    "timeline.y.share": {"en": "share of the period's total", "fr": "part du total de la période"},
    "timeline.y.cumulative": {"en": "cumulative", "fr": "cumul"},
}
