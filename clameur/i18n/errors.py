"""Strings of Clameur's errors (clameur/errors.py) and of the import's own reasons and warnings."""

STRINGS = {
    # network
    "error.network.kind": {
        "en": "Unknown network kind “{kind}”. Use one of: {known}.",
        "fr": "Type de réseau inconnu : « {kind} ». Utilisez l'un de ceux-ci : {known}.",
    },
    "error.network.metric": {
        "en": "Unknown metric “{metric}”. Use one of: {known}.",
        "fr": "Mesure inconnue : « {metric} ». Utilisez l'une de celles-ci : {known}.",
    },
    "error.network.bounds": {
        "en": "Minimum weight and top N must be at least 1, and the k-core at least 0.",
        "fr": "Le poids minimal et le nombre N de comptes doivent valoir au moins 1, et le k-cœur au moins 0.",
    },
    "error.network.not_in_network": {
        "en": "This account is not in the network for the current filters.",
        "fr": "Ce compte n'est pas dans le réseau avec les filtres actuels.",
    },
    # timeline
    "error.timeline.unknown": {
        "en": "Unknown {name} “{value}”. Use one of: {known}.",
        "fr": "Valeur inconnue pour {name} : « {value} ». Utilisez l'une de celles-ci : {known}.",
    },
    "error.timeline.no_dataset": {"en": "Pick at least one dataset.", "fr": "Choisissez au moins un jeu de données."},
    "error.timeline.stack_tags": {
        "en": "Stacking by hashtag needs at least one hashtag.",
        "fr": "L'empilement par hashtag demande au moins un hashtag.",
    },
    # files of actors, events and availability
    "error.row": {"en": "Row {row}: {reason}", "fr": "Ligne {row} : {reason}"},
    "error.not_utf8": {
        "en": "The file is not UTF-8 text. Save it as CSV UTF-8 and try again.",
        "fr": "Le fichier n'est pas du texte UTF-8. Enregistrez-le en CSV UTF-8 et réessayez.",
    },
    "error.actors.not_utf8": {
        "en": "The actors file is not UTF-8 text. Save it as CSV UTF-8 and try again.",
        "fr": "Le fichier des acteurs n'est pas du texte UTF-8. Enregistrez-le en CSV UTF-8 et réessayez.",
    },
    "error.events.not_utf8": {
        "en": "The events file is not UTF-8 text. Save it as CSV UTF-8 and try again.",
        "fr": "Le fichier des événements n'est pas du texte UTF-8. Enregistrez-le en CSV UTF-8 et réessayez.",
    },
    "error.availability.columns": {
        "en": "The file needs at least the columns object_id and status "
        "(optional: object_type = post or account, checked_at).",
        "fr": "Le fichier doit avoir au moins les colonnes object_id et status "
        "(facultatives : object_type = post ou account, checked_at).",
    },
    "error.availability.status": {
        "en": "Row {row}: status “{status}” is not one of {known}.",
        "fr": "Ligne {row} : le statut « {status} » n'est pas l'un de ceux-ci : {known}.",
    },
    "error.availability.object_type": {
        "en": "Row {row}: object_type “{value}” must be post or account.",
        "fr": "Ligne {row} : object_type « {value} » doit valoir post ou account.",
    },
    "error.availability.date": {
        "en": "Row {row}: “{value}” is not a date.",
        "fr": "Ligne {row} : « {value} » n'est pas une date.",
    },
    "error.actors.category": {
        "en": "Unknown category “{category}”. Use one of: {known}.",
        "fr": "Catégorie inconnue : « {category} ». Utilisez l'une de celles-ci : {known}.",
    },
    "error.actors.name": {"en": "An actor needs a name.", "fr": "Un acteur doit avoir un nom."},
    "error.actors.columns": {
        "en": "The actors file needs the columns name and category; expected: {expected}.",
        "fr": "Le fichier des acteurs doit avoir les colonnes name et category ; colonnes attendues : {expected}.",
    },
    "error.events.flag": {
        "en": "“{value}” in time_approximate is not yes or no (use true or false).",
        "fr": "« {value} » dans time_approximate n'est ni oui ni non (utilisez true ou false).",
    },
    "error.events.source_date": {
        "en": "“{value}” in source_date is not a date (use 2020-06-18).",
        "fr": "« {value} » dans source_date n'est pas une date (utilisez 2020-06-18).",
    },
    "error.events.type": {
        "en": "Unknown event type “{event_type}”. Use one of: {known}.",
        "fr": "Type d'événement inconnu : « {event_type} ». Utilisez l'un de ceux-ci : {known}.",
    },
    "error.events.title": {"en": "An event needs a title.", "fr": "Un événement doit avoir un titre."},
    "error.events.start": {"en": "An event needs a start time.", "fr": "Un événement doit avoir une heure de début."},
    "error.events.order": {
        "en": "An event cannot end before it starts.",
        "fr": "Un événement ne peut pas finir avant de commencer.",
    },
    "error.events.confidence": {
        "en": "Confidence must be one of: {known}.",
        "fr": "La confiance doit valoir l'une de ces valeurs : {known}.",
    },
    "error.events.status": {
        "en": "Status must be one of: {known}.",
        "fr": "Le statut doit valoir l'une de ces valeurs : {known}.",
    },
    "error.events.time": {
        "en": "Row {row}: “{value}” in {column} is not a date and time (use 2020-06-18T08:30:00Z).",
        "fr": "Ligne {row} : « {value} » dans {column} n'est pas une date et une heure (utilisez 2020-06-18T08:30:00Z).",
    },
    "error.events.columns": {
        "en": "The events file lacks the column(s) {missing}; expected: {expected}.",
        "fr": "Il manque au fichier des événements la ou les colonnes {missing} ; colonnes attendues : {expected}.",
    },
    # the database and figure files
    "error.query_timeout": {
        "en": "The query took longer than {seconds} seconds and was stopped. "
        "Narrow the time window or the filters and try again.",
        "fr": "La requête a duré plus de {seconds} secondes et a été arrêtée. "
        "Resserrez la période ou les filtres et réessayez.",
    },
    "error.export.no_chromium": {
        "en": "No Chromium was found to draw the image. Install it (Debian: apt-get install chromium) and try again.",
        "fr": "Aucun Chromium n'a été trouvé pour dessiner l'image. Installez-le (Debian : apt-get install chromium) "
        "et réessayez.",
    },
    "error.export.format": {
        "en": "Unknown image format “{fmt}”: use png or svg.",
        "fr": "Format d'image inconnu : « {fmt} » ; utilisez png ou svg.",
    },
    "error.export.failed": {
        "en": "The image could not be drawn ({reason}). Try again, or download the data as CSV.",
        "fr": "L'image n'a pas pu être dessinée ({reason}). Réessayez, ou téléchargez les données en CSV.",
    },
    # the import: warnings of a report, and the reasons of its rejected lines (DuckDB's and Python's own words, such
    # as the JSON decoder's, stay as parameters)
    "ingest.warn.odd_dates": {
        "en": "{n} posts are dated before 2006 or in the future (a default date such as 1 January 1970, or a clock "
        "error): they are kept but left out of timelines; check the time column of the file.",
        "fr": "{n} messages sont datés d'avant 2006 ou du futur (une date par défaut comme le 1er janvier 1970, ou "
        "une horloge déréglée) : ils sont gardés mais laissés hors des chronologies ; vérifiez la colonne de l'heure "
        "du fichier.",
    },
    "ingest.reason.undecodable": {
        "en": "DuckDB stopped on a record it could not read",
        "fr": "DuckDB s'est arrêté sur un enregistrement qu'il n'a pas pu lire",
    },
    "ingest.reject.not_a_post": {"en": "not a post: {what}", "fr": "pas un message : {what}"},
    "ingest.reject.shape": {
        "en": "{format} record with an unexpected shape ({reason})",
        "fr": "enregistrement {format} d'une forme inattendue ({reason})",
    },
    "ingest.reject.no_id": {"en": "post without an id", "fr": "message sans identifiant"},
    "ingest.reject.too_large": {"en": "record larger than {mb} MB", "fr": "enregistrement de plus de {mb} Mo"},
    "ingest.reject.too_deep": {"en": "JSON nested too deeply", "fr": "JSON imbriqué trop profondément"},
    "ingest.reject.bad_json": {"en": "not valid JSON ({reason})", "fr": "JSON non valide ({reason})"},
    "ingest.reject.bad_json_column": {
        "en": "not valid JSON ({reason} at column {column})",
        "fr": "JSON non valide ({reason}, colonne {column})",
    },
    "ingest.reject.bad_json_line": {
        "en": "not valid JSON ({reason} at line {line})",
        "fr": "JSON non valide ({reason}, ligne {line})",
    },
    "ingest.reject.not_utf8": {
        "en": "not UTF-8 text: save the file as UTF-8 and import it again",
        "fr": "pas du texte UTF-8 : enregistrez le fichier en UTF-8 et importez-le de nouveau",
    },
    "ingest.reject.document_too_large": {
        "en": "a single JSON document this large cannot be read at once: convert it to JSON Lines",
        "fr": "un document JSON unique aussi gros ne peut pas être lu d'un coup : convertissez-le en JSON Lines",
    },
    "ingest.reject.repeated_header": {
        "en": "the header row again (files joined one after another?): not a post",
        "fr": "de nouveau la ligne d'en-tête (des fichiers mis bout à bout ?) : pas un message",
    },
    "ingest.reject.long_line": {
        "en": "line longer than {mb} MB: not read (a record may be at most {mb} MB)",
        "fr": "ligne de plus de {mb} Mo : non lue (un enregistrement peut faire au plus {mb} Mo)",
    },
    "ingest.reject.not_a_row": {
        "en": "not a row of the table (a JSON object was expected)",
        "fr": "pas une ligne du tableau (un objet JSON était attendu)",
    },
    "ingest.reject.cassette": {
        "en": "cassette interaction {n} ({uri}): {why}",
        "fr": "interaction {n} de la cassette ({uri}) : {why}",
    },
    "ingest.reject.body_not_json": {
        "en": "the response body is not JSON",
        "fr": "le corps de la réponse n'est pas du JSON",
    },
    "ingest.reject.x_no_tweet": {
        "en": "no tweet in this item: a deleted, withheld or unavailable tweet",
        "fr": "pas de tweet dans cet élément : un tweet supprimé, retenu ou indisponible",
    },
}
