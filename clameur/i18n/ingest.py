"""Why a file was refused, in both languages (the importers raise these keys; pages show them in the reader's)."""

STRINGS = {
    "ingest.empty": {
        "en": "The file is empty: there is nothing to import.",
        "fr": "Le fichier est vide : il n'y a rien à importer.",
    },
    "ingest.archive": {
        "en": "The file is {what}, not a file of posts. Extract the posts (JSON, JSON Lines, CSV or Parquet) and import that file; Clameur never expands archives.",
        "fr": "Le fichier est {what}, pas un fichier de messages. Extrayez les messages (JSON, JSON Lines, CSV ou Parquet) et importez ce fichier ; Clameur ne décompresse jamais d'archive.",
    },
    "ingest.what.gzip": {"en": "a gzip archive", "fr": "une archive gzip"},
    "ingest.what.zip": {"en": "a ZIP archive", "fr": "une archive ZIP"},
    "ingest.what.png": {"en": "a PNG image", "fr": "une image PNG"},
    "ingest.what.pdf": {"en": "a PDF document", "fr": "un document PDF"},
    "ingest.what.jpeg": {"en": "a JPEG image", "fr": "une image JPEG"},
    "ingest.what.7z": {"en": "a 7-Zip archive", "fr": "une archive 7-Zip"},
    "ingest.what.bzip2": {"en": "a bzip2 archive", "fr": "une archive bzip2"},
    "ingest.what.zstd": {"en": "a Zstandard (zstd) archive", "fr": "une archive Zstandard (zstd)"},
    "ingest.what.xz": {"en": "an xz archive", "fr": "une archive xz"},
    "ingest.what.lzma": {"en": "an LZMA archive", "fr": "une archive LZMA"},
    "ingest.what.lz4": {"en": "an LZ4 archive", "fr": "une archive LZ4"},
    "ingest.what.lzip": {"en": "an lzip archive", "fr": "une archive lzip"},
    "ingest.what.rar": {"en": "a RAR archive", "fr": "une archive RAR"},
    "ingest.what.compress": {"en": "a compress (.Z) archive", "fr": "une archive compress (.Z)"},
    "ingest.what.snappy": {"en": "a Snappy archive", "fr": "une archive Snappy"},
    "ingest.what.bluesky_empty": {"en": "a Bluesky response without posts", "fr": "une réponse Bluesky sans messages"},
    "ingest.what.twarc2_users": {
        "en": "a twarc2 user lookup (accounts, not posts)",
        "fr": "une recherche de comptes twarc2 (des comptes, pas des messages)",
    },
    "ingest.what.twarc2_counts": {
        "en": "a twarc2 counts response (numbers of tweets per period, not posts)",
        "fr": "une réponse de comptage twarc2 (des nombres de tweets par période, pas des messages)",
    },
    "ingest.what.zeeschuimer_other": {
        "en": "a Zeeschuimer item from {platform} (Clameur reads its TikTok and X posts)",
        "fr": "un élément Zeeschuimer de {platform} (Clameur lit ses messages TikTok et X)",
    },
    "ingest.what.bluesky_reposted_by": {
        "en": "a Bluesky getRepostedBy response (accounts, not posts)",
        "fr": "une réponse Bluesky getRepostedBy (des comptes, pas des messages)",
    },
    "ingest.what.mastodon_account": {
        "en": "a Mastodon account (not a post)",
        "fr": "un compte Mastodon (pas un message)",
    },
    "ingest.what.profile": {"en": "a user profile (not a post)", "fr": "un profil d'utilisateur (pas un message)"},
    "ingest.what.unknown_json": {
        "en": "JSON that Clameur does not recognise as posts",
        "fr": "du JSON que Clameur ne reconnaît pas comme des messages",
    },
    "ingest.what.empty_cassette": {
        "en": "a vcrpy cassette whose responses hold no posts",
        "fr": "une cassette vcrpy dont les réponses ne contiennent aucun message",
    },
    "ingest.what.gnip_verb": {
        "en": "a Gnip activity of verb “{verb}” (not a post)",
        "fr": "une activité Gnip de verbe « {verb} » (pas un message)",
    },
    "ingest.what.tiktok_error": {
        "en": "a TikTok Research API error ({code}: {message})",
        "fr": "une erreur de l'API de recherche TikTok ({code} : {message})",
    },
    "ingest.what.tiktok_no_videos": {
        "en": "a TikTok Research API response without videos (accounts, comments or lists, not posts)",
        "fr": "une réponse de l'API de recherche TikTok sans vidéos (comptes, commentaires ou listes, pas des messages)",
    },
    "ingest.binary": {
        "en": "The file is binary, not text: Clameur imports posts as JSON, JSON Lines, CSV or Parquet. Export the posts in one of these formats and import that file.",
        "fr": "Le fichier est binaire, pas du texte : Clameur importe des messages en JSON, JSON Lines, CSV ou Parquet. Exportez les messages dans l'un de ces formats et importez ce fichier.",
    },
    "ingest.not_posts": {
        "en": "This file holds {what} (line {line}). Clameur imports posts: export the posts themselves and import that file.",
        "fr": "Ce fichier contient {what} (ligne {line}). Clameur importe des messages : exportez les messages eux-mêmes et importez ce fichier.",
    },
    "ingest.yaml": {
        "en": "The file is YAML (such as an HTTP recording of an R or Python test), not posts in JSON, CSV or Parquet. Save the response bodies it holds as JSON and import that file.",
        "fr": "Le fichier est en YAML (par exemple un enregistrement HTTP de tests R ou Python), pas des messages en JSON, CSV ou Parquet. Enregistrez en JSON les réponses qu'il contient et importez ce fichier.",
    },
    "ingest.no_records": {
        "en": "The file holds no JSON records.",
        "fr": "Le fichier ne contient aucun enregistrement JSON.",
    },
    "ingest.too_big": {
        "en": "The file is larger than the {mb} MB upload limit. Import it with the command line instead: clameur import FILE --dataset NAME",
        "fr": "Le fichier dépasse la limite d'envoi de {mb} Mo. Importez-le plutôt en ligne de commande : clameur import FICHIER --dataset NOM",
    },
    "ingest.no_name": {
        "en": "Give the dataset a name before importing.",
        "fr": "Donnez un nom au jeu de données avant d'importer.",
    },
    "ingest.unreadable": {
        "en": "The file could not be read as {family} ({reason}). Check that it is a {family} file, or export it again.",
        "fr": "Le fichier n'a pas pu être lu comme {family} ({reason}). Vérifiez qu'il s'agit bien d'un fichier {family}, ou exportez-le à nouveau.",
    },
    "ingest.csv_unreadable": {
        "en": "The table could not be read as CSV ({reason}). Check that it is a CSV file with a header row, or export it again.",
        "fr": "Le tableau n'a pas pu être lu comme CSV ({reason}). Vérifiez qu'il s'agit d'un fichier CSV avec une ligne d'en-tête, ou exportez-le à nouveau.",
    },
    "ingest.json_table_unreadable": {
        "en": "The JSON rows could not be read as a table ({reason}). Check that each record is one object of fields, or export the file again.",
        "fr": "Les lignes JSON n'ont pas pu être lues comme un tableau ({reason}). Vérifiez que chaque enregistrement est un objet de champs, ou exportez le fichier à nouveau.",
    },
    "ingest.parquet_unreadable": {
        "en": "The Parquet file could not be read ({reason}). It may be truncated or damaged: export it again.",
        "fr": "Le fichier Parquet n'a pas pu être lu ({reason}). Il est peut-être tronqué ou endommagé : exportez-le à nouveau.",
    },
    "ingest.parquet_rows": {
        "en": "The Parquet file declares {rows} rows, more than the {cap} Clameur imports at once. Split it into smaller files and import them one by one.",
        "fr": "Le fichier Parquet annonce {rows} lignes, plus que les {cap} que Clameur importe en une fois. Découpez-le en fichiers plus petits et importez-les un par un.",
    },
    "ingest.map.unrecognised": {
        "en": "Clameur does not recognise the columns of this table. Map its columns to fields (at least the post id and the time of posting) on the Data page, or with --map / --mapping on the command line.",
        "fr": "Clameur ne reconnaît pas les colonnes de ce tableau. Associez ses colonnes aux champs (au moins l'identifiant du message et l'heure de publication) sur la page Données, ou avec --map / --mapping en ligne de commande.",
    },
    "ingest.map.unknown_fields": {
        "en": "Unknown field(s) in the mapping: {fields}. Known fields: {known}.",
        "fr": "Champ(s) inconnu(s) dans la correspondance : {fields}. Champs connus : {known}.",
    },
    "ingest.map.missing": {
        "en": "The file has no column for {wanted}. Map these fields to columns of the file (its columns are: {columns}).",
        "fr": "Le fichier n'a pas de colonne pour {wanted}. Associez ces champs à des colonnes du fichier (ses colonnes : {columns}).",
    },
    "ingest.map.platform": {
        "en": "Unknown platform “{platform}”: use one of {known}.",
        "fr": "Plateforme inconnue « {platform} » : utilisez l'une de {known}.",
    },
    "ingest.map.preset_name": {
        "en": "Give the preset a new name (not empty, not the name of a built-in preset).",
        "fr": "Donnez au modèle un nouveau nom (non vide, différent des modèles fournis).",
    },
    "ingest.map.no_preset": {
        "en": "There is no mapping preset called “{name}”. Known presets: {known}.",
        "fr": "Il n'existe pas de modèle de correspondance « {name} ». Modèles connus : {known}.",
    },
    "ingest.disk_full": {
        "en": "The disk is full: Clameur could not keep its copy of the file in {folder}. Free some space (or point --db at a disk with room) and import again; nothing was imported.",
        "fr": "Le disque est plein : Clameur n'a pas pu garder sa copie du fichier dans {folder}. Libérez de la place (ou placez la base, --db, sur un disque qui en a) et importez à nouveau ; rien n'a été importé.",
    },
    "ingest.no_permission": {
        "en": "Clameur may not write in {path}, where it keeps a copy of each imported file. Give it write access to that folder and import again; nothing was imported.",
        "fr": "Clameur n'a pas le droit d'écrire dans {path}, où il garde une copie de chaque fichier importé. Donnez-lui ce droit et importez à nouveau ; rien n'a été importé.",
    },
    "ingest.cannot_read": {
        "en": "Clameur may not read “{path}”. Give it read access to the file and import again.",
        "fr": "Clameur n'a pas le droit de lire « {path} ». Donnez-lui ce droit et importez à nouveau.",
    },
    "ingest.os_error": {
        "en": "The system refused to read or write “{path}” ({reason}); nothing was imported.",
        "fr": "Le système a refusé de lire ou d'écrire « {path} » ({reason}) ; rien n'a été importé.",
    },
    "ingest.bad_timezone": {
        "en": "“{zone}” is not a time zone Clameur knows. Give an IANA zone such as Europe/Paris, America/New_York or UTC.",
        "fr": "« {zone} » n'est pas un fuseau horaire connu de Clameur. Indiquez un fuseau IANA, par exemple Europe/Paris, America/New_York ou UTC.",
    },
    "ingest.bad_keep_posts": {
        "en": "“{value}” is not a choice of posts to keep. Choose all (every post), actors (only the posts of the "
        "accounts in the actor registry) or none (the summary tables only: every chart, no post to read one by one).",
        "fr": "« {value} » n'est pas un choix de messages à conserver. Choisissez all (tous les messages), actors "
        "(seulement les messages des comptes du registre des acteurs) ou none (les tables de synthèse seules : tous "
        "les graphiques, aucun message à lire un par un).",
    },
    "ingest.keep_posts_closed": {
        "en": "The dataset “{name}” {kept}: Clameur can no longer tell which posts of another file it has "
        "already counted, and would count some twice. Import this file into a new dataset, or delete this dataset "
        "and import all its files again, this one included, keeping all posts (--keep-posts all).",
        "fr": "Le jeu de données « {name} » {kept} : Clameur ne peut plus savoir quels messages d'un autre "
        "fichier il a déjà comptés, et en compterait certains deux fois. Importez ce fichier dans un nouveau jeu de "
        "données, ou supprimez ce jeu et importez à nouveau tous ses fichiers, celui-ci compris, en conservant tous "
        "les messages (--keep-posts all).",
    },
    "ingest.kept_what.actors": {
        "en": "keeps only the posts of the accounts in the actor registry",
        "fr": "ne conserve que les messages des comptes du registre des acteurs",
    },
    "ingest.kept_what.none": {
        "en": "keeps no post, only its summary tables",
        "fr": "ne conserve aucun message, seulement ses tables de synthèse",
    },
}
