"""`kitchen-app orders` through the real command line, offline, on a real file."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from tests.unit.store.store_testkit import OUT_FOR_DELIVERY, make_order, open_store

from kitchen_app.app.cli import main
from kitchen_app.app.paths import desk_db_path

ZONE = "America/Argentina/Buenos_Aires"


@pytest.fixture(autouse=True)
def _zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", ZONE)
    for variable in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")  # a system locale of none of ours: English


def _fill(data_dir: Path) -> None:
    store = open_store(desk_db_path(data_dir))
    try:
        # 2026-11-23 in Buenos Aires (UTC-3): 12:00 and 23:30 local; the third is the 24th.
        store.apply_order(
            make_order("41034141533", created_at=datetime(2026, 11, 23, 15, 0, tzinfo=UTC)), []
        )
        store.set_accepted("mp_delivery:41034141533")
        store.apply_order(
            make_order(
                "41034141600",
                created_at=datetime(2026, 11, 24, 2, 30, tzinfo=UTC),
                status=OUT_FOR_DELIVERY,
                customer="María Conceição",
                quantity=3,
            ),
            [],
        )
        store.apply_order(
            make_order("41034141700", created_at=datetime(2026, 11, 24, 3, 30, tzinfo=UTC)), []
        )
    finally:
        store.close()


def test_no_database_lists_nothing_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    assert main(["orders", "--json", "--data-dir", str(data_dir)]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["--data-dir", str(data_dir), "orders", "--date", "2026-11-23"]) == 0
    assert "No orders on 11/23/2026" in capsys.readouterr().out
    assert not data_dir.exists()


def test_json_lists_the_local_days_orders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(tmp_path)
    argv = ["orders", "--date", "2026-11-23", "--json", "--data-dir", str(tmp_path)]
    assert main(argv) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [o["display_id"] for o in listed] == ["1533", "1600"]
    first, second = listed
    assert first["total"] == {"amount": "1000.00", "currency": "ARS"}
    assert first["accepted"] is True and first["stage"] == "new"
    assert first["created_at"] == "2026-11-23T15:00:00+00:00"
    assert first["accept_deadline"] == "2026-11-23T15:05:00+00:00"
    assert (second["status"], second["substatus"]) == ("shipped", "out_for_delivery")
    assert second["customer_name"] == "María Conceição" and second["item_count"] == 3
    assert first["pack_id"] is None  # DESIGN §5: null outside Mercado Libre carts


def test_table_is_readable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _fill(tmp_path)
    assert main(["orders", "--date", "2026-11-23", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == [
        "time",
        "#",
        "channel",
        "logistics",
        "status",
        "stage",
        "customer",
        "items",
        "total",
    ]
    assert out[2].startswith("12:00 PM  1533") and "$1,000.00" in out[2]
    assert out[3].startswith("11:30 PM  1600") and "María Conceição" in out[3]
    assert "shipped/out_for_delivery" in out[3]
    assert out[-1] == "2 orders on 11/23/2026"


@pytest.mark.parametrize(
    ("lang", "first", "money", "last"),
    [
        ("es_AR.UTF-8", "hora", "$ 1.000,00", "2 pedidos el 23/11/2026"),
        ("pt_BR.UTF-8", "hora", "$ 1.000,00", "2 pedidos em 23/11/2026"),
    ],
)
def test_with_language_system_the_table_follows_the_system_locale(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    first: str,
    money: str,
    last: str,
) -> None:
    _fill(tmp_path)
    monkeypatch.setenv("LANG", lang)
    assert main(["orders", "--date", "2026-11-23", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[0] == first
    assert out[2].startswith("12:00  1533") and money in out[2]
    assert out[-1] == last


def test_a_saved_language_wins_over_the_system_locale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(tmp_path)
    store = open_store(desk_db_path(tmp_path))
    try:
        store.set_setting("language", "es")
    finally:
        store.close()
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert main(["orders", "--date", "2026-11-24", "--data-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1 pedido el 24/11/2026"


def test_default_date_is_today_in_the_local_zone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    now = datetime.now(UTC)
    store = open_store(desk_db_path(tmp_path))
    try:
        store.apply_order(make_order("1", created_at=now), [])
        store.apply_order(make_order("2", created_at=now - timedelta(days=2)), [])
    finally:
        store.close()
    today = now.astimezone(ZoneInfo(ZONE)).date()
    assert main(["orders", "--json", "--data-dir", str(tmp_path)]) == 0
    listed = json.loads(capsys.readouterr().out)
    if datetime.now(ZoneInfo(ZONE)).date() == today:  # not across local midnight
        assert [o["order_id"] for o in listed] == ["1"]


def test_bad_date_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["orders", "--date", "23/11/2026", "--data-dir", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip().splitlines() == [
        "kitchen-app: error: --date must be a date as YYYY-MM-DD, not '23/11/2026'"
    ]


def test_newer_database_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(tmp_path)
    conn = sqlite3.connect(desk_db_path(tmp_path))
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    assert main(["orders", "--json", "--data-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "newer Kitchen Desk" in err[0]


def test_an_order_whose_details_are_loading_is_in_the_text_not_the_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(tmp_path)
    store = open_store(desk_db_path(tmp_path))
    try:
        store.note_loading(
            "mp_delivery:41034141999", datetime(2026, 11, 23, 16, 0, tzinfo=UTC), None
        )
    finally:
        store.close()
    assert main(["orders", "--date", "2026-11-23", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "New order #41034141999: details loading (since 1:00 PM, accept by 1:05 PM)"
    assert main(["orders", "--date", "2026-11-23", "--json", "--data-dir", str(tmp_path)]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [o["order_id"] for o in listed] == ["41034141533", "41034141600"]
