"""The webhook relay (DESIGN §2): receives marketplace webhooks, stores each one durably
before answering 200, and serves each desk its store's events by long poll."""

from kitchen_app.relay.app import build_app
from kitchen_app.relay.config import RelayConfig
from kitchen_app.relay.eventlog import EventLog
from kitchen_app.relay.stores import add_store

__all__ = ["EventLog", "RelayConfig", "add_store", "build_app"]
