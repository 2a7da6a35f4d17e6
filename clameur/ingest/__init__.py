"""Importers: JSON formats (twarc2, Twitter v1.1, Bluesky, Mastodon) with a report that accounts for every post."""

from clameur.ingest.core import ImportRefused, ImportReport, run_import

__all__ = ["ImportRefused", "ImportReport", "run_import"]
