"""The printers page of the settings dialog: a short list of printers and a form for the
selected one (kind, address, paper width, code page, which tickets it prints), plus
"print calibration ticket".

A printer is stored as a plain dict in the ``printers`` setting:
``{"name", "kind", "address", "width", "code_page", "tickets"}``.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)

__all__ = ["KINDS", "PrinterForm", "printer_problem"]

KINDS = ("network", "usb", "serial", "file", "system")
CODE_PAGES = ("CP858", "CP850", "CP860", "CP1252")
WIDTHS = (80, 58)


def printer_problem(printer: dict[str, Any]) -> str | None:
    """One line saying what is wrong with a printer's settings, or None."""
    if not str(printer.get("name", "")).strip():
        return QCoreApplication.translate("PrinterForm", "Give the printer a name.")
    kind = printer.get("kind")
    address = str(printer.get("address", "")).strip()
    if kind not in KINDS:
        return QCoreApplication.translate("PrinterForm", "Choose the printer's connection.")
    if kind != "system" and not address:
        return QCoreApplication.translate("PrinterForm", "Enter the printer's address.")
    if kind == "network":
        host, _, port = address.rpartition(":")
        if port and host and not (port.isdigit() and 0 < int(port) < 65536):
            return QCoreApplication.translate(
                "PrinterForm", "The port after ':' must be a number from 1 to 65535."
            )
        if " " in address:
            return QCoreApplication.translate(
                "PrinterForm", "A network address has no spaces (e.g. 192.168.0.50:9100)."
            )
    if kind == "usb" and not _usb_ids(address):
        return QCoreApplication.translate(
            "PrinterForm", "A USB printer is given as vendor:product in hex, e.g. 04b8:0202."
        )
    if printer.get("width") not in WIDTHS:
        return QCoreApplication.translate("PrinterForm", "Paper width must be 58 or 80 mm.")
    return None


def _usb_ids(address: str) -> bool:
    vendor, _, product = address.partition(":")
    try:
        int(vendor, 16), int(product, 16)
    except ValueError:
        return False
    return True


class PrinterForm(QWidget):
    """Signals: changed() whenever a printer is edited, added or removed;
    calibrationRequested(str name)."""

    changed = Signal()
    calibrationRequested = Signal(str)

    def __init__(self, printers: list[dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._printers = [dict(p) for p in printers]
        self._loading = False
        self.list = QListWidget(self)
        self.list.setObjectName("printerList")
        add = QPushButton(self.tr("Add printer"), self)
        add.setObjectName("addPrinter")
        self.remove = QPushButton(self.tr("Remove"), self)
        self.remove.setObjectName("removePrinter")
        self.calibrate = QPushButton(self.tr("Print calibration ticket"), self)
        self.calibrate.setObjectName("calibrate")
        self.calibrate.setToolTip(
            self.tr("Prints ç ã é ñ € in each code page: keep the one that reads right.")
        )

        self.name = QLineEdit(self)
        self.name.setObjectName("printerName")
        self.kind = QComboBox(self)
        self.kind.setObjectName("printerKind")
        for kind, text in zip(
            KINDS,
            [
                self.tr("Network (IP:port)"),
                self.tr("USB (vendor:product)"),
                self.tr("Serial port"),
                self.tr("File / device path"),
                self.tr("System printer (PDF)"),
            ],
            strict=True,
        ):
            self.kind.addItem(text, kind)
        self.address = QLineEdit(self)
        self.address.setObjectName("printerAddress")
        self.address.setPlaceholderText("192.168.0.50:9100")
        self.width = QComboBox(self)
        self.width.setObjectName("printerWidth")
        for w in WIDTHS:
            self.width.addItem(f"{w} mm", w)
        self.code_page = QComboBox(self)
        self.code_page.setObjectName("printerCodePage")
        for cp in CODE_PAGES:
            self.code_page.addItem(cp, cp)
        self.kitchen = QCheckBox(self.tr("Kitchen tickets"), self)
        self.kitchen.setObjectName("printsKitchen")
        self.receipt = QCheckBox(self.tr("Customer receipts"), self)
        self.receipt.setObjectName("printsReceipt")
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Connection"), self.kind)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Paper width"), self.width)
        form.addRow(self.tr("Code page"), self.code_page)
        tickets = QHBoxLayout()
        tickets.addWidget(self.kitchen)
        tickets.addWidget(self.receipt)
        form.addRow(self.tr("Prints"), tickets)
        form.addRow("", self.error)
        self.form_widget = QWidget(self)
        self.form_widget.setLayout(form)

        buttons = QVBoxLayout()
        buttons.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(self.remove)
        buttons.addLayout(row)
        buttons.addWidget(self.calibrate)
        layout = QHBoxLayout(self)
        layout.addLayout(buttons, 2)
        layout.addWidget(self.form_widget, 3)

        add.clicked.connect(self.add_printer)
        self.remove.clicked.connect(self._remove)
        self.calibrate.clicked.connect(self._calibrate)
        self.list.currentRowChanged.connect(self._load)
        for edit in (self.name, self.address):
            edit.textEdited.connect(self._store)
        for combo in (self.kind, self.width, self.code_page):
            combo.currentIndexChanged.connect(self._store)
        for box in (self.kitchen, self.receipt):
            box.toggled.connect(self._store)
        for p in self._printers:
            self.list.addItem(p.get("name", ""))
        self.list.setCurrentRow(0 if self._printers else -1)
        self._load(self.list.currentRow())

    def printers(self) -> list[dict[str, Any]]:
        return [dict(p) for p in self._printers]

    def problem(self) -> str | None:
        for p in self._printers:
            problem = printer_problem(p)
            if problem:
                return f"{p.get('name') or '?'}: {problem}"
        return None

    def add_printer(self) -> None:
        self._printers.append(
            {
                "name": self.tr("Printer %1").replace("%1", str(len(self._printers) + 1)),
                "kind": "network",
                "address": "",
                "width": 80,
                "code_page": "CP858",
                "tickets": ["kitchen", "receipt"],
            }
        )
        self.list.addItem(self._printers[-1]["name"])
        self.list.setCurrentRow(len(self._printers) - 1)
        self.changed.emit()

    def _remove(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._printers):
            del self._printers[row]
            self.list.takeItem(row)
            self._load(self.list.currentRow())
            self.changed.emit()

    def _calibrate(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._printers):
            self.calibrationRequested.emit(self._printers[row]["name"])

    def _load(self, row: int) -> None:
        has = 0 <= row < len(self._printers)
        self.form_widget.setEnabled(has)
        self.remove.setEnabled(has)
        self.calibrate.setEnabled(has)
        if not has:
            self.error.setText("")
            return
        p = self._printers[row]
        self._loading = True
        self.name.setText(p.get("name", ""))
        self.kind.setCurrentIndex(max(0, self.kind.findData(p.get("kind", "network"))))
        self.address.setText(p.get("address", ""))
        self.width.setCurrentIndex(max(0, self.width.findData(p.get("width", 80))))
        self.code_page.setCurrentIndex(max(0, self.code_page.findData(p.get("code_page", "CP858"))))
        tickets = p.get("tickets", ["kitchen", "receipt"])
        self.kitchen.setChecked("kitchen" in tickets)
        self.receipt.setChecked("receipt" in tickets)
        self._loading = False
        self.error.setText(printer_problem(p) or "")

    def _store(self) -> None:
        row = self.list.currentRow()
        if self._loading or not 0 <= row < len(self._printers):
            return
        p = self._printers[row]
        p["name"] = self.name.text().strip()
        p["kind"] = self.kind.currentData()
        p["address"] = self.address.text().strip()
        p["width"] = self.width.currentData()
        p["code_page"] = self.code_page.currentData()
        p["tickets"] = [
            k
            for k, box in (("kitchen", self.kitchen), ("receipt", self.receipt))
            if box.isChecked()
        ]
        self.list.item(row).setText(p["name"])
        self.error.setText(printer_problem(p) or "")
        self.changed.emit()
