"""Mercado Pago's world in the sandbox: stores, orders and their state machine (api notes
§3–§5, §8), on the shell's clock and timers (``SandboxShell``).

Everything here runs on one event loop (uvicorn's), so no locks. Merchant actions (accept,
cancel, print, ready) come from the HTTP routes; platform steps (courier progress,
``ready_to_cook``, expiry) come from timers on the sandbox clock or from the ``advance``
control route. Every status change calls ``notify`` once (the webhook sender).
"""

from __future__ import annotations

import itertools
import logging
import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import Any

from kitchen_app.channels.base import SandboxShell
from kitchen_app.channels.oauth_grants import GrantBook
from kitchen_app.channels.sandbox_apps import MP_APP
from kitchen_app.channels.sandbox_kit import iso

from .config import MpSandboxConfig
from .errors import ApiError, bad_request, conflict, forbidden, not_found
from .orders import ItemSpec, build_order_json
from .shapes import TIME_FIELDS, Shapes, render_time
from .stores import Store, default_store

__all__ = ["LOGISTICS", "SimOrder", "World"]

log = logging.getLogger(__name__)


def _mp_token(kind: str, user_id: int) -> str:
    """``TG-…-<user id>`` codes and refresh tokens; ``APP_USR-<client id>-<MMddHH>-<hash>-<user
    id>`` access tokens (api notes §7; clients treat them as opaque)."""
    if kind == "access":
        stamp = datetime.now(UTC).strftime("%m%d%H")
        return f"APP_USR-{MP_APP.client_id}-{stamp}-{secrets.token_hex(16)}-{user_id}"
    return f"TG-{secrets.token_hex(12)}-{user_id}"


# The two logistics of seed 000. There is no Takeout flow in the docs (api notes §2.4).
LOGISTICS = ("flex", "dropoff")
FINAL = frozenset({"cancelled", "delivered", "not_delivered"})
# Dropoff substatuses once a courier is on its way; accept keeps them (api notes §3).
COURIER_PHASE = frozenset({"on_route_to_pickup", "picking_up"})
# Where "order ready" is taken (api notes §5b: printed; ready_to_cook assumed).
READY_SUBSTATUSES = frozenset({"printed", "ready_to_cook"})

# Only CS7452/out_of_stock is documented; the others are the sandbox's own (ids "SBX…").
_OUT_OF_STOCK = ("CS7452", "out_of_stock", "Me falta alguno de los productos.")
REASONS_BEFORE_ACCEPT = (
    _OUT_OF_STOCK,
    ("SBX001", "store_closing", "Estamos por cerrar."),
    ("SBX002", "too_busy", "Tenemos demasiados pedidos en este momento."),
)
REASONS_AFTER_ACCEPT = (
    _OUT_OF_STOCK,
    ("SBX003", "address_problem", "No podemos entregar en esa dirección."),
    ("SBX004", "other", "Otro motivo."),
)


@dataclass(slots=True)
class SimOrder:
    id: str
    store: Store
    logistics: str
    static: dict[str, Any] = field(repr=False)
    created: float
    status: str = "ready_to_ship"
    substatus: str | None = "ready_to_print"
    accepted_at: float | None = None
    ready_at: float | None = None
    courier_due: float | None = None  # Dropoff: when a courier gets assigned
    estimated_pickup: float | None = None
    delivered_at: float | None = None
    fail_delivery: bool = False
    history: list[tuple[str, str | None, float]] = field(default_factory=list)
    generation: int = 0  # bumps on every change; stale timers compare it
    reads: int = 0  # GET order calls so far (for shapes.not_found_first_gets)

    @property
    def accepted(self) -> bool:
        return self.accepted_at is not None

    def reasons(self) -> tuple[tuple[str, str, str], ...]:
        if self.status != "ready_to_ship":
            return ()
        return REASONS_AFTER_ACCEPT if self.accepted else REASONS_BEFORE_ACCEPT

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "display_id": self.static["displayId"],
            "store": self.store.user_id,
            "logistics": self.logistics,
            "status": self.status,
            "substatus": self.substatus,
            "accepted": self.accepted,
            "ready": self.ready_at is not None,
            "created_at": iso(self.created),
            "history": [
                {"status": s, "substatus": sub, "at": iso(at)} for s, sub, at in self.history
            ],
        }


Notify = Callable[[SimOrder, float], None]


class World:
    def __init__(self, config: MpSandboxConfig, shell: SandboxShell) -> None:
        self.config = config
        self.shapes = Shapes.from_config(config)
        self.now = shell.now
        self.at = shell.at
        self.token = shell.token  # the sandbox token the default store (and new ones) accept
        self.notify: Notify = lambda order, at: None
        self.stores: dict[int, Store] = {}
        self.orders: dict[str, SimOrder] = {}
        self.rate_per_min = config.rate_per_min
        seed_rng = random.Random(shell.seed)
        self._seed = shell.seed if shell.seed is not None else seed_rng.randrange(2**32)
        self._timing = random.Random(f"{self._seed}-timing")
        base = random.Random(f"{self._seed}-ids")
        self._ids = itertools.count(44_000_000_000 + base.randrange(10**9))
        self._display = itertools.count(base.randrange(1000, 9000))
        self._serial = itertools.count()
        self._auto_chain = 0
        self.add_store(default_store(shell.token))
        # Tokens from Mercado Pago's OAuth (api notes §7): 180-day access tokens, refresh
        # tokens rotated on each use (their lifetime is UNKNOWN: assumed without end).
        self.oauth = GrantBook(shell.now, access_s=15_552_000, refresh_s=None, make_token=_mp_token)

    def token_opens(self, store: Store, token: str) -> bool:
        """The sandbox token (never expires) or a live OAuth token of this store's seller."""
        return token in store.tokens or self.oauth.account_for(token) == store.user_id

    def token_known(self, token: str) -> bool:
        return any(self.token_opens(store, token) for store in self.stores.values())

    # -- stores ---------------------------------------------------------------------------
    @property
    def default_store(self) -> Store:
        return next(iter(self.stores.values()))

    def add_store(self, store: Store) -> Store:
        if store.user_id in self.stores:
            raise bad_request(f"a store with user id {store.user_id} exists")
        if any(s.store_id == store.store_id for s in self.stores.values()):
            raise bad_request(f"a store with id {store.store_id} exists")
        self.stores[store.user_id] = store
        log.info("sandbox store %s (user %s) added", store.name, store.user_id)
        return store

    def store_by_id(self, store_id: str) -> Store:
        for store in self.stores.values():
            if str(store.store_id) == store_id:
                return store
        raise ApiError(404, "Store not found", "not_found")

    # -- orders: creation and reading -------------------------------------------------------
    def create_order(
        self,
        logistics: str,
        store: Store,
        items: list[ItemSpec] | None = None,
        at: float | None = None,
        substatus: str | None = None,
    ) -> SimOrder:
        """A new order in ``ready_to_ship/ready_to_print`` (or ``ready_to_ship/<substatus>``
        when given: a value the docs do not list, to test tolerance, §8.7)."""
        if logistics not in LOGISTICS:
            raise bad_request(f"logistics must be one of {', '.join(LOGISTICS)}")
        if store.status != "enabled":
            raise ApiError(409, f"store {store.user_id} is {store.status}", "store_not_enabled")
        now = self.now() if at is None else at
        shipment_id = str(next(self._ids))
        rng = random.Random(f"{self._seed}-order-{next(self._serial)}")
        static = build_order_json(
            shipment_id=shipment_id,
            display_id=f"{next(self._display) % 10000:04d}",
            logistics=logistics,
            store=store,
            created=now,
            rng=rng,
            items=items,
        )
        order = SimOrder(
            id=shipment_id, store=store, logistics=logistics, static=static, created=now
        )
        if substatus is not None:
            order.substatus = substatus
        order.history.append((order.status, order.substatus, now))
        order.fail_delivery = self._timing.random() < self.config.flex_failure_rate
        if logistics == "dropoff":
            order.courier_due = now + self._timing.uniform(
                self.config.dropoff_assign_min_s, self.config.dropoff_assign_max_s
            )
        self.orders[shipment_id] = order
        self.at(now + self.config.accept_window_s, lambda due: self._expire(order, due))
        self._schedule_step(order)
        self.notify(order, now)
        return order

    def order_for(self, shipment_id: str, token: str) -> SimOrder:
        order = self.orders.get(shipment_id)
        if order is None:
            raise not_found()
        if not self.token_opens(order.store, token):
            raise forbidden()
        return order

    def order_json(self, order: SimOrder, zone: tzinfo | None = None) -> dict[str, Any]:
        """The order as GET /proximity-integration/v1/orders/{id} answers it, its times in
        ``zone`` (the x-time-zone asked for; None = UTC with Z) per ``shapes.time_style``."""
        out = dict(order.static)
        extension: dict[str, Any] = {"status": order.status, "substatus": order.substatus}
        if self.config.emit_camel_substatus:
            extension["subStatus"] = order.substatus
        extension.update(order.static["extension"])
        if order.estimated_pickup is not None:
            extension["estimatedPickupDate"] = iso(order.estimated_pickup, millis=False)
        out["extension"] = extension
        if order.delivered_at is not None:
            out["delivery"] = order.static["delivery"] | {
                "deliveryDateTime": iso(order.delivered_at, millis=False)
            }
        if zone is not None:
            if isinstance(out.get("delivery"), dict):
                out["delivery"] = dict(out["delivery"])  # never touch the stored JSON
            style = self.shapes.time_style
            for holder in (out, extension, out.get("delivery")):
                if isinstance(holder, dict):
                    for key in TIME_FIELDS & holder.keys():
                        if isinstance(holder[key], str):
                            holder[key] = render_time(holder[key], zone, style)
        return out

    def set_state(self, order: SimOrder, status: str, substatus: str | None) -> None:
        """Put the order in any state, documented or not (control route), with its webhook.
        Its timers stop: what follows an undocumented state is unknown."""
        self._change(order, status, substatus, self.now())

    # -- merchant actions -----------------------------------------------------------------
    def accept(self, order: SimOrder, *, implicit: bool = False) -> None:
        if order.status != "ready_to_ship":
            raise conflict("This order cannot be accepted due to its current status.")
        if order.accepted:
            if implicit or self.config.idempotent_accept:
                return
            raise conflict("This order cannot be accepted due to its current status.")
        now = self.now()
        order.accepted_at = now
        order.store.consecutive_expired = 0
        if order.logistics == "dropoff" and not self.config.courier_before_accept:
            # The seed's order: the logistics company hears of the order once it is accepted.
            order.courier_due = now + self._timing.uniform(
                self.config.dropoff_assign_min_s, self.config.dropoff_assign_max_s
            )
        if order.substatus in COURIER_PHASE:
            # Accepted after a courier was assigned: the substatus stays; the courier may go on.
            order.generation += 1
            self._schedule_step(order)
        else:
            self._change(order, "ready_to_ship", "printed", now)

    def print_label(self, order: SimOrder) -> None:
        """print_label_pdf: refused once shipped or final, else accepts if needed (§4)."""
        if order.status != "ready_to_ship":
            raise conflict("The receipt cannot be printed due to the order's current status.")
        self.accept(order, implicit=True)

    def cancel(self, order: SimOrder, reason: dict[str, Any] | None) -> None:
        if order.status != "ready_to_ship":
            raise conflict("This order cannot be cancelled due to its current status.")
        if reason is not None:
            offered = {r[0] for r in order.reasons()}
            if reason.get("id") not in offered:
                raise bad_request("cancellation_reason is not available for this order's status")
        order.store.consecutive_expired = 0
        self._change(order, "cancelled", "cancelled_manually", self.now())

    def mark_ready(self, order: SimOrder) -> None:
        """The drop-off "order ready" call (api notes §5b): records the time, changes no
        status. Documented for ``ready_to_ship/printed``; ``ready_to_cook`` (which follows
        printed) is allowed too, the sandbox's assumption."""
        if order.logistics != "dropoff":
            raise conflict("Only drop-off orders can be marked as ready.")
        if (
            not order.accepted
            or order.status != "ready_to_ship"
            or order.substatus not in READY_SUBSTATUSES
        ):
            raise conflict("This order cannot be marked as ready due to its current status.")
        if order.ready_at is None:
            order.ready_at = self.now()

    # -- platform steps ---------------------------------------------------------------------
    def _next_step(self, order: SimOrder) -> tuple[str, str | None, float] | None:
        c, sub, at = self.config, order.substatus, order.history[-1][2]
        if order.status in FINAL:
            return None
        if order.logistics == "dropoff":
            assert order.courier_due is not None
            if sub == "ready_to_print":
                if not c.courier_before_accept:
                    return None  # the seed's order: a courier only once accepted
                return "ready_to_ship", "on_route_to_pickup", order.courier_due
            if sub == "printed":
                cook = at + c.dropoff_ready_to_cook_after_s
                if order.courier_due <= cook:
                    return "ready_to_ship", "on_route_to_pickup", max(order.courier_due, at)
                return "ready_to_ship", "ready_to_cook", cook
            if sub == "ready_to_cook":
                return "ready_to_ship", "on_route_to_pickup", max(order.courier_due, at)
            if sub == "on_route_to_pickup":
                if not order.accepted:
                    return None  # the courier waits for the restaurant to accept
                base = max(at, order.accepted_at or at)
                return "ready_to_ship", "picking_up", base + c.dropoff_arrive_after_s
            if sub == "picking_up":
                return "shipped", "out_for_delivery", at + c.dropoff_pickup_after_s
            if sub == "out_for_delivery":
                return "shipped", "at_the_door", at + c.dropoff_travel_s
            if sub == "at_the_door":
                final = "not_delivered" if order.fail_delivery else "delivered"
                return final, None, at + c.dropoff_handover_s
            return None
        if sub == "printed":
            return "ready_to_ship", "ready_to_cook", at + c.ready_to_cook_after_s
        if sub == "ready_to_cook":
            return "shipped", "out_for_delivery", at + c.flex_pickup_after_s
        if sub == "out_for_delivery":
            if order.fail_delivery:
                return "shipped", "delivery_failed", at + c.flex_delivery_after_s
            return "delivered", None, at + c.flex_delivery_after_s
        if sub == "delivery_failed" and c.assume_flex_not_delivered:
            return "not_delivered", None, at + c.flex_delivery_after_s
        return None

    def _schedule_step(self, order: SimOrder) -> None:
        step = self._next_step(order)
        if step is None:
            return
        generation = order.generation

        def fire(due: float) -> None:
            if order.generation == generation:
                self._change(order, step[0], step[1], due)

        self.at(step[2], fire)

    def advance(self, order: SimOrder, outcome: str | None = None) -> None:
        """Apply the order's next platform step now (``outcome="failed"`` picks the failure
        branch of the delivery). ApiError 400 when there is none."""
        if outcome not in (None, "delivered", "failed"):
            raise bad_request("outcome must be delivered or failed")
        if outcome is not None:
            order.fail_delivery = outcome == "failed"
        step = self._next_step(order)
        if step is None:
            raise conflict("This order has no next courier or platform step.")
        self._change(order, step[0], step[1], max(self.now(), order.history[-1][2]))

    def _expire(self, order: SimOrder, due: float) -> None:
        if order.accepted or order.status != "ready_to_ship":
            return
        self._change(order, "cancelled", "time_expired", due)
        store = order.store
        store.consecutive_expired += 1
        if (
            store.consecutive_expired >= self.config.pause_after_expired
            and store.status == "enabled"
        ):
            store.status = "paused"
            log.info(
                "store %s paused after %d expired orders", store.user_id, store.consecutive_expired
            )

    def _change(self, order: SimOrder, status: str, substatus: str | None, at: float) -> None:
        order.status, order.substatus = status, substatus
        order.generation += 1
        order.history.append((status, substatus, at))
        if substatus == "on_route_to_pickup":
            order.estimated_pickup = at + self.config.dropoff_arrive_after_s
        if status == "delivered":
            order.delivered_at = at
        self._schedule_step(order)
        self.notify(order, at)

    # -- orders the sandbox creates on its own ------------------------------------------
    def start_auto_orders(self) -> None:
        self._schedule_auto(self.now())

    def _schedule_auto(self, after: float) -> None:
        if self.rate_per_min <= 0:
            return
        gap = self._timing.expovariate(self.rate_per_min / 60.0)
        chain = self._auto_chain

        def fire(due: float) -> None:
            if chain == self._auto_chain:  # a rate change started a new chain
                self._auto_order(due)

        self.at(after + gap, fire)

    def _auto_order(self, due: float) -> None:
        enabled = [s for s in self.stores.values() if s.status == "enabled"]
        if enabled:
            store = self._timing.choice(enabled)
            logistics = self._timing.choice(("flex", "dropoff"))
            self.create_order(logistics, store, at=due)
        self._schedule_auto(due)

    def set_rate(self, rate_per_min: float) -> None:
        if rate_per_min < 0:
            raise bad_request("rate_per_min must be 0 or more")
        self.rate_per_min = rate_per_min
        self._auto_chain += 1
        self._schedule_auto(self.now())
