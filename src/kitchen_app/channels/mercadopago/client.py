"""Mercado Pago Delivery's HTTP client: its verbs, its auth, its error mapping.

The client still lives in ``channels/mp_delivery.py`` while the engine moves onto the
``Marketplace`` protocol; this module is its plug-in name.
"""

from kitchen_app.channels.mp_delivery import MpDeliveryClient, order_id_from_event

__all__ = ["MpDeliveryClient", "order_id_from_event"]
