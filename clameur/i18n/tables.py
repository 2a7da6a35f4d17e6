"""Column names of the tables shown on the pages, and coded values not named elsewhere."""

_COLUMNS = {
    "event_id": ("#", "n°"),
    "starts_at": ("when ({tz})", "quand ({tz})"),
    "platform": ("platform", "plateforme"),
    "event_type": ("type", "type"),
    "title": ("title", "titre"),
    "description": ("description", "description"),
    "status": ("status", "statut"),
    "confidence": ("confidence", "fiabilité"),
    "source_url": ("source", "source"),
    "source_outlet": ("reported by", "rapporté par"),
    "actor_name": ("actor", "acteur"),
    "dataset_id": ("#", "n°"),
    "name": ("name", "nom"),
    "platforms": ("platforms", "plateformes"),
    "source_format": ("format", "format"),
    "imported_at": ("imported ({tz})", "importé ({tz})"),
    "rows_read": ("read", "lus"),
    "rows_loaded": ("loaded", "chargés"),
    "rows_rejected": ("rejected", "rejetés"),
    "rows_duplicate": ("duplicates", "doublons"),
    "rows_context": ("context", "contexte"),
    "refs_resolved": ("authors read from the post", "auteurs lus dans le message"),
    "refs_unresolved": ("authors unknown", "auteurs inconnus"),
    "synthetic": ("synthetic", "synthétique"),
    "timezone": ("time zone", "fuseau"),
    "hashtag": ("main hashtag", "hashtag principal"),
    "campaign": ("campaign", "campagne"),
    "notes": ("notes", "notes"),
    "category": ("category", "catégorie"),
    "country": ("country", "pays"),
    "source": ("source", "source"),
    "accounts": ("accounts", "comptes"),
    "checked": ("checked on", "vérifié le"),
    "object_type": ("object", "objet"),
    "n": ("n", "n"),
    "share": ("share", "part"),
    "post_id": ("post id", "identifiant"),
    "created_raw": ("time as written in the file", "heure telle qu'écrite dans le fichier"),
    "author_handle": ("author", "auteur"),
    "kind": ("kind", "type"),
    "text": ("text", "texte"),
}
_STATUS = {
    "announced": ("announced", "annoncé"),
    "implemented": ("implemented", "mis en œuvre"),
    "disputed": ("disputed", "contesté"),
    "available": ("available", "disponible"),
    "deleted": ("deleted", "supprimé"),
    "suspended": ("suspended", "suspendu"),
    "withheld": ("withheld", "retenu"),
}
_OBJECTS = {"post": ("post", "message"), "account": ("account", "compte")}

STRINGS = {
    **{
        f"table.{k}": {"en": en[:1].upper() + en[1:], "fr": fr[:1].upper() + fr[1:]} for k, (en, fr) in _COLUMNS.items()
    },
    **{f"status.{k}": {"en": en, "fr": fr} for k, (en, fr) in _STATUS.items()},
    **{f"object.{k}": {"en": en, "fr": fr} for k, (en, fr) in _OBJECTS.items()},
}
