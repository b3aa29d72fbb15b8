"""The printers page of the settings dialog: a short list of printers and a form for the
selected one (kind, address, paper width, code page, which tickets it prints), plus
"print calibration ticket".

A printer is stored in the ``printers`` setting as ``printing.PrinterSettings.to_dict()``;
keys this form does not show (timeouts, cut mode…) are kept as they were.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kitchen_app.printing.errors import SettingsError
from kitchen_app.printing.settings import PRINTER_KINDS, PrinterSettings

log = logging.getLogger(__name__)

__all__ = ["KINDS", "PrinterForm", "printer_problem"]

KINDS = PRINTER_KINDS
CODE_PAGES = ("CP858", "CP850", "CP860", "CP1252")
WIDTHS = (80, 58)
COPY_KINDS = ("kitchen", "receipt")


def printer_problem(printer: dict[str, Any]) -> str | None:
    """One line saying what is wrong with a printer's settings (``PrinterSettings``' own
    check), or None."""
    try:
        PrinterSettings.from_dict(printer)
    except SettingsError as exc:
        return str(exc)
    return None


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
                self.tr("System print queue (PDF)"),
            ],
            strict=True,
        ):
            self.kind.addItem(text, kind)
        self.address = QLineEdit(self)
        self.address.setObjectName("printerAddress")
        self.address.setPlaceholderText("192.168.0.50:9100")
        self.paper_width = QComboBox(self)
        self.paper_width.setObjectName("printerWidth")
        for w in WIDTHS:
            self.paper_width.addItem(f"{w} mm", w)
        self.code_page = QComboBox(self)
        self.code_page.setObjectName("printerCodePage")
        for cp in CODE_PAGES:
            self.code_page.addItem(cp, cp)
        self.copies: dict[str, QSpinBox] = {}
        for kind in COPY_KINDS:
            spin = QSpinBox(self)
            spin.setObjectName(f"copies_{kind}")
            spin.setRange(0, 9)
            self.copies[kind] = spin
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Connection"), self.kind)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Paper width"), self.paper_width)
        form.addRow(self.tr("Code page"), self.code_page)
        form.addRow(self.tr("Kitchen ticket copies"), self.copies["kitchen"])
        form.addRow(self.tr("Receipt copies"), self.copies["receipt"])
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
        for combo in (self.kind, self.paper_width, self.code_page):
            combo.currentIndexChanged.connect(self._store)
        for spin in self.copies.values():
            spin.valueChanged.connect(self._store)
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
                "copies": {"kitchen": 1, "receipt": 1},
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
        self.paper_width.setCurrentIndex(max(0, self.paper_width.findData(p.get("width", 80))))
        self.code_page.setCurrentIndex(max(0, self.code_page.findData(p.get("code_page", "CP858"))))
        copies = p.get("copies") or {}
        for kind, spin in self.copies.items():
            spin.setValue(int(copies.get(kind, 0)))
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
        p["width"] = self.paper_width.currentData()
        p["code_page"] = self.code_page.currentData()
        copies = dict(p.get("copies") or {})
        copies.update({kind: spin.value() for kind, spin in self.copies.items()})
        p["copies"] = copies
        self.list.item(row).setText(p["name"])
        self.error.setText(printer_problem(p) or "")
        self.changed.emit()
