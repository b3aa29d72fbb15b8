"""Settings as staff read them: a label per setting, and refusals that name the field by its
label in the desk's language — never by its internal name. A plug-in's setting is labelled
by its ``SettingSpec`` (its own translatable words).

``setting_name(new, old)`` picks the name the declared settings use: the settings move from
flat ``mp_*`` names to ``mp_delivery.*`` (DESIGN §5), and the window works with either.
"""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import QCoreApplication

from kitchen_app.engine.settings import LEGACY_NAMES, SETTINGS

from .labels import QT_TRANSLATE_NOOP, translated

log = logging.getLogger(__name__)

__all__ = [
    "field_problem",
    "refusal",
    "setting_label",
    "setting_name",
]

_CTX = "Settings"


def setting_name(new: str, old: str) -> str:
    """``new`` when the declared settings have it, else ``old``."""
    return new if new in SETTINGS else old


_LABELS: dict[str, str] = {
    "relay_url": QT_TRANSLATE_NOOP("Settings", "Relay address"),
    "relay_token": QT_TRANSLATE_NOOP("Settings", "Desk token"),
    "language": QT_TRANSLATE_NOOP("Settings", "Language"),
    "time_zone": QT_TRANSLATE_NOOP("Settings", "Time zone"),
    "country": QT_TRANSLATE_NOOP("Settings", "Country"),
    "sound_enabled": QT_TRANSLATE_NOOP("Settings", "Alert sound"),
    "sound_volume": QT_TRANSLATE_NOOP("Settings", "Volume"),
    "auto_accept": QT_TRANSLATE_NOOP("Settings", "Accept automatically"),
    "auto_print": QT_TRANSLATE_NOOP("Settings", "Print when accepted"),
    "kitchen_copies": QT_TRANSLATE_NOOP("Settings", "Kitchen ticket copies"),
    "receipt_copies": QT_TRANSLATE_NOOP("Settings", "Receipt copies"),
    "printers": QT_TRANSLATE_NOOP("Settings", "Printers"),
    "default_printer": QT_TRANSLATE_NOOP("Settings", "Default printer"),
    "reconcile_interval_s": QT_TRANSLATE_NOOP("Settings", "Re-check interval"),
    "demo_mode": QT_TRANSLATE_NOOP("Settings", "Demo"),
}
# Old flat names -> current ones: the plug-ins' legacy settings (settings.LEGACY_NAMES).
_OLD_NAMES = LEGACY_NAMES


# The refusals settings.validate gives (English, one line), in the desk's language. A
# refusal not listed here is shown as it came.
def _exact(text: str) -> tuple[re.Pattern[str], str]:
    return re.compile("^" + re.escape(text) + "$"), text


_REASONS: list[tuple[re.Pattern[str], str]] = [
    _exact(QT_TRANSLATE_NOOP("Settings", "must be one line")),
    _exact(QT_TRANSLATE_NOOP("Settings", "must be text")),
    _exact(QT_TRANSLATE_NOOP("Settings", "must be a web address")),
    _exact(QT_TRANSLATE_NOOP("Settings", "must be yes or no")),
    _exact(QT_TRANSLATE_NOOP("Settings", "must be a whole number")),
    _exact(QT_TRANSLATE_NOOP("Settings", "two printers have the same name")),
    (
        re.compile(r"^not a web address \(http:// or https://\): (?P<value>.*)$"),
        QT_TRANSLATE_NOOP("Settings", "not a web address (http:// or https://): %1"),
    ),
    (
        re.compile(r"^must be between (?P<value>\d+ and \d+)$"),
        QT_TRANSLATE_NOOP("Settings", "must be between %1"),
    ),
]


def setting_label(key: str) -> str:
    """The field's name for staff, translated; the declared label, else a readable key."""
    source = _LABELS.get(_OLD_NAMES.get(key, key))
    if source is not None:
        return QCoreApplication.translate(_CTX, source)
    plugin_text = getattr(SETTINGS.get(_OLD_NAMES.get(key, key)), "text", None)
    if plugin_text is not None:  # a plug-in's setting: its own translatable label
        return translated(plugin_text, _CTX)
    declared = getattr(SETTINGS.get(key), "label", "")
    return str(declared) if declared else key.rpartition(".")[2].replace("_", " ").capitalize()


def _strip_field(key: str, message: str) -> str:
    """``validate`` prefixes its refusal with the field (its key, or its English label)."""
    prefixes = [key, _OLD_NAMES.get(key, key)]
    declared = getattr(SETTINGS.get(key), "label", "")
    if declared:
        prefixes.append(str(declared))
    source = _LABELS.get(_OLD_NAMES.get(key, key))
    if source:
        prefixes.append(source)
    for prefix in prefixes:
        if message.startswith(prefix + ": "):
            return message[len(prefix) + 2 :]
    return message


def field_problem(key: str, message: str) -> str:
    """The refusal alone, translated (shown right under the field it is about)."""
    reason = _strip_field(key, message.strip())
    for pattern, source in _REASONS:
        match = pattern.match(reason)
        if match:
            text = QCoreApplication.translate(_CTX, source)
            value = match.groupdict().get("value")
            return text.replace("%1", value) if value is not None else text
    return reason


def refusal(key: str, message: str) -> str:
    """ "Label: reason" for places that do not sit next to the field."""
    return f"{setting_label(key)}: {field_problem(key, message)}"
