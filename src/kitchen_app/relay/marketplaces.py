"""The marketplaces the relay takes webhooks from: their channel names (DESIGN §5) and the
webhook route each marketplace is configured to call. The relay is the one part outside
``channels/`` and ``app/`` that names them: the routes are a fixed interface."""

from __future__ import annotations

from typing import Final

__all__ = ["CHANNEL_MERCADOLIBRE", "CHANNEL_MP_DELIVERY", "CHANNEL_SHOPEE", "WEBHOOK_PATHS"]

CHANNEL_MP_DELIVERY: Final = "mp_delivery"
CHANNEL_MERCADOLIBRE: Final = "mercadolibre"
CHANNEL_SHOPEE: Final = "shopee"

# channel -> the webhook route the marketplace is configured to call
WEBHOOK_PATHS: Final[dict[str, str]] = {
    CHANNEL_MP_DELIVERY: "/webhooks/mercadopago",
    CHANNEL_MERCADOLIBRE: "/webhooks/mercadolibre",
    CHANNEL_SHOPEE: "/webhooks/shopee",
}
