"""``build_app(config)``: the sandbox as one Starlette app.

The world lives at ``app.state.world``. The app's lifespan starts, on uvicorn's loop, the
webhook sender and the ticker that fires timers by sandbox time (and the orders the sandbox
makes on its own), and stops them when the server stops.
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

from . import api_routes, control_routes, oauth
from .api_errors import ApiError, error_body
from .clock import SandboxClock, Scheduler
from .config import SandboxConfig
from .faults import Faults
from .webhooks import WebhookSender
from .world import World

__all__ = ["build_app"]

log = logging.getLogger(__name__)

_MAX_TICK_S = 0.25  # real seconds between checks when nothing is due sooner


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
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


def build_app(
    config: SandboxConfig | None = None, parts: Sequence[SandboxFactory] = ()
) -> Starlette:
    """``parts``: the simulators of the plug-ins that bring their own (``Plugin.sandbox``);
    each gets the shell's clock, timers, relay address and token, and its routes are mounted
    beside Mercado Pago's."""
    config = config or SandboxConfig()
    clock = SandboxClock(config.speed)
    scheduler = Scheduler(clock)
    world = World(config, scheduler)
    sender = WebhookSender(config, scheduler, world.shapes)
    world.notify = sender.notify
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
    )
    mounted: dict[str, SandboxPart] = {}
    for factory in parts:
        part = factory(shell)
        if part.channel in mounted or part.channel == "mp_delivery":
            raise ValueError(f"two sandbox parts for channel {part.channel!r}")
        mounted[part.channel] = part

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        waker[:] = [asyncio.Event()]
        await sender.start()
        for part in mounted.values():
            await part.start()
        ticker = asyncio.get_running_loop().create_task(_ticker(scheduler, waker[0]))
        world.start_auto_orders()
        log.info("sandbox up (speed %g, %d store(s))", clock.speed, len(world.stores))
        try:
            yield
        finally:
            ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await ticker
            for part in mounted.values():
                await part.stop()
            await sender.stop()

    app = Starlette(
        routes=[
            *api_routes.routes,
            *oauth.routes,
            *control_routes.routes,
            *(route for part in mounted.values() for route in part.routes()),
        ],
        exception_handlers={ApiError: _api_error, HTTPException: _http_error},
        lifespan=lifespan,
    )
    app.state.config = config
    app.state.world = world
    app.state.parts = mounted
    app.state.webhooks = sender
    app.state.faults = Faults()
    app.state.wake = wake
    return app
