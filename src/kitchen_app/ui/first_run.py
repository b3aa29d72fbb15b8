"""The first start: "Try the demo" (sandbox + relay on this computer, nothing real touched)
or "Connect" (relay address and desk token, a marketplace's access token), checked as typed."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kitchen_app.engine.settings import SETTINGS, SettingError, validate

from . import labels
from .setting_labels import field_problem, setting_label

log = logging.getLogger(__name__)

__all__ = ["FirstRunDialog"]


def _fields() -> tuple[str, ...]:
    """The relay's address and token, then each marketplace's secrets (its access token): the
    plug-ins' declared settings "<channel>.<name>" of kind SECRET (declared at start)."""
    secrets = (key for key, setting in SETTINGS.items() if "." in key and setting.secret)
    return ("relay_url", "relay_token", *secrets)


class FirstRunDialog(QDialog):
    """After ``exec()``/``open()`` accepted: ``choice()`` is "demo" or "connect", and for
    "connect" ``values()`` holds relay_url, relay_token and each marketplace's access token
    (under the setting names in force, all checked)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunDialog")
        self.setWindowTitle(self.tr("Welcome to Kitchen Desk"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Orders from %1 arrive here, with a sound you cannot miss. How do you want to start?"  # noqa: E501
            ).replace("%1", labels.channel_names()),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.demo = QRadioButton(self.tr("Try the demo (simulated orders, nothing real)"), self)
        self.demo.setObjectName("chooseDemo")
        self.connect_ = QRadioButton(self.tr("Connect to my store"), self)
        self.connect_.setObjectName("chooseConnect")
        group = QButtonGroup(self)
        group.addButton(self.demo)
        group.addButton(self.connect_)
        self.demo.setChecked(True)
        layout.addWidget(self.demo)
        layout.addWidget(self.connect_)

        self.form = QWidget(self)
        form = QFormLayout(self.form)
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        for key in _fields():
            edit = QLineEdit(self.form)
            edit.setObjectName(key)
            if key != "relay_url":
                edit.setEchoMode(QLineEdit.EchoMode.Password)
            else:
                edit.setPlaceholderText("https://relay.example.com")
            edit.textChanged.connect(self._refresh)
            error = QLabel(self.form)
            error.setObjectName(f"error_{key}")
            error.setProperty("fieldError", True)
            error.hide()
            self.edits[key] = edit
            self.errors[key] = error
            form.addRow(setting_label(key), edit)
            form.addRow("", error)
        layout.addWidget(self.form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Quit"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.demo.toggled.connect(self._refresh)
        self._refresh()

    def choice(self) -> str:
        return "demo" if self.demo.isChecked() else "connect"

    def values(self) -> dict[str, Any]:
        return {key: edit.text().strip() for key, edit in self.edits.items()}

    def problems(self) -> dict[str, str]:
        if self.choice() == "demo":
            return {}
        out: dict[str, str] = {}
        values = self.values()
        for key, value in values.items():
            if not value:
                # The relay's address and token are needed; a marketplace's secrets only for
                # the marketplaces the store sells on (at least one, below).
                if "." not in key:
                    out[key] = self.tr("Required to connect.")
                continue
            try:
                validate(key, value)
            except SettingError as exc:
                out[key] = field_problem(key, str(exc))
        tokens = [key for key in values if key.endswith(".access_token")]
        if tokens and not any(values[key] for key in tokens):
            for key in tokens:
                out.setdefault(key, self.tr("Required to connect."))
        return out

    def _refresh(self) -> None:
        connect = self.choice() == "connect"
        self.form.setEnabled(connect)
        self.ok.setText(self.tr("Start the demo") if not connect else self.tr("Connect"))
        problems = self.problems()
        for key, label in self.errors.items():
            # Only complain about what was typed; an empty field just keeps OK disabled.
            shown = problems.get(key) if self.edits[key].text().strip() else None
            label.setText(shown or "")
            label.setVisible(bool(shown))
        self.ok.setEnabled(not problems)

    def _accept(self) -> None:
        if not self.problems():
            self.accept()
