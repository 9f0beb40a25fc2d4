"""Refine, the user's words put into the draft's language: the prompt, and the checks of the model's words."""

from __future__ import annotations

from chain_support import run, sample_draft
from ui_support import scripted_model

from assistant.chains.refine_translate import (
    action_words,
    as_action,
    as_step,
    build_refine_translate_chain,
    translate_problems,
)
from assistant.domain.edit_types import TranslateOutput
from assistant.model.prompts import load_prompt
from assistant.model.testing import STEP_MARKERS
from assistant.workflows.step_inputs import translate_inputs

ITALIAN = "La lista di tutti gli invii degli ultimi 30 giorni, condivisa con Marta"


def test_the_prompt_declares_its_variables_and_shows_the_words_and_the_language() -> None:
    prompt = load_prompt("refine_translate")
    assert set(prompt.variables) == {"language", "part", "text"}
    assert STEP_MARKERS["refine_translate"] in prompt.template
    inputs = translate_inputs(sample_draft(), ITALIAN, "how my leader can see an action is done", "English")
    assert (inputs.texts["language"], inputs.texts["text"]) == ("English", ITALIAN)


def test_words_still_in_their_language_or_without_a_number_are_asked_again() -> None:
    inputs = translate_inputs(sample_draft(), ITALIAN, "how my leader can see an action is done", "English")
    assert (
        translate_problems(
            TranslateOutput(text="The list of every send of the last 30 days, shared with Marta"), inputs
        )
        == []
    )
    assert translate_problems(TranslateOutput(text=ITALIAN), inputs) == ["it is still in Italian: write it in English"]
    assert translate_problems(TranslateOutput(text="The list of every send, shared with Marta"), inputs) == [
        "it leaves out 30: keep every number of my words"
    ]


def test_the_chain_answers_the_translation_tidied() -> None:
    model = scripted_model(refine_translate={"text": '  "The list of every send of the last 30 days"  '})
    inputs = translate_inputs(sample_draft(), ITALIAN, "how my leader can see an action is done", "English")
    out = run(build_refine_translate_chain(model), inputs)
    assert out == TranslateOutput(text="The list of every send of the last 30 days")


def test_a_date_a_sentence_or_a_doer_the_words_do_not_have_is_asked_again() -> None:
    words = "passare le scadenze IVA di UK e NL nel tracker di compliance del team"
    inputs = translate_inputs(sample_draft(), words, "an action of the plan", "English")
    assert (
        translate_problems(
            TranslateOutput(text="Move the UK and NL VAT deadlines into the team's compliance tracker"), inputs
        )
        == []
    )
    assert translate_problems(
        TranslateOutput(
            text="I will move the UK and NL VAT deadlines into the tracker by November 30. I will do this."
        ),
        inputs,
    ) == [
        "it adds 30, which my words do not have: translate only my words",
        "it adds a sentence: translate only my words",
        "it starts with who does it, which my words do not: start with the verb, as my words do",
    ]


def test_an_action_said_as_what_i_will_do_is_mended_but_a_closing_may_start_with_i() -> None:
    words = "passare le scadenze IVA di UK e NL nel tracker di compliance del team"
    inputs = translate_inputs(sample_draft(), words, "an action of the plan", "English")
    mended = as_action(TranslateOutput(text="I will move the UK and NL VAT deadlines into the tracker"), inputs)
    assert mended == TranslateOutput(text="Move the UK and NL VAT deadlines into the tracker")
    closing = translate_inputs(
        sample_draft(), "Te enseñaré el lunes cómo funciona la puerta de CI.", "closing line", "English"
    )
    assert translate_problems(TranslateOutput(text="I'll show you on Monday how the CI gate works."), closing) == []
    assert as_action(TranslateOutput(text="I'll show you on Monday how the CI gate works."), closing) is None


def test_a_translation_is_judged_by_the_words_it_keeps_not_by_a_guess_at_its_language() -> None:
    words = "nenhuma campanha sai sem um envio de teste para a seed list registado"
    inputs = translate_inputs(sample_draft(), words, "how my leader can see an action is done", "English")
    assert (
        translate_problems(TranslateOutput(text="No campaign goes out without a seed list test send logged"), inputs)
        == []
    )


def test_an_action_is_translated_from_its_verb_and_comes_back_as_a_step() -> None:
    assert (
        action_words("ich beantworte die ca. 40 offenen Kundenantworten")
        == "beantworte die ca. 40 offenen Kundenantworten"
    )
    assert action_words("beantworte die Antworten") == "beantworte die Antworten"
    assert as_step("I answer the approx. 40 open customer replies") == "Answer the approx. 40 open customer replies"
    assert as_step("I'll answer them") == "Answer them"
    assert as_step("I'm on it") == "I'm on it"  # no verb after "I": left as it is
    assert as_step("Answer the replies") == "Answer the replies"
