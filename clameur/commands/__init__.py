"""Sub-commands of the `clameur` CLI; each module exposes ``register(subparsers)``."""

COMMAND_MODULES = (
    "clameur.commands.datasets",
    "clameur.commands.demo",
    "clameur.commands.summary",
    "clameur.commands.import_",
    "clameur.commands.timeline",
    "clameur.commands.network",
    "clameur.commands.reactions",
    "clameur.commands.figure",
)
