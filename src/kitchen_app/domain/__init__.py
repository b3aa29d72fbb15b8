"""Plain data and rules: no Qt, no I/O, nothing of ours imported."""

from .flows import Action, Channel, Flow, Logistics, Stage, StatusPair, flow_for, register_flow
from .money import Money, MoneyError
from .order import (
    ACCEPT_WINDOW,
    Address,
    Customer,
    Discount,
    Fee,
    FlexQR,
    Option,
    Order,
    OrderItem,
    Payment,
    Totals,
)
from .serialize import order_from_dict, order_to_dict
from .timeline import MergeResult, TimelineEntry, current_state, merge

__all__ = [
    "ACCEPT_WINDOW",
    "Action",
    "Address",
    "Channel",
    "Customer",
    "Discount",
    "Fee",
    "FlexQR",
    "Flow",
    "Logistics",
    "MergeResult",
    "Money",
    "MoneyError",
    "Option",
    "Order",
    "OrderItem",
    "Payment",
    "Stage",
    "StatusPair",
    "TimelineEntry",
    "Totals",
    "current_state",
    "flow_for",
    "merge",
    "order_from_dict",
    "order_to_dict",
    "register_flow",
]
