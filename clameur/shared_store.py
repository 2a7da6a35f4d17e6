"""The app's hold on the database: taken by a page run, let go when no page has used it for a few seconds.

DuckDB lets one process hold a database file at a time. The app used to keep it from its first visitor until it
stopped, so every `clameur` command (import, datasets, summary…) died with "Conflicting lock is held". Now each
page run holds the store while it runs (:meth:`SharedStore.acquire`, until :meth:`SharedStore.release` or the end
of the run's thread); once no run has held it for ``idle_s`` seconds the connection is closed and a command may
take the file. Opening costs about a connection and a cold first query (``python -m bench.connection_cost``):
paid by the first chart after a pause, never by the charts of an ongoing visit.
"""

from __future__ import annotations

import atexit
import threading
import time
import weakref
from collections.abc import Callable
from pathlib import Path

from clameur import settings
from clameur.store import Store, open_store

_ALIVE: weakref.WeakSet[SharedStore] = weakref.WeakSet()


@atexit.register
def _stop_closers() -> None:
    """At exit, stop the idle closers before Python finalises: a daemon thread stopped inside DuckDB's close
    aborts the process."""
    for shared in list(_ALIVE):
        shared._stopping.set()
        closer = shared._closer
        if closer is not None and closer is not threading.current_thread():
            closer.join(timeout=10)


class SharedStore:
    """One database file, opened on demand and closed when idle. Safe to share between threads and sessions."""

    def __init__(
        self,
        path: str | Path,
        *,
        idle_s: float = settings.STORE_IDLE_RELEASE_S,
        wait_s: float = settings.APP_WAIT_FOR_DB_S,
        on_first_open: Callable[[Store], None] | None = None,
    ):
        self.path = Path(path)
        self.idle_s = idle_s
        self.wait_s = wait_s
        self._on_first_open = on_first_open
        self._mutex = threading.Lock()
        self._store: Store | None = None
        self._holders: set[threading.Thread] = set()
        self._last_used = time.monotonic()
        self._opened_once = False
        self._closer: threading.Thread | None = None
        self._stopping = threading.Event()
        _ALIVE.add(self)

    @property
    def is_open(self) -> bool:
        with self._mutex:
            return self._store is not None

    def acquire(self) -> Store:
        """The open store, held by the calling thread until :meth:`release` or until the thread ends.

        Raises :class:`clameur.store.DatabaseBusy` when another process keeps the file past ``wait_s``.
        """
        me = threading.current_thread()
        with self._mutex:
            if self._store is None:
                store = open_store(self.path, wait=self.wait_s)
                if not self._opened_once and self._on_first_open is not None:
                    try:
                        self._on_first_open(store)
                    except BaseException:
                        store.close()
                        raise
                self._opened_once = True
                self._store = store
            self._holders.add(me)
            self._last_used = time.monotonic()
            if self._closer is None or not self._closer.is_alive():
                self._closer = threading.Thread(target=self._close_when_idle, name="clameur-store-idle", daemon=True)
                self._closer.start()
            return self._store

    def release(self) -> None:
        """The calling thread no longer needs the store (the idle countdown starts when no thread holds it)."""
        with self._mutex:
            if threading.current_thread() in self._holders:
                self._holders.discard(threading.current_thread())
                self._last_used = time.monotonic()

    def close_if_idle(self) -> bool:
        """Close the connection when no living thread holds it and it has been idle ``idle_s``; True if closed."""
        with self._mutex:
            ended = {t for t in self._holders if not t.is_alive()}
            if ended:  # a run that ended without release(): its end starts the countdown
                self._holders -= ended
                self._last_used = time.monotonic()
            if self._store is None or self._holders or time.monotonic() - self._last_used < self.idle_s:
                return False
            self._store.close()
            self._store = None
            return True

    def _close_when_idle(self) -> None:
        step = max(0.05, min(0.5, self.idle_s / 4))
        while not self._stopping.wait(step):
            self.close_if_idle()
            with self._mutex:
                if self._store is None:
                    self._closer = None
                    return
