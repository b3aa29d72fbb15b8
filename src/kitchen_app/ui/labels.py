"""Human words for the desk's codes (statuses, stages, logistics, channels, actions), in the
UI language through Qt translations, and money/time formatting per QLocale."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta, tzinfo
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QLocale

from kitchen_app.channels.base import Display, Plugin
from kitchen_app.domain import Choice, Money, Stage, StatusPair
from kitchen_app.domain.text import Text

log = logging.getLogger(__name__)

_CTX = "Labels"


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Marks ``source`` for lupdate in ``context``; Qt's own is typed ``object``."""
    return source


# The marketplaces' own words (statuses, chips, logistics, payment methods, their names and
# badges) come from the plug-ins' displays, handed over by the composition root
# (``use_displays``). They are translated in the plug-in's context; a word not translated
# there yet falls back to the desk's own contexts of before the plug-ins, where the same
# English words were translated.
_DISPLAYS: dict[str, Display] = {}
_FALLBACK_CONTEXTS = ("Labels", "Chips")


def use_plugins(plugins: Iterable[Plugin]) -> None:
    """The words of the plug-ins a desk serves: their displays and action catalogues."""
    plugins = list(plugins)
    use_displays({p.channel: p.display for p in plugins})
    use_actions({p.channel: {a.name: a.label for a in p.actions} for p in plugins})


def use_displays(displays: Mapping[str, Display]) -> None:
    """The plug-ins' displays by channel id (``app/`` calls this before any window)."""
    _DISPLAYS.clear()
    _DISPLAYS.update(displays)


def _displays(channel: str | None) -> list[Display]:
    if channel is not None and channel in _DISPLAYS:
        return [_DISPLAYS[channel]]
    return list(_DISPLAYS.values())


def choice_text(choice: Choice) -> str:
    """A choice's words: the marketplace's own as they came, a plug-in's translated."""
    return choice.label if isinstance(choice.label, str) else translated(choice.label)


def translated(text: Text, *fallbacks: str) -> str:
    """A plug-in's word in the desk's language."""
    out = QCoreApplication.translate(text.context, text.source)
    if out == text.source:
        for context in fallbacks or _FALLBACK_CONTEXTS:
            other = QCoreApplication.translate(context, text.source)
            if other != text.source:
                return other
    return out


_STAGE: dict[Stage, str] = {
    Stage.NEW: QT_TRANSLATE_NOOP("Stages", "New"),
    Stage.PREPARING: QT_TRANSLATE_NOOP("Stages", "Preparing"),
    Stage.ON_THE_WAY: QT_TRANSLATE_NOOP("Stages", "On the way"),
    Stage.DONE: QT_TRANSLATE_NOOP("Stages", "Done"),
    Stage.CANCELLED: QT_TRANSLATE_NOOP("Stages", "Cancelled"),
}

# Payment methods any marketplace may name; a plug-in's own (a wallet) come from its display.
_PAYMENT: dict[str, str] = {
    "CREDIT_CARD": QT_TRANSLATE_NOOP("Labels", "Credit card"),
    "DEBIT_CARD": QT_TRANSLATE_NOOP("Labels", "Debit card"),
    "CASH": QT_TRANSLATE_NOOP("Labels", "Cash"),
    "PIX": QT_TRANSLATE_NOOP("Labels", "Pix"),
}

_ACTION: dict[str, str] = {
    "accept": QT_TRANSLATE_NOOP("Labels", "Accept"),
    "cancel": QT_TRANSLATE_NOOP("Labels", "Cancel"),
    "mark_ready": QT_TRANSLATE_NOOP("Labels", "Mark ready"),
    "kitchen": QT_TRANSLATE_NOOP("Labels", "Kitchen ticket"),
    "receipt": QT_TRANSLATE_NOOP("Labels", "Customer receipt"),
    "label_pdf": QT_TRANSLATE_NOOP("Labels", "The marketplace's document"),
}

_STATE: dict[str, str] = {
    "requested": QT_TRANSLATE_NOOP("Labels", "requested"),
    "sent": QT_TRANSLATE_NOOP("Labels", "sent"),
    "pending": QT_TRANSLATE_NOOP("Labels", "pending — will retry"),
    "confirmed": QT_TRANSLATE_NOOP("Labels", "confirmed"),
    "failed": QT_TRANSLATE_NOOP("Labels", "failed"),
    "queued": QT_TRANSLATE_NOOP("Labels", "queued"),
    "printing": QT_TRANSLATE_NOOP("Labels", "printing"),
    "printed": QT_TRANSLATE_NOOP("Labels", "printed"),
    "uncertain": QT_TRANSLATE_NOOP("Labels", "maybe printed — check the printer"),
}

_CURRENCY_SYMBOL = {"ARS": "$", "BRL": "R$", "MXN": "$", "USD": "US$", "CLP": "$", "COP": "$"}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def status_label(pair: StatusPair, channel: str | None = None) -> str:
    for display in _displays(channel):
        text = display.status_label(pair)
        if text is not None:
            return translated(text, "Labels")
    return str(pair)


def short_status_label(pair: StatusPair, channel: str | None = None) -> str:
    for display in _displays(channel):
        text = display.status_label(pair, short=True)
        if text is not None:
            return translated(text, "Chips")
    return status_label(pair, channel)


def short_channel_label(channel: str) -> str:
    display = _DISPLAYS.get(str(channel))
    return display.badge if display is not None else str(channel)


def stage_label(stage: Stage) -> str:
    return QCoreApplication.translate("Stages", _STAGE[stage])


def payment_label(method: str, channel: str | None = None) -> str:
    source = _PAYMENT.get(method.upper())
    if source:
        return _tr(source)
    for display in _displays(channel):
        text = display.payment_methods.get(method.upper())
        if text is not None:
            return translated(text, "Labels")
    return method.replace("_", " ").lower()


def logistics_label(logistics: str, channel: str | None = None) -> str:
    for display in _displays(channel):
        text = display.logistics.get(str(logistics))
        if text is not None:
            return translated(text, "Labels")
    return str(logistics)


def channel_label(channel: str) -> str:
    display = _DISPLAYS.get(str(channel))
    return translated(display.name, "Labels") if display is not None else str(channel)


def action_label(kind: str, channel: str | None = None) -> str:
    """A journaled action's or print job's words: the desk's own (tickets, accept, cancel…),
    else the plug-in's (its action's label; ``label_pdf``: what its document is called)."""
    if kind == "label_pdf":
        for display in _displays(channel):
            if display.document is not None:
                return translated(display.document, "Labels")
    source = _ACTION.get(kind)
    if source:
        return _tr(source)
    for candidate in (channel, *_ACTIONS):
        text = _ACTIONS.get(candidate or "", {}).get(kind)
        if text is not None:
            return translated(text, "Labels")
    return kind


# Every action a plug-in may offer, by channel and name (its catalogue), for the journal's
# words: an action no longer offered is still named in the timeline.
_ACTIONS: dict[str, dict[str, Text]] = {}


def use_actions(labels: Mapping[str, Mapping[str, Text]]) -> None:
    _ACTIONS.clear()
    _ACTIONS.update({channel: dict(by_name) for channel, by_name in labels.items()})


def document_label(channel: str | None) -> str:
    """What an order's marketplace calls its document (``Display.document``)."""
    for display in _displays(channel):
        if display.document is not None:
            return translated(display.document, "Labels")
    return _tr(_ACTION["label_pdf"])


def channel_names() -> str:
    """The served marketplaces' names, for sentences ("A, B and C" in the desk's words)."""
    names = [translated(d.name, "Labels") for d in _DISPLAYS.values()]
    if len(names) < 2:
        return names[0] if names else _tr("the marketplaces")
    return _tr("%1 and %2").replace("%1", ", ".join(names[:-1])).replace("%2", names[-1])


def channels() -> tuple[str, ...]:
    """The marketplaces whose words the desk has (the plug-ins it serves)."""
    return tuple(_DISPLAYS)


def int_setting(value: object, default: int) -> int:
    """A whole-number setting as stored (JSON), else ``default`` (never an exception)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float | str):
        try:
            return int(value)
        except ValueError:
            return default
    return default


def state_label(state: str) -> str:
    source = _STATE.get(str(state))
    return _tr(source) if source else str(state)


def format_money(money: Money, locale: QLocale) -> str:
    """Money in the UI locale's separators, with the order's currency symbol. Decimal all the
    way: the amount is never turned into a float."""
    amount: Decimal = money.amount
    sign = "-" if amount < 0 else ""
    whole, _, cents = f"{abs(amount):.2f}".partition(".")
    group = locale.groupSeparator()
    parts: list[str] = []
    while len(whole) > 3:
        parts.insert(0, whole[-3:])
        whole = whole[:-3]
    parts.insert(0, whole)
    number = f"{group.join(parts)}{locale.decimalPoint()}{cents}"
    symbol = _CURRENCY_SYMBOL.get(money.currency, money.currency)
    space = "" if locale.language() == QLocale.Language.English else " "
    return f"{sign}{symbol}{space}{number}"


def to_local(moment: datetime, tz: tzinfo | None) -> datetime:
    return moment.astimezone(tz) if tz is not None else moment.astimezone()


def format_time(moment: datetime, tz: tzinfo | None, *, seconds: bool = False) -> str:
    return to_local(moment, tz).strftime("%H:%M:%S" if seconds else "%H:%M")


def format_countdown(left: timedelta) -> str:
    """m:ss left; once overdue, a leading minus."""
    total = int(left.total_seconds())
    sign = "-" if total < 0 else ""
    total = abs(total)
    return f"{sign}{total // 60}:{total % 60:02d}"


def short_status_texts() -> list[str]:
    """Every status chip's text (to size the status column without reading the orders)."""
    return [translated(t, "Chips") for d in _DISPLAYS.values() for t in d.chips.values()]


def logistics_texts() -> list[str]:
    return [translated(t, "Labels") for d in _DISPLAYS.values() for t in d.logistics.values()]


def short_channel_texts() -> list[str]:
    return [d.badge for d in _DISPLAYS.values()]
