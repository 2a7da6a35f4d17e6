"""Strings of the data page."""

STRINGS = {
    "data.title": {"en": "Data", "fr": "Données"},
    "data.intro": {
        "en": "Import posts: twarc2 JSONL (pages, stream or flattened), Twitter API v1.1 (also mongoexport and tweepy "
        "cassettes), Gnip activity streams, Zeeschuimer/4CAT NDJSON (TikTok, X), TikTok Research API, Bluesky and "
        "Mastodon JSON; CSV (twarc-csv, 4CAT, DMI-TCAT or any table through a column mapping; comma, semicolon or tab; "
        "UTF-8, Windows-1252 or UTF-16), Parquet, and JSON tables (one object of fields per record) mapped like a CSV. "
        "The format is detected from the content. Every post is accounted "
        "for in the report.",
        "fr": "Importez des messages : twarc2 JSONL (pages, flux ou aplati), API Twitter v1.1 (aussi mongoexport et "
        "cassettes tweepy), flux d'activité Gnip, NDJSON Zeeschuimer/4CAT (TikTok, X), API de recherche TikTok, JSON "
        "Bluesky et Mastodon ; CSV (twarc-csv, 4CAT, DMI-TCAT ou tout tableau via une correspondance de colonnes ; "
        "virgule, point-virgule ou tabulation ; UTF-8, Windows-1252 ou UTF-16), Parquet, et tableaux JSON (un objet de "
        "champs par enregistrement) associés comme un CSV. Le format est reconnu "
        "d'après le contenu. Le rapport rend compte de chaque message.",
    },
    "data.upload": {"en": "Files to import", "fr": "Fichiers à importer"},
    "data.limit": {
        "en": "Up to {mb} MB per file in the browser; for larger files use the command line: `clameur import FILE --dataset NAME`.",
        "fr": "Jusqu'à {mb} Mo par fichier dans le navigateur ; au-delà, utilisez la ligne de commande : `clameur import FICHIER --dataset NOM`.",
    },
    "data.dataset_name": {"en": "Dataset name", "fr": "Nom du jeu de données"},
    "data.timezone": {"en": "Time zone for display", "fr": "Fuseau horaire d'affichage"},
    "data.campaign": {"en": "Campaign (optional)", "fr": "Campagne (facultatif)"},
    "data.campaign_help": {
        "en": "The campaign this dataset follows, as people write it (e.g. #BalanceTonTikTokeur): the title of its "
        "overview. Left empty, the dataset's name is used.",
        "fr": "La campagne que suit ce jeu de données, telle qu'on l'écrit (par ex. #BalanceTonTikTokeur) : le titre "
        "de sa vue d'ensemble. Laissée vide, le nom du jeu de données est utilisé.",
    },
    "data.detected": {"en": "{file}: {format}", "fr": "{file} : {format}"},
    "data.preview": {
        "en": "The first records as Clameur reads them:",
        "fr": "Les premiers enregistrements tels que Clameur les lit :",
    },
    "data.map.preset": {"en": "Column mapping", "fr": "Correspondance des colonnes"},
    "data.map.custom": {"en": "My own mapping…", "fr": "Ma propre correspondance…"},
    "data.map.help": {
        "en": "Say which column holds each field. The post id and the time of posting are required; kinds come from a kind column, from the referenced-post columns or from a text starting with “RT @”.",
        "fr": "Indiquez la colonne de chaque champ. L'identifiant du message et l'heure de publication sont obligatoires ; le type vient d'une colonne de type, des colonnes de messages référencés ou d'un texte commençant par « RT @ ».",
    },
    "data.map.save_name": {
        "en": "Save this mapping as (preset name)",
        "fr": "Enregistrer cette correspondance sous (nom)",
    },
    "data.map.save": {"en": "Save the preset", "fr": "Enregistrer le modèle"},
    "data.map.saved": {"en": "Preset “{name}” saved.", "fr": "Modèle « {name} » enregistré."},
    "data.go": {"en": "Import", "fr": "Importer"},
    "data.report": {"en": "Import report: {file}", "fr": "Rapport d'import : {file}"},
    "data.report_line": {
        "en": "{format}: {read} posts read = {loaded} loaded + {dup} duplicates + {rej} rejected; {ctx} referenced posts kept as context; {unparsed} timestamps unparsed.",
        "fr": "{format} : {read} messages lus = {loaded} chargés + {dup} doublons + {rej} rejetés ; {ctx} messages cités gardés en contexte ; {unparsed} dates illisibles.",
    },
    "data.refs": {
        "en": "Originals not in the file (withheld, deleted or protected): the author of {rt_resolved} retweets and {qt_resolved} quotes was read from the post itself (the “RT @…:” prefix and first mention, or the link to the quoted post); {rt_unresolved} retweets and {qt_unresolved} quotes have no identifiable author (at most a handle, without an account id) and are left out of the networks.",
        "fr": "Originaux absents du fichier (masqués, supprimés ou protégés) : l'auteur de {rt_resolved} retweets et de {qt_resolved} citations a été lu dans le message lui-même (le préfixe « RT @…: » et la première mention, ou le lien vers le message cité) ; {rt_unresolved} retweets et {qt_unresolved} citations n'ont pas d'auteur identifiable (tout au plus un nom de compte, sans identifiant) et restent hors des réseaux.",
    },
    "data.already": {
        "en": "This exact file was already imported into this dataset: nothing changed.",
        "fr": "Ce fichier exact a déjà été importé dans ce jeu : rien n'a changé.",
    },
    "data.keep_posts": {"en": "Posts to keep", "fr": "Messages à conserver"},
    "data.keep_posts_help": {
        "en": "Every chart is drawn from summary tables built at import (counts per minute, account, hashtag and "
        "link). Keeping fewer posts makes the database much smaller; what is let go is only the posts to read one "
        "by one. A dataset that keeps fewer than all its posts takes no further file: import everything at once. "
        "On the command line: clameur import --keep-posts all|actors|none.",
        "fr": "Chaque graphique est tiré de tables de synthèse construites à l'import (comptes par minute, compte, "
        "hashtag et lien). Conserver moins de messages rend la base bien plus petite ; seuls disparaissent les "
        "messages à lire un par un. Un jeu de données qui ne conserve pas tous ses messages ne prend plus d'autre "
        "fichier : importez tout en une fois. En ligne de commande : clameur import --keep-posts all|actors|none.",
    },
    "data.keep.all": {"en": "All posts", "fr": "Tous les messages"},
    "data.keep.actors": {"en": "Only the actors' posts", "fr": "Seulement ceux des acteurs"},
    "data.keep.none": {"en": "None (summary tables only)", "fr": "Aucun (tables de synthèse seules)"},
    "data.kept.all": {
        "en": "All posts are kept beside the summary tables the charts are drawn from.",
        "fr": "Tous les messages sont conservés à côté des tables de synthèse dont les graphiques sont tirés.",
    },
    "data.kept.actors": {
        "en": "{n} posts kept: those of the accounts in the actor registry. The others were let go once the summary "
        "tables were built: every chart still counts them, but they cannot be read one by one.",
        "fr": "{n} messages conservés : ceux des comptes du registre des acteurs. Les autres ont été écartés une fois "
        "les tables de synthèse construites : chaque graphique les compte toujours, mais on ne peut plus les lire un "
        "par un.",
    },
    "data.kept.none": {
        "en": "No post kept: the posts were let go once the summary tables were built. Every chart still counts them, "
        "but they cannot be read one by one.",
        "fr": "Aucun message conservé : les messages ont été écartés une fois les tables de synthèse construites. "
        "Chaque graphique les compte toujours, mais on ne peut plus les lire un par un.",
    },
    "data.col.keep_posts": {"en": "Posts kept", "fr": "Messages conservés"},
    "data.col.line": {"en": "Line", "fr": "Ligne"},
    "data.col.reason": {"en": "Why it was rejected", "fr": "Motif du rejet"},
    "data.datasets": {"en": "Datasets", "fr": "Jeux de données"},
    "data.delete": {"en": "Delete a dataset", "fr": "Supprimer un jeu de données"},
    "data.delete_pick": {"en": "Dataset to delete", "fr": "Jeu à supprimer"},
    "data.confirm": {
        "en": "Yes, delete “{name}” and all its posts for good",
        "fr": "Oui, supprimer définitivement « {name} » et tous ses messages",
    },
    "data.delete_go": {"en": "Delete the dataset", "fr": "Supprimer le jeu"},
    "data.deleted": {"en": "Dataset deleted.", "fr": "Jeu de données supprimé."},
}
