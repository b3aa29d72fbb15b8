"""Mercado Pago Delivery's webhook rules on the relay's side (api notes §6).

This round the relay keeps its own parsing and verification (``relay/webhooks.py``,
``signature.py``): both are being reworked with the PostgreSQL event log. What moves here
next is listed in docs/architecture.md ("Plug-ins"): the ``x-signature`` check, the
``resource``/``topic`` reading, ``user_id`` routing, ``_id`` dedupe and the ``x-request-id``
replay key, behind ``channels.base.Notify``.
"""

from __future__ import annotations

from . import CHANNEL

__all__ = ["CHANNEL", "PATH"]

PATH = "/webhooks/mercadopago"
