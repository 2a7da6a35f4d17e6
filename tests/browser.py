"""Real-browser harness: `streamlit run` on a free loopback port, driven by Playwright in the
system Chromium (headless). Scratch files stay under tests/.artifacts."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / ".artifacts"
DOCS = ROOT / "docs"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def require_chromium() -> str:
    path = find_chromium()
    if path is None:
        message = "No Chromium found: install it (Debian: apt-get install chromium) to run the browser tests."
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(db_path: Path, as_configured: bool = False):
    """The app on a free port, at its URL once healthy. ``as_configured``: started as the README starts it, with
    .streamlit/config.toml's address and headless setting, not the tests' own."""
    port = free_port()
    env = dict(os.environ, CLAMEUR_DB=str(db_path), STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
    ARTIFACTS.mkdir(exist_ok=True)
    log = open(ARTIFACTS / f"streamlit-{port}.log", "w")
    ours = [] if as_configured else ["--server.address", "127.0.0.1", "--server.headless", "true"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port), *ours],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError(f"streamlit did not start; see {log.name}")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def profile_dir(name: str) -> Path:
    """The profile folder ``name`` under tests/.artifacts, one per pytest-xdist worker: Chromium refuses a profile
    another running instance holds."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return ARTIFACTS / (f"{name}-{worker}" if worker else name)


@contextmanager
def browser_page(width: int = 1400, height: int = 1000, profile_name: str = "chromium-profile"):
    """A page in a headless Chromium whose profile is ``profile_name`` under tests/.artifacts: another name is
    another browser, with nothing shared (no cookie, no storage), as on another person's machine."""
    chromium = require_chromium()
    from playwright.sync_api import sync_playwright

    profile = profile_dir(profile_name)
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile),
            executable_path=chromium,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": width, "height": height},
            locale="en-GB",
        )
        outside: list[str] = []

        def watch(request):
            host = request.url.split("/")[2] if "://" in request.url else ""
            if request.url.startswith(("http://", "https://", "ws://", "wss://")) and not host.startswith(
                ("127.0.0.1", "localhost")
            ):
                outside.append(request.url)

        context.on("request", watch)
        page = context.new_page()
        try:
            yield page, outside
        finally:
            context.close()


# Streamlit shows its "Running" widget only some time after a run starts, and fades the previous run's
# elements (data-stale) until the new run replaces or removes them: a run is over when neither is on the page.
RUN_OVER = """() => !document.querySelector('[data-testid="stStatusWidget"]')
    && !document.querySelector('[data-testid="stMain"] [data-stale="true"]')"""


def settle(page, timeout_ms: int = 60_000, pause_ms: int = 800) -> None:
    """Wait until Streamlit's run is over, and still over ``pause_ms`` later (a run whose widget had not shown yet
    at the first look, or a rerun that starts just after one ends)."""
    page.wait_for_function(RUN_OVER, timeout=timeout_ms)
    page.wait_for_timeout(pause_ms)
    page.wait_for_function(RUN_OVER, timeout=timeout_ms)


def wait_for_app(page, timeout_ms: int = 60_000) -> None:
    """Wait until Streamlit has finished running the script and a plotly chart is drawn."""
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=timeout_ms)
    settle(page, timeout_ms)


def assert_no_error(page) -> None:
    errors = page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
    assert errors.count() == 0, errors.first.inner_text()
