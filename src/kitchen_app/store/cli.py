"""`kitchen-app orders [--date YYYY-MM-DD] [--json] [--data-dir DIR]`: a day's orders, offline.

Reads through DeskReader, so it never creates, upgrades or writes the database; with no
database yet it lists nothing.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from kitchen_app.errors import UserError
from kitchen_app.paths import default_data_dir, desk_db_path

from .errors import StoreError
from .reader import DeskReader
from .records import OrderSummary
from .times import local_timezone

__all__ = ["orders", "summary_to_json"]

log = logging.getLogger(__name__)

_HEADERS = ("time", "#", "channel", "logistics", "status", "stage", "customer", "items", "total")


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
        "key": summary.key,
        "channel": summary.channel.value,
        "order_id": summary.order_id,
        "display_id": summary.display_id,
        "created_at": summary.created_at.isoformat(),
        "status": summary.status.status,
        "substatus": summary.status.substatus,
        "stage": summary.stage.value,
        "is_final": summary.is_final,
        "logistics": summary.logistics.value,
        "customer_name": summary.customer_name,
        "item_count": summary.item_count,
        "total": {"amount": str(summary.total.amount), "currency": summary.total.currency},
        "accept_deadline": summary.accept_deadline.isoformat(),
        "accepted": summary.accepted,
    }


def _table(summaries: list[OrderSummary], day: date, tz: tzinfo) -> str:
    if not summaries:
        return f"No orders on {day.isoformat()}."
    rows = [
        (
            s.created_at.astimezone(tz).strftime("%H:%M"),
            s.display_id,
            s.channel.value,
            s.logistics.value,
            str(s.status),
            s.stage.value + ("" if s.accepted or s.is_final else " (not accepted)"),
            s.customer_name or "",
            str(s.item_count),
            f"{s.total.amount} {s.total.currency}",
        )
        for s in summaries
    ]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(_HEADERS)]
    right = {7, 8}  # numbers line up on the right

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    out = [line(_HEADERS), line(tuple("-" * w for w in widths))]
    out += [line(r) for r in rows]
    out.append(f"{len(rows)} order{'s' if len(rows) != 1 else ''} on {day.isoformat()}")
    return "\n".join(out)


def orders(args: argparse.Namespace) -> int:
    tz = local_timezone()
    day = _parse_day(args.date, tz)
    data_dir: Path = args.data_dir if args.data_dir is not None else default_data_dir()
    path = desk_db_path(data_dir)
    summaries: list[OrderSummary] = []
    if path.exists():
        try:
            reader = DeskReader.open(path)
        except StoreError as exc:
            raise UserError(str(exc)) from None
        try:
            summaries = reader.orders_of_day(day, tz)
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
        print(_table(summaries, day, tz))
    return 0
