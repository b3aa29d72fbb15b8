"""The shell's control routes under ``/_sandbox/`` (no auth): make orders on any mounted part,
list them, move the clock (and the parts' own order rates), and inject API faults. A part's
own control routes (moving its orders, its stores, its webhooks) are its own. See
docs/sandbox.md."""

from __future__ import annotations

import logging
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from kitchen_app.channels.base import MakesOrdersOnItsOwn, SandboxPart
from kitchen_app.channels.sandbox_kit import bad_request, iso, json_body, number_field

from .clock import SandboxClock, Scheduler
from .faults import Faults

__all__ = ["routes"]

log = logging.getLogger(__name__)


def _parts(request: Request) -> dict[str, SandboxPart]:
    parts: dict[str, SandboxPart] = request.app.state.parts
    return parts


def _faults(request: Request) -> Faults:
    faults: Faults = request.app.state.faults
    return faults


def _rated(request: Request) -> list[MakesOrdersOnItsOwn]:
    return [p for p in _parts(request).values() if isinstance(p, MakesOrdersOnItsOwn)]


# -- orders -----------------------------------------------------------------------------
async def create_order(request: Request) -> Response:
    """``{"channel": …}`` picks the part (default: the first mounted); the rest of the body
    is the part's. A part's ValueError answers 400."""
    body = await json_body(request)
    parts = _parts(request)
    channel = body.get("channel", next(iter(parts), None))
    part = parts.get(channel) if isinstance(channel, str) else None
    if part is None:
        known = ", ".join(sorted(parts))
        raise bad_request(f"channel {channel!r} is not simulated here; use one of: {known}")
    try:
        made = part.create_order(body)
    except ValueError as exc:
        raise bad_request(str(exc)) from None
    return JSONResponse(made, status_code=201)


async def list_orders(request: Request) -> Response:
    """Every part's order summaries; ``?store=`` keeps those whose ``store`` is that value
    (a part whose summaries name no store is listed whole)."""
    store = request.query_params.get("store")
    orders = [
        summary
        for part in _parts(request).values()
        for summary in part.list_orders()
        if store is None or "store" not in summary or str(summary["store"]) == store
    ]
    return JSONResponse(orders)


# -- clock --------------------------------------------------------------------------------
def _clock_json(request: Request, fired: int = 0) -> dict[str, Any]:
    clock: SandboxClock = request.app.state.clock
    rated = _rated(request)
    return {
        "now": iso(clock.now()),
        "speed": clock.speed,
        "rate_per_min": rated[0].rate_per_min if rated else 0.0,
        "fired": fired,
    }


async def get_clock(request: Request) -> Response:
    return JSONResponse(_clock_json(request))


async def set_clock(request: Request) -> Response:
    body = await json_body(request)
    clock: SandboxClock = request.app.state.clock
    scheduler: Scheduler = request.app.state.scheduler
    speed = number_field(body, "speed", low=0.001) if "speed" in body else None
    advance = number_field(body, "advance_s", low=0) if "advance_s" in body else None
    rate = number_field(body, "rate_per_min", low=0) if "rate_per_min" in body else None
    if speed is None and advance is None and rate is None:
        raise bad_request("give speed, advance_s or rate_per_min")
    if speed is not None:
        clock.set_speed(speed)
    if rate is not None:
        for part in _rated(request):
            part.set_rate(rate)
    if advance:
        clock.advance(advance)
    fired = scheduler.fire_due()  # due timers fire before we answer
    request.app.state.wake()
    return JSONResponse(_clock_json(request, fired))


# -- faults -------------------------------------------------------------------------------
async def add_fault(request: Request) -> Response:
    fault = _faults(request).add(await json_body(request))
    return JSONResponse({"id": fault.id, "match": fault.match}, status_code=201)


async def list_faults(request: Request) -> Response:
    return JSONResponse(_faults(request).as_json())


async def clear_faults(request: Request) -> Response:
    return JSONResponse({"cleared": _faults(request).clear()})


_S = "/_sandbox"
routes = [
    Route(f"{_S}/orders", create_order, methods=["POST"]),
    Route(f"{_S}/orders", list_orders, methods=["GET"]),
    Route(f"{_S}/clock", get_clock, methods=["GET"]),
    Route(f"{_S}/clock", set_clock, methods=["POST"]),
    Route(f"{_S}/faults", add_fault, methods=["POST"]),
    Route(f"{_S}/faults", list_faults, methods=["GET"]),
    Route(f"{_S}/faults", clear_faults, methods=["DELETE"]),
]
