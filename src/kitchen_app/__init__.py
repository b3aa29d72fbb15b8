"""Kitchen Desk: the order desk for restaurant counters."""

__version__ = "0.1.0"
