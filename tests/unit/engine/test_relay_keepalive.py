"""The long poll's connection notices a silently dead network (TCP keepalive)."""

from __future__ import annotations

import socket
import sys

import pytest

from kitchen_app.engine.relay_feed import KEEPALIVE_IDLE_S, keepalive_options


def test_keepalive_is_on_and_quick_where_the_platform_allows() -> None:
    options = keepalive_options()
    assert (socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1) in options
    if sys.platform.startswith("linux"):
        assert (socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, KEEPALIVE_IDLE_S) in options
        # A real socket takes every option (none is refused by the kernel).
        with socket.socket() as sock:
            for level, name, value in options:
                sock.setsockopt(level, name, value)
            assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE) == 1
    else:  # pragma: no cover - other platforms name fewer options
        pytest.skip("only SO_KEEPALIVE is required elsewhere")
