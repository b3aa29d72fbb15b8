"""Every word Shopee's plug-in shows has its pt-BR and es translation in the shipped .qm."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from kitchen_app.channels.shopee.display import DISPLAY
from kitchen_app.channels.shopee.plugin import (
    ANSWER_SPEC,
    ARRANGE_EARLY_SPEC,
    CANCEL_SPEC,
    slot_choices,
)
from kitchen_app.channels.shopee.settings import SETTINGS
from kitchen_app.domain.text import Text

QM = Path(__file__).resolve().parents[4] / "resources" / "translations"


def _texts() -> list[Text]:
    out: list[Text] = [DISPLAY.name, *DISPLAY.statuses.values(), *DISPLAY.chips.values()]
    out += DISPLAY.payment_methods.values()
    for spec in (CANCEL_SPEC, ANSWER_SPEC, ARRANGE_EARLY_SPEC):
        out.append(spec.label)
        if spec.warning is not None:
            out.append(spec.warning)
        for param in spec.params:
            out.append(param.label)
            out += [c.label for c in param.choices if isinstance(c.label, Text)]
    for setting in SETTINGS:
        out.append(setting.label)
        if setting.help is not None:
            out.append(setting.help)
    network = slot_choices({"info_needed": {"dropoff": [], "non_integrated": []}})
    out += [c.label for c in network if isinstance(c.label, Text)]
    return out


@pytest.mark.parametrize("language", ["pt_BR", "es"])
def test_every_shopee_word_is_translated(language: str) -> None:
    translator = QTranslator()
    assert translator.load(str(QM / f"kitchen_desk_{language}.qm"))
    texts = _texts()
    # Its own words, and the credentials setting every plug-in shares (channels/custody.py).
    assert {t.context for t in texts} <= {"shopee", "custody"}
    missing = [t.source for t in texts if not translator.translate(t.context, t.source)]
    assert missing == []
    assert translator.translate("shopee", "Cancel order") != "Cancel order"
