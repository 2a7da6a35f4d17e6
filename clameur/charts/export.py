"""PNG and SVG of a figure, server-side with kaleido and the system Chromium, one browser kept alive.

The exported image is the figure as drawn on screen (same template, title, provenance subtitle and
source line), at 16:9 (1280×720 CSS pixels); PNG at scale 3 for slides.
"""

from __future__ import annotations

import atexit
import threading
import warnings

import plotly.graph_objects as go
import plotly.io as pio

from clameur.charts import HEIGHT, WIDTH
from clameur.errors import ClameurError

FORMATS = ("png", "svg")
PNG_SCALE = 3
_lock = threading.Lock()
_server_started = False


class ExportError(ClameurError, RuntimeError):
    """The image could not be produced; the message says what to install or do."""


def _ensure_server() -> None:
    global _server_started
    if _server_started:
        return
    import kaleido

    try:
        kaleido.start_sync_server(silence_warnings=True)
    except Exception as exc:  # choreographer raises its own types when no browser is found
        raise ExportError("error.export.no_chromium") from exc
    atexit.register(kaleido.stop_sync_server, silence_warnings=True)
    _server_started = True


def figure_image(fig: go.Figure, fmt: str) -> bytes:
    """The figure as PNG (1280×720 at scale 3) or SVG bytes."""
    if fmt not in FORMATS:
        raise ExportError("error.export.format", fmt=str(fmt))
    with _lock:  # one browser, one image at a time
        _ensure_server()
        try:
            with warnings.catch_warnings():  # plotly warns that kaleido's per-call options are unused with a server
                warnings.simplefilter("ignore", UserWarning)
                return pio.to_image(fig, format=fmt, width=WIDTH, height=HEIGHT, scale=PNG_SCALE if fmt == "png" else 1)
        except Exception as exc:
            raise ExportError("error.export.failed", reason=str(exc)) from exc
