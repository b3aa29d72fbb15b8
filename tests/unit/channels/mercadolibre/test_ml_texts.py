"""Every word the Mercado Libre plug-in shows is translated in pt-BR and es (#12.8): each
``QT_TRANSLATE_NOOP("mercadolibre", …)`` of its modules has a finished translation in the
``mercadolibre`` context of both .ts files (pyside6-lupdate extracts them; docs/ui.md)."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import kitchen_app.channels.mercadolibre as package
from kitchen_app.printing.resources import resource_path


def sources() -> set[str]:
    found: set[str] = set()
    for path in Path(package.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "QT_TRANSLATE_NOOP"
            ):
                context, text = node.args
                assert isinstance(context, ast.Constant) and context.value == "mercadolibre"
                assert isinstance(text, ast.Constant) and isinstance(text.value, str)
                found.add(text.value)
    return found


@pytest.mark.parametrize("language", ["es", "pt_BR"])
def test_every_word_is_translated(language: str) -> None:
    wanted = sources()
    assert len(wanted) > 50
    root = ET.parse(resource_path("translations", f"kitchen_desk_{language}.ts")).getroot()
    done: dict[str, str] = {}
    for context in root.findall("context"):
        if context.findtext("name") != "mercadolibre":
            continue
        for message in context.findall("message"):
            translation = message.find("translation")
            assert translation is not None
            if translation.get("type") != "unfinished" and (translation.text or "").strip():
                done[message.findtext("source") or ""] = translation.text or ""
    assert sorted(wanted - set(done)) == []
    assert done["Mark delivered"] != "Mark delivered"
