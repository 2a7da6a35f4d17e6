"""What the command line says when the system, not the file, stops a command (both languages)."""

STRINGS = {
    "cli.not_a_file": {
        "en": "“{path}” is not a file.",
        "fr": "« {path} » n'est pas un fichier.",
    },
    "cli.db_busy": {
        "en": "The database is in use by another Clameur process (the app or another import) that holds its lock. Wait for it to finish, or stop it, and run the command again; nothing was changed.",
        "fr": "La base est utilisée par un autre processus Clameur (l'application ou un autre import) qui la verrouille. Attendez qu'il termine, ou arrêtez-le, et relancez la commande ; rien n'a été modifié.",
    },
    "cli.disk_full": {
        "en": "The disk is full. Free some space (or point --db at a disk with room) and run the command again; the database is as it was before the command.",
        "fr": "Le disque est plein. Libérez de la place (ou placez la base, --db, sur un disque qui en a) et relancez la commande ; la base est telle qu'avant la commande.",
    },
    "cli.no_permission": {
        "en": "Clameur may not open {path}. Give it access (or choose another database with --db) and run the command again.",
        "fr": "Clameur n'a pas le droit d'ouvrir {path}. Donnez-lui cet accès (ou choisissez une autre base avec --db) et relancez la commande.",
    },
    "cli.os_error": {
        "en": "The system stopped the command: {reason}.",
        "fr": "Le système a arrêté la commande : {reason}.",
    },
}
