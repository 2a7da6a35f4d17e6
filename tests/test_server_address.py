"""`streamlit run app.py` as the README gives it listens on this machine only (.streamlit/config.toml)."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from tests.browser import streamlit_server


def _listening(port: int) -> set[str]:
    """The local addresses listening on ``port``, read from the kernel's own tables (Linux)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        with open(table) as f:
            for line in f.readlines()[1:]:
                fields = line.split()
                address, hex_port = fields[1].split(":")
                if fields[3] == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                    found.add(address)
    return found


def test_the_readme_command_listens_on_loopback_only(tmp_path):
    with streamlit_server(tmp_path / "clameur.duckdb", as_configured=True) as url:
        # 127.0.0.1 is 0100007F in the kernel's byte order; every interface would be 00000000 (or :: in tcp6)
        assert _listening(urlsplit(url).port) == {"0100007F"}
