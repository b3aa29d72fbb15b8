"""Mercado Pago Delivery as a plug-in (DESIGN §3): every module a marketplace has.

``client`` (its verbs, auth and errors), ``mapping`` (its JSON -> ``domain.Order``),
``flows`` (its status graph, the 5-minute accept window, which actions each state allows),
``notify`` (webhook rules on the relay's side), ``settings`` (``mp_delivery.*``), ``display``
(its words, translatable) and ``sandbox/`` (its simulator part).
"""

CHANNEL = "mp_delivery"

__all__ = ["CHANNEL"]
