"""Importers: JSON (twarc2, Twitter v1.1, Gnip, Zeeschuimer, TikTok, Bluesky, Mastodon), tables (CSV, Parquet, JSON
records of fields) through column mappings (``tabular``, ``json_table``, ``mapping``), read into staging tables
(``staging``) by DuckDB or by record parsers (``formats``, a registry of one module per format), loaded in SQL
(``loader``), with a report that accounts for every post."""

from clameur.ingest.core import ImportRefused, ImportReport, run_import

__all__ = ["ImportRefused", "ImportReport", "run_import"]
