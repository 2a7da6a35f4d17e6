"""Strings of privacy mode: pseudonyms, the notices that say whether it is on, the key file's errors."""

STRINGS = {
    "privacy.account": {"en": "account", "fr": "compte"},  # a pseudonym is "account 3fa9c21b07"
    "privacy.on_notice": {
        "en": "Privacy mode on: accounts under {n} followers that are not in the actor registry are shown as "
        "pseudonyms (keyed to this installation); their handles and platform ids are left out.",
        "fr": "Mode confidentialité activé : les comptes de moins de {n} abonnés absents du registre des acteurs "
        "apparaissent sous un pseudonyme (propre à cette installation) ; leurs noms et identifiants sont omis.",
    },
    "privacy.off_notice": {
        "en": "Privacy mode OFF: every account is shown with its real handle and platform id.",
        "fr": "Mode confidentialité DÉSACTIVÉ : chaque compte apparaît avec son vrai nom et son identifiant.",
    },
    "privacy.bad_key": {
        "en": "The privacy key file {path} is damaged (it must hold 32 bytes). Restore it from a backup to keep "
        "the same pseudonyms, or delete it to make a new key (every pseudonym will change).",
        "fr": "Le fichier de clé de confidentialité {path} est abîmé (il doit contenir 32 octets). Restaurez-le "
        "depuis une sauvegarde pour garder les mêmes pseudonymes, ou supprimez-le pour créer une nouvelle clé "
        "(tous les pseudonymes changeront).",
    },
}
