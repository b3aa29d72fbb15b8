"""The desk's settings, declared once: key, type, default, and a check that gives a one-line
reason when a value is refused. Values live in the desk store's settings table; the engine is
the only writer (the UI asks it through ``EngineCommands.set_setting``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

__all__ = ["SETTINGS", "Setting", "SettingError", "setting", "validate"]


class SettingError(ValueError):
    """A value refused for a setting; the message is one line for staff."""


def _url(value: Any) -> None:
    if value in ("", None):
        return
    if not isinstance(value, str):
        raise SettingError("must be a web address")
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise SettingError(f"not a web address (http:// or https://): {value}")


def _text(value: Any) -> None:
    if not isinstance(value, str):
        raise SettingError("must be text")
    if "\n" in value or "\r" in value:
        raise SettingError("must be one line")


def _bool(value: Any) -> None:
    if not isinstance(value, bool):
        raise SettingError("must be yes or no")


def _int_range(low: int, high: int) -> Callable[[Any], None]:
    def check(value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise SettingError("must be a whole number")
        if not low <= value <= high:
            raise SettingError(f"must be between {low} and {high}")

    return check


def _choice(*choices: str) -> Callable[[Any], None]:
    def check(value: Any) -> None:
        if value not in choices:
            raise SettingError(f"must be one of: {', '.join(c or '(system)' for c in choices)}")

    return check


def _printers(value: Any) -> None:
    if not isinstance(value, list) or not all(isinstance(p, dict) for p in value):
        raise SettingError("printers must be a list")
    names = [p.get("name") for p in value]
    if len(set(names)) != len(names):
        raise SettingError("two printers have the same name")


@dataclass(frozen=True, slots=True)
class Setting:
    key: str
    default: Any
    check: Callable[[Any], None]
    secret: bool = False  # never logged, never shown in full
    doc: str = ""


SETTINGS: Mapping[str, Setting] = {
    s.key: s
    for s in (
        Setting("relay_url", "", _url, doc="Relay address, e.g. https://relay.example.com"),
        Setting("relay_token", "", _text, secret=True, doc="This desk's token from the relay"),
        Setting("mp_base_url", "https://api.mercadopago.com", _url, doc="Mercado Pago API"),
        Setting("mp_access_token", "", _text, secret=True, doc="The store's Mercado Pago token"),
        Setting("mp_user_id", "", _text, doc="The store's Mercado Pago user id"),
        Setting("language", "", _choice("", "es", "pt_BR", "en"), doc="Empty: the system's"),
        Setting("sound_enabled", True, _bool),
        Setting("sound_volume", 80, _int_range(0, 100)),
        Setting("auto_accept", False, _bool, doc="Accept new orders without asking"),
        Setting("auto_print", True, _bool, doc="Print tickets when an order is accepted"),
        Setting("kitchen_copies", 1, _int_range(0, 5)),
        Setting("receipt_copies", 1, _int_range(0, 5)),
        Setting("printers", [], _printers, doc="Printer settings (see printing.PrinterSettings)"),
        Setting("default_printer", "", _text),
        Setting("reconcile_interval_s", 30, _int_range(5, 3600)),
        Setting("demo_mode", False, _bool),
    )
}


def setting(key: str) -> Setting:
    try:
        return SETTINGS[key]
    except KeyError:
        raise SettingError(f"unknown setting: {key}") from None


def validate(key: str, value: Any) -> None:
    """Raise SettingError with a one-line reason when ``value`` is not acceptable."""
    try:
        setting(key).check(value)
    except SettingError as exc:
        raise SettingError(f"{key}: {exc}") from None
