"""Plain data and rules: no Qt, no I/O, nothing of ours imported."""

from .actions import Evidence, StorePause
from .flows import Action, Channel, Flow, Logistics, Stage, StatusPair, flow_for, register_flow
from .json import JSONObject, JSONScalar, JSONValue
from .keys import OrderKey
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
    PrintCode,
    Totals,
)
from .print_jobs import PrintJobState
from .serialize import order_from_dict, order_to_dict
from .settings import Choice, SettingKind, SettingSpec, SettingValue
from .text import QT_TRANSLATE_NOOP, Text
from .timeline import MergeResult, TimelineEntry, current_state, merge
from .tracks import DeadlineKind, Observation, Track, TrackState

__all__ = [
    "ACCEPT_WINDOW",
    "QT_TRANSLATE_NOOP",
    "Action",
    "Address",
    "Channel",
    "Choice",
    "Customer",
    "DeadlineKind",
    "Discount",
    "Evidence",
    "Fee",
    "FlexQR",
    "Flow",
    "JSONObject",
    "JSONScalar",
    "JSONValue",
    "Logistics",
    "MergeResult",
    "Money",
    "MoneyError",
    "Observation",
    "Option",
    "Order",
    "OrderItem",
    "OrderKey",
    "Payment",
    "PrintCode",
    "PrintJobState",
    "SettingKind",
    "SettingSpec",
    "SettingValue",
    "Stage",
    "StatusPair",
    "StorePause",
    "Text",
    "TimelineEntry",
    "Totals",
    "Track",
    "TrackState",
    "current_state",
    "flow_for",
    "merge",
    "order_from_dict",
    "order_to_dict",
    "register_flow",
]
