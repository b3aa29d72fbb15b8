"""The one key of an order, from the relay event to the printer (DESIGN §3).

An order is named by the plug-in that owns it (its channel id) and the id the marketplace's
order API takes. Code passes this value around; only the store and log lines see its text
form ``"<channel>:<order_id>"``, and only the store parses it back.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["OrderKey"]


@dataclass(frozen=True, slots=True, order=True)
class OrderKey:
    """One order of one marketplace."""

    channel: str  # plug-in id: "mp_delivery" | "mercadolibre" | "shopee"
    order_id: str  # the id the marketplace's order API takes (Mercado Pago: the shipment id)

    def __post_init__(self) -> None:
        if not self.channel or ":" in self.channel or not self.order_id.strip():
            raise ValueError(f"not an order key: {self.channel!r} / {self.order_id!r}")

    def __str__(self) -> str:  # the store's TEXT column, `orders --json` "key", log lines
        return f"{self.channel}:{self.order_id}"

    @classmethod
    def parse(cls, text: str) -> OrderKey:
        """Only where a key was stored as text (store rows, CLI arguments)."""
        channel, sep, order_id = text.partition(":")
        if not sep:
            raise ValueError(f"not an order key: {text!r}")
        return cls(channel, order_id)
