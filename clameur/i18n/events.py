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
    "event.hover.no_source": {
        "en": "no source link (reported, unverified)",
        "fr": "pas de lien (rapporté, non vérifié)",
    },
    "event.hover.when": {"en": "When", "fr": "Quand"},
    "event.hover.about": {"en": "about {x}", "fr": "environ {x}"},
    "event.when_approx": {
        "en": "{date}, about {time} (approximate time)",
        "fr": "{date}, vers {time} (heure approximative)",
    },
    "table.when_zone": {"en": "When ({tz})", "fr": "Quand ({tz})"},
    "confidence.high": {"en": "high", "fr": "élevée"},
    "confidence.medium": {"en": "medium", "fr": "moyenne"},
    "confidence.low": {"en": "low", "fr": "faible"},
}

STRINGS.update(
    {
        "events.section": {"en": "Events on the timeline", "fr": "Événements de la chronologie"},
        "events.add": {"en": "Add an event", "fr": "Ajouter un événement"},
        "events.edit": {"en": "Edit or delete an event", "fr": "Modifier ou supprimer un événement"},
        "events.pick": {"en": "Event", "fr": "Événement"},
        "events.type": {"en": "Type", "fr": "Type"},
        "events.date": {"en": "Date ({tz})", "fr": "Date ({tz})"},
        "events.time": {"en": "Time ({tz})", "fr": "Heure ({tz})"},
        "events.title": {"en": "Title", "fr": "Titre"},
        "events.title_fr": {"en": "Title in French", "fr": "Titre en français"},
        "events.title_en": {"en": "Title in English", "fr": "Titre en anglais"},
        "events.actor": {"en": "Actor", "fr": "Acteur"},
        "events.actor_fr": {"en": "Actor in French", "fr": "Acteur en français"},
        "events.actor_en": {"en": "Actor in English", "fr": "Acteur en anglais"},
        "events.description_fr": {"en": "Description in French", "fr": "Description en français"},
        "events.description_en": {"en": "Description in English", "fr": "Description en anglais"},
        "events.outlet": {"en": "Outlet that reported it", "fr": "Média qui le rapporte"},
        "events.source_date": {"en": "Date of the article", "fr": "Date de l'article"},
        "events.quote": {
            "en": "A short quote from the source that supports it (in the source's language)",
            "fr": "Une courte citation de la source qui l'atteste (dans la langue de la source)",
        },
        "events.approximate": {
            "en": "The hour is approximate (the source gives only the day, or a rough hour)",
            "fr": "L'heure est approximative (la source ne donne que le jour, ou une heure à peu près)",
        },
        "events.platform": {"en": "Platform concerned (optional)", "fr": "Plateforme concernée (facultatif)"},
        "events.description": {"en": "Description", "fr": "Description"},
        "events.source": {"en": "Source URL", "fr": "URL de la source"},
        "events.confidence": {"en": "Confidence", "fr": "Fiabilité"},
        "events.status": {"en": "Status (platform responses)", "fr": "Statut (réponses des plateformes)"},
        "events.save": {"en": "Save the event", "fr": "Enregistrer l'événement"},
        "events.saved": {"en": "Event saved.", "fr": "Événement enregistré."},
        "events.delete": {"en": "Delete this event", "fr": "Supprimer cet événement"},
        "events.confirm_delete": {
            "en": "Yes, delete “{title}” for good",
            "fr": "Oui, supprimer définitivement « {title} »",
        },
        "events.deleted": {"en": "Event deleted.", "fr": "Événement supprimé."},
        "events.export": {"en": "Events (CSV)", "fr": "Événements (CSV)"},
        "events.import": {"en": "Import events from CSV", "fr": "Importer des événements (CSV)"},
        "events.imported": {"en": "{n} events imported.", "fr": "{n} événements importés."},
        "events.none": {"en": "No event yet for this dataset.", "fr": "Aucun événement pour ce jeu de données."},
    }
)

STRINGS.update(
    {
        f"actor.{k}": v
        for k, v in {
            "government": {"en": "government", "fr": "gouvernement"},
            "ministry": {"en": "ministry", "fr": "ministère"},
            "parliament": {"en": "parliament", "fr": "parlement"},
            "regulator": {"en": "regulator", "fr": "régulateur"},
            "public_body": {"en": "public body", "fr": "organisme public"},
            "politician": {"en": "politician", "fr": "personnalité politique"},
            "party": {"en": "party", "fr": "parti"},
            "media": {"en": "media", "fr": "média"},
            "ngo": {"en": "NGO / association", "fr": "ONG / association"},
            "platform": {"en": "platform", "fr": "plateforme"},
            "influencer": {"en": "influencer", "fr": "influenceur"},
            "other": {"en": "other", "fr": "autre"},
        }.items()
    }
)
