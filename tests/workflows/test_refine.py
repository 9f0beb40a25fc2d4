"""The refine workflow: plain requests without a model, others as the model's edits; an honest reply."""

from __future__ import annotations

import asyncio
import datetime as dt
import time

import pytest
from refine_support import FACT_ANSWER, POSITIVE
from ui_support import NOTES, TODAY, scripted_model

from assistant.chains.refine import ADDED_MARKER
from assistant.domain.errors import InputError, OutputValidationError
from assistant.domain.schema import Draft
from assistant.validator.checks import validate_draft
from assistant.workflows.draft import Pipeline, adraft
from assistant.workflows.refine import arefine, refine_plainly


@pytest.fixture(scope="module")
def draft() -> Draft:
    return asyncio.run(adraft(NOTES, Pipeline(scripted_model()), today=TODAY))


def test_a_plain_request_moves_the_dates_without_the_model(draft: Draft) -> None:
    model = scripted_model()
    start = time.perf_counter()
    result = asyncio.run(arefine(draft, "Move every due date one week later.", Pipeline(model)))
    assert time.perf_counter() - start < 1
    assert model.calls == []
    assert [a.due.isoformat() for a in result.draft.plan] == ["2026-12-11", "2026-12-18"]
    assert [c.date.isoformat() for c in result.draft.report_back] == ["2026-12-14", "2026-12-21"]
    assert "(by Fri 18 Dec)" in result.draft.message.body
    assert result.changed and not result.used_model
    assert result.reply == "Moved every due date one week later; the check-ins follow."
    assert result.draft.findings == validate_draft(result.draft).findings
    assert result.edits_json() == [
        {"op": "shift_dates", "target": "plan", "action": None, "amount": 1, "unit": "weeks",
         "done": "moved every due date one week later; the check-ins follow"}
    ]  # fmt: skip


@pytest.mark.parametrize(
    "request_",
    [
        "Move the plan one week later but leave the check-ins where they are.",
        "¿Puedes mover las fechas del plan una semana más tarde? Los check-ins déjalos como están.",
        "Puoi spostare le scadenze del piano di una settimana più avanti? I check-in lasciali come sono.",
    ],
)
def test_the_plan_moves_and_the_check_ins_stay_when_the_request_keeps_them(draft: Draft, request_: str) -> None:
    model = scripted_model()
    result = asyncio.run(arefine(draft, request_, Pipeline(model)))
    assert model.calls == []
    assert [a.due.isoformat() for a in result.draft.plan] == ["2026-12-11", "2026-12-18"]
    assert result.draft.report_back == draft.report_back
    assert result.reply == "Moved every due date one week later; the check-ins keep their dates."


def test_other_requests_are_the_models_edits_applied_by_the_program(draft: Draft) -> None:
    model = scripted_model(refine_edits=FACT_ANSWER)
    request = "add that I already told the support team, and say so in the closing"
    result = asyncio.run(arefine(draft, request, Pipeline(model)))
    assert len(model.calls_for("refine_edits")) == 1 and result.used_model
    assert result.added_facts == ["I already told the support team"]
    assert result.draft.notes == f"{draft.notes}\n\n{ADDED_MARKER}\n- I already told the support team"
    assert result.draft.positive == POSITIVE
    assert f"\n\n{POSITIVE}\n\n" in result.draft.message.body
    assert result.draft.findings == []  # the added fact grounds the claim
    # the same claim without the added fact is flagged: the fact is what grounds it
    ungrounded = validate_draft(result.draft.model_copy(update={"notes": draft.notes})).findings
    assert [(f.rule, f.step, f.span) for f in ungrounded] == [
        ("GND_DONE", "positive", "I've already told"),
        ("GND_DONE", "message", "I've already told"),  # the assembled message holds the positive as written
    ]
    assert result.reply == "Added to your notes: I already told the support team.\nRewrote the positive."
    assert "refine_edits" in result.draft.usage


def test_an_edit_of_a_kind_the_request_never_mentions_is_not_applied_and_the_reply_says_why(draft: Draft) -> None:
    model = scripted_model(refine_edits=FACT_ANSWER)  # the fact, and a rewrite of the positive nobody asked for
    # "keep in mind …" goes to the model ("add that …" is a fact the program reads by itself)
    result = asyncio.run(arefine(draft, "keep in mind I already told the support team", Pipeline(model)))
    assert result.added_facts == ["I already told the support team"]
    assert result.draft.positive == draft.positive
    assert result.reply == (
        "Added to your notes: I already told the support team.\n"
        "I did not rewrite the positive: your request does not mention the positive."
    )


def test_a_request_that_cannot_be_applied_says_what_was_understood_and_why(draft: Draft) -> None:
    result = asyncio.run(arefine(draft, "drop action 7", Pipeline(scripted_model())))
    assert not result.changed and result.draft is draft
    assert result.reply == (
        "I understood: drop action 7. Nothing in the draft changed, so no new version is saved.\n"
        "I did not drop action 7: the plan has actions 1 to 2, not 7."
    )


def test_the_models_not_possible_is_reported(draft: Draft) -> None:
    answer = {"understood": "Write it as a haiku.", "edits": [], "not_possible": "no edit writes a poem"}
    result = asyncio.run(arefine(draft, "rewrite it as a haiku", Pipeline(scripted_model(refine_edits=answer))))
    assert result.draft is draft
    assert result.reply == (
        "I understood: Write it as a haiku. Nothing in the draft changed, so no new version is saved.\n"
        "Not done: no edit writes a poem."
    )


def test_what_regain_cannot_do_is_said_without_the_model(draft: Draft) -> None:
    model = scripted_model()
    result = asyncio.run(arefine(draft, "looks good, schedule it to go out to her at 9 on Monday", Pipeline(model)))
    assert result.draft is draft and not result.changed and not result.used_model and not model.calls
    assert "cannot send, schedule, fax or print it" in result.reply


def test_a_request_in_the_users_own_words_is_read_without_the_model(draft: Draft) -> None:
    model = scripted_model()
    request = "she only ever reads Slack and this reads as a form letter; the checklist needs 3 more days"
    result = asyncio.run(arefine(draft, request, Pipeline(model)))
    assert not model.calls and not result.used_model
    assert (result.draft.options.channel, result.draft.options.tone) == ("chat", "warm")
    assert "checklist" in draft.plan[0].action  # the action it names by its words
    assert [a.due for a in result.draft.plan] == [draft.plan[0].due + dt.timedelta(days=3), draft.plan[1].due]


def test_empty_and_failed_requests(draft: Draft) -> None:
    with pytest.raises(InputError, match="Write what you would like to change"):
        asyncio.run(arefine(draft, "  ", Pipeline(scripted_model())))
    with pytest.raises(OutputValidationError):
        asyncio.run(arefine(draft, "rewrite it all", Pipeline(scripted_model(refine_edits="no json"), max_reasks=0)))


def test_an_answer_that_keeps_failing_is_applied_scrubbed_and_its_problems_kept(draft: Draft) -> None:
    passive = {"op": "replace_section", "section": "ownership", "text": "Mistakes were made."}
    bad = {"understood": "", "edits": [passive], "not_possible": ""}
    model = scripted_model(refine_edits=bad)
    result = asyncio.run(arefine(draft, "own it more in the ownership part", Pipeline(model, max_reasks=1)))
    assert len(model.calls_for("refine_edits")) == 2
    assert result.problems == ["The understood is empty; write it."]
    assert result.draft.ownership == "Mistakes were made."
    assert [f.rule for f in result.draft.findings] == ["OWN_FIRST_PERSON", "OWN_ACT", "OWN_PASSIVE"]
    assert result.reply.endswith("Some problems remain; see the checks beside each step.")


def test_the_last_action_and_combined_requests_need_no_model(draft: Draft) -> None:
    model = scripted_model()
    dropped = asyncio.run(arefine(draft, "drop the last action", Pipeline(model)))
    assert [a.action for a in dropped.draft.plan] == [draft.plan[0].action]
    assert dropped.reply == f"Dropped action 2 ({draft.plan[1].action})."
    both = asyncio.run(arefine(draft, "Make it shorter and warmer.", Pipeline(model)))
    assert (both.draft.options.length, both.draft.options.tone) == ("short", "warm")
    assert both.reply == "Made the message shorter.\nMade the message warm."
    assert model.calls == [] and not (dropped.used_model or both.used_model)


def test_a_channel_asked_for_in_so_many_words_is_set_and_an_unnamed_action_is_not_reworded(draft: Draft) -> None:
    import json

    rewordings = json.dumps(
        {
            "understood": "Talking points for the 1:1.",
            "edits": [{"op": "reword_action", "number": 1, "action": "I will add a CI gate (by Fri 4 Dec)"}],
            "not_possible": "",
        }
    )
    model = scripted_model(refine_edits=rewordings)
    request = "I'd rather say this to Dana in our 1:1, give me talking points instead of an email, reworded a bit."
    result = asyncio.run(arefine(draft, request, Pipeline(model)))
    assert result.draft.options.channel == "talking_points"
    assert [a.action for a in result.draft.plan] == [a.action for a in draft.plan]
    assert "your request does not name an action to reword" in result.reply


def test_two_edits_the_program_settles_into_one_are_applied_once(draft: Draft) -> None:
    import json

    twice = {"op": "shift_dates", "target": "plan", "amount": -2, "unit": "days"}
    answer = json.dumps({"understood": "Earlier.", "edits": [twice, {**twice, "amount": 2}], "not_possible": ""})
    request = "Die Checkliste schaffe ich zwei Tage früher"
    result = asyncio.run(arefine(draft, request, Pipeline(scripted_model(refine_edits=answer))))
    assert [a.due for a in result.draft.plan] == [draft.plan[0].due - dt.timedelta(days=2), draft.plan[1].due]


def test_a_tone_asked_for_in_other_words_is_set_when_the_model_only_rewrote_sections(draft: Draft) -> None:
    import json

    rewrite = {"op": "replace_section", "section": "pain", "text": "I deeply regret the outage."}
    answer = json.dumps({"understood": "More formal.", "edits": [rewrite], "not_possible": ""})
    request = "Dana will forward this to the VP, it needs to be a lot more buttoned-up and professional."
    result = asyncio.run(arefine(draft, request, Pipeline(scripted_model(refine_edits=answer))))
    assert result.draft.options.tone == "formal" and result.draft.pain == draft.pain


def test_the_check_ins_do_not_move_on_their_own_for_a_request_that_does_not_speak_of_them(draft: Draft) -> None:
    shift = {"op": "shift_dates", "target": "checkins", "amount": 1, "unit": "weeks"}
    answer = {"understood": "Push the briefing back.", "edits": [shift], "not_possible": ""}
    model = scripted_model(refine_edits=answer)
    result = asyncio.run(arefine(draft, "push the support team briefing back a week", Pipeline(model)))
    assert model.calls and not result.changed and result.draft is draft  # no briefing in this plan: nothing moves
    assert "does not mention the check-ins" in result.reply


def test_a_request_to_look_numbers_up_elsewhere_is_answered_without_the_model(draft: Draft) -> None:
    model = scripted_model()
    request = "can u pull the real error rates from grafana and drop them in"
    result = asyncio.run(arefine(draft, request, Pipeline(model)))
    assert not model.calls and not result.changed
    assert "cannot look things up in other tools" in result.reply


def test_a_fact_the_request_does_not_state_is_never_applied(draft: Draft) -> None:
    invented = {"understood": "Add it.", "edits": [{"op": "add_fact", "fact": "The training is on Friday the 18th"}],
                "not_possible": ""}  # fmt: skip
    model = scripted_model(refine_edits=invented)
    result = asyncio.run(
        arefine(draft, "say that I want to run a training for the team", Pipeline(model, max_reasks=1))
    )
    assert len(model.calls_for("refine_edits")) == 2  # asked again, and then not applied
    assert not result.changed and result.draft.notes == draft.notes


def test_an_action_is_dropped_only_when_the_request_asks_for_that(draft: Draft) -> None:
    dropped = {"understood": "Add a step.", "edits": [{"op": "drop_action", "number": 2}], "not_possible": ""}
    model = scripted_model(refine_edits=dropped)
    request = "one more thing for the plan: a required test send, so nothing can go out without it"
    result = asyncio.run(arefine(draft, request, Pipeline(model)))
    assert not result.changed and len(result.draft.plan) == len(draft.plan)
    assert "does not ask to drop an action" in result.reply


def test_a_date_edit_for_a_request_that_states_no_date_is_not_applied(draft: Draft) -> None:
    moved = {
        "understood": "Add a step.",
        "edits": [{"op": "shift_dates", "target": "plan", "action": None, "amount": -1, "unit": "weeks"}],
        "not_possible": "",
    }
    model = scripted_model(refine_edits=moved)
    request = "one more thing for the plan - a talk with the team; no fixed date yet, it depends on IT"
    result = asyncio.run(arefine(draft, request, Pipeline(model)))
    assert result.used_model and not result.changed
    assert "states no date, weekday or amount" in result.reply


def test_check_ins_kept_as_they_are_do_not_outlive_a_dropped_action(draft: Draft) -> None:
    result = asyncio.run(
        arefine(draft, "drop step 2 but keep the check-ins where they are", Pipeline(scripted_model()))
    )
    assert len(result.draft.plan) == 1
    assert result.draft.report_back != draft.report_back  # settled again from the one action left


def test_the_message_reports_back_on_the_check_ins_that_were_kept(draft: Draft) -> None:
    request = "Move the plan one week later but leave the check-ins where they are."
    result = asyncio.run(arefine(draft, request, Pipeline(scripted_model())))
    assert result.draft.report_back == draft.report_back
    for checkin in draft.report_back:  # the message says the dates the check-ins have, not those a new plan gives
        assert f"{checkin.date:%a} {checkin.date.day} {checkin.date:%b}" in result.draft.message.body


OWNED = "I pushed the payments config change without running the staging tests, and that call was mine alone."


def test_a_section_asked_to_be_written_again_gets_only_its_words_from_the_model(draft: Draft) -> None:
    model = scripted_model(refine_rewrite={"text": OWNED})
    request = "The ownership part is too bare. Say that it was the payments config change and my call alone."
    result = asyncio.run(arefine(draft, request, Pipeline(model)))
    assert result.draft.ownership == OWNED
    assert (len(model.calls_for("refine_rewrite")), model.calls_for("refine_edits")) == (1, [])
    prompt = str(model.calls_for("refine_rewrite")[0]["messages"][-1].content)
    assert draft.ownership in prompt and "my call alone" in prompt
    assert result.reply == "Rewrote the ownership." and result.used_model
    assert (result.draft.plan, result.draft.pain) == (draft.plan, draft.pain)  # nothing else changed
    assert OWNED in result.draft.message.body


def test_a_rewrite_that_keeps_failing_its_checks_goes_in_with_its_problems(draft: Draft) -> None:
    model = scripted_model(refine_rewrite={"text": "Mistakes were made."})
    result = asyncio.run(arefine(draft, "rewrite ownership", Pipeline(model, max_reasks=1)))
    assert len(model.calls_for("refine_rewrite")) == 2  # asked again once, with the validator's errors
    assert result.draft.ownership == "Mistakes were made."
    assert "OWN_PASSIVE" in [f.rule for f in result.draft.findings] and result.problems
    assert result.reply.endswith("Some problems remain; see the checks beside each step.")


def test_a_rewrite_beside_a_channel_and_a_length_said_of_the_section_only(draft: Draft) -> None:
    pain = "I'm sorry that checkout was down for three hours and that about 400 orders were lost."
    model = scripted_model(refine_rewrite={"text": pain})
    asked = "Turn it into talking points. And leave the VP out of the apology, she asked me not to bring that up."
    result = asyncio.run(arefine(draft, asked, Pipeline(model)))
    assert (result.draft.options.channel, result.draft.pain) == ("talking_points", pain)
    lessons = "I run the staging tests before every config change, whatever the day."
    model = scripted_model(refine_rewrite={"text": lessons})
    asked = "The lesson is way too long. Rewrite it as something short about what I do differently now."
    result = asyncio.run(arefine(draft, asked, Pipeline(model)))
    assert result.draft.lessons == [lessons]
    assert result.draft.options.length == draft.options.length  # "something short" is the lesson's, not the message's


MEASURE_IT = "la lista di tutti gli invii degli ultimi 30 giorni, ricontrollati contro il nuovo listino prezzi"
MEASURE_EN = "The list of every send of the last 30 days, checked again against the new price list"


def test_words_in_another_language_than_the_draft_are_read_by_the_program_and_translated_by_the_model(
    draft: Draft,
) -> None:
    model = scripted_model(refine_translate={"text": MEASURE_EN})
    request = f"Per il secondo punto cambia la misura: {MEASURE_IT}"
    assert refine_plainly(draft, request) is None  # the model is needed, for the words alone
    result = asyncio.run(arefine(draft, request, Pipeline(model)))
    assert result.draft.plan[1].measure == MEASURE_EN
    assert (len(model.calls_for("refine_translate")), model.calls_for("refine_edits")) == (1, [])
    prompt = str(model.calls_for("refine_translate")[0]["messages"][-1].content)
    assert "into English" in prompt and MEASURE_IT in prompt  # as typed, not capitalised
    assert result.draft.plan[0] == draft.plan[0] and result.used_model


def test_a_translation_that_keeps_failing_goes_in_as_the_user_wrote_it_and_says_so(draft: Draft) -> None:
    model = scripted_model(refine_translate={"text": "The list of every send."})  # the 30 left out
    request = f"Per il secondo punto cambia la misura: {MEASURE_IT}"
    result = asyncio.run(arefine(draft, request, Pipeline(model, max_reasks=1)))
    assert len(model.calls_for("refine_translate")) == 2  # asked again once
    assert result.draft.plan[1].measure == MEASURE_IT.capitalize()
    assert result.problems and "kept as you wrote them" in result.problems[0]


def test_a_date_the_program_did_not_read_goes_to_the_model_with_the_rest(draft: Draft) -> None:
    answer = {
        "understood": "Talking points, and the gate due Tuesday 1 December.",
        "edits": [
            {"op": "set_channel", "channel": "talking_points"},
            {"op": "set_date", "target": "action", "number": 1, "date": "2026-12-01"},
        ],
        "not_possible": "",
    }
    model = scripted_model(refine_edits=answer)
    request = "make it talking points, and the gate is basically done, put it down for Tue 1st"
    assert refine_plainly(draft, request) is None  # not applied without the date
    result = asyncio.run(arefine(draft, request, Pipeline(model)))
    assert len(model.calls_for("refine_edits")) == 1
    assert result.draft.options.channel == "talking_points"
    assert result.draft.plan[0].due == dt.date(2026, 12, 1)
