"""Strings of the editor role: the sidebar block and the notice shown where editing tools would be."""

STRINGS = {
    "editor.open": {
        "en": "Editing is open to everyone: anyone who can reach this app can upload, delete and edit. "
        "To restrict it, set the CLAMEUR_EDITOR_TOKEN environment variable (or editor_token in the "
        "Streamlit secrets) and restart the app.",
        "fr": "La modification est ouverte à tous : quiconque accède à cette application peut importer, "
        "supprimer et modifier. Pour la restreindre, définissez la variable d'environnement "
        "CLAMEUR_EDITOR_TOKEN (ou editor_token dans les secrets Streamlit) puis relancez l'application.",
    },
    "editor.locked": {
        "en": "Browsing is open to everyone; uploading, deleting and editing need the editor token.",
        "fr": "La consultation est ouverte à tous ; importer, supprimer et modifier demandent le jeton d'éditeur.",
    },
    "editor.unreadable": {
        "en": "The Streamlit secrets file exists but could not be read, so editing is locked for everyone. "
        "Fix .streamlit/secrets.toml (or set CLAMEUR_EDITOR_TOKEN) and restart the app.",
        "fr": "Le fichier de secrets Streamlit existe mais n'a pas pu être lu : la modification est verrouillée "
        "pour tous. Corrigez .streamlit/secrets.toml (ou définissez CLAMEUR_EDITOR_TOKEN) puis relancez l'application.",
    },
    "editor.token": {"en": "Editor token", "fr": "Jeton d'éditeur"},
    "editor.unlock": {"en": "Unlock editing", "fr": "Déverrouiller la modification"},
    "editor.wrong": {
        "en": "That editor token is not the right one, so editing stays locked. Check the token and try again.",
        "fr": "Ce jeton d'éditeur n'est pas le bon : la modification reste verrouillée. Vérifiez le jeton et réessayez.",
    },
    "editor.unlocked": {
        "en": "Editing is unlocked for this browser session. Lock it again before you leave a shared computer.",
        "fr": "La modification est déverrouillée pour cette session du navigateur. Reverrouillez-la avant de quitter "
        "un ordinateur partagé.",
    },
    "editor.lock": {"en": "Lock editing", "fr": "Verrouiller la modification"},
    "editor.notice": {
        "en": "Editing requires the editor token: enter it in the sidebar to upload, delete or edit.",
        "fr": "La modification demande le jeton d'éditeur : saisissez-le dans la barre latérale pour importer, "
        "supprimer ou modifier.",
    },
}
