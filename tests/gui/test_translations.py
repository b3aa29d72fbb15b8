from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from kitchen_app.domain import Money, Stage
from kitchen_app.printing.resources import resource_path
from kitchen_app.ui import labels

LANGUAGES = ["es", "pt_BR"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_ts_file_has_no_unfinished_entries(language: str) -> None:
    root = ET.parse(resource_path("translations", f"kitchen_desk_{language}.ts")).getroot()
    messages = root.findall("context/message")
    assert len(messages) > 100
    unfinished = [
        m.findtext("source")
        for m in messages
        if m.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
        or not "".join(m.find("translation").itertext()).strip()  # type: ignore[union-attr]
    ]
    assert unfinished == []


@pytest.mark.parametrize(
    ("language", "expected"), [("es", "Cancelado por el local"), ("pt_BR", "Cancelado pela loja")]
)
def test_loading_a_qm_changes_a_known_string(qapp, language: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    from kitchen_app.domain import StatusPair

    pair = StatusPair("cancelled", "cancelled_manually")
    assert labels.status_label(pair) == "Cancelled by the store"
    translator = QTranslator()
    assert translator.load(str(resource_path("translations", f"kitchen_desk_{language}.qm")))
    QCoreApplication.installTranslator(translator)
    try:
        assert labels.status_label(pair) == expected
        plural = QCoreApplication.translate("MainWindow", "%n new order(s) waiting", "", 2)
        assert plural.startswith("2 ") and plural != "2 new order(s) waiting"
    finally:
        QCoreApplication.removeTranslator(translator)
    assert labels.status_label(pair) == "Cancelled by the store"


def test_money_follows_the_locale_without_floats() -> None:
    money = Money(Decimal("12345.5"), "BRL")
    assert labels.format_money(money, QLocale("pt_BR")) == "R$ 12.345,50"
    assert labels.format_money(Money(Decimal("-3.1"), "ARS"), QLocale("es_AR")) == "-$ 3,10"
    assert labels.format_money(money, QLocale("en_US")) == "R$12,345.50"


def test_language_setting_overrides_the_system_locale(qapp) -> None:  # type: ignore[no-untyped-def]
    from kitchen_app.ui.app import install_translations, locale_for

    assert locale_for("pt_BR").name() == "pt_BR"
    assert locale_for("es").name() == "es_AR"
    assert locale_for("").name() == QLocale.system().name()
    previous = QLocale()
    installed = install_translations(qapp, "es")
    try:
        assert installed, "the Spanish .qm must load from resources/translations"
        assert labels.stage_label(Stage.CANCELLED) == "Cancelados"
        assert QLocale().name() == "es_AR"
    finally:
        for translator in installed:
            QCoreApplication.removeTranslator(translator)
        QLocale.setDefault(previous)
    assert labels.stage_label(Stage.CANCELLED) == "Cancelled"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "2 orders still loading — check the internet"),
        ("es", "2 pedidos todavía cargando — revisá internet"),
        ("pt_BR", "2 pedidos ainda carregando — verifique a internet"),
    ],
)
def test_health_words_speak_the_desks_language(qapp, language: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    from kitchen_app.engine.api import DeskHealth, FeedState, FeedStatus
    from kitchen_app.ui.health import problems

    translator = QTranslator()
    assert translator.load(str(resource_path("translations", f"kitchen_desk_{language}.qm")))
    QCoreApplication.installTranslator(translator)
    try:
        health = DeskHealth(FeedState(FeedStatus.ONLINE), loading_orders=2)
        assert [p.text for p in problems(health)] == [expected]
    finally:
        QCoreApplication.removeTranslator(translator)
