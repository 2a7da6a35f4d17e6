"""Rollups: the small tables every page reads, built once at import (DuckDB here, Spark on a cluster).

One definition per rollup (:mod:`clameur.rollups.definitions`) is rendered for either engine; the DuckDB
builder (:mod:`clameur.rollups.build`) runs it inside the import's transaction.
"""
