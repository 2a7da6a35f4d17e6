"""Event and actor vocabularies in both languages."""

STRINGS = {
    "event.campaign_start": {"en": "campaign start", "fr": "lancement de la campagne"},
    "event.volume_milestone": {"en": "volume milestone", "fr": "seuil de volume"},
    "event.institutional_reaction": {"en": "institutional reaction", "fr": "réaction institutionnelle"},
    "event.meeting": {"en": "meeting", "fr": "réunion"},
    "event.platform_statement": {"en": "platform statement", "fr": "déclaration de la plateforme"},
    "event.policy_change": {"en": "policy change", "fr": "changement de règles"},
    "event.feature_change": {"en": "feature change", "fr": "changement de fonctionnalité"},
    "event.enforcement": {"en": "enforcement", "fr": "sanction"},
    "event.transparency_report": {"en": "transparency report", "fr": "rapport de transparence"},
    "event.refusal": {"en": "refusal", "fr": "refus"},
    "event.media_coverage": {"en": "media coverage", "fr": "couverture médiatique"},
    "event.other": {"en": "other", "fr": "autre"},
    "event.hover.actor": {"en": "Actor", "fr": "Acteur"},
    "event.hover.source": {"en": "Source", "fr": "Source"},
    "event.hover.lag": {"en": "Since launch", "fr": "Depuis le lancement"},
    "event.hover.confidence": {"en": "Confidence", "fr": "Fiabilité"},
    "event.hover.no_source": {"en": "no source link (reported, unverified)", "fr": "pas de lien (rapporté, non vérifié)"},
    "confidence.high": {"en": "high", "fr": "élevée"},
    "confidence.medium": {"en": "medium", "fr": "moyenne"},
    "confidence.low": {"en": "low", "fr": "faible"},
}
