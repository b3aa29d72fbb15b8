"""The shapes the sandbox answers in, switchable while it runs (docs/sandbox.md, "Shapes").

Mercado Pago's documentation allows more than one shape for several things the desk reads:
the webhook's ``resource`` (bare id or ``/shipments/{id}``, api notes §6.2), its ``topic``
(``delivery``, ``shipments`` or none), signed or unsigned notifications (§6.4), and times in
the zone of ``x-time-zone`` with or without an offset (§2). A GET may also answer 404 for a
moment right after the webhook (for some seconds, or for an order's first N reads). Each of
these is a field here, set from ``MpSandboxConfig`` at start and by ``POST /_sandbox/shapes``
later; ``"mixed"`` rotates through every shape so a demo shows them all.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import Any

from .config import MpSandboxConfig

__all__ = [
    "RESOURCE_STYLES",
    "TIME_STYLES",
    "TOPIC_STYLES",
    "Shapes",
    "render_time",
]

RESOURCE_STYLES = ("path", "id", "number", "spaced", "mixed")
TOPIC_STYLES = ("delivery", "shipments", "missing", "mixed")
# offset: "2026-12-02T12:00:00.000-03:00"; naive: "2026-12-02T12:00:00.000" (no offset, in
# the asked zone); utc: always "...Z" whatever was asked (the documented examples' look).
TIME_STYLES = ("offset", "naive", "utc")

# The order JSON's times (api notes §2.1) that are rendered per request.
TIME_FIELDS = frozenset(
    {
        "createdAt",
        "preparationStartDateTime",
        "estimatedDeliveryDateTime",
        "deliveryDateTime",
        "estimatedPickupDate",
    }
)


@dataclass(slots=True)
class Shapes:
    webhook_resource: str = "path"
    webhook_topic: str = "delivery"
    unsigned_webhooks: bool = False  # no x-signature even when a secret is set
    time_style: str = "offset"
    strict_time_zone: bool = False  # GET order without x-time-zone -> 400
    not_found_for_s: float = 0.0  # GET order answers 404 this long after creation
    not_found_first_gets: int = 0  # ...and/or for each order's first N reads
    _turn: itertools.count[int] = field(default_factory=itertools.count, repr=False)

    @classmethod
    def from_config(cls, config: MpSandboxConfig) -> Shapes:
        shapes = cls()
        shapes.update(
            {
                "webhook_resource": config.webhook_resource,
                "webhook_topic": config.webhook_topic,
                "unsigned_webhooks": config.unsigned_webhooks,
                "time_style": config.time_style,
                "strict_time_zone": config.strict_time_zone,
                "not_found_for_s": config.not_found_for_s,
                "not_found_first_gets": config.not_found_first_gets,
            }
        )
        return shapes

    def as_json(self) -> dict[str, Any]:
        out = asdict(self)
        out.pop("_turn", None)
        return out

    def update(self, body: dict[str, Any]) -> None:
        """Apply the given fields, all or none; ``ValueError`` (one line) on a bad one."""
        new: dict[str, object] = {}
        for key, value in body.items():
            if key == "webhook_resource":
                new[key] = _choice(key, value, RESOURCE_STYLES)
            elif key == "webhook_topic":
                new[key] = _choice(key, value, TOPIC_STYLES)
            elif key == "time_style":
                new[key] = _choice(key, value, TIME_STYLES)
            elif key in ("unsigned_webhooks", "strict_time_zone"):
                if not isinstance(value, bool):
                    raise ValueError(f"{key} must be true or false")
                new[key] = value
            elif key == "not_found_for_s":
                if (
                    isinstance(value, bool)
                    or not isinstance(value, int | float)
                    or not math.isfinite(value)
                    or value < 0
                ):
                    raise ValueError(f"{key} must be a number of seconds, 0 or more")
                new[key] = float(value)
            elif key == "not_found_first_gets":
                if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                    raise ValueError(f"{key} must be a whole number, 0 or more")
                new[key] = value
            else:
                raise ValueError(f"unknown shape {key!r}")
        for key, value in new.items():
            setattr(self, key, value)

    # -- webhooks ---------------------------------------------------------------------------
    def webhook_fields(self, order_id: str) -> dict[str, Any]:
        """``topic`` (absent when "missing") and ``resource`` of one notification."""
        turn = next(self._turn)
        resource_style = self.webhook_resource
        if resource_style == "mixed":
            resource_style = RESOURCE_STYLES[turn % (len(RESOURCE_STYLES) - 1)]
        topic_style = self.webhook_topic
        if topic_style == "mixed":
            topic_style = TOPIC_STYLES[turn % (len(TOPIC_STYLES) - 1)]
        out: dict[str, Any] = {}
        if topic_style != "missing":
            out["topic"] = topic_style
        if resource_style == "id":
            out["resource"] = order_id
        elif resource_style == "number":
            out["resource"] = int(order_id)
        elif resource_style == "spaced":
            out["resource"] = f"  /shipments/{order_id}\n"
        else:
            out["resource"] = f"/shipments/{order_id}"
        return out


def _choice(key: str, value: object, allowed: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"{key} must be one of {', '.join(allowed)}")
    return value


def render_time(text: str, zone: tzinfo | None, style: str) -> str:
    """A sandbox time (ISO-8601 UTC ``Z``, as the world keeps them) rendered in ``zone``.

    No zone asked (header missing) or style ``utc`` → unchanged. Milliseconds are kept when
    the original has them, so both documented looks (with and without) stay in play.
    """
    if zone is None or style == "utc" or not text.endswith("Z"):
        return text
    try:
        moment = datetime.fromisoformat(text[:-1] + "+00:00")
    except ValueError:
        return text
    local = moment.astimezone(zone if zone is not None else UTC)
    millis = "." in text
    base = local.strftime("%Y-%m-%dT%H:%M:%S")
    if millis:
        base += f".{local.microsecond // 1000:03d}"
    if style == "naive":
        return base
    offset = local.strftime("%z")  # +hhmm
    return f"{base}{offset[:3]}:{offset[3:]}"
