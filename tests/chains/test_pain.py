"""Step 1, show your pain."""

from __future__ import annotations

import json

import pytest
from chain_support import (
    GOOD,
    NOTES,
    PAIN,
    TODAY,
    assert_json_schema_requested,
    assert_prompt_layout,
    assert_reask,
    prompt_line,
    run,
    step_inputs,
    validated_chain,
)

from assistant.chains import build_pain_chain
from assistant.chains.pain import added_to_harm, regret_sentence, with_landed
from assistant.domain.errors import OutputValidationError
from assistant.domain.schema import DraftOptions, PainOutput
from assistant.domain.settle import wording
from assistant.domain.step_inputs import StepInputs
from assistant.model.testing import ScriptedChatModel
from assistant.workflows.step_inputs import pain_inputs


def test_happy_path_returns_the_statement() -> None:
    model = ScriptedChatModel(script={"pain": GOOD["pain"]})
    out = run(build_pain_chain(model), step_inputs("pain"))
    assert out == PainOutput(statement=PAIN)
    assert_prompt_layout(model.calls[0], "pain")
    assert_json_schema_requested(model.calls[0], "pain", "PainOutput")


def test_prompt_carries_the_harm_in_plain_words_and_the_leader() -> None:
    model = ScriptedChatModel(script={"pain": GOOD["pain"]})
    run(build_pain_chain(model), step_inputs("pain"))
    user = str(model.calls[0]["messages"][1].content)
    assert (
        prompt_line(
            "pain", impact="checkout was down about 3h (14:10-17:05), about 400 orders lost, support got 60+ tickets"
        )
        in user
    )
    assert prompt_line("pain", leader="Dana") in user


def test_pain_inputs_find_the_harm_and_the_leader_without_the_intake() -> None:
    """The harm is the clauses with the most figures that are neither my act nor work already done."""
    inputs = pain_inputs("forgot to send the invoices\n12 clients paid late, $4,000 in fees\nmy boss Helen noticed",
                         TODAY, DraftOptions())  # fmt: skip
    assert (inputs.text("impact"), inputs.text("leader")) == ("12 clients paid late, $4,000 in fees", "Helen")
    assert inputs.harm == inputs.text("impact")  # the checks read the typed harm, the prompt its text
    assert (
        pain_inputs("forgot the invoices\n12 clients paid late", TODAY, DraftOptions()).text("leader") == "my manager"
    )
    assert pain_inputs(NOTES, TODAY, DraftOptions(leader="Sam")).text("leader") == "Sam"


def test_fenced_json_is_accepted() -> None:
    model = ScriptedChatModel(script={"pain": f"```json\n{json.dumps(GOOD['pain'])}\n```"})
    assert run(build_pain_chain(model), step_inputs("pain")).statement == PAIN
    assert len(model.calls) == 1


def test_placeholder_is_reasked_by_the_validator() -> None:
    bad = json.dumps({"statement": "[Name], I'm sorry that about 400 orders were lost."})
    model = ScriptedChatModel(script={"pain": [bad, GOOD["pain"]]})
    out = run(validated_chain("pain", model), step_inputs("pain"))
    assert out.statement == PAIN
    assert_reask(model.calls[1], bad, 'The text still has a placeholder. ("[Name]") Replace it with real words.')
    assert "Replace the placeholder" not in str(model.calls[1]["messages"][-1].content)  # named once, not twice


def test_gives_up_when_the_programs_regret_fails_the_checks_too() -> None:
    bad = json.dumps({"statement": "   "})
    model = ScriptedChatModel(script={"pain": bad})
    refuses_all = lambda _output, _inputs: ["Not this."]  # noqa: E731
    with pytest.raises(OutputValidationError) as info:
        run(build_pain_chain(model, max_reasks=2, extra_check=refuses_all), step_inputs("pain"))
    assert (info.value.n_attempts, info.value.last_output) == (2, bad)
    assert info.value.problems == ["The statement is empty; write it.", "Not this."]
    assert isinstance(info.value.last_parsed, PainOutput)


def test_the_programs_regret_for_the_harm_stands_in_when_every_answer_fails() -> None:
    bad = json.dumps({"statement": "   "})
    model = ScriptedChatModel(script={"pain": bad})
    out = run(build_pain_chain(model, max_reasks=2), step_inputs("pain"))
    assert len(model.calls) == 2
    assert out.statement == (
        "I'm sorry for what this caused: checkout was down about 3h (14:10-17:05), about 400 orders lost, support "
        "got 60+ tickets. I know it landed on you too, and that weighs on me."
    )


def test_a_judgement_the_notes_dont_make_is_reasked_and_then_replaced() -> None:
    invented = json.dumps(
        {"statement": "I'm sorry that about 400 orders were lost, which was a significant harm to our business."}
    )
    model = ScriptedChatModel(script={"pain": invented})
    out = run(build_pain_chain(model, max_reasks=1), step_inputs("pain"))
    assert_reask(model.calls[1], invented, 'leave out "significant", "harm", "business"')
    assert out.statement.startswith("I'm sorry for what this caused: checkout was down about 3h")


@pytest.mark.parametrize(
    ("statement", "added"),
    [
        ("I'm sorry that 14°C was too low for the doses.", ["too low"]),
        ("I'm sorry that it caused severe financial distress.", ["severe", "financial", "distress"]),
        ("I'm sorry that Patrick raised it in his skip-level.", ["his"]),  # the harm says "she ... her"
        ("I'm sorry that Noor raised it in her skip-level and said she feels invisible.", []),
        ("I'm sorry that the penalty was significant.", []),  # the notes' own word
        ("I'm sorry that Fatima, my skip-level, is upset.", ["upset", "my skip"]),
        ("I'm sorry that 12 claims turned out to be fraudulent.", ["fraudulent"]),  # the notes: "personal charges"
        ("I'm sorry that it was a costly, embarrassing breach.", ["costly", "embarrassing"]),  # "breach": the notes'
    ],
)
def test_what_the_sentence_adds_to_the_notes_is_named(statement: str, added: list[str]) -> None:
    harm = "she raised it in her skip-level w/ Patrick, said she feels invisible"
    notes = f"cancelled the 1:1s\n{harm}\na significant penalty\n14°C at 7am\na possible breach notice"
    assert added_to_harm(statement, harm, notes) == added


def test_an_unfinished_last_sentence_is_trimmed() -> None:
    from assistant.domain.text_checks import finish_sentences

    assert finish_sentences("I'm sorry about Friday. I will be working a") == "I'm sorry about Friday."
    assert finish_sentences("I'm sorry about Friday.") == "I'm sorry about Friday."


def test_only_the_models_sentence_of_regret_is_kept() -> None:
    assert regret_sentence(
        "I'm sorry that 1.2M rows were lost. It cost you a lot of time. Sorry for any inconvenience."
    ) == ("I'm sorry that 1.2M rows were lost.")
    # a first sentence too short to name the harm keeps the next one
    assert regret_sentence("I am sorry. 400 orders were lost. It was bad.") == "I am sorry. 400 orders were lost."


def test_the_program_adds_the_line_about_the_leader_in_the_notes_language() -> None:
    english = with_landed(
        PainOutput(statement="I'm sorry that 400 orders were lost."), StepInputs(notes=NOTES, today=TODAY)
    )
    assert english.statement == f"I'm sorry that 400 orders were lost. {wording(None).landed}"
    german_notes = (
        "hab die tourenplanung mit der alten liste hochgeladen, die war nicht aktuell und ich habe sie nicht geprüft"
    )
    german = with_landed(
        PainOutput(statement="Es tut mir leid, dass 23 Stopps falsch waren."),
        StepInputs(notes=german_notes, today=TODAY),
    )
    assert german.statement.endswith(wording("German").landed)
    assert with_landed(english, StepInputs(notes=NOTES, today=TODAY)) == english  # never twice


def test_a_cost_the_model_adds_on_its_own_is_cut_but_a_harm_with_figures_stays() -> None:
    added = "I'm sorry that 90 applicants got someone else's decision, which caused extra work for my leader."
    assert regret_sentence(added) == "I'm sorry that 90 applicants got someone else's decision."
    harm = "I'm sorry that the belt tore, causing 2,600 parcels to miss the trucks."
    assert regret_sentence(harm) == harm


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "I'm sorry that we paid a €4,300 penalty, and the tax portal was down but I'd have been late anyway.",
            "I'm sorry that we paid a €4,300 penalty, and the tax portal was down.",
        ),
        (
            "I'm sorry that Noor feels invisible, and I left her 2 messages unanswered, and I booked 90 minutes.",
            "I'm sorry that Noor feels invisible.",
        ),
        (
            "I'm sorry that €96k ARR is at risk, and that the CRM reminder never fired, and that I called her.",
            "I'm sorry that €96k ARR is at risk.",
        ),
        ("I'm sorry that 400 orders were lost and support got 60+ tickets.", None),  # "and" alone stays
    ],
)
def test_the_regret_ends_with_the_harm(text: str, kept: str | None) -> None:
    assert regret_sentence(text) == (kept or text)


def test_a_regret_that_runs_on_gives_way_to_the_programs_regret_for_the_harm() -> None:
    inputs = step_inputs("pain")
    pasted = "I'm sorry that " + ", and ".join(["I forgot to book the accrual and closed the month without it"] * 4)
    out = with_landed(PainOutput(statement=pasted + "."), inputs)
    harm = "checkout was down about 3h (14:10-17:05), about 400 orders lost, support got 60+ tickets"
    assert out.statement == f"{wording(None).sorry.format(harm=harm)} {wording(None).landed}"
    short = with_landed(PainOutput(statement="I'm sorry that about 400 orders were lost."), inputs)
    assert short.statement.startswith("I'm sorry that about 400 orders were lost.")


def test_a_regret_without_the_harms_figures_is_asked_again_then_gives_way_to_the_programs() -> None:
    vague = json.dumps({"statement": "I'm sorry that checkout went down and orders were lost."})
    model = ScriptedChatModel(script={"pain": [vague, GOOD["pain"]]})
    out = run(build_pain_chain(model), step_inputs("pain"))
    assert out.statement.startswith(GOOD["pain"]["statement"])
    assert_reask(model.calls[1], vague, "Keep the figures of the harm", "3h", "400", "60+")
    harm = "checkout was down about 3h (14:10-17:05), about 400 orders lost, support got 60+ tickets"
    kept = with_landed(
        PainOutput(statement="I'm sorry that checkout went down and orders were lost."), step_inputs("pain")
    )
    assert kept.statement == f"{wording(None).sorry.format(harm=harm)} {wording(None).landed}"
