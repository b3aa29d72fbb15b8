"""Where ticket bytes go: raw TCP 9100, USB, serial, a file/device, or the OS print queue.

Each target's ``send(data)`` returns only when the printer itself confirmed the ticket, or
raises a ``PrinterError`` that says whether anything went out (see errors.py). Sends block:
the print queue runs them in a worker thread. Timeouts are short and explicit everywhere
(python-escpos' network printer would wait 60 s).

Printers never claim what they do not know: handing bytes to the operating system proves
nothing (a printer that accepts a connection and never reads, or closes it mid-ticket, still
lets small tickets "go out"). So network, serial and USB sends ask the printer's real-time
status (``DLE EOT``) on the same link after the ticket: the printer answers it only once it
has received everything before it. A valid answer that says ready → printed; one that says
paper out / cover open… → ``PrinterFault``; no answer (status unsupported or unanswered,
link closed) → ``SentUnconfirmed``, which the queue turns into *uncertain* for the operator.
The setup's test (calibration) print goes through the same path, so a printer that does not
answer status shows there, at setup time, as a ticket that could not be confirmed.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import time
from pathlib import Path
from typing import Protocol

from .errors import NothingSent, PrinterError, PrinterFault, SentUnconfirmed
from .os_printer import OsPrinterTarget
from .settings import PrinterSettings
from .status import STATUS_QUERIES, PrinterState, parse_status

__all__ = [
    "FileTarget",
    "NetworkTarget",
    "OsPrinterTarget",
    "PrinterTarget",
    "SerialTarget",
    "UsbTarget",
    "target_for",
]

log = logging.getLogger(__name__)

_CHUNK = 4096
_STATUS_TIMEOUT = 2.0


class PrinterTarget(Protocol):
    name: str

    def send(self, data: bytes) -> None: ...

    def status(self) -> PrinterState | None:
        """The printer's real-time status, or None when it cannot answer."""
        ...


def _check(name: str, state: PrinterState | None, *, sent: bool, bytes_sent: int = 0) -> None:
    if state is None:
        if sent:
            raise SentUnconfirmed(
                f"{name}: sent, but the printer did not answer its status (DLE EOT), so it is "
                "not known whether it printed; check the printer",
                printer=name,
                bytes_sent=bytes_sent,
            )
        return
    if not state.ok:
        raise PrinterFault(f"{name}: {state.describe()}", state, printer=name, sent=sent)


class NetworkTarget:
    """Raw TCP (JetDirect, port 9100). With ``confirm`` (the default) the printer's status is
    read back on the same connection after the ticket; a printer that accepts and then stays
    silent makes the send ``SentUnconfirmed``. ``confirm=False`` is only for callers that
    want the bare hand-over (a test's capture); it also ends ``SentUnconfirmed``: bytes
    handed to the kernel are not a printed ticket."""

    def __init__(
        self,
        name: str,
        host: str,
        port: int = 9100,
        *,
        connect_timeout: float = 3.0,
        write_timeout: float = 10.0,
        confirm: bool = True,
    ) -> None:
        self.name = name
        self.host = host.strip("[]")
        self.port = port
        self.connect_timeout = connect_timeout
        self.write_timeout = write_timeout
        self.confirm = confirm

    def _connect(self) -> socket.socket:
        try:
            return socket.create_connection((self.host, self.port), timeout=self.connect_timeout)
        except TimeoutError:
            raise NothingSent(
                f"{self.name}: no answer from {self.host}:{self.port}", printer=self.name
            ) from None
        except OSError as exc:
            raise NothingSent(
                f"{self.name}: cannot connect to {self.host}:{self.port} ({exc.strerror or exc})",
                printer=self.name,
            ) from None

    def send(self, data: bytes) -> None:
        sock = self._connect()
        sent = 0
        try:
            sock.settimeout(self.write_timeout)
            view = memoryview(data)
            deadline = time.monotonic() + self.write_timeout
            while sent < len(data):
                if time.monotonic() > deadline:
                    raise TimeoutError
                sent += sock.send(view[sent : sent + _CHUNK])
            state = self._read_status(sock) if self.confirm else None
            _check(self.name, state, sent=True, bytes_sent=sent)
        except (TimeoutError, OSError) as exc:
            if sent == 0:
                raise NothingSent(
                    f"{self.name}: the printer took no data ({exc})", printer=self.name
                ) from None
            raise SentUnconfirmed(
                f"{self.name}: link lost after {sent} of {len(data)} bytes",
                printer=self.name,
                bytes_sent=sent,
            ) from None
        finally:
            with contextlib.suppress(OSError):
                sock.close()

    def _read_status(self, sock: socket.socket) -> PrinterState | None:
        sock.settimeout(_STATUS_TIMEOUT)
        answer = b""
        try:
            for query in STATUS_QUERIES:
                sock.sendall(query)
                byte = sock.recv(1)
                if not byte:
                    return None
                answer += byte
        except (TimeoutError, OSError):
            return None
        return parse_status(answer)

    def status(self) -> PrinterState | None:
        try:
            sock = self._connect()
        except NothingSent:
            return None
        try:
            return self._read_status(sock)
        finally:
            sock.close()


class FileTarget:
    """Appends the bytes to a path: a device node (``/dev/usb/lp0``) or a capture file."""

    def __init__(self, name: str, path: str | Path) -> None:
        self.name = name
        self.path = Path(path)

    def send(self, data: bytes) -> None:
        try:
            fh = open(self.path, "ab")  # noqa: SIM115 - closed below, errors split by phase
        except OSError as exc:
            raise NothingSent(
                f"{self.name}: cannot open {self.path} ({exc.strerror})", printer=self.name
            ) from None
        try:
            with fh:
                fh.write(data)
                fh.flush()
        except OSError as exc:
            raise SentUnconfirmed(
                f"{self.name}: write to {self.path} failed ({exc.strerror})", printer=self.name
            ) from None

    def status(self) -> PrinterState | None:
        return None


class SerialTarget:
    def __init__(
        self,
        name: str,
        port: str,
        baudrate: int = 9600,
        *,
        write_timeout: float = 10.0,
        confirm: bool = True,
    ) -> None:
        self.name = name
        self.port = port
        self.baudrate = baudrate
        self.write_timeout = write_timeout
        self.confirm = confirm

    def _open(self) -> object:
        import serial  # type: ignore[import-untyped]

        try:
            return serial.Serial(
                self.port, self.baudrate, timeout=_STATUS_TIMEOUT, write_timeout=self.write_timeout
            )
        except (serial.SerialException, OSError, ValueError) as exc:
            raise NothingSent(
                f"{self.name}: cannot open {self.port} ({exc})", printer=self.name
            ) from None

    def send(self, data: bytes) -> None:
        import serial  # type: ignore[import-untyped]

        link = self._open()
        assert isinstance(link, serial.Serial)
        written = 0
        try:
            for start in range(0, len(data), _CHUNK):
                written += link.write(data[start : start + _CHUNK]) or 0
            link.flush()
            state = self._read_status(link) if self.confirm else None
            _check(self.name, state, sent=True, bytes_sent=written)
        except (serial.SerialException, OSError) as exc:
            # A write timeout says nothing about how much of the chunk went out.
            raise SentUnconfirmed(
                f"{self.name}: serial write failed ({exc})", printer=self.name, bytes_sent=written
            ) from None
        finally:
            link.close()

    def _read_status(self, link: object) -> PrinterState | None:
        import serial  # type: ignore[import-untyped]

        assert isinstance(link, serial.Serial)
        answer = b""
        for query in STATUS_QUERIES:
            link.write(query)
            answer += link.read(1)
        return parse_status(answer)

    def status(self) -> PrinterState | None:
        import serial  # type: ignore[import-untyped]

        try:
            link = self._open()
        except NothingSent:
            return None
        assert isinstance(link, serial.Serial)
        try:
            return self._read_status(link)
        except (serial.SerialException, OSError):
            return None
        finally:
            link.close()


class UsbTarget:
    """A USB printer through libusb (pyusb): first bulk OUT endpoint of interface 0; its
    status is asked after the ticket and read from the first IN endpoint. A printer without
    an IN endpoint cannot confirm anything: its tickets end ``SentUnconfirmed``."""

    def __init__(
        self, name: str, vendor_id: int, product_id: int, *, write_timeout: float = 10.0
    ) -> None:
        self.name = name
        self.vendor_id = vendor_id
        self.product_id = product_id
        self.write_timeout = write_timeout

    def _device(self) -> object:
        try:
            import usb.core  # type: ignore[import-untyped]
            import usb.util  # type: ignore[import-untyped]

            device = usb.core.find(idVendor=self.vendor_id, idProduct=self.product_id)
        except Exception as exc:  # no libusb backend, permissions…
            raise NothingSent(f"{self.name}: USB unavailable ({exc})", printer=self.name) from None
        if device is None:
            raise NothingSent(
                f"{self.name}: USB printer {self.vendor_id:04x}:{self.product_id:04x} not found",
                printer=self.name,
            )
        return device

    def send(self, data: bytes) -> None:
        import usb.core  # type: ignore[import-untyped]
        import usb.util  # type: ignore[import-untyped]

        device = self._device()
        assert isinstance(device, usb.core.Device)
        try:
            with contextlib.suppress(NotImplementedError, usb.core.USBError):
                if device.is_kernel_driver_active(0):
                    device.detach_kernel_driver(0)
            device.set_configuration()
            interface = device.get_active_configuration()[(0, 0)]
            endpoint = usb.util.find_descriptor(
                interface,
                custom_match=lambda e: (
                    usb.util.endpoint_direction(e.bEndpointAddress) == usb.util.ENDPOINT_OUT
                ),
            )
            reply = usb.util.find_descriptor(
                interface,
                custom_match=lambda e: (
                    usb.util.endpoint_direction(e.bEndpointAddress) == usb.util.ENDPOINT_IN
                ),
            )
        except usb.core.USBError as exc:
            raise NothingSent(
                f"{self.name}: cannot claim the USB printer ({exc})", printer=self.name
            ) from None
        if endpoint is None:
            raise NothingSent(
                f"{self.name}: no output endpoint", printer=self.name, retryable=False
            )
        written = 0
        try:
            for start in range(0, len(data), _CHUNK):
                written += endpoint.write(
                    data[start : start + _CHUNK], int(self.write_timeout * 1000)
                )
            state = _usb_status(endpoint, reply) if reply is not None else None
            _check(self.name, state, sent=True, bytes_sent=written)
        except usb.core.USBError as exc:
            raise SentUnconfirmed(
                f"{self.name}: USB write failed ({exc})", printer=self.name, bytes_sent=written
            ) from None
        finally:
            usb.util.dispose_resources(device)

    def status(self) -> PrinterState | None:
        return None  # reading back needs the IN endpoint; not every USB printer offers it


def _usb_status(out: object, reply: object) -> PrinterState | None:
    """DLE EOT 1/2/4 over USB: each query written to ``out``, one byte read from ``reply``."""
    import usb.core  # type: ignore[import-untyped]

    timeout_ms = int(_STATUS_TIMEOUT * 1000)
    answer = b""
    try:
        for query in STATUS_QUERIES:
            out.write(query, timeout_ms)  # type: ignore[attr-defined]
            got = bytes(reply.read(64, timeout_ms))  # type: ignore[attr-defined]
            if not got:
                return None
            answer += got[-1:]
    except usb.core.USBError:
        return None
    return parse_status(answer)


def target_for(settings: PrinterSettings) -> PrinterTarget:
    """The target a printer's settings describe."""
    if settings.kind == "network":
        host, port = settings.host_port()
        return NetworkTarget(
            settings.name,
            host,
            port,
            connect_timeout=settings.connect_timeout,
            write_timeout=settings.write_timeout,
            # Always: a ticket is only "printed" when the printer says so (issue 10);
            # ``status_query`` is kept in saved settings but no longer turns this off.
            confirm=True,
        )
    if settings.kind == "file":
        return FileTarget(settings.name, settings.address)
    if settings.kind == "serial":
        device, baud = settings.serial_port()
        return SerialTarget(
            settings.name,
            device,
            baud,
            write_timeout=settings.write_timeout,
            confirm=True,
        )
    if settings.kind == "usb":
        vid, pid = settings.usb_ids()
        return UsbTarget(settings.name, vid, pid, write_timeout=settings.write_timeout)
    if settings.kind == "os":
        return OsPrinterTarget(settings.name, settings.address.strip())
    raise PrinterError(f"{settings.name}: unknown printer kind {settings.kind!r}")
