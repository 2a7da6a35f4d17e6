"""What the Spark engine (`clameur import --engine spark`) says, in both languages."""

STRINGS = {
    "spark_engine.missing": {
        "en": 'The Spark engine needs pyspark, which is not installed here. Install it with pip install -e ".[spark]" (Java 17 is needed too), or import without --engine spark.',
        "fr": 'Le moteur Spark a besoin de pyspark, qui n\'est pas installé ici. Installez-le avec pip install -e ".[spark]" (Java 17 est nécessaire aussi), ou importez sans --engine spark.',
    },
    "spark_engine.no_java": {
        "en": "Spark needs Java 17 or later, which was not found. Install it (Debian: apt-get install openjdk-17-jre-headless) or set JAVA_HOME, then run the command again; nothing was changed.",
        "fr": "Spark a besoin de Java 17 ou plus récent, introuvable ici. Installez-le (Debian : apt-get install openjdk-17-jre-headless) ou définissez JAVA_HOME, puis relancez la commande ; rien n'a été modifié.",
    },
    "spark_engine.unreachable": {
        "en": "Spark could not start at {where}: {reason}. Check the --master or --remote address; nothing was changed.",
        "fr": "Spark n'a pas pu démarrer sur {where} : {reason}. Vérifiez l'adresse de --master ou de --remote ; rien n'a été modifié.",
    },
    "spark_engine.failed": {
        "en": "Spark stopped before the end: {reason}. Nothing was changed.",
        "fr": "Spark s'est arrêté avant la fin : {reason}. Rien n'a été modifié.",
    },
    "spark_engine.kinds_read": {
        "en": "twarc2 files (pages, filtered-stream lines, twarc2 flatten lines), and Clameur's own layout of posts as flat JSON lines or Parquet",
        "fr": "des fichiers twarc2 (pages, lignes du flux filtré, lignes de twarc2 flatten), et la disposition des posts propre à Clameur en JSON lines plat ou en Parquet",
    },
    "spark_engine.format_not_read": {
        "en": "“{path}” is not a file the Spark engine reads ({what}): it reads {kinds}. Import this file without --engine spark (DuckDB reads every format); nothing was changed.",
        "fr": "« {path} » n'est pas un fichier que le moteur Spark lit ({what}) : il lit {kinds}. Importez ce fichier sans --engine spark (DuckDB lit tous les formats) ; rien n'a été modifié.",
    },
    "spark_engine.neither_json_nor_parquet": {
        "en": "neither JSON lines nor Parquet",
        "fr": "ni du JSON lines ni du Parquet",
    },
    "spark_engine.parquet_other": {
        "en": "Parquet in other columns than Clameur's ({missing} missing)",
        "fr": "Parquet avec d'autres colonnes que celles de Clameur ({missing} manquent)",
    },
    "spark_engine.layout_odd": {
        "en": "{n} rows of {paths} are not in the terms of Clameur's own layout (a kind other than original, retweet, quote or reply, a hashtag that is an object, a mention without id or handle). Import them without --engine spark: DuckDB maps such files; nothing was changed.",
        "fr": "{n} lignes de {paths} sortent des termes de la disposition propre à Clameur (un type autre que original, retweet, quote ou reply, un hashtag qui est un objet, une mention sans identifiant ni pseudo). Importez-les sans --engine spark : DuckDB sait faire correspondre de tels fichiers ; rien n'a été modifié.",
    },
    "spark_engine.file_refused": {
        "en": "“{path}” was refused: {reason}",
        "fr": "« {path} » a été refusé : {reason}",
    },
    "spark_engine.read_failed": {
        "en": "Spark could not read “{path}”: {reason}. Nothing was changed.",
        "fr": "Spark n'a pas pu lire « {path} » : {reason}. Rien n'a été modifié.",
    },
    "spark_engine.twarc2_missing": {
        "en": "This version of Clameur cannot read twarc2 pages with Spark yet (“{path}”). Import the file without --engine spark; nothing was changed.",
        "fr": "Cette version de Clameur ne sait pas encore lire les pages twarc2 avec Spark (« {path} »). Importez le fichier sans --engine spark ; rien n'a été modifié.",
    },
    "spark_engine.dataset_exists": {
        "en": "A dataset named “{name}” already exists. The Spark engine stores rollups only, which cannot be merged with another import's: choose another --dataset name, or delete that dataset first; nothing was changed.",
        "fr": "Un jeu de données nommé « {name} » existe déjà. Le moteur Spark ne garde que les agrégats, qui ne peuvent pas être fusionnés avec ceux d'un autre import : choisissez un autre nom (--dataset), ou supprimez d'abord ce jeu ; rien n'a été modifié.",
    },
    "spark_engine.options_duckdb_only": {
        "en": "{options} apply to the DuckDB engine only: the Spark engine reads twarc2 pages and Clameur's own layout, without column mappings.",
        "fr": "{options} ne valent que pour le moteur DuckDB : le moteur Spark lit les pages twarc2 et la disposition propre à Clameur, sans correspondance de colonnes.",
    },
    "spark_engine.keeps_no_posts": {
        "en": "The Spark engine keeps rollups only: the posts stay where Spark read them, so --keep-posts {value} cannot apply. Leave --keep-posts out (or give none), or import the files without --engine spark to keep posts; nothing was changed.",
        "fr": "Le moteur Spark ne garde que les agrégats : les messages restent là où Spark les a lus, donc --keep-posts {value} ne peut pas s'appliquer. Retirez --keep-posts (ou donnez none), ou importez les fichiers sans --engine spark pour garder des messages ; rien n'a été modifié.",
    },
    "spark_engine.options_need_engine": {
        "en": "--master and --remote choose where Spark runs: use them with --engine spark.",
        "fr": "--master et --remote choisissent où Spark s'exécute : employez-les avec --engine spark.",
    },
    "spark_engine.report": {
        "en": "{files}: {format}, read {read}, loaded {loaded}, duplicates {duplicates}, rejected {rejected}, context {context}. Computed by Spark ({where}) in {seconds} s.",
        "fr": "{files} : {format}, lus {read}, chargés {loaded}, doublons {duplicates}, rejetés {rejected}, contexte {context}. Calculé par Spark ({where}) en {seconds} s.",
    },
    "spark_engine.stored": {
        "en": "Dataset “{name}”: {rows} rollup rows and {accounts} accounts stored; the posts stay where they are (rollups only, every page reads them).",
        "fr": "Jeu « {name} » : {rows} lignes d'agrégats et {accounts} comptes enregistrés ; les posts restent où ils sont (agrégats seulement, que chaque page lit).",
    },
    "spark_engine.unparsed": {
        "en": "{n} posts have a time that could not be read: they count in the totals but on no timeline.",
        "fr": "{n} posts ont une date illisible : ils comptent dans les totaux mais sur aucune chronologie.",
    },
    "spark_engine.unresolved": {
        "en": "{rt} retweets and {qt} quotes name no author for the post they share: they are left out of the networks.",
        "fr": "{rt} retweets et {qt} citations ne nomment pas l'auteur du post partagé : ils sont laissés hors des réseaux.",
    },
    "spark_engine.rejects_unlisted": {
        "en": "{n} rows had no post id and were rejected (the Spark engine counts them; the DuckDB engine lists their lines).",
        "fr": "{n} lignes n'avaient pas d'identifiant de post et ont été rejetées (le moteur Spark les compte ; le moteur DuckDB en donne les lignes).",
    },
}
