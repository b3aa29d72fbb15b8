from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from kitchen_app.ui.first_run import FirstRunDialog
from kitchen_app.ui.settings_dialog import SettingsDialog
from kitchen_app.ui.single_instance import SingleInstance

from .fakes import FakeCommands, FakeReader

# Mercado Pago's settings, under its channel's prefix (its plug-in declares them).
MP_ACCESS_TOKEN = "mp_delivery.access_token"
MP_BASE_URL = "mp_delivery.base_url"


def _dialog(qtbot, reader: FakeReader | None = None) -> tuple[SettingsDialog, FakeCommands]:  # type: ignore[no-untyped-def]
    commands = FakeCommands()
    dialog = SettingsDialog(commands, reader or FakeReader())
    qtbot.addWidget(dialog)
    return dialog, commands


def test_settings_refuse_a_bad_url_where_it_is_typed(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog, commands = _dialog(qtbot)
    dialog.show()
    edit = dialog.edits["relay_url"]
    qtbot.keyClicks(edit, "relay.example.com")  # no scheme
    error = dialog.findChild(type(dialog.message), "error_relay_url")
    # The refusal sits under its field: the reason alone, never the internal name.
    assert error.isVisible() and "web address" in error.text()
    assert "relay_url" not in error.text()
    assert not dialog.save_button.isEnabled()
    dialog.save()  # even if asked, nothing reaches the engine
    assert commands.calls == []
    edit.setText("https://relay.example.com")
    assert not error.isVisible() and dialog.save_button.isEnabled()


def test_secrets_are_masked_and_saving_goes_through_the_engine(qtbot) -> None:  # type: ignore[no-untyped-def]
    reader = FakeReader()
    reader.settings["relay_token"] = "desk-secret"
    dialog, commands = _dialog(qtbot, reader)
    assert dialog.edits["relay_token"].echoMode() == QLineEdit.EchoMode.Password
    assert dialog.edits[MP_ACCESS_TOKEN].echoMode() == QLineEdit.EchoMode.Password
    dialog.edits[MP_BASE_URL].setText("http://127.0.0.1:8181")
    dialog.volume.setValue(35)
    with qtbot.waitSignal(dialog.saved, timeout=1000):
        dialog.save()
    assert sorted(c for c in commands.calls) == [
        ("set_setting", MP_BASE_URL, "http://127.0.0.1:8181"),
        ("set_setting", "sound_volume", 35),
    ]


def test_settings_refuse_a_bad_printer_and_print_calibration(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog, commands = _dialog(qtbot)
    form = dialog.printer_form
    form.add_printer()
    assert "address" in (form.problem() or "")  # a network printer needs an address
    assert not dialog.save_button.isEnabled()
    form.address.setText("192.168.0.50:99999")
    form.address.textEdited.emit(form.address.text())
    assert "port" in form.error.text()
    form.address.setText("192.168.0.50:9100")
    form.address.textEdited.emit(form.address.text())
    assert form.error.text() == "" and dialog.save_button.isEnabled()
    form.copies["kitchen"].setValue(2)
    assert dialog.values()["printers"][0]["copies"]["kitchen"] == 2
    qtbot.mouseClick(form.calibrate, Qt.MouseButton.LeftButton)
    assert commands.calls[-1] == ("print_calibration", "Printer 1")


def test_first_run_offers_demo_and_validates_connect_fields(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    assert dialog.choice() == "demo" and dialog.ok.isEnabled()
    dialog.connect_.setChecked(True)
    assert not dialog.ok.isEnabled()
    dialog.edits["relay_url"].setText("ftp://relay")
    assert dialog.errors["relay_url"].text()
    dialog.edits["relay_url"].setText("https://relay.example.com")
    dialog.edits["relay_token"].setText("tok")
    dialog.edits[MP_ACCESS_TOKEN].setText("APP_USR-1")
    assert dialog.ok.isEnabled()
    assert dialog.values()["relay_url"] == "https://relay.example.com"


def test_second_instance_wakes_the_first_and_steps_aside(qtbot) -> None:  # type: ignore[no-untyped-def]
    first = SingleInstance(f"test-{id(qtbot)}")
    second = SingleInstance(f"test-{id(qtbot)}")
    try:
        assert first.start() is True
        with qtbot.waitSignal(first.activated, timeout=3000):
            assert second.start() is False
    finally:
        first.close()
        second.close()


def test_refusals_name_the_field_by_its_label() -> None:
    from kitchen_app.engine.settings import SettingError, validate
    from kitchen_app.ui.setting_labels import refusal

    try:
        validate(MP_ACCESS_TOKEN, "APP_USR-1\nsecond line")
    except SettingError as exc:
        text = refusal(MP_ACCESS_TOKEN, str(exc))
    else:
        raise AssertionError("a two-line token must be refused")
    assert text == "Mercado Pago access token: must be one line"
    assert "mp_" not in text
