"""Store links at the relay as staff see them (issue 15): the settings' "Link <marketplace>"
rows (words from the plug-ins), the browser opened on the relay's authorization address, and
the main window's band while a link is expired."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from kitchen_app.app.demo import demo_services
from kitchen_app.app.wiring import build_engine
from kitchen_app.engine.api import (
    ApiHealth,
    DeskHealth,
    FeedState,
    FeedStatus,
    LinkState,
    NullListener,
)
from kitchen_app.engine.engine import EngineConfig
from kitchen_app.store import DeskReader
from kitchen_app.ui import links
from kitchen_app.ui.settings_dialog import SettingsDialog

from .fakes import FakeCommands, FakeReader


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    urls: list[str] = []

    def fake_open(url: str) -> bool:
        urls.append(url)
        return True

    monkeypatch.setattr(links, "open_in_browser", fake_open)
    return urls


def _dialog(qtbot: Any, commands: FakeCommands, *, relay: bool = True) -> SettingsDialog:
    reader = FakeReader()
    if relay:
        reader.settings["relay_url"] = "https://relay.example.com"
        reader.settings["relay_token"] = "desk-token"
    dialog = SettingsDialog(commands, reader)
    qtbot.addWidget(dialog)
    return dialog


def test_link_rows_show_the_relay_state_and_open_the_browser(qtbot: Any, opened: list[str]) -> None:
    commands = FakeCommands()
    commands.links = [
        LinkState("mercadolibre", "linked", "3430803000", datetime(2026, 12, 3, 18, tzinfo=UTC)),
        LinkState("shopee", "expired"),
        LinkState("mp_delivery", "unlinked"),
    ]
    dialog = _dialog(qtbot, commands)
    rows = dialog.link_rows
    assert set(rows) == {"mp_delivery", "mercadolibre", "shopee"}
    assert rows["mp_delivery"].button.text() == "Link Mercado Pago"
    assert rows["shopee"].button.text() == "Link Shopee"
    qtbot.waitUntil(lambda: rows["mercadolibre"].state.text() != "", timeout=2000)
    assert rows["mercadolibre"].state.text() == "Linked as 3430803000"
    assert rows["mercadolibre"].button.text() == "Link again"
    assert rows["shopee"].state.text() == "Link expired: link again"
    assert rows["mp_delivery"].state.text() == "Not linked"
    rows["mp_delivery"].button.click()
    qtbot.waitUntil(lambda: opened != [], timeout=2000)
    assert opened == ["https://auth.example/authorization?state=s-mp_delivery"]
    assert ("start_link", "mp_delivery") in commands.calls
    assert "browser" in dialog.message.text()
    # Where the token comes from is a choice of three, Automatic first.
    source = dialog.choices["mercadolibre.credentials"]
    assert [source.itemData(i) for i in range(source.count())] == ["auto", "relay", "pasted"]
    source.setCurrentIndex(2)
    assert dialog.changes()["mercadolibre.credentials"] == "pasted"


def test_without_a_relay_the_rows_say_what_to_do(qtbot: Any, opened: list[str]) -> None:
    commands = FakeCommands()
    dialog = _dialog(qtbot, commands, relay=False)
    row = dialog.link_rows["mercadolibre"]
    assert not row.button.isEnabled()
    assert "relay address" in row.state.text()
    assert ("link_states",) not in commands.calls
    assert opened == []


def test_a_relay_that_cannot_link_a_marketplace_is_said(qtbot: Any) -> None:
    commands = FakeCommands()
    commands.links = [LinkState("mercadolibre", "linked")]
    dialog = _dialog(qtbot, commands)
    row = dialog.link_rows["shopee"]
    qtbot.waitUntil(lambda: row.state.text() != "", timeout=2000)
    assert row.state.text() == "The relay cannot link this marketplace"
    assert not row.button.isEnabled()
    assert dialog.link_rows["mercadolibre"].state.text() == "Linked"


def _health(*apis: ApiHealth) -> DeskHealth:
    return DeskHealth(FeedState(FeedStatus.ONLINE), apis=apis)


def test_an_expired_link_shows_a_band_with_relink(qtbot: Any, desk: Any, opened: list[str]) -> None:
    _reader, commands, _bridge, _clock, make = desk
    window = make()
    band = window.relink_banner
    assert band.isHidden()
    expired = ApiHealth("mercadolibre", False, "Mercado Libre link expired — relink", relink=True)
    window.set_health(_health(ApiHealth("mp_delivery", True), expired))
    assert band.isVisibleTo(window)
    assert band.text() == "Mercado Libre link expired — relink"
    assert list(band.buttons) == ["mercadolibre"]
    band.buttons["mercadolibre"].click()
    assert ("start_link", "mercadolibre") in commands.calls
    qtbot.waitUntil(lambda: opened != [], timeout=2000)
    assert opened == ["https://auth.example/authorization?state=s-mercadolibre"]
    # Two at once: a line and a button each, named by the plug-ins.
    shopee = ApiHealth("shopee", False, "Shopee link expired — relink", relink=True)
    window.set_health(_health(expired, shopee))
    assert band.text().splitlines() == [
        "Mercado Libre link expired — relink",
        "Shopee link expired — relink",
    ]
    assert band.buttons["shopee"].text() == "Relink Shopee"
    # Linked again: the band goes.
    window.set_health(_health(ApiHealth("mercadolibre", True), ApiHealth("shopee", True)))
    assert band.isHidden()


def test_a_refused_pasted_token_is_no_relink_band(desk: Any) -> None:
    _reader, _commands, _bridge, _clock, make = desk
    window = make()
    refused = ApiHealth("mercadolibre", False, "refused the access token: check it in Settings")
    window.set_health(_health(refused))
    assert window.relink_banner.isHidden()


def test_the_demos_link_rows_open_the_sandboxs_authorization_page(
    qtbot: Any, opened: list[str], tmp_path: Path
) -> None:
    """`kitchen-app demo`'s relay, sandbox and desk engine: the rows show the demo store's
    links, and a click opens the sandbox's page, which links the store again."""
    with demo_services(tmp_path, speed=1.0, rate_per_min=0.0, seed=5, first_orders=0) as demo:
        db = tmp_path / "desk.db"
        engine = build_engine(
            EngineConfig(db, initial_settings=demo.desk_settings(tmp_path)), NullListener()
        )
        engine.start()
        reader = DeskReader.open(db)
        try:
            dialog = SettingsDialog(engine, reader)
            qtbot.addWidget(dialog)
            row = dialog.link_rows["mercadolibre"]
            qtbot.waitUntil(lambda: row.state.text() != "", timeout=10_000)
            assert row.state.text() == "Linked as 3430803000"
            assert dialog.link_rows["shopee"].state.text() == "Linked as 727720655"
            row.button.click()
            qtbot.waitUntil(lambda: opened != [], timeout=10_000)
            assert opened[0].startswith(f"{demo.sandbox_url}/authorization?")
            assert "client_id=" in opened[0] and "state=" in opened[0]
            # The browser: the sandbox approves and sends it to the relay's callback.
            page = httpx.get(opened[0], follow_redirects=True, timeout=10)
            assert page.status_code == 200 and str(page.url).startswith(demo.relay_url)
        finally:
            reader.close()
            engine.stop()
