"""The worker process of clameur.heavy: `python -m clameur.worker [NICE [MODULE…]]`.

Reads pickled ``(function, arguments)`` frames from stdin, runs them, writes ``(ok, result or exception, rss_mb)``
to stdout; gives freed memory back to the system after each task; ends when stdin closes (its server ended)."""

from __future__ import annotations

import gc
import importlib
import os
import pickle
import struct
import sys
from typing import BinaryIO

_LEN = struct.Struct("<Q")


def send(stream: BinaryIO, obj) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LEN.pack(len(data)))
    stream.write(data)
    stream.flush()


def _read(stream: BinaryIO, n: int) -> bytes:
    chunks, left = [], n
    while left:
        chunk = stream.read(left)
        if not chunk:
            raise EOFError("the other end closed")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def receive(stream: BinaryIO):
    (n,) = _LEN.unpack(_read(stream, _LEN.size))
    return pickle.loads(_read(stream, n))


def _rss_mb() -> int:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


def _trim() -> None:
    gc.collect()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def main(argv: list[str]) -> int:
    if argv:
        try:
            os.nice(int(argv[0]))  # the server's own requests (pages, health) come first
        except OSError:
            pass
    for module in argv[1:]:
        importlib.import_module(module)
    inp = sys.stdin.buffer
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # a stray print must not corrupt the results
    while True:
        try:
            fn, args = receive(inp)
        except EOFError:
            return 0
        try:
            reply = (True, fn(*args))
        except Exception as exc:  # sent back and raised again in the server
            reply = (False, exc)
        _trim()
        try:
            send(out, (*reply, _rss_mb()))
        except (pickle.PicklingError, TypeError, AttributeError) as exc:  # an exception that does not pickle
            send(out, (False, RuntimeError(f"{reply[1]!r} ({exc})"), _rss_mb()))
        del reply


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
