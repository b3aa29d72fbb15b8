"""Mercado Pago's simulator settings: its webhooks, the shapes it answers in, its timings and
its switches. Times are sandbox seconds unless a name says otherwise. The shell's own settings
(speed, seed, token, relay address) reach it through ``channels.base.SandboxShell``."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["MpSandboxConfig"]


@dataclass(frozen=True, slots=True)
class MpSandboxConfig:
    webhook_secret: str | None = field(default=None, repr=False)  # signs webhooks when set
    rate_per_min: float = 0.0  # orders the sandbox creates on its own, per sandbox minute
    strict_time_zone: bool = False  # 400 when GET order lacks x-time-zone
    # Shapes the real API may answer in (shapes.py; switchable at run time).
    webhook_resource: str = "path"  # path | id | number | spaced | mixed
    webhook_topic: str = "delivery"  # delivery | shipments | missing | mixed
    unsigned_webhooks: bool = False  # no x-signature even when webhook_secret is set
    time_style: str = "offset"  # offset | naive | utc: times in the x-time-zone asked for
    not_found_for_s: float = 0.0  # GET order answers 404 this long after the order's creation
    not_found_first_gets: int = 0  # GET order answers 404 to each order's first N reads
    emit_camel_substatus: bool = False  # also emit extension.subStatus
    idempotent_accept: bool = False  # a second accept answers 200 instead of 400
    ack_deadline_s: float = 0.5  # real seconds a receiver has to answer 200
    # Webhook retries (api notes §6.3 assumption): 15 min, then every 12 h; attempts capped.
    webhook_retry_s: tuple[float, ...] = (900.0, 43_200.0)
    webhook_max_attempts: int = 5
    webhook_workers: int = 8  # concurrent senders draining the queue
    application_id: str = "924152943338358"
    accept_window_s: float = 300.0  # unaccepted orders expire to cancelled/time_expired
    pause_after_expired: int = 2  # consecutive auto-cancels that pause a store
    # Courier and platform timings.
    ready_to_cook_after_s: float = 60.0  # after accept
    flex_pickup_after_s: float = 240.0  # ready_to_cook -> shipped/out_for_delivery
    flex_delivery_after_s: float = 900.0  # out_for_delivery -> delivered
    flex_failure_rate: float = 0.0  # share of Flex deliveries that fail on their own
    # Dropoff kitchens get ready_to_cook sooner (the courier is on its way soon); it is
    # skipped when a courier was assigned first (its rank is below on_route_to_pickup).
    dropoff_ready_to_cook_after_s: float = 20.0
    dropoff_assign_min_s: float = 30.0  # courier assigned this long after creation (min..max)
    dropoff_assign_max_s: float = 90.0
    dropoff_arrive_after_s: float = 240.0  # on_route_to_pickup -> picking_up (once accepted)
    dropoff_pickup_after_s: float = 90.0  # picking_up -> out_for_delivery
    dropoff_travel_s: float = 900.0  # out_for_delivery -> at_the_door
    dropoff_handover_s: float = 60.0  # at_the_door -> delivered
    # A Dropoff courier may be assigned before the restaurant accepts (api notes §3, §8.6,
    # from Mercado Pago's newest Spanish guide); off = the seed's order (courier after accept).
    courier_before_accept: bool = True
    # ASSUMPTION, off by default: what follows a failed Flex delivery is not documented
    # (api notes §8.3). On: shipped/delivery_failed -> not_delivered, as Dropoff ends.
    assume_flex_not_delivered: bool = False
