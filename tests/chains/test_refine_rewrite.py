"""Refine, a section written again: the prompt, and the checks of the model's words."""

from __future__ import annotations

from chain_support import run, sample_draft
from ui_support import scripted_model

from assistant.chains.refine_rewrite import (
    build_refine_rewrite_chain,
    mended,
    objected,
    objected_dates,
    old_sentences_kept,
    rewrite_problems,
)
from assistant.domain.edit_types import RewriteOutput
from assistant.model.prompts import load_prompt
from assistant.model.testing import STEP_MARKERS
from assistant.workflows.step_inputs import rewrite_inputs

CLOSING = "I'm on it, and I'll show you the gate working by mid-December."
ASKED = (
    "the last line promises I'll show her the gate working by mid-december - I can't promise that. just say I'm on it"
)


def test_the_prompt_declares_its_variables_and_shows_the_section_the_request_and_an_example() -> None:
    prompt = load_prompt("refine_rewrite")
    assert set(prompt.variables) == {"part", "guide", "current", "request", "example", "leader"}
    assert STEP_MARKERS["refine_rewrite"] in prompt.template
    inputs = rewrite_inputs(sample_draft(positive=CLOSING), "positive", ASKED)
    assert inputs.texts["current"] == CLOSING and inputs.texts["part"] == "closing line"
    assert "supplier" in inputs.texts["example"] and "supplier" in prompt.example_words  # another case's words
    assert ASKED in inputs.notes  # the request's own facts may go in


def test_what_the_request_objects_to_is_found_in_the_old_text() -> None:
    assert objected(ASKED, CLOSING) == ["the gate working by mid"]
    quoted = 'the last line still talks about a "personal calendar check", fix that too'
    assert objected(quoted, "I'm confident the personal calendar check will catch this.") == ["personal calendar check"]
    assert objected("leave the VP out of the apology", "I'm sorry Dana had to tell the VP.") == ["vp"]
    assert objected("make it warmer", CLOSING) == []  # no objection, nothing quoted


def test_the_text_as_it_was_what_is_objected_to_or_a_question_is_asked_again() -> None:
    inputs = rewrite_inputs(sample_draft(positive=CLOSING), "positive", ASKED)
    assert rewrite_problems(RewriteOutput(text=CLOSING), inputs)[0].startswith("this is the text as it was")
    kept = rewrite_problems(
        RewriteOutput(text="I'm on it; I'll keep you posted on the gate working by mid-December."), inputs
    )
    assert kept == [
        "it still says 'the gate working by mid', which my request objects to: leave that out",
        "it still promises a date ('by mid-December'), which my request says I cannot promise: leave the date out",
    ]
    later = rewrite_problems(RewriteOutput(text="I'm on it; you will see the gate by the end of December."), inputs)
    assert later == [
        "it still promises a date ('by the end of December'), which my request says I cannot promise: "
        "leave the date out"
    ]
    echo = rewrite_problems(
        RewriteOutput(text="I'm on it, and I'll keep you posted as the platform team rolls it out."), inputs
    )
    assert echo == []  # a few of the request's words are no copy of it
    copied = RewriteOutput(text="The last line promises I'll show her the gate working by mid-december.")
    assert any(p.startswith("it copies my request") for p in rewrite_problems(copied, inputs))
    assert rewrite_problems(RewriteOutput(text="Can you rewrite it?"), inputs) == [
        "it asks a question: write only the new text"
    ]
    assert rewrite_problems(RewriteOutput(text="I'm on it, and I'll keep you posted at each check-in."), inputs) == []


def test_the_answer_is_parsed_and_asked_again_when_it_is_the_old_text() -> None:
    asked = "the last line sounds flat, rewrite it so it says I'm on it and will keep her posted"
    inputs = rewrite_inputs(sample_draft(positive=CLOSING), "positive", asked)
    model = scripted_model(refine_rewrite=[{"text": CLOSING}, {"text": "I'm on it, and I'll keep you posted."}])
    out = run(build_refine_rewrite_chain(model, max_reasks=1), inputs)
    assert out == RewriteOutput(text="I'm on it, and I'll keep you posted.")
    assert len(model.calls_for("refine_rewrite")) == 2


def test_a_date_the_request_wants_gone_is_left_out_of_the_old_text_given_back() -> None:
    inputs = rewrite_inputs(sample_draft(positive=CLOSING), "positive", ASKED)
    model = scripted_model(refine_rewrite=[{"text": CLOSING}])
    out = run(build_refine_rewrite_chain(model, max_reasks=1), inputs)
    assert out == RewriteOutput(text="I'm on it, and I'll show you the gate working.")
    assert len(model.calls_for("refine_rewrite")) == 1
    # a date the request does not object to stays
    assert objected_dates("the last line is flat, make it warmer", CLOSING) == []


def test_a_sentence_that_copies_the_request_is_left_out_when_another_is_left() -> None:
    asked = "The ownership says it was my decision. Rewrite it so I own the real failure. Not an excuse."
    inputs = rewrite_inputs(sample_draft(), "ownership", asked)
    answer = RewriteOutput(text="I kept the gate off my list, so nobody ran it. Rewrite it so I own the real failure.")
    assert mended(answer, inputs) == RewriteOutput(text="I kept the gate off my list, so nobody ran it.")


def test_the_facts_the_request_states_may_be_repeated_but_not_what_it_asks() -> None:
    asked = (
        "The apology is all numbers. What I actually feel bad about is that Priya lost her whole Saturday on calls "
        "with the merchants. Can you rewrite the sorry part around that?"
    )
    inputs = rewrite_inputs(sample_draft(), "pain", asked)
    kept = RewriteOutput(text="I'm sorry that Priya lost her whole Saturday on calls with the merchants because of me.")
    assert rewrite_problems(kept, inputs) == []
    said_in_the_ask = rewrite_inputs(
        sample_draft(),
        "pain",
        "Rewrite the sorry part so it says I'm sorry the merchants lost about 400 orders on Friday.",
    )
    repeated = RewriteOutput(text="I'm sorry the merchants lost about 400 orders on Friday, and that it landed on you.")
    assert rewrite_problems(repeated, said_in_the_ask) == []  # the facts inside the asking sentence are no copy
    echoed = RewriteOutput(text="The apology is all numbers. I'm sorry that Priya lost her Saturday.")
    assert rewrite_problems(echoed, inputs) == [
        "it copies my request ('the apology is all numbers'): write the new text itself"
    ]


def test_the_leader_is_you_in_the_new_text() -> None:
    draft = sample_draft()
    name = draft.facts.leader_name
    assert name
    inputs = rewrite_inputs(draft, "pain", "the apology should be about the weekend she lost. rewrite it")
    assert name in inputs.texts["leader"]
    third = RewriteOutput(text=f"I'm sorry that {name} lost her weekend because of me.")
    assert rewrite_problems(third, inputs) == [
        f'it speaks of {name} as someone else, but it is written to {name}: say "you"'
    ]
    assert rewrite_problems(RewriteOutput(text="I'm sorry that you lost your weekend because of me."), inputs) == []


def test_the_leader_named_in_the_third_person_is_turned_to_you_without_asking_again() -> None:
    draft = sample_draft()
    name = draft.facts.leader_name
    inputs = rewrite_inputs(draft, "pain", "the apology should be about the weekend she lost. rewrite it")
    model = scripted_model(refine_rewrite=[{"text": f"I'm sorry that {name} lost her weekend because of me."}])
    out = run(build_refine_rewrite_chain(model, max_reasks=1), inputs)
    assert out == RewriteOutput(text="I'm sorry that you lost your weekend because of me.")
    assert len(model.calls_for("refine_rewrite")) == 1


def test_the_example_copied_is_asked_again() -> None:
    inputs = rewrite_inputs(sample_draft(), "lessons", "the lesson is off: nobody else knew the date. rewrite it")
    copied = RewriteOutput(
        text="Care was never the problem: the release date only lived on my phone, so nobody else could see it."
    )
    assert "You copied the example for another case: write about my case" in rewrite_problems(copied, inputs)
    mine = rewrite_inputs(
        sample_draft(), "lessons", "the lesson is off: the date lived with me, so nobody else could see it"
    )
    said = RewriteOutput(text="The date lived with me, so nobody else could see it; now it goes in the team calendar.")
    assert rewrite_problems(said, mine) == []  # "so nobody else could see it" is the user's words too


def test_the_examples_run_of_my_own_words_is_no_copy() -> None:
    inputs = rewrite_inputs(
        sample_draft(),
        "lessons",
        "The lesson is off. The date only lived in my head, so when I was out nobody else "
        "could see it. Rewrite the lesson around that.",
    )
    merged = RewriteOutput(
        text="The date only lived in my head, so nobody else could see it; it goes on the board now."
    )
    assert rewrite_problems(merged, inputs) == []  # "so nobody else could see it": every word is the user's


def test_an_old_sentence_kept_when_the_request_says_the_old_text_is_wrong_is_left_out() -> None:
    draft = sample_draft()
    old = draft.lessons[0]
    asked = "The lesson is off: testing was never the problem, the date lived only in my head. Rewrite it around that."
    inputs = rewrite_inputs(draft, "lessons", asked)
    assert inputs.texts["current"].startswith(old[:20])
    kept = old.split(", so ")[-1].rstrip(".")
    answer = RewriteOutput(
        text=f"The date lived only in my head, so now it goes on the team board. {kept[:1].upper()}{kept[1:]}."
    )
    assert old_sentences_kept(answer, inputs) == [f"{kept[:1].upper()}{kept[1:]}."]
    assert mended(answer, inputs) == RewriteOutput(
        text="The date lived only in my head, so now it goes on the team board."
    )
    # a request that objects to one quoted phrase keeps the rest of the old text
    quoted = rewrite_inputs(draft, "lessons", f'"{old[:30]}" is off. Rewrite the lesson.')
    assert old_sentences_kept(answer, quoted) == []


def test_an_answer_that_copies_the_example_is_asked_again_without_the_example() -> None:
    inputs = rewrite_inputs(sample_draft(), "lessons", "the lesson is off: nobody else knew the date. rewrite it")
    copied = "Care was never the problem: the release date only lived on my phone, so nobody else could see it."
    mine = "The release date lived only with me; now it goes on the team calendar the day it is set."
    model = scripted_model(refine_rewrite=[{"text": copied}, {"text": mine}])
    out = run(build_refine_rewrite_chain(model, max_reasks=1), inputs)
    assert out == RewriteOutput(text=mine)
    first, second = (" ".join(str(m.content) for m in c["messages"]) for c in model.calls_for("refine_rewrite"))
    assert "Example for another case" in first and "Example for another case" not in second
