"""Mercado Pago Delivery as a plug-in (DESIGN §3): every module a marketplace has.

``client`` (its verbs, auth and errors), ``mapping`` (its JSON -> ``domain.Order``),
``status_graph`` (its Flex and Dropoff graphs: steps, finals, which actions each state
allows; registered for ``Order.flow`` when this package loads), ``flows`` (the same as tracks,
the 5-minute accept window),
``notify`` (webhook rules on the relay's side), ``settings`` (``mp_delivery.*``), ``display``
(its words, translatable) and ``sandbox/`` (its simulator part).
"""

CHANNEL = "mp_delivery"

# Registers the status graphs: an order of this channel read anywhere has its flow.
from . import status_graph  # noqa: E402

__all__ = ["CHANNEL", "status_graph"]
