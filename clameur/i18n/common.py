"""Strings shared by every page: navigation, sidebar, provenance, generic messages."""

STRINGS = {
    "app.title": {"en": "Clameur", "fr": "Clameur"},
    "app.tagline": {
        "en": "How a hashtag campaign grew, who carried it, how institutions and platforms reacted.",
        "fr": "Comment une campagne de hashtag a grandi, qui l'a portée, comment institutions et plateformes ont réagi.",
    },
    "nav.overview": {"en": "Overview", "fr": "Vue d'ensemble"},
    "nav.timeline": {"en": "Timeline", "fr": "Chronologie"},
    "nav.network": {"en": "Network", "fr": "Réseau"},
    "nav.institutions": {"en": "Institutions", "fr": "Institutions"},
    "nav.platforms": {"en": "Platforms", "fr": "Plateformes"},
    "nav.data": {"en": "Data", "fr": "Données"},
    "common.choose": {"en": "Choose", "fr": "Choisir"},  # an empty multiselect's placeholder
    "sidebar.dataset": {"en": "Dataset", "fr": "Jeu de données"},
    "sidebar.language": {"en": "Language", "fr": "Langue"},
    "sidebar.timezone": {"en": "Time zone", "fr": "Fuseau horaire"},
    "sidebar.no_data": {
        "en": "No dataset is loaded yet. Import one on the Data page.",
        "fr": "Aucun jeu de données n'est chargé. Importez-en un dans la page Données.",
    },
    "sidebar.synthetic": {
        "en": "Synthetic demo data: invented accounts and posts that follow the public story of the campaign.",
        "fr": "Données de démonstration synthétiques : comptes et messages inventés qui suivent l'histoire publique de la campagne.",
    },
    "sidebar.building_demo": {
        "en": "Building the demo campaign (first run only, up to about 20 seconds)…",
        "fr": "Construction de la campagne de démonstration (premier lancement seulement, jusqu'à 20 secondes environ)…",
    },
    "sidebar.bad_param": {
        "en": "The link asked for {name} = “{value}”, which Clameur does not know; showing the default instead.",
        "fr": "Le lien demandait {name} = « {value} », que Clameur ne connaît pas ; la vue par défaut est affichée.",
    },
    "privacy.rule": {
        "en": "privacy: accounts under {n} followers and not in the actor registry shown as pseudonyms",
        "fr": "confidentialité : comptes de moins de {n} abonnés et hors registre des acteurs pseudonymisés",
    },
    "sidebar.privacy": {"en": "Privacy mode (pseudonyms)", "fr": "Mode confidentialité (pseudonymes)"},
    "sidebar.privacy_help": {
        "en": "On by default, also in exports: accounts under {n} followers that are not in the actor registry are shown as stable pseudonyms. Switch it off only for your own exploration.",
        "fr": "Activé par défaut, exports compris : les comptes de moins de {n} abonnés absents du registre des acteurs apparaissent sous un pseudonyme stable. Ne le désactivez que pour votre propre exploration.",
    },
    "sidebar.present": {"en": "Presentation mode", "fr": "Mode présentation"},
    "sidebar.present_help": {
        "en": "Hides the sidebar and the controls and enlarges the text for clean 16:9 screenshots; privacy mode stays on.",
        "fr": "Masque la barre latérale et les réglages et agrandit le texte pour des captures 16:9 nettes ; le mode confidentialité reste activé.",
    },
    "present.exit": {"en": "Leave presentation mode", "fr": "Quitter le mode présentation"},
    "present.save_png": {"en": "Save this slide (PNG)", "fr": "Enregistrer cette diapositive (PNG)"},
    "report.button": {"en": "Report (ZIP)", "fr": "Dossier (ZIP)"},
    "report.help": {
        "en": "The figures of this page as PNG and SVG, their data as CSV and a README of the parameters and sources.",
        "fr": "Les figures de cette page en PNG et SVG, leurs données en CSV et un README des paramètres et des sources.",
    },
    "report.made": {"en": "Made", "fr": "Produit le"},
    "report.link": {"en": "View", "fr": "Vue"},
    "report.files": {"en": "Files", "fr": "Fichiers"},
    "report.parameters": {"en": "Parameters", "fr": "Paramètres"},
    "prov.source": {"en": "Source: {source}", "fr": "Source : {source}"},
    "prov.synthetic": {"en": "SYNTHETIC DEMO DATA", "fr": "DONNÉES SYNTHÉTIQUES DE DÉMONSTRATION"},
    "prov.bin": {"en": "bin", "fr": "pas"},
    "prov.times_in": {"en": "times in {tz}", "fr": "heures en {tz}"},
    "prov.made_with": {"en": "Clameur", "fr": "Clameur"},
    "kind.original": {"en": "original", "fr": "original"},
    "kind.retweet": {"en": "retweet", "fr": "retweet"},
    "kind.quote": {"en": "quote", "fr": "citation"},
    "kind.reply": {"en": "reply", "fr": "réponse"},
    "download.png": {"en": "PNG", "fr": "PNG"},
    "download.svg": {"en": "SVG", "fr": "SVG"},
    "download.csv": {"en": "Data (CSV)", "fr": "Données (CSV)"},
    "error.query_failed": {
        "en": "This view could not be computed: {reason}",
        "fr": "Cette vue n'a pas pu être calculée : {reason}",
    },
    "empty.no_posts": {
        "en": "No posts match this view. Widen the time window or change the filters.",
        "fr": "Aucun message ne correspond à cette vue. Élargissez la période ou changez les filtres.",
    },
}
