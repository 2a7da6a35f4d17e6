"""Heavy work (network metrics, layouts, exports) shared and bounded across every visitor of one server.

- **Computed once.** Results are cached per key (the dataset's version and the query) in one process-wide cache
  bounded in bytes; a visitor asking for a key that another visitor's view is computing waits for that computation
  instead of starting a second one.
- **A cap on concurrent heavy computations**: a process-wide semaphore (``settings.HEAVY_SLOTS``); a view that has
  to wait is told so (``on_wait``), and gives up with a sentence after ``settings.HEAVY_WAIT_S``.
- **A memory budget per view**, estimated from node and edge counts before building; past it the view is refused
  with a sentence that says what to change (:class:`TooBig`).
- **Out of the server's interpreter when big**: igraph holds Python's GIL (a 5k-node layout held it 1.8 s), so a
  layout in the server stalls every request, the health check included. Big computations run in a worker process
  (:func:`run`), started once and niced; one that kept much memory after a task is replaced.
"""

from __future__ import annotations

import atexit
import os
import pickle
import subprocess
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from clameur import settings
from clameur.i18n import fmt_int, t

OnWait = Callable[[str], None]  # called with one of WAIT_REASONS
WAIT_REASONS = ("queue", "shared")  # waiting for a free slot; waiting for another reader's identical view
BUDGETED = ("network", "export")  # what a memory budget refuses (TooBig.what)


class Refused(Exception):
    """A heavy view Clameur will not compute now; ``sentence(lang)`` says why and what to do."""

    def sentence(self, lang: str | None) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def __str__(self) -> str:
        return self.sentence("en")


class TooBig(Refused):
    """The estimated memory of a computation is past the budget of one view."""

    def __init__(self, what: str, nodes: int, edges: int, need_mb: int, budget_mb: int, kind: str = ""):
        super().__init__(what, nodes, edges, need_mb, budget_mb, kind)
        self.what, self.nodes, self.edges, self.need_mb, self.budget_mb = what, nodes, edges, need_mb, budget_mb
        self.kind = kind  # the network kind, for the command line the export sentence suggests

    def sentence(self, lang: str | None) -> str:
        return t(
            f"heavy.too_big.{self.what}",
            lang,
            nodes=fmt_int(self.nodes, lang),
            edges=fmt_int(self.edges, lang),
            need=fmt_int(self.need_mb, lang),
            budget=fmt_int(self.budget_mb, lang),
            kind=self.kind,
        )


class Busy(Refused):
    """No slot freed up within the wait limit."""

    def __init__(self, waited_s: float):
        super().__init__(waited_s)
        self.waited_s = waited_s

    def sentence(self, lang: str | None) -> str:
        return t("heavy.busy", lang, seconds=fmt_int(self.waited_s, lang))


class WorkerLost(Refused):
    """The worker process died (killed for memory, most likely); the pool is restarted for the next view."""

    def sentence(self, lang: str | None) -> str:
        return t("heavy.worker_lost", lang)


# ------------------------------------------------------------------------------------------------ memory budget


def estimate_mb(nodes: int, edges: int, bytes_per_element: int) -> int:
    """Memory a computation over ``nodes`` + ``edges`` is expected to take, in MB (rounded up)."""
    return -(-(int(nodes) + int(edges)) * int(bytes_per_element) // (1024 * 1024))


def check_budget(
    what: str, nodes: int, edges: int, bytes_per_element: int, budget_mb: int | None, kind: str = ""
) -> int:
    """The estimate in MB; raises :class:`TooBig` past ``budget_mb`` (None: no budget, as on the command line)."""
    need = estimate_mb(nodes, edges, bytes_per_element)
    if budget_mb is not None and need > budget_mb:
        raise TooBig(what, nodes, edges, need, budget_mb, kind)
    return need


# ------------------------------------------------------------------------------------------------ the slots


class Gate:
    """At most ``slots`` heavy computations at once in this process (a bounded semaphore)."""

    def __init__(self, slots: int):
        self.slots = slots
        self._sem = threading.BoundedSemaphore(slots)
        self._lock = threading.Lock()
        self.running = 0
        self.waiting = 0

    @contextmanager
    def slot(self, on_wait: OnWait | None = None, timeout: float | None = None) -> Iterator[None]:
        if not self._sem.acquire(blocking=False):
            with self._lock:
                self.waiting += 1
            try:
                if on_wait:
                    on_wait("queue")
                limit = settings.HEAVY_WAIT_S if timeout is None else timeout
                if not self._sem.acquire(timeout=limit):
                    raise Busy(limit)
            finally:
                with self._lock:
                    self.waiting -= 1
        with self._lock:
            self.running += 1
        try:
            yield
        finally:
            with self._lock:
                self.running -= 1
            self._sem.release()


# ------------------------------------------------------------------------------------------------ the cache


@dataclass
class _Entry:
    value: object
    size: int


class SharedCache:
    """A least-recently-used cache bounded in bytes, where concurrent requests for one key compute it once."""

    def __init__(self, budget_bytes: int):
        self.budget = budget_bytes
        self._lock = threading.Lock()
        self._done: OrderedDict[Hashable, _Entry] = OrderedDict()
        self._running: dict[Hashable, Future] = {}
        self.total = 0
        self.computed = 0  # how many computations ran (tests, bench)

    def get(
        self,
        key: Hashable,
        compute: Callable[[], object],
        *,
        size: Callable[[object], int] = lambda _: 0,
        on_wait: OnWait | None = None,
    ):
        """The value of ``key``: kept, or being computed by another thread (waited for), or computed here."""
        with self._lock:
            if key in self._done:
                self._done.move_to_end(key)
                return self._done[key].value
            future = self._running.get(key)
            owner = future is None
            if owner:
                future = self._running[key] = Future()
        if not owner:
            if on_wait and not future.done():
                on_wait("shared")
            return future.result()  # the owner's result, or its exception raised again
        try:
            value = compute()
        except BaseException as exc:
            with self._lock:
                self._running.pop(key, None)
            future.set_exception(exc)
            raise
        with self._lock:
            self._running.pop(key, None)
            self.computed += 1
            self._store(key, _Entry(value, int(size(value))))
        future.set_result(value)
        return value

    def peek(self, key: Hashable, default=None):
        with self._lock:
            entry = self._done.get(key)
            return default if entry is None else entry.value

    def put(self, key: Hashable, value, size: int = 0) -> None:
        with self._lock:
            if key in self._done:
                self.total -= self._done.pop(key).size
            self._store(key, _Entry(value, size))

    def _store(self, key: Hashable, entry: _Entry) -> None:
        self._done[key] = entry
        self.total += entry.size
        while self.total > self.budget and len(self._done) > 1:
            _, old = self._done.popitem(last=False)
            self.total -= old.size
        if self.total > self.budget:  # alone and still too big: handed out once, not kept
            self._done.pop(key)
            self.total -= entry.size

    def clear(self) -> None:
        with self._lock:
            self._done.clear()
            self.total = 0


# ------------------------------------------------------------------------------------------------ the worker
# A worker is `python -m clameur.worker`: it reads pickled (function, arguments) from its stdin and writes the pickled
# result to its stdout. Not multiprocessing: its "spawn" re-runs the parent's __main__, which under Streamlit is the
# page being run (it opened the database again and drew the page in the worker).


PRELOAD = ("clameur.network.model", "clameur.network.exports")  # imported as a worker starts, not at its first task


class _Worker:
    def __init__(self):
        import clameur

        root = str(Path(clameur.__file__).resolve().parents[1])  # this checkout's clameur, not another install
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "clameur.worker", str(settings.HEAVY_WORKER_NICE), *PRELOAD],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            cwd=root,
        )
        self.rss_mb = 0

    def call(self, fn: Callable, args: tuple):
        from clameur.worker import receive, send

        try:
            send(self.proc.stdin, (fn, args))
            ok, value, self.rss_mb = receive(self.proc.stdout)
        except (EOFError, OSError, pickle.UnpicklingError) as exc:
            self.close()
            raise WorkerLost() from exc
        if not ok:
            raise value
        return value

    def alive(self) -> bool:
        return self.proc.poll() is None

    def close(self) -> None:
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


_IDLE: list[_Worker] = []
_ALL: list[_Worker] = []
_POOL_LOCK = threading.Lock()


def run(fn: Callable, *args, isolate: bool = False):
    """``fn(*args)``, in a worker process when ``isolate`` (``fn`` and its arguments must pickle), else here.
    Call it within a slot (:class:`Gate`): there are as many workers as slots."""
    if not isolate:
        return fn(*args)
    with _POOL_LOCK:
        worker = _IDLE.pop() if _IDLE else None
    if worker is None or not worker.alive():
        worker = _Worker()
        with _POOL_LOCK:
            _ALL.append(worker)
    try:
        return worker.call(fn, args)
    finally:
        keep = worker.alive() and worker.rss_mb <= settings.HEAVY_WORKER_RECYCLE_MB
        if not keep:  # dead, or kept too much memory after a big task: the next view starts a fresh one
            worker.close()
        with _POOL_LOCK:
            if keep:
                _IDLE.append(worker)
            elif worker in _ALL:
                _ALL.remove(worker)


def warm() -> None:
    """Start one worker ahead of need, so that its imports overlap the view's database query (no-op if one exists)."""
    with _POOL_LOCK:
        if not _ALL:
            worker = _Worker()
            _ALL.append(worker)
            _IDLE.append(worker)


def shutdown() -> None:
    """Stop the idle workers (a worker also stops by itself when this process ends: its stdin closes)."""
    with _POOL_LOCK:
        idle, _IDLE[:] = list(_IDLE), []
        for w in idle:
            if w in _ALL:
                _ALL.remove(w)
    for w in idle:
        w.close()


atexit.register(shutdown)


def in_slot(fn: Callable, *args, on_wait: OnWait | None = None):
    """``fn(*args)`` in one of the heavy slots (figure images and report bundles: kaleido's browser is heavy too)."""
    with GATE.slot(on_wait):
        return fn(*args)


# ------------------------------------------------------------------------------------------------ the policy


@dataclass(frozen=True)
class Bounds:
    """How a caller wants heavy work bounded. The app: budgets, worker, a waiting notice; the command line: none."""

    budget_mb: int | None = None  # per view
    export_budget_mb: int | None = None
    isolate_above: int | None = None  # nodes + edges past which work runs in the worker (None: never)
    on_wait: OnWait | None = None

    def isolate(self, nodes: int, edges: int) -> bool:
        return self.isolate_above is not None and nodes + edges > self.isolate_above


UNBOUNDED = Bounds()


def app_bounds(on_wait: OnWait | None = None) -> Bounds:
    return Bounds(
        budget_mb=settings.VIEW_MEMORY_BUDGET_MB,
        export_budget_mb=settings.EXPORT_MEMORY_BUDGET_MB,
        isolate_above=settings.HEAVY_INLINE_ELEMENTS,
        on_wait=on_wait,
    )


GATE = Gate(settings.HEAVY_SLOTS)
CACHE = SharedCache(settings.HEAVY_CACHE_MB * 1024 * 1024)
