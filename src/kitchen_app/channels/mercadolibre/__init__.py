"""Mercado Libre as a plug-in (DESIGN §3; api notes Part A; seeds 001, 002, 004).

``client`` (its verbs, Bearer auth, errors), ``mapping`` (order + shipment + pack JSON ->
``domain.Order``), ``flows`` (the order and ME1 shipment tracks, which actions each state
allows), ``notify`` (webhook rules on the relay's side), ``settings`` (``mercadolibre.*``),
``display`` (its words, translatable), ``plugin`` (the ``Marketplace``) and ``sandbox/``.
"""

CHANNEL = "mercadolibre"

__all__ = ["CHANNEL"]
