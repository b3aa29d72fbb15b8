"""The desk's settings, declared once: key, type, default, and a check that gives a one-line
reason when a value is refused. Values live in the desk store's settings table; the engine is
the only writer (the UI asks it through ``EngineCommands.set_setting``).

The desk declares its own settings here; a plug-in's come from its ``SettingSpec``s under
``<channel>.``. The engine does not know which plug-ins a build serves: the composition root
hands their registry down once at start (``declare_plugin_settings``, called when
``app.plugins.registry()`` is built), and ``SETTINGS`` holds the composition from then on.
"""

from __future__ import annotations

import locale
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from kitchen_app.channels.registry import PluginRegistry
from kitchen_app.domain.settings import Choice, SettingKind, SettingSpec
from kitchen_app.domain.text import Text
from kitchen_app.domain.timezones import default_time_zone, zone_from_setting

__all__ = [
    "COUNTRIES",
    "LEGACY_NAMES",
    "SETTINGS",
    "DeskSettings",
    "Setting",
    "SettingError",
    "canonical_key",
    "declare_plugin_settings",
    "default_country",
    "effective_time_zone",
    "setting",
    "validate",
]

COUNTRIES = ("AR", "BR", "MX")


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


def _time_zone(value: Any) -> None:
    if value == "":
        return
    if not isinstance(value, str):
        raise SettingError("must be text like GMT-3")
    try:
        zone_from_setting(value)
    except ValueError as exc:
        raise SettingError(str(exc)) from None


def default_country() -> str:
    """The system locale's country when it is one the desk serves, else AR."""
    try:
        name = locale.getlocale()[0] or ""
    except ValueError:
        name = ""
    country = name.replace("-", "_").partition("_")[2][:2].upper()
    return country if country in COUNTRIES else "AR"


def effective_time_zone(time_zone: str, country: str) -> str:
    """The zone the desk asks the marketplace for: the time_zone setting, or its country's
    default (GMT-3 for AR/BR, GMT-6 for MX)."""
    text = (time_zone or "").strip()
    return text if text else default_time_zone(country)


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
    # What staff read in messages and forms (short English; the window translates it through
    # its own table). Never the key: "API address", not <channel>.base_url.
    label: str = ""
    # A plug-in setting's translatable label and help (the ui translates them in their
    # context); None for the desk's own settings, which the ui labels itself.
    text: Text | None = None
    help: Text | None = None
    choices: tuple[Choice, ...] = ()  # a plug-in's CHOICE setting: its values and words

    @property
    def title(self) -> str:
        return self.label or self.key


def _spec_check(spec: SettingSpec) -> Callable[[Any], None]:
    if spec.kind is SettingKind.URL:
        return _url
    if spec.kind is SettingKind.FLAG:
        return _bool
    if spec.kind is SettingKind.CHOICE:
        return _choice(*(c.value for c in spec.choices))
    if spec.kind is SettingKind.INTEGER:
        low = spec.minimum if spec.minimum is not None else -(2**63)
        high = spec.maximum if spec.maximum is not None else 2**63 - 1
        check = _int_range(low, high)
        if spec.required:
            return check
        # An optional number may stay empty (the channel is then off, DESIGN §5).
        return lambda value: None if value == "" else check(value)
    return _text


def _plugin_setting(name: str, spec: SettingSpec) -> Setting:
    """A plug-in's declared setting as the desk stores and checks it, under its prefix."""
    return Setting(
        name,
        spec.default,
        _spec_check(spec),
        secret=spec.kind is SettingKind.SECRET,
        doc=spec.help.source if spec.help is not None else "",
        label=spec.label.source,
        text=spec.label,
        help=spec.help,
        choices=spec.choices if spec.kind is SettingKind.CHOICE else (),
    )


# The desk's own settings: the relay's first (the plug-ins' follow them in the settings
# window), then the rest.
_RELAY = (
    Setting(
        "relay_url",
        "",
        _url,
        doc="Relay address, e.g. https://relay.example.com",
        label="Relay address",
    ),
    Setting(
        "relay_token",
        "",
        _text,
        secret=True,
        doc="This desk's token from the relay",
        label="Relay token",
    ),
)
_DESK = (
    Setting(
        "language",
        "",
        _choice("", "es", "pt_BR", "en"),
        doc="Empty: the system's",
        label="Language",
    ),
    Setting(
        "time_zone",
        "",
        _time_zone,
        doc="Sent as x-time-zone, e.g. GMT-3; empty: the country's",
        label="Time zone",
    ),
    Setting(
        "country",
        default_country(),
        _choice(*COUNTRIES),
        doc="The store's country (AR, BR, MX)",
        label="Country",
    ),
    Setting("sound_enabled", True, _bool, label="Sound"),
    Setting("sound_volume", 80, _int_range(0, 100), label="Volume"),
    Setting(
        "auto_accept",
        False,
        _bool,
        doc="Accept new orders without asking",
        label="Accept orders automatically",
    ),
    Setting(
        "auto_print",
        True,
        _bool,
        doc="Print tickets when an order is accepted",
        label="Print tickets automatically",
    ),
    Setting("kitchen_copies", 1, _int_range(0, 5), label="Kitchen ticket copies"),
    Setting("receipt_copies", 1, _int_range(0, 5), label="Receipt copies"),
    Setting(
        "printers",
        [],
        _printers,
        doc="Printer settings (see printing.PrinterSettings)",
        label="Printers",
    ),
    Setting("default_printer", "", _text, label="Default printer"),
    Setting(
        "reconcile_interval_s",
        30,
        _int_range(5, 3600),
        label="Seconds between re-reads of open orders",
    ),
    Setting("demo_mode", False, _bool, label="Demo mode"),
)


class DeskSettings(Mapping[str, Setting]):
    """The declared settings by key: the desk's own and the plug-ins' ``<channel>.<name>``, in
    the order the settings window lists them. A flat name of the first releases finds its
    renamed setting (``settings["mp_access_token"]``); iteration and ``in`` show only
    current names."""

    def __init__(self, plugins: PluginRegistry | None = None) -> None:
        self._declared: dict[str, Setting] = {}
        self._legacy: dict[str, str] = {}
        self.compose(plugins)

    def compose(self, plugins: PluginRegistry | None) -> None:
        """Declare the desk's own settings and ``plugins``' (None: the desk's alone). In
        place, so a module that imported ``SETTINGS`` or ``LEGACY_NAMES`` sees it."""
        specs = plugins.setting_specs() if plugins is not None else []
        declared = (*_RELAY, *(_plugin_setting(name, spec) for name, spec in specs), *_DESK)
        self._declared.clear()
        self._declared.update((s.key, s) for s in declared)
        self._legacy.clear()
        self._legacy.update(plugins.legacy_names() if plugins is not None else {})

    @property
    def legacy_names(self) -> Mapping[str, str]:
        """Flat names of the first releases → their namespaced names (DESIGN §5), from each
        plug-in's ``legacy_settings``. The store renames saved values at start; these
        aliases keep old scripts' ``--set <old name>=…`` working."""
        return self._legacy

    def __getitem__(self, key: str) -> Setting:
        return self._declared[self._legacy.get(key, key)]

    def __contains__(self, key: object) -> bool:
        return key in self._declared

    def __iter__(self) -> Iterator[str]:
        return iter(self._declared)

    def __len__(self) -> int:
        return len(self._declared)

    def canonical_key(self, key: str) -> str:
        """The setting's current name (a flat name of the first releases → its namespaced
        one)."""
        return self._legacy.get(key, key)

    def setting(self, key: str) -> Setting:
        try:
            return self[key]
        except KeyError:
            raise SettingError(f"unknown setting: {key}") from None

    def validate(self, key: str, value: Any) -> None:
        """Raise SettingError with a one-line reason when ``value`` is not acceptable; the
        reason names the setting by its label ("Relay address: not a web address …")."""
        declared = self.setting(key)
        try:
            declared.check(value)
        except SettingError as exc:
            raise SettingError(f"{declared.title}: {exc}") from None


# The settings in force: the desk's own until the composition root declares the plug-ins'.
SETTINGS = DeskSettings()
LEGACY_NAMES: Mapping[str, str] = SETTINGS.legacy_names


def declare_plugin_settings(plugins: PluginRegistry) -> None:
    """The plug-ins a desk serves declare their settings beside the desk's own (the
    composition root calls this once, before anything reads a setting)."""
    SETTINGS.compose(plugins)


def canonical_key(key: str) -> str:
    return SETTINGS.canonical_key(key)


def setting(key: str) -> Setting:
    return SETTINGS.setting(key)


def validate(key: str, value: Any) -> None:
    SETTINGS.validate(key, value)
