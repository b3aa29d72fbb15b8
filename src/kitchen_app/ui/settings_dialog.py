"""Settings: connection (relay, marketplace; secrets masked), printers, sound, language and
automation. Each value is checked where it is typed (``settings.validate`` plus the printer
checks); Save stays disabled while anything is refused. Saving asks the engine
(``commands.set_setting``), the only writer, and closes once every change is confirmed.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSlider,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kitchen_app.engine.api import EngineCommands, EngineReader
from kitchen_app.engine.settings import LEGACY_NAMES, SETTINGS, SettingError, validate

from . import labels
from .bridge import deliver
from .links import LinkRow, start_link
from .printer_form import PrinterForm
from .setting_labels import (
    field_problem,
    refusal,
    setting_label,
)

log = logging.getLogger(__name__)

__all__ = ["SettingsDialog"]

# The connection fields, by setting name, and whether each is a secret: the relay's, then
# every plug-in's declared text settings ("<channel>.<name>"), grouped by marketplace.
_CONNECTION = (
    ("relay_url", False),
    ("relay_token", True),
    *(
        (key, setting.secret)
        for key, setting in SETTINGS.items()
        if "." in key and setting.text is not None and isinstance(setting.default, str)
    ),
)

LANGUAGES = [("", "System"), ("es", "Español"), ("pt_BR", "Português (Brasil)"), ("en", "English")]


class SettingsDialog(QDialog):
    """Signals: saved() after the engine confirmed every change."""

    saved = Signal()

    def __init__(
        self,
        commands: EngineCommands,
        reader: EngineReader,
        preview_sound: Callable[[int], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self._commands = commands
        self._preview = preview_sound
        self._initial = {key: reader.get_setting(key, s.default) for key, s in SETTINGS.items()}
        # A caller may still name a setting by its flat name of the first releases.
        self._initial.update({old: self._initial[new] for old, new in LEGACY_NAMES.items()})
        self._errors: dict[str, str] = {}
        self._error_labels: dict[str, QLabel] = {}
        self.edits: dict[str, QLineEdit] = {}  # by setting name
        self.choices: dict[str, QComboBox] = {}  # a plug-in's CHOICE settings, by name
        self.link_rows: dict[str, LinkRow] = {}  # by channel
        self._outstanding = 0
        self._failures: list[str] = []

        tabs = QTabWidget(self)
        tabs.addTab(self._connection_page(), self.tr("Connection"))
        printers = self._initial["printers"]
        self.printer_form = PrinterForm(
            [p for p in printers if isinstance(p, dict)] if isinstance(printers, list) else [],
            self,
        )
        tabs.addTab(self._printers_page(), self.tr("Printers"))
        tabs.addTab(self._sound_page(), self.tr("Sound"))
        tabs.addTab(self._general_page(), self.tr("General"))
        self.tabs = tabs

        self.message = QLabel(self)
        self.message.setObjectName("saveMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.printer_form.changed.connect(self._check_printers)
        self.printer_form.calibrationRequested.connect(self._calibrate)
        self._check_printers()
        self.resize(640, 460)

    # ---- pages -------------------------------------------------------------------------------
    def _line(self, key: str, *, secret: bool = False) -> QWidget:
        edit = QLineEdit(str(self._initial[key] or ""), self)
        edit.setObjectName(key)
        if secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setPlaceholderText(self.tr("(hidden)"))
        edit.textChanged.connect(lambda text, k=key: self._check(k, text.strip()))
        self.edits[key] = edit
        error = QLabel(self)
        error.setObjectName(f"error_{key}")
        error.setProperty("fieldError", True)
        error.setWordWrap(True)
        error.hide()
        self._error_labels[key] = error
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(edit)
        if secret:
            show = QPushButton(self.tr("Show"), self)
            show.setCheckable(True)
            show.setObjectName(f"show_{key}")
            show.toggled.connect(
                lambda on, e=edit: e.setEchoMode(
                    QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
                )
            )
            row.addWidget(show)
        column.addLayout(row)
        column.addWidget(error)
        return box

    def _choice(self, key: str) -> QWidget:
        box = QComboBox(self)
        box.setObjectName(key)
        for choice in SETTINGS[key].choices:
            words = choice.label
            box.addItem(words if isinstance(words, str) else labels.translated(words), choice.value)
        box.setCurrentIndex(max(0, box.findData(self._initial[key])))
        self.choices[key] = box
        return box

    def _link_row(self, channel: str) -> LinkRow:
        row = LinkRow(channel, self)
        row.linkRequested.connect(
            lambda c: start_link(self._commands, c, self, self.message.setText)
        )
        if not (self._initial["relay_url"] and self._initial["relay_token"]):
            row.button.setEnabled(False)
            row.set_unavailable(self.tr("Set the relay address and desk token, save, then link"))
        self.link_rows[channel] = row
        return row

    def refresh_links(self) -> None:
        """Each marketplace's link as the relay reports it (nothing to ask without a relay)."""
        if not (self._initial["relay_url"] and self._initial["relay_token"]):
            return
        link_states = getattr(self._commands, "link_states", None)
        if link_states is None:
            return

        def done(states: Any, error: BaseException | None) -> None:
            if error is not None:
                why = self.tr("Link state unknown: %1").replace("%1", str(error))
                for row in self.link_rows.values():
                    row.set_unavailable(why)
                return
            known = {state.channel: state for state in states}
            for channel, row in self.link_rows.items():
                state = known.get(channel)
                if state is None:
                    row.set_unavailable(self.tr("The relay cannot link this marketplace"))
                    row.button.setEnabled(False)
                else:
                    row.set_state(state.state, state.account)

        deliver(link_states(), self, done)

    def _connection_page(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        channel = None
        for key, secret in _CONNECTION:
            prefix = key.partition(".")[0] if "." in key else None
            if prefix is not None and prefix != channel:  # a heading per marketplace
                channel = prefix
                heading = QLabel(f"<b>{html.escape(labels.channel_label(prefix))}</b>", self)
                heading.setObjectName(f"heading_{prefix}")
                form.addRow(heading)
                form.addRow(self._link_row(prefix))
            field = self._choice(key) if SETTINGS[key].choices else self._line(key, secret=secret)
            form.addRow(setting_label(key), field)
        self.refresh_links()
        scroll = QScrollArea(self)
        scroll.setObjectName("connectionScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        return scroll

    def _printers_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(self.printer_form)
        return page

    def _sound_page(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.sound_enabled = QCheckBox(self.tr("Play a sound for new orders"), self)
        self.sound_enabled.setObjectName("sound_enabled")
        self.sound_enabled.setChecked(bool(self._initial["sound_enabled"]))
        self.volume = QSlider(Qt.Orientation.Horizontal, self)
        self.volume.setObjectName("sound_volume")
        self.volume.setRange(0, 100)
        self.volume.setValue(labels.int_setting(self._initial["sound_volume"], 80))
        test = QPushButton(self.tr("Test sound"), self)
        test.setObjectName("testSound")
        test.clicked.connect(lambda: self._preview and self._preview(self.volume.value()))
        row = QHBoxLayout()
        row.addWidget(self.volume, 1)
        row.addWidget(test)
        form.addRow(self.sound_enabled)
        form.addRow(self.tr("Volume"), row)
        note = QLabel(
            self.tr("The alert gets louder and faster as an order's 5-minute limit nears."), self
        )
        note.setWordWrap(True)
        form.addRow(note)
        return page

    def _general_page(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        for code, name in LANGUAGES:
            self.language.addItem(self.tr("System language") if not code else name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(self._initial["language"])))
        form.addRow(self.tr("Language (after restart)"), self.language)
        self.auto_accept = QCheckBox(self.tr("Accept new orders automatically"), self)
        self.auto_accept.setObjectName("auto_accept")
        self.auto_accept.setChecked(bool(self._initial["auto_accept"]))
        self.auto_print = QCheckBox(self.tr("Print tickets when an order is accepted"), self)
        self.auto_print.setObjectName("auto_print")
        self.auto_print.setChecked(bool(self._initial["auto_print"]))
        form.addRow(self.auto_accept)
        form.addRow(self.auto_print)
        return page

    # ---- checks ------------------------------------------------------------------------------
    def _check(self, key: str, value: Any) -> None:
        try:
            validate(key, value)
        except SettingError as exc:
            self._errors[key] = field_problem(key, str(exc))
        else:
            self._errors.pop(key, None)
        label = self._error_labels.get(key)
        if label is not None:
            label.setText(self._errors.get(key, ""))
            label.setVisible(key in self._errors)
        self.save_button.setEnabled(not self._errors)

    def _check_printers(self) -> None:
        problem = self.printer_form.problem()
        if problem is None:
            self._check("printers", self.printer_form.printers())
        else:
            self._errors["printers"] = problem
            self.save_button.setEnabled(False)

    def errors(self) -> dict[str, str]:
        return dict(self._errors)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, _secret in _CONNECTION:
            if key in self.choices:
                out[key] = self.choices[key].currentData()
            else:
                out[key] = self.edits[key].text().strip()
        out["printers"] = self.printer_form.printers()
        out["sound_enabled"] = self.sound_enabled.isChecked()
        out["sound_volume"] = self.volume.value()
        out["language"] = self.language.currentData()
        out["auto_accept"] = self.auto_accept.isChecked()
        out["auto_print"] = self.auto_print.isChecked()
        return out

    def changes(self) -> dict[str, Any]:
        return {k: v for k, v in self.values().items() if v != self._initial.get(k)}

    # ---- save --------------------------------------------------------------------------------
    def save(self) -> None:
        if self._errors:
            return
        changes = self.changes()
        for key, value in changes.items():
            try:
                validate(key, value)
            except SettingError as exc:  # a last check: nothing refused reaches the engine
                self.message.setText(refusal(key, str(exc)))
                return
        if not changes:
            self.accept()
            return
        self.save_button.setEnabled(False)
        self.message.setText(self.tr("Saving…"))
        self._outstanding = len(changes)
        self._failures = []
        for key, value in changes.items():
            deliver(self._commands.set_setting(key, value), self, self._saved(key))

    def _saved(self, key: str) -> Callable[[None, BaseException | None], None]:
        return lambda _result, error: self._one_saved(key, error)

    def _one_saved(self, key: str, error: BaseException | None) -> None:
        self._outstanding -= 1
        if error is not None:
            self._failures.append(refusal(key, str(error)))
        if self._outstanding:
            return
        if self._failures:
            self.message.setText(self.tr("Not saved: %1").replace("%1", "; ".join(self._failures)))
            self.save_button.setEnabled(True)
            return
        self.saved.emit()
        self.accept()

    def _calibrate(self, name: str) -> None:
        self.message.setText(self.tr("Printing a calibration ticket on %1…").replace("%1", name))

        def done(_result: Any, error: BaseException | None) -> None:
            if error is not None:
                self.message.setText(self.tr("Calibration failed: %1").replace("%1", str(error)))
            else:
                self.message.setText(
                    self.tr(
                        "Calibration ticket sent to %1. Keep the code page whose line reads right."
                    ).replace("%1", name)
                )

        deliver(self._commands.print_calibration(name), self, done)
