"""`kitchen-app orders [--date YYYY-MM-DD] [--json] [--data-dir DIR]`: a day's orders, offline.

Reads through DeskReader, so it never creates, upgrades or writes the database; with no
database yet it lists nothing. The text form speaks the desk's language (the saved
``language`` setting; when that is "system", the environment's locale: LC_ALL, LC_MESSAGES,
LANG) with that locale's times and money; ``--json`` is the same in every language
(DESIGN §5 fields).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from typing import Any

from kitchen_app.app.paths import default_data_dir, desk_db_path
from kitchen_app.domain.errors import UserError
from kitchen_app.printing.formats import format_date, format_money, format_time, rules_for
from kitchen_app.store.errors import StoreError
from kitchen_app.store.reader import DeskReader
from kitchen_app.store.records import LoadingOrder, OrderSummary
from kitchen_app.store.times import local_timezone

__all__ = ["orders", "summary_to_json"]

log = logging.getLogger(__name__)

_HEADERS = {
    "en": ("time", "#", "channel", "logistics", "status", "stage", "customer", "items", "total"),
    "es": ("hora", "#", "canal", "logística", "estado", "etapa", "cliente", "ítems", "total"),
    "pt": ("hora", "#", "canal", "logística", "status", "etapa", "cliente", "itens", "total"),
}
_TEXTS = {
    "en": {
        "none": "No orders on {day}.",
        "one": "1 order on {day}",
        "many": "{n} orders on {day}",
        "waiting": " (not accepted)",
        "loading": "New order #{id}: details loading (since {since}, accept by {deadline})",
        "parked": "; still retrying",
    },
    "es": {
        "none": "No hay pedidos el {day}.",
        "one": "1 pedido el {day}",
        "many": "{n} pedidos el {day}",
        "waiting": " (sin aceptar)",
        "loading": "Pedido nuevo #{id}: cargando detalles (desde {since}, aceptar antes de "
        "{deadline})",
        "parked": "; se sigue intentando",
    },
    "pt": {
        "none": "Nenhum pedido em {day}.",
        "one": "1 pedido em {day}",
        "many": "{n} pedidos em {day}",
        "waiting": " (não aceito)",
        "loading": "Pedido novo #{id}: carregando detalhes (desde {since}, aceitar até {deadline})",
        "parked": "; ainda tentando",
    },
}
_LANGUAGE_LOCALES = {"es": "es-AR", "pt_BR": "pt-BR", "en": "en"}


def cli_locale(language: str) -> str:
    """The text form's locale: the language setting, else the environment's (en when it names
    none of ours, e.g. C or POSIX)."""
    if language in _LANGUAGE_LOCALES:
        return _LANGUAGE_LOCALES[language]
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            name = value.split(".")[0].replace("-", "_").lower()
            if name.startswith("pt"):
                return "pt-BR"
            if name.startswith("es"):
                return "es-MX" if name.endswith("_mx") else "es-AR"
            return "en"
    return "en"


def _parse_day(text: str | None, tz: tzinfo) -> date:
    if text is None:
        return datetime.now(tz).date()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(f"--date must be a date as YYYY-MM-DD, not {text!r}") from None


def summary_to_json(summary: OrderSummary) -> dict[str, Any]:
    """One order of the list as plain JSON: money as a decimal string, times ISO-8601 UTC."""
    return {
        "key": str(summary.key),  # the text form: the one place a script sees a key
        "channel": str(summary.channel),
        "order_id": summary.order_id,
        "display_id": summary.display_id,
        "created_at": summary.created_at.isoformat(),
        "status": summary.status.status,
        "substatus": summary.status.substatus,
        "stage": summary.stage.value,
        "is_final": summary.is_final,
        "logistics": str(summary.logistics),
        "customer_name": summary.customer_name,
        "item_count": summary.item_count,
        "total": {"amount": str(summary.total.amount), "currency": summary.total.currency},
        "accept_deadline": (
            summary.accept_deadline.isoformat() if summary.accept_deadline is not None else None
        ),
        "accepted": summary.accepted,
        "pack_id": summary.pack_id,  # a cart's orders share it; null elsewhere
        "ship_by": summary.ship_by.isoformat() if summary.ship_by is not None else None,
    }


def _table(summaries: list[OrderSummary], day: date, tz: tzinfo, locale: str) -> str:
    language = rules_for(locale).language
    texts = _TEXTS[language]
    day_text = format_date(datetime.combine(day, time(12), tzinfo=tz), locale, tz)
    if not summaries:
        return texts["none"].format(day=day_text)
    rows = [
        (
            format_time(s.created_at, locale, tz),
            s.display_id,
            str(s.channel),
            str(s.logistics),
            str(s.status),
            s.stage.value + ("" if s.accepted or s.is_final else texts["waiting"]),
            s.customer_name or "",
            str(s.item_count),
            format_money(s.total, locale),
        )
        for s in summaries
    ]
    headers = _HEADERS[language]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    right = {7, 8}  # numbers line up on the right

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    out = [line(headers), line(tuple("-" * w for w in widths))]
    out += [line(r) for r in rows]
    count = texts["one"] if len(rows) == 1 else texts["many"]
    out.append(count.format(n=len(rows), day=day_text))
    return "\n".join(out)


def orders(args: argparse.Namespace) -> int:
    tz = local_timezone()
    day = _parse_day(args.date, tz)
    data_dir: Path = args.data_dir if args.data_dir is not None else default_data_dir()
    path = desk_db_path(data_dir)
    summaries: list[OrderSummary] = []
    loading: list[LoadingOrder] = []
    language = ""
    if path.exists():
        try:
            from kitchen_app.app.plugins import registry  # loads the plug-ins: only with a file

            reader = DeskReader.open(path, unread_accept_windows=registry().unread_accept_windows())
        except StoreError as exc:
            raise UserError(str(exc)) from None
        try:
            summaries = reader.orders_of_day(day, tz)
            language = str(reader.get_setting("language", "") or "")
            loading = [
                o for o in reader.loading_orders() if o.first_seen.astimezone(tz).date() == day
            ]
        except StoreError as exc:
            raise UserError(str(exc)) from None
        finally:
            reader.close()
    else:
        log.debug("no desk database at %s yet", path)
    if args.json:
        json.dump([summary_to_json(s) for s in summaries], sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        locale = cli_locale(language)
        print(_table(summaries, day, tz, locale))
        for line in _loading_lines(loading, tz, locale):
            print(line)
    return 0


def _loading_lines(loading: list[LoadingOrder], tz: tzinfo, locale: str) -> list[str]:
    """Orders announced whose details could not be read yet: never left out of the text
    (``--json`` keeps DESIGN §5's fields, which such an order does not have yet)."""
    texts = _TEXTS[rules_for(locale).language]
    return [
        texts["loading"].format(
            id=o.order_id,
            since=format_time(o.first_seen, locale, tz),
            deadline=format_time(o.accept_deadline, locale, tz) if o.accept_deadline else "-",
        )
        + (texts["parked"] if o.parked else "")
        for o in loading
    ]
