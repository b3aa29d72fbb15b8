"""``build_app(config, parts)``: the sandbox as the tests, the benchmarks and embedders start
it in one call — the shell with Mercado Pago's simulator always mounted first (it takes
``POST /_sandbox/orders`` without a channel), then ``parts``.

``SandboxConfig`` is the shell's settings and Mercado Pago's in one value, so a caller sets
``SandboxConfig(seed=1, relay_url=…, webhook_secret=…, idempotent_accept=True)`` flat;
``shell()`` and ``mercadopago()`` split it for the two owners. A caller that composes its
parts from the plug-in registry (``kitchen-app sandbox serve``, the demo) uses
``shell.build_shell`` with each part's own factory instead.

For those callers the app also carries Mercado Pago's world and webhook sender at
``app.state.world`` and ``app.state.webhooks`` (read them only from the server's thread or
after it stopped).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field

from starlette.applications import Starlette

from kitchen_app.channels.base import SandboxFactory
from kitchen_app.channels.mercadopago import CHANNEL as MERCADOPAGO
from kitchen_app.channels.mercadopago.sandbox import (
    MpSandboxConfig,
    sandbox_part,
    sandbox_part_with,
)

from .config import ShellConfig
from .shell import build_shell

__all__ = ["SandboxConfig", "build_app"]

_MP_FIELDS = tuple(f.name for f in dataclasses.fields(MpSandboxConfig))


@dataclass(frozen=True, slots=True)
class SandboxConfig(MpSandboxConfig):
    token: str = field(default="APP_USR-sandbox", repr=False)  # the bearer token APIs accept
    relay_url: str | None = None  # webhooks go to {relay_url}{Notify.path}; None: none sent
    speed: float = 1.0  # sandbox seconds per real second
    seed: int | None = None  # same seed -> same orders

    def shell(self) -> ShellConfig:
        return ShellConfig(
            token=self.token, relay_url=self.relay_url, speed=self.speed, seed=self.seed
        )

    def mercadopago(self) -> MpSandboxConfig:
        return MpSandboxConfig(**{name: getattr(self, name) for name in _MP_FIELDS})


def build_app(
    config: SandboxConfig | None = None, parts: Sequence[SandboxFactory] = ()
) -> Starlette:
    """``parts``: the other simulators. Mercado Pago's registry factory (``Plugin.sandbox``,
    its default settings) is left out when given: ``config`` sets the one mounted."""
    config = config or SandboxConfig()
    others = [factory for factory in parts if factory is not sandbox_part]
    app = build_shell(config.shell(), [sandbox_part_with(config.mercadopago()), *others])
    mp = app.state.parts[MERCADOPAGO]
    app.state.config = config
    app.state.world = mp.world
    app.state.webhooks = mp.sender
    return app
