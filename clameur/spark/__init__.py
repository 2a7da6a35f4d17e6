"""The Spark engine: the same rollups computed where an archive too big for one machine lives.

Optional: needs the ``spark`` extra (``pip install -e ".[spark]"``) and Java 17.
"""
