"""The QApplication for the desk: name, icon, style, stylesheet, translations for the
chosen (or system) language, and Qt's own messages routed into logging."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import (
    QLibraryInfo,
    QLocale,
    QMessageLogContext,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from kitchen_app.printing.resources import resource_path

log = logging.getLogger(__name__)
qt_log = logging.getLogger("qt")

__all__ = ["LANGUAGE_LOCALES", "create_app", "install_translations", "locale_for"]

# The ``language`` setting's values -> the Qt locale names used for translations and money.
LANGUAGE_LOCALES = {"es": "es_AR", "pt_BR": "pt_BR", "en": "en_US"}

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    category = context.category or "qt"
    qt_log.log(_LEVELS.get(kind, logging.WARNING), "%s: %s", category, message)


def locale_for(language: str | None) -> QLocale:
    """``language`` is the setting ("" or None: the system's)."""
    if language:
        return QLocale(LANGUAGE_LOCALES.get(language, language))
    return QLocale.system()


def install_translations(app: QApplication, language: str | None) -> list[QTranslator]:
    """Load the desk's and Qt's own translations for ``language``; returns the installed
    translators (kept as children of ``app``). English needs none."""
    locale = locale_for(language)
    QLocale.setDefault(locale)
    installed: list[QTranslator] = []
    ours = QTranslator(app)
    folder = str(resource_path("translations"))
    if ours.load(locale, "kitchen_desk", "_", folder):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.debug("no desk translation for %s", locale.name())
    qt_base = QTranslator(app)
    if qt_base.load(
        locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt_base)
        installed.append(qt_base)
    return installed


def create_app(argv: Sequence[str], *, language: str | None = None) -> QApplication:
    """Build the QApplication. ``language`` is the saved setting ("es", "pt_BR", "en";
    None or "" follows the system)."""
    qInstallMessageHandler(_qt_message)
    app = QApplication(list(argv))
    app.setApplicationName("Kitchen Desk")
    app.setOrganizationName("Kitchen Desk")
    app.setDesktopFileName("kitchen-desk")
    app.setStyle("Fusion")
    icon = resource_path("icons", "kitchen-desk.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    qss = resource_path("styles", "desk.qss")
    if qss.exists():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))
    install_translations(app, language)
    return app
