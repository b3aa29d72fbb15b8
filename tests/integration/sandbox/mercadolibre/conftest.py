"""The sandbox with every plug-in's simulator mounted, as ``kitchen-app sandbox serve`` and
the demo build it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import httpx
import pytest
from sandbox_testkit import Sandbox

from kitchen_app.app.plugins import registry
from kitchen_app.app.serving import ServerThread
from kitchen_app.sandbox import SandboxConfig, build_app


@pytest.fixture
def start_sandbox() -> Iterator[Callable[..., Sandbox]]:
    started: list[tuple[ServerThread, Sandbox]] = []
    parts = [p.sandbox for p in registry() if p.sandbox is not None]

    def start(config: SandboxConfig | None = None, **overrides: Any) -> Sandbox:
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
