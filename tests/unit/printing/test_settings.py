"""Printer settings validation: one-line errors naming the field."""

from __future__ import annotations

import pytest

from kitchen_app.printing.errors import SettingsError
from kitchen_app.printing.settings import PrinterSettings
from kitchen_app.printing.targets import (
    FileTarget,
    NetworkTarget,
    OsPrinterTarget,
    SerialTarget,
    UsbTarget,
    target_for,
)


def test_valid_settings_and_round_trip() -> None:
    p = PrinterSettings(
        "Cocina",
        "network",
        "192.168.0.50",
        width=58,
        code_page="cp850",
        native_qr=False,
        copies={"kitchen": 2},
    )
    assert p.host_port() == ("192.168.0.50", 9100)
    assert p.copies_of("kitchen") == 2 and p.copies_of("receipt") == 0
    assert PrinterSettings.from_dict(p.to_dict()) == p


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": " "}, "printer name is empty"),
        ({"kind": "fax"}, "kind must be one of"),
        ({"address": "host:99999"}, "port out of range"),
        ({"address": "bad host"}, "network address must be host or host:port"),
        ({"width": 76}, "width must be 58 or 80"),
        ({"code_page": "CP999"}, "unknown code page 'CP999'"),
        ({"cut": "half"}, "cut must be one of"),
        ({"copies": {"menu": 1}}, "unknown ticket kind 'menu'"),
        ({"copies": {"kitchen": 20}}, "copies of kitchen must be a number 0-9"),
        ({"connect_timeout": 0}, "connect_timeout must be between"),
        ({"kind": "usb", "address": "04b8"}, "USB address must be VID:PID"),
        ({"kind": "serial", "address": "COM3@12"}, "bad baud rate"),
        ({"kind": "file", "address": ""}, "file printers need a path"),
    ],
)
def test_bad_settings(kwargs: dict[str, object], message: str) -> None:
    base: dict[str, object] = {"name": "P", "kind": "network", "address": "10.0.0.9"}
    base.update(kwargs)
    with pytest.raises(SettingsError, match=message) as err:
        PrinterSettings(**base)  # type: ignore[arg-type]
    assert "\n" not in str(err.value)


def test_from_dict_errors() -> None:
    with pytest.raises(SettingsError, match="unknown printer setting 'colour'"):
        PrinterSettings.from_dict({"name": "P", "kind": "file", "address": "/x", "colour": 1})
    with pytest.raises(SettingsError, match="'address' is missing"):
        PrinterSettings.from_dict({"name": "P", "kind": "file"})


def test_targets_for_each_kind() -> None:
    net = target_for(PrinterSettings("N", "network", "printer.local:9101", connect_timeout=1.5))
    assert isinstance(net, NetworkTarget)
    assert (net.host, net.port, net.connect_timeout) == ("printer.local", 9101, 1.5)
    assert isinstance(target_for(PrinterSettings("F", "file", "/dev/usb/lp0")), FileTarget)
    serial = target_for(PrinterSettings("S", "serial", "/dev/ttyUSB0@19200"))
    assert isinstance(serial, SerialTarget) and serial.baudrate == 19200
    usb = target_for(PrinterSettings("U", "usb", "04b8:0e28"))
    assert isinstance(usb, UsbTarget) and (usb.vendor_id, usb.product_id) == (0x04B8, 0x0E28)
    os_printer = PrinterSettings("O", "os", "Office")
    assert os_printer.prints_pdf and isinstance(target_for(os_printer), OsPrinterTarget)
