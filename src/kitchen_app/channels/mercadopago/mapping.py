"""Mercado Pago Delivery's order JSON -> ``domain.Order`` (tolerant: unknown values kept raw).

The mapper still lives in ``channels/mp_mapping.py`` while the engine moves onto the
``Marketplace`` protocol; this module is its plug-in name.
"""

from kitchen_app.channels.mp_mapping import map_order, observed_at, parse_timestamp

__all__ = ["map_order", "observed_at", "parse_timestamp"]
