"""Money, quantities and dates as people in each locale write them on a ticket.

The UI formats through Qt's locale; tickets are rendered off the Qt thread and must be byte-for-
byte stable, so they use these small fixed rules instead.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, tzinfo
from decimal import Decimal
from zoneinfo import ZoneInfo

from kitchen_app.domain import Money

__all__ = [
    "LOCALES",
    "LocaleRules",
    "format_date",
    "format_datetime",
    "format_money",
    "format_quantity",
    "format_time",
    "local_time",
    "rules_for",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class LocaleRules:
    language: str  # "es" | "pt" | "en": which label table
    thousands: str
    decimal: str
    symbol_space: bool  # "$ 1.234,50" (True) or "$1,234.50" (False)
    date_pattern: str  # strftime pattern for the date
    twelve_hour: bool
    default_zone: str | None  # used when the order's time carries no local offset


LOCALES: dict[str, LocaleRules] = {
    "es-AR": LocaleRules("es", ".", ",", True, "%d/%m/%Y", False, "America/Argentina/Buenos_Aires"),
    "pt-BR": LocaleRules("pt", ".", ",", True, "%d/%m/%Y", False, "America/Sao_Paulo"),
    "es-MX": LocaleRules("es", ",", ".", False, "%d/%m/%Y", False, "America/Mexico_City"),
    "en": LocaleRules("en", ",", ".", False, "%m/%d/%Y", True, None),
}

# Symbols as the three countries print them; other currencies show their ISO code.
_SYMBOLS = {"ARS": "$", "MXN": "$", "CLP": "$", "COP": "$", "BRL": "R$", "USD": "US$", "EUR": "€"}


def rules_for(locale: str) -> LocaleRules:
    try:
        return LOCALES[locale]
    except KeyError:
        known = ", ".join(LOCALES)
        raise ValueError(f"unknown locale {locale!r} (known: {known})") from None


def _group(digits: str, sep: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return sep.join(parts)


def _number(value: Decimal, rules: LocaleRules, places: int) -> str:
    text = f"{abs(value):.{places}f}"
    whole, _, frac = text.partition(".")
    out = _group(whole, rules.thousands)
    return f"{out}{rules.decimal}{frac}" if frac else out


def format_money(money: Money, locale: str) -> str:
    """``$ 1.234,50`` (es-AR), ``R$ 1.234,50`` (pt-BR), ``$1,234.50`` (en); minus in front."""
    rules = rules_for(locale)
    symbol = _SYMBOLS.get(money.currency, money.currency)
    space = " " if rules.symbol_space or symbol == money.currency else ""
    sign = "-" if money.amount < 0 else ""
    return f"{sign}{symbol}{space}{_number(money.amount, rules, 2)}"


def format_quantity(quantity: Decimal, locale: str) -> str:
    """``2`` for whole units, ``0,5`` / ``0.5`` for fractions (weighed items)."""
    rules = rules_for(locale)
    if quantity == quantity.to_integral_value():
        return _number(quantity, rules, 0) if quantity >= 0 else f"-{_number(quantity, rules, 0)}"
    text = format(quantity.normalize(), "f")
    return text.replace(".", rules.decimal)


def local_time(moment: datetime, locale: str, tz: tzinfo | None = None) -> datetime:
    """The moment in the order's local sense.

    ``tz`` wins when given. Otherwise a time that carries a non-UTC offset (Mercado Pago answers
    in the zone the ``x-time-zone`` header asked for) is kept as it is, and a UTC time is shown
    in the locale's usual zone (Buenos Aires for es-AR, São Paulo for pt-BR, Mexico City for
    es-MX; en keeps UTC).
    """
    if tz is not None:
        return moment.astimezone(tz)
    offset = moment.utcoffset()
    rules = rules_for(locale)
    if (offset is None or not offset) and rules.default_zone:
        return moment.astimezone(ZoneInfo(rules.default_zone))
    return moment


def format_time(moment: datetime, locale: str, tz: tzinfo | None = None) -> str:
    rules = rules_for(locale)
    local = local_time(moment, locale, tz)
    if rules.twelve_hour:
        hour = local.hour % 12 or 12
        return f"{hour}:{local.minute:02d} {'PM' if local.hour >= 12 else 'AM'}"
    return f"{local.hour:02d}:{local.minute:02d}"


def format_date(moment: datetime, locale: str, tz: tzinfo | None = None) -> str:
    return local_time(moment, locale, tz).strftime(rules_for(locale).date_pattern)


def format_datetime(moment: datetime, locale: str, tz: tzinfo | None = None) -> str:
    return f"{format_date(moment, locale, tz)} {format_time(moment, locale, tz)}"
