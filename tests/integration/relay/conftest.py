"""A real relay on 127.0.0.1 per test, over a real SQLite file in tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from relay_testkit import Relay, start_relay


@pytest.fixture
def relay(tmp_path: Path) -> Iterator[Relay]:
    server, r = start_relay(tmp_path)
    try:
        yield r
    finally:
        r.client.close()
        server.stop()
