"""Strings of the data page."""

STRINGS = {
    "data.title": {"en": "Data", "fr": "Données"},
    "data.intro": {
        "en": "Import posts: twarc2 JSONL (pages, stream or flattened), Twitter API v1.1 (also mongoexport), Bluesky and "
        "Mastodon JSON. The format is detected from the content. Every post is accounted for in the report.",
        "fr": "Importez des messages : twarc2 JSONL (pages, flux ou aplati), API Twitter v1.1 (aussi mongoexport), JSON "
        "Bluesky et Mastodon. Le format est reconnu d'après le contenu. Le rapport rend compte de chaque message.",
    },
    "data.upload": {"en": "Files to import", "fr": "Fichiers à importer"},
    "data.limit": {
        "en": "Up to {mb} MB per file in the browser; for larger files use the command line: `clameur import FILE --dataset NAME`.",
        "fr": "Jusqu'à {mb} Mo par fichier dans le navigateur ; au-delà, utilisez la ligne de commande : `clameur import FICHIER --dataset NOM`.",
    },
    "data.dataset_name": {"en": "Dataset name", "fr": "Nom du jeu de données"},
    "data.timezone": {"en": "Time zone for display", "fr": "Fuseau horaire d'affichage"},
    "data.go": {"en": "Import", "fr": "Importer"},
    "data.report": {"en": "Import report: {file}", "fr": "Rapport d'import : {file}"},
    "data.report_line": {
        "en": "{format}: {read} posts read = {loaded} loaded + {dup} duplicates + {rej} rejected; {ctx} referenced posts kept as context; {unparsed} timestamps unparsed.",
        "fr": "{format} : {read} messages lus = {loaded} chargés + {dup} doublons + {rej} rejetés ; {ctx} messages cités gardés en contexte ; {unparsed} dates illisibles.",
    },
    "data.already": {
        "en": "This exact file was already imported into this dataset: nothing changed.",
        "fr": "Ce fichier exact a déjà été importé dans ce jeu : rien n'a changé.",
    },
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
