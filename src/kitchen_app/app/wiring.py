"""The desk engine's marketplace parts, chosen in one place: the composition roots (desk.py,
demo.py, the headless runner, tests and benchmarks) build the engine through
``build_engine``, so the engine itself never constructs a marketplace client."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from kitchen_app.app.custody import custody_credentials
from kitchen_app.app.plugins import registry
from kitchen_app.channels.base import ChannelClient, FetchedOrder, Marketplace
from kitchen_app.channels.mercadopago import CHANNEL as MERCADOPAGO
from kitchen_app.channels.mercadopago.mapping import observed_at
from kitchen_app.channels.mercadopago.plugin import MercadoPagoMarketplace
from kitchen_app.domain import Channel
from kitchen_app.engine.api import EngineListener
from kitchen_app.engine.context import OccurredAt, utc_now
from kitchen_app.engine.engine import Engine, EngineConfig

__all__ = ["build_engine", "marketplace_clients", "marketplace_times"]


def marketplace_clients(
    settings: Mapping[str, Any], marketplaces: Mapping[str, Marketplace]
) -> dict[Channel, ChannelClient]:
    """The clients the store watch still speaks to: the plug-ins' own (one HTTP client per
    marketplace; each costs an SSL context at every connect)."""
    mp = marketplaces.get("mp_delivery")
    if isinstance(mp, MercadoPagoMarketplace):
        return {MERCADOPAGO: mp.client}
    return {}


def _mp_time(fetched: FetchedOrder) -> datetime | None:
    return observed_at(fetched.order, fetched.raw, fetched.order.status)


def marketplace_times() -> dict[Channel, OccurredAt]:
    """Per marketplace: the time its JSON gives for the state an order is in."""
    return {MERCADOPAGO: _mp_time}


def build_engine(
    config: EngineConfig,
    listener: EngineListener,
    *,
    clock: Callable[[], datetime] = utc_now,
) -> Engine:
    return Engine(
        config,
        listener,
        clients_factory=marketplace_clients,
        occurred_at=marketplace_times(),
        clock=clock,
        plugins=registry(),
        credentials_factory=custody_credentials,
    )
