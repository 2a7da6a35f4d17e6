"""Strings of the database shared by the app and the command line: who holds it, waiting, busy."""

STRINGS = {
    "store.holder_import": {
        "en": "an import running from the command line ({files}, since {since}, process {pid})",
        "fr": "un import lancé depuis la ligne de commande ({files}, depuis {since}, processus {pid})",
    },
    "store.holder_other": {
        "en": "another program (process {pid}): the Clameur app, which lets it go after {idle} s without visitors, "
        "or another clameur command",
        "fr": "un autre programme (processus {pid}) : l'application Clameur, qui le libère après {idle} s sans "
        "visiteur, ou une autre commande clameur",
    },
    "store.waiting": {
        "en": "The database {path} is in use by {holder}; waiting up to {wait} s for it (--wait SECONDS to change).",
        "fr": "La base {path} est utilisée par {holder} ; attente jusqu'à {wait} s (--wait SECONDES pour changer).",
    },
    "store.busy": {
        "en": "The database {path} is still in use by {holder} after {waited} s. Try again when it is free, or wait "
        "longer with --wait SECONDS.",
        "fr": "La base {path} est toujours utilisée par {holder} après {waited} s. Réessayez quand elle sera libre, "
        "ou attendez plus longtemps avec --wait SECONDES.",
    },
    "store.page_import": {
        "en": "An import is running from the command line ({files}, since {since}). The pages come back as soon as "
        "it ends: reload this page in a moment.",
        "fr": "Un import est en cours depuis la ligne de commande ({files}, depuis {since}). Les pages reviennent dès "
        "qu'il se termine : rechargez cette page dans un instant.",
    },
    "store.page_busy": {
        "en": "The database is in use by another Clameur command for the moment. Reload this page in a moment.",
        "fr": "La base est utilisée par une autre commande Clameur pour le moment. Rechargez cette page dans un "
        "instant.",
    },
    "store.reload": {"en": "Reload", "fr": "Recharger"},
}
