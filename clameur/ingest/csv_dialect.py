"""How a CSV is written: its column names, its delimiter, and the lines before its header (Excel's ``sep=;``)."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from clameur import settings
from clameur.ingest.own_layout import own_csv_header

# Excel's hint line, "sep=;" before the header, written so that Excel splits the columns whatever its locale.
_EXCEL_HINT = re.compile(rb"sep=(.)\r?\n?")


@dataclass(frozen=True)
class Dialect:
    header: list[str]
    delimiter: str
    skip: int = 0  # lines before the header


def excel_separator(path: Path) -> str | None:
    """The delimiter named by an Excel hint line (``sep=;``) that opens the file, if there is one."""
    with open(path, "rb") as f:
        first = f.readline(64).removeprefix(codecs.BOM_UTF8)
    hint = _EXCEL_HINT.fullmatch(first)
    return hint.group(1).decode("latin-1") if hint else None


def csv_dialect(cur, path: Path) -> Dialect:
    """The dialect of a CSV: Clameur's own header read as it is, else sniffed once by DuckDB, after any hint line,
    whose delimiter is then the one used."""
    hint = excel_separator(path)
    own = None if hint else own_csv_header(path)
    if own:
        return Dialect(own, ",")
    sql = (
        "SELECT Columns, Delimiter FROM sniff_csv(?, header = true, all_varchar = true, store_rejects = true, "
        "quote = '\"', escape = '\"', sample_size = 20480, max_line_size = ?, skip = ?, compression = 'none'"
    )
    sql += ", delim = ?)" if hint else ")"  # the hint's delimiter is a parameter, like the file's path
    columns, delimiter = cur.execute(
        sql, [str(path), settings.MAX_RECORD_BYTES, 1 if hint else 0, *([hint] if hint else [])]
    ).fetchall()[0]
    return Dialect([c["name"] for c in columns], delimiter, 1 if hint else 0)
