"""Shopee (Open Platform v2, Brazil) as a plug-in (DESIGN §3; api notes Part B, seed 003).

``client`` (signed Shop API calls and Shopee's error keys), ``mapping`` (``get_order_detail``
JSON → ``domain.Order``), ``flows`` (the statuses as one repeating track), ``notify`` (pushes on
the relay's side), ``settings`` (``shopee.*``), ``display`` (its words), ``plugin`` (the
``Marketplace``) and ``sandbox/`` (its simulator part).
"""

CHANNEL = "shopee"

# What `kitchen-app ticket --channel shopee` reads an order file with.
from .mapping import map_any as map_order  # noqa: E402 - needs CHANNEL defined first

__all__ = ["CHANNEL", "map_order"]
