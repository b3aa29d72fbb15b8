from __future__ import annotations

import pytest

from kitchen_app.printing.labels import system_language, system_ticket_locale


@pytest.mark.parametrize(
    ("env", "language", "locale"),
    [
        ({"LANG": "pt_BR.UTF-8"}, "pt", "pt-BR"),
        ({"LANG": "es_AR.UTF-8"}, "es", "es-AR"),
        ({"LANG": "es_MX.UTF-8"}, "es-MX", "es-MX"),
        ({"LANG": "en_GB.UTF-8"}, "en", "en"),
        ({"LANG": "C.UTF-8"}, None, "es-AR"),
        ({"LANG": "POSIX"}, None, "es-AR"),
        ({"LANG": "fr_FR.UTF-8"}, None, "es-AR"),
        ({}, None, "es-AR"),
        # gettext's order: LANGUAGE (its first entry), LC_ALL, LC_MESSAGES, LANG.
        ({"LANGUAGE": "pt_BR:en", "LC_ALL": "en_US.UTF-8"}, "pt", "pt-BR"),
        ({"LANGUAGE": "", "LC_ALL": "en_US.UTF-8", "LANG": "pt_BR.UTF-8"}, "en", "en"),
        ({"LC_MESSAGES": "es_ES@euro", "LANG": "en_US"}, "es", "es-AR"),
    ],
)
def test_system_language(env: dict[str, str], language: str | None, locale: str) -> None:
    assert system_language(env) == language
    assert system_ticket_locale(env) == locale
