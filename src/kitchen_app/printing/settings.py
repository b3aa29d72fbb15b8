"""Printer settings: one frozen value per printer, validated with one-line errors.

Addresses by kind:

* ``network`` — ``host`` or ``host:port`` (raw TCP, port 9100 by default);
* ``usb`` — ``VID:PID`` in hex, e.g. ``04b8:0e28`` (needs libusb; on Linux a printer bound to
  the ``usblp`` driver is simpler as a ``file`` printer on ``/dev/usb/lp0``);
* ``serial`` — ``/dev/ttyUSB0`` or ``COM3``, optionally ``@baud`` (default 9600);
* ``file`` — a path the bytes are appended to (a device node or a capture file);
* ``os`` — the system print queue's name for PDF tickets (empty = the default queue).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .errors import SettingsError
from .escpos import CUT_MODES, code_page_number

__all__ = ["PRINTER_KINDS", "TICKET_KINDS", "PrinterSettings"]

log = logging.getLogger(__name__)

PRINTER_KINDS = ("network", "usb", "serial", "file", "os")
TICKET_KINDS = ("kitchen", "receipt", "label_pdf", "calibration")
_HOST = re.compile(r"^[A-Za-z0-9.\-]+$|^\[[0-9A-Fa-f:]+\]$")
_USB = re.compile(r"^([0-9A-Fa-f]{4}):([0-9A-Fa-f]{4})$")


@dataclass(frozen=True, slots=True)
class PrinterSettings:
    name: str
    kind: str
    address: str
    width: int = 80  # mm: 58 or 80
    code_page: str = "CP858"
    native_qr: bool = True
    # How many copies of each ticket kind this printer prints when a kind is sent to "its
    # printers"; a kind absent or 0 is not routed here.
    copies: Mapping[str, int] = field(default_factory=lambda: {"kitchen": 1, "receipt": 1})
    cut: str = "partial"
    status_query: bool = False  # ask DLE EOT after each ticket (printers that answer)
    connect_timeout: float = 3.0
    write_timeout: float = 10.0

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise SettingsError("printer name is empty")
        where = f"printer {self.name!r}"
        if self.kind not in PRINTER_KINDS:
            raise SettingsError(f"{where}: kind must be one of {', '.join(PRINTER_KINDS)}")
        if not isinstance(self.address, str):
            raise SettingsError(f"{where}: address must be text")
        self._check_address(where)
        if self.width not in (58, 80):
            raise SettingsError(f"{where}: width must be 58 or 80 (mm), not {self.width!r}")
        try:
            code_page_number(self.code_page)
        except ValueError as exc:
            raise SettingsError(f"{where}: {exc}") from None
        if self.cut not in CUT_MODES:
            raise SettingsError(f"{where}: cut must be one of {', '.join(CUT_MODES)}")
        copies: dict[str, int] = {}
        for kind, count in dict(self.copies).items():
            if kind not in TICKET_KINDS:
                raise SettingsError(f"{where}: unknown ticket kind {kind!r} in copies")
            if not isinstance(count, int) or isinstance(count, bool) or not 0 <= count <= 9:
                raise SettingsError(f"{where}: copies of {kind} must be a number 0-9")
            copies[kind] = count
        object.__setattr__(self, "copies", MappingProxyType(copies))
        for name in ("connect_timeout", "write_timeout"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or not 0 < value <= 120:
                raise SettingsError(f"{where}: {name} must be between 0 and 120 seconds")

    def _check_address(self, where: str) -> None:
        address = self.address.strip()
        if self.kind == "network":
            host, port = self.host_port()
            if not host or not _HOST.match(host):
                raise SettingsError(f"{where}: network address must be host or host:port")
            if not 0 < port < 65536:
                raise SettingsError(f"{where}: port out of range in {address!r}")
        elif self.kind == "usb":
            if not _USB.match(address):
                raise SettingsError(f"{where}: USB address must be VID:PID in hex (04b8:0e28)")
        elif self.kind == "serial":
            device, _, baud = address.partition("@")
            if not device:
                raise SettingsError(f"{where}: serial address must be a port, e.g. COM3@9600")
            if baud and not (baud.isdigit() and 300 <= int(baud) <= 921600):
                raise SettingsError(f"{where}: bad baud rate {baud!r}")
        elif self.kind == "file" and not address:
            raise SettingsError(f"{where}: file printers need a path")

    @property
    def prints_pdf(self) -> bool:
        """The OS spooler gets PDFs; every other kind gets raw ESC/POS."""
        return self.kind == "os"

    def host_port(self) -> tuple[str, int]:
        host, sep, port = self.address.strip().rpartition(":")
        if not sep or host.endswith(":") or (host.startswith("[") is not host.endswith("]")):
            return self.address.strip(), 9100
        if not port.isdigit():
            return "", 0
        return host, int(port)

    def serial_port(self) -> tuple[str, int]:
        port, _, baud = self.address.strip().partition("@")
        return port, int(baud) if baud else 9600

    def usb_ids(self) -> tuple[int, int]:
        match = _USB.match(self.address.strip())
        if match is None:
            raise SettingsError(f"printer {self.name!r}: bad USB address")
        return int(match.group(1), 16), int(match.group(2), 16)

    def copies_of(self, kind: str) -> int:
        return self.copies.get(kind, 0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "address": self.address,
            "width": self.width,
            "code_page": self.code_page,
            "native_qr": self.native_qr,
            "copies": dict(self.copies),
            "cut": self.cut,
            "status_query": self.status_query,
            "connect_timeout": self.connect_timeout,
            "write_timeout": self.write_timeout,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PrinterSettings:
        """Settings as stored (JSON); unknown keys and wrong types are one-line errors."""
        if not isinstance(data, Mapping):
            raise SettingsError("printer settings must be an object")
        allowed = set(cls.__dataclass_fields__)
        unknown = sorted(set(data) - allowed)
        if unknown:
            raise SettingsError(f"unknown printer setting {unknown[0]!r}")
        for key in ("name", "kind", "address"):
            if key not in data:
                raise SettingsError(f"printer setting {key!r} is missing")
        if "copies" in data and not isinstance(data["copies"], Mapping):
            raise SettingsError("printer setting 'copies' must map ticket kinds to numbers")
        try:
            return cls(**dict(data))
        except TypeError as exc:
            raise SettingsError(f"bad printer settings: {exc}") from None
