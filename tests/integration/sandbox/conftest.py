"""A real sandbox (and, when asked, a real webhook receiver) on 127.0.0.1 per test."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import Any

import httpx
import pytest
from sandbox_testkit import Receiver, Sandbox
from starlette.applications import Starlette
from starlette.routing import Route

from kitchen_app.app.serving import ServerThread
from kitchen_app.channels.base import SandboxFactory
from kitchen_app.sandbox import SandboxConfig, build_app


@pytest.fixture
def start_sandbox() -> Iterator[Callable[..., Sandbox]]:
    started: list[tuple[ServerThread, Sandbox]] = []

    def start(
        config: SandboxConfig | None = None, parts: Sequence[SandboxFactory] = (), **overrides: Any
    ) -> Sandbox:
        # A generous ACK deadline so a busy test machine never turns a delivery into a retry;
        # the deadline's own test sets a short one.
        cfg = replace(config or SandboxConfig(seed=7, ack_deadline_s=5.0), **overrides)
        app = build_app(cfg, parts)
        server = ServerThread(app)
        url = server.start()
        sb = Sandbox(
            url=url,
            app=app,
            client=httpx.Client(base_url=url, headers={"Authorization": f"Bearer {cfg.token}"}),
            anon=httpx.Client(base_url=url),
        )
        started.append((server, sb))
        return sb

    yield start
    for server, sb in started:
        sb.client.close()
        sb.anon.close()
        server.stop()


@pytest.fixture
def sandbox(start_sandbox: Callable[..., Sandbox]) -> Sandbox:
    return start_sandbox()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    rec = Receiver()
    app = Starlette(routes=[Route("/webhooks/mercadopago", rec.handle, methods=["POST"])])
    server = ServerThread(app)
    rec.url = server.start()
    yield rec
    server.stop()
