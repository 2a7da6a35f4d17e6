"""Table exports: UTF-8 CSV with ids as text and formula-safe cells."""

from __future__ import annotations

import pandas as pd

_FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")


def _safe_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_LEAD):
        return "'" + value
    return value


def formula_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Prefix string cells that a spreadsheet would run as a formula with a `'`; numbers unchanged."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(_safe_cell)
    return out


def csv_bytes(df: pd.DataFrame) -> bytes:
    return formula_safe(df).to_csv(index=False).encode("utf-8")


def undo_formula_safe(value: str | None) -> str | None:
    """Read back a cell written by :func:`formula_safe`: drop the `'` it put before a formula sign."""
    if value and value.startswith("'") and value[1:2] in _FORMULA_LEAD:
        return value[1:]
    return value
