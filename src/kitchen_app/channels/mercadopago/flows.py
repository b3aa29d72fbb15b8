"""Mercado Pago Delivery's status model as a ``domain.tracks.Flow`` (api notes §8, seed 000).

One track, ``order``, that never repeats: the order's rank only grows and the first final
state wins (MP§8.4). The steps, ranks and stages are those of the Flex and Dropoff graphs in
``status_graph.py``, re-expressed by ``domain.flow_tracks.as_tracks``: a step in which the
order waits for acceptance rings (``alert``) and counts down the accept window
(``deadline=ACCEPT``); a final step is ``terminal``; values the flow does not list take the
same places as there.
"""

from __future__ import annotations

from datetime import timedelta

from kitchen_app.domain.flow_tracks import as_tracks
from kitchen_app.domain.tracks import Flow

from .status_graph import DROPOFF_GRAPH, FLEX_GRAPH

__all__ = ["ACCEPT_WINDOW", "DROPOFF", "FLEX", "flow_for_logistics"]

# Mercado Pago cancels an order not accepted within 5 minutes (api notes §3).
ACCEPT_WINDOW = timedelta(minutes=5)

FLEX = as_tracks(FLEX_GRAPH)
DROPOFF = as_tracks(DROPOFF_GRAPH)


def flow_for_logistics(logistics: str) -> Flow:
    """Dropoff's courier steps for Dropoff orders; Flex's for the rest (stored Takeout
    orders included, as ``status_graph.py`` does)."""
    return DROPOFF if logistics == "dropoff" else FLEX
