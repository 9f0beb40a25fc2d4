"""The notes' language: a cheap guess that tells every step which language to write in."""

from __future__ import annotations

import asyncio
import json

import pytest
from chain_support import NOTES, TODAY

from assistant.domain.language import detect_language, language_instruction
from assistant.model.testing import ScriptedChatModel, good_script
from assistant.workflows.draft import Pipeline, adraft

GERMAN = (
    "Ich habe am Freitag die Konfiguration ohne die Staging-Tests geändert. Der Checkout war drei Stunden "
    "nicht erreichbar und wir haben etwa 400 Bestellungen verloren. Dana (meine Chefin) musste es dem VP erklären."
)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (NOTES, None),
        ("I missed the deadline for the client report and my boss had to apologise.", None),
        (GERMAN, "German"),
        ("J'ai oublié d'envoyer le rapport au client et nous avons perdu le contrat.", "French"),
        ("Olvidé enviar el informe al cliente y perdimos el contrato con ellos.", "Spanish"),
        ("Eu esqueci de enviar o relatório para o cliente e nós perdemos o contrato.", "Portuguese"),
        ("Ho dimenticato di inviare il rapporto al cliente e abbiamo perso il contratto.", "Italian"),
        ("Ik ben vergeten het rapport naar de klant te sturen en we hebben het contract verloren.", "Dutch"),
        ("我忘记了把报告发给客户，我们失去了合同。", "Chinese"),
        ("報告書をお客様に送るのを忘れてしまい、契約を失いました。", "Japanese"),
        ("고객에게 보고서를 보내는 것을 잊어서 계약을 잃었습니다.", "Korean"),
        ("Я забыл отправить отчёт клиенту, и мы потеряли контракт.", "Russian"),
        ("", None),
        ("12345 67890", None),
    ],
)
def test_detect_language(text: str, language: str | None) -> None:
    assert detect_language(text) == language


def test_the_instruction_names_the_language() -> None:
    assert "write every text in German" in language_instruction(GERMAN)
    assert language_instruction(NOTES) == "Write every text in the language of my notes."


def test_a_german_draft_is_not_reasked_for_english_phrasing() -> None:
    script = good_script()
    script["pain"] = json.dumps({"statement": "Es tut mir leid. Etwa 400 Bestellungen gingen verloren."})
    model = ScriptedChatModel(script=script)
    draft = asyncio.run(adraft(GERMAN, Pipeline(model), today=TODAY))
    assert draft.pain.startswith("Es tut mir leid")
    assert len(model.calls_for("pain")) == 1
    assert "German" in str(model.calls_for("pain")[0]["messages"][1].content)
