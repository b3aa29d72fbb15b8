"""``build_shell(config, parts)``: the sandbox shell as one Starlette app, mounting each
marketplace's simulator part (``channels.base.SandboxPart``).

The shell owns the sandbox clock and its timers, fault injection, the OAuth mechanism, and the
control routes every part shares (making and listing orders, the clock, faults, revoking
grants); each part gets them through ``SandboxShell`` and brings its own API and control
routes. The mounted parts live at ``app.state.parts`` by channel, in mount order; the first
one takes ``POST /_sandbox/orders`` without a channel. The app's lifespan starts, on uvicorn's
loop, the parts (their webhook senders, their own orders) and the ticker that fires timers by
sandbox time, and stops them when the server stops.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Sequence

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from kitchen_app.channels.base import SandboxFactory, SandboxPart, SandboxShell
from kitchen_app.channels.sandbox_kit import SandboxError, error_body

from . import control_routes, oauth
from .clock import SandboxClock, Scheduler
from .config import ShellConfig
from .faults import Faults

__all__ = ["build_shell"]

log = logging.getLogger(__name__)

_MAX_TICK_S = 0.25  # real seconds between checks when nothing is due sooner


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SandboxError)
    return exc.response()


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = "resource not found" if exc.status_code == 404 else str(exc.detail)
    return JSONResponse(error_body(exc.status_code, message), status_code=exc.status_code)


async def _ticker(scheduler: Scheduler, wake: asyncio.Event) -> None:
    while True:
        scheduler.fire_due()
        due = scheduler.next_due()
        timeout = _MAX_TICK_S if due is None else scheduler.clock.real_seconds_until(due)
        wake.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(wake.wait(), timeout=min(max(timeout, 0.001), _MAX_TICK_S))


def build_shell(
    config: ShellConfig | None = None, parts: Sequence[SandboxFactory] = ()
) -> Starlette:
    """``parts``: the marketplaces' simulators (``Plugin.sandbox`` or a configured factory);
    each gets the shell's clock, timers, relay address, token, seed and fault rules."""
    config = config or ShellConfig()
    clock = SandboxClock(config.speed)
    scheduler = Scheduler(clock)
    faults = Faults()
    waker: list[asyncio.Event] = []  # the running loop's event (made there, at start)

    def wake() -> None:
        if waker:
            waker[0].set()

    scheduler.on_earlier = wake
    shell = SandboxShell(
        now=clock.now,
        at=scheduler.at,
        relay_url=config.relay_url,
        token=config.token,
        seed=config.seed,
        faults=faults,
    )
    mounted: dict[str, SandboxPart] = {}
    for factory in parts:
        part = factory(shell)
        if part.channel in mounted:
            raise ValueError(f"two sandbox parts for channel {part.channel!r}")
        mounted[part.channel] = part

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        waker[:] = [asyncio.Event()]
        started: list[SandboxPart] = []
        try:
            for part in mounted.values():
                await part.start()
                started.append(part)
            ticker = asyncio.get_running_loop().create_task(_ticker(scheduler, waker[0]))
            log.info("sandbox up (speed %g): %s", clock.speed, ", ".join(mounted) or "no parts")
            try:
                yield
            finally:
                ticker.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await ticker
        finally:
            for part in reversed(started):
                await part.stop()

    app = Starlette(
        routes=[
            *control_routes.routes,
            *oauth.routes,
            *(route for part in mounted.values() for route in part.routes()),
        ],
        exception_handlers={SandboxError: _api_error, HTTPException: _http_error},
        lifespan=lifespan,
    )
    app.state.shell_config = config
    app.state.clock = clock
    app.state.scheduler = scheduler
    app.state.parts = mounted
    app.state.faults = faults
    app.state.wake = wake
    return app
