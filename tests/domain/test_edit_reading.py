"""What the program reads in a refine request by itself: tone, length and channel cues, dates stated in full, and
what Regain cannot do."""

from __future__ import annotations

import datetime as dt

import pytest
from chain_support import sample_draft

from assistant.domain.edit_reading import cannot_do, needs_model, read_channel, read_edits, read_length, read_tone
from assistant.domain.edit_types import (
    AddAction,
    AddFact,
    DropAction,
    RewordAction,
    SetChannel,
    SetDate,
    SetLength,
    SetMeasure,
    SetOwner,
    SetTone,
    ShiftDates,
)
from assistant.domain.schema import Draft, DraftOptions


def _draft(channel: str = "email", tone: str = "neutral") -> Draft:
    """Two actions (the CI gate, due 4 Dec; the checklist, due 11 Dec), check-ins on 7 and 14 Dec."""
    return sample_draft(options=DraftOptions(channel=channel, tone=tone))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("request_text", "tone"),
    [
        ("it comes across as really stiff, like I'm reading from a script", "warm"),
        ("can it sound more human? she has been very patient with me", "warm"),
        ("too blunt for my taste", "warm"),  # what it finds wrong: the other way
        ("this will be read by the leadership team, so please polish it", "formal"),
        ("way too chatty for something about lost orders", "formal"),
        ("stop beating around the bush, just say what happened", "direct"),
        ("be blunt", "direct"),
        ("es suena muy frío", "warm"),
        ("make it warmer but also more formal", None),  # two tones: not read
        ("move the dates a week later", None),
    ],
)
def test_a_tone_in_the_users_own_words(request_text: str, tone: str | None) -> None:
    assert read_tone(request_text) == tone


def test_the_current_tone_is_not_the_one_asked_for_when_another_is() -> None:
    assert read_tone("less formal, more personal please", current="formal") == "warm"


@pytest.mark.parametrize(
    ("request_text", "length"),
    [
        ("nobody reads a wall of text like this", "shorter"),
        ("can you condense it a bit", "shorter"),
        ("it's too short for what happened, add some detail", "longer"),
        ("the checklist will take longer than planned, another week", None),  # time, not length
        ("shorter and longer", None),
    ],
)
def test_a_length_in_the_users_own_words(request_text: str, length: str | None) -> None:
    assert read_length(request_text) == length


@pytest.mark.parametrize(
    ("request_text", "channel", "current"),
    [
        ("we only talk on Teams these days", "chat", "email"),
        ("I'll bring it up face to face on Monday, just give me something to glance at", "talking_points", "email"),
        ("he doesn't read his emails anymore, send it over chat", "chat", "email"),
        ("as an email please, not a chat", "email", "chat"),
        ("can you make it warmer", None, "email"),
    ],
)
def test_a_channel_in_the_users_own_words(request_text: str, channel: str | None, current: str) -> None:
    assert read_channel(request_text, current) == channel


def test_date_edits_stated_in_full_are_read_with_what_they_move() -> None:
    draft = _draft()
    assert read_edits("the checklist needs a few more days, say 4 more days", draft) == [
        ShiftDates(target="action", action=2, amount=4, unit="days")
    ]
    assert read_edits("push all the deadlines out by two weeks", draft) == [
        ShiftDates(target="plan", amount=2, unit="weeks")
    ]
    # a clause that keeps one action where it is names nothing
    assert read_edits("The gate stays where it is, but the checklist slips a week.", draft) == [
        ShiftDates(target="action", action=2, amount=1, unit="weeks")
    ]
    assert read_edits("our check-ins should be three days later", draft) == [
        ShiftDates(target="checkins", amount=3, unit="days")
    ]
    assert read_edits("the checklist by 16/12 please", draft) == [
        SetDate(target="action", number=2, date=dt.date(2026, 12, 16))
    ]
    # the check-ins on another weekday of their weeks
    assert read_edits("Mondays are bad for me; could our check-ins be on the Thursday of those weeks?", draft) == [
        SetDate(target="checkin", number=1, date=dt.date(2026, 12, 10)),
        SetDate(target="checkin", number=2, date=dt.date(2026, 12, 17)),
    ]
    assert read_edits("move it a bit", draft) == []  # how far, and of what: not said


def test_every_kind_read_in_one_request_and_the_draft_options_left_alone() -> None:
    draft = _draft(channel="chat", tone="warm")
    assert read_edits("a bit more human and way shorter, she'll read it in Slack", draft) == [
        SetLength(length="shorter")  # warm and chat already
    ]
    assert (
        read_edits("less stiff and put it in an email", _draft())
        == [SetTone(tone="warm")]  # the draft is an email already
    )


def test_what_regain_cannot_do_is_said_with_what_to_do_instead() -> None:
    said = cannot_do("looks fine, can you send it to her tomorrow at 8?")
    assert said is not None and "copy it" in said
    assert cannot_do("schedule this to go out on Monday") is not None
    assert cannot_do("Dana will forward this to the VP, make it formal") is None  # someone else forwards it
    # the clause that asks to send is not read for a tone ("the VP")
    assert read_edits("Fax this to the VP tonight.", _draft()) == []


def test_dropping_or_handing_over_the_one_action_named() -> None:
    draft = _draft()
    assert read_edits("we can get rid of the checklist, nobody would read it", draft) == [DropAction(number=2)]
    assert read_edits("Amara offered to build the CI gate, she knows the pipeline", draft) == [
        SetOwner(number=1, owner="Amara")
    ]
    assert read_edits("give the CI gate to someone else", draft) == []  # to whom: not said
    assert read_edits("drop the second paragraph", draft) == []  # no action named


def test_requests_only_the_model_can_do_are_left_to_it() -> None:
    draft = _draft()
    assert needs_model("make it warmer and change how we measure the checklist")
    assert needs_model("add that I called the merchants")
    assert needs_model("Amara will take the gate")  # the owner read, but not which action: the model's
    read = read_edits("Amara offered to build the CI gate", draft)
    assert read and not needs_model("Amara offered to build the CI gate", read)
    assert not needs_model("it reads like a form letter")


def test_hints_of_a_tone_or_channel_are_not_read_in_a_request_that_states_a_fact() -> None:
    draft = _draft()
    assert read_edits("Dana will show it to the leadership team, it has to hold up there", draft) == [
        SetTone(tone="formal")
    ]
    assert read_edits("add that the VP thanked support in person", draft) == []  # a fact, for the model
    assert read_tone("my director reads this") is None  # not "direct"
    assert read_tone("I'll send it as a direct message") is None
    assert read_tone("it was human error, make it warmer") == "warm"


def test_a_weekday_an_ordinal_check_in_and_a_date_already_in_the_draft() -> None:
    draft = _draft()  # today 2026-11-27, a Friday
    assert read_edits("the checklist is quick, make it due next Tuesday", draft) == [
        SetDate(target="action", number=2, date=dt.date(2026, 12, 1))
    ]
    # the date the checklist is due now is not the one asked for
    assert read_edits("the checklist won't make the 11th; say 15/12 for it", draft) == [
        SetDate(target="action", number=2, date=dt.date(2026, 12, 15))
    ]
    assert read_edits("I'm away on the 14th, can the second check in be the day before", draft) == [
        SetDate(target="checkin", number=2, date=dt.date(2026, 12, 13))
    ]
    # a new action's date belongs to the new action: for the model
    assert read_edits("one more thing for the plan: a checklist review with QA by the 18th", draft) == []
    assert needs_model("one more thing for the plan: a checklist review with QA by the 18th")


def test_the_user_sending_it_themselves_is_a_channel_not_a_request_to_send() -> None:
    assert cannot_do("I'll send this to her over Teams rather than by email.") is None
    assert read_edits("I'll send this to her over Teams rather than by email.", _draft()) == [
        SetChannel(channel="chat")
    ]
    assert cannot_do("send this to her over Teams") is not None


def test_an_action_named_by_its_due_date_or_acronym_and_a_check_in_by_its_weekday() -> None:
    draft = _draft()  # the gate due 4 Dec, the checklist due 11 Dec; check-ins 7 and 14 Dec
    assert read_edits("the second one won't be done by the 11th. Make that one December 18.", draft) == [
        SetDate(target="action", number=2, date=dt.date(2026, 12, 18))
    ]
    assert read_edits("¿Me cambias la fecha de CI al miércoles 9 de diciembre?", draft) == [
        SetDate(target="action", number=1, date=dt.date(2026, 12, 9))
    ]
    assert read_edits("she's out monday the 7th, could the first check in be on wed instead?", draft) == [
        SetDate(target="checkin", number=1, date=dt.date(2026, 12, 9))
    ]
    # two calendar dates for two actions: not read as one (and not as "next Tuesday")
    assert read_edits("the gate by Tue the 8th, and the checklist by 15/12", draft) == []


def test_a_new_measure_given_in_so_many_words() -> None:
    draft = _draft()
    request = "For the CI gate, the measure should be: a test deploy without a green staging run is blocked."
    assert read_edits(request, draft) == [
        SetMeasure(number=1, measure="A test deploy without a green staging run is blocked")
    ]
    assert not needs_model(request, read_edits(request, draft))
    assert read_edits("the measure for the checklist is too vague", draft) == []  # no new wording: the model's


def test_an_action_by_its_place_and_a_new_wording_in_so_many_words() -> None:
    draft = _draft()
    assert read_edits("the 2nd step makes no sense, just get rid of that one", draft) == [DropAction(number=2)]
    request = (
        "the first action is backwards. Change that step to something like: run the staging tests on every deploy."
    )
    assert read_edits(request, draft) == [RewordAction(number=1, action="Run the staging tests on every deploy")]
    assert not needs_model(request, read_edits(request, draft))
    request = "For the checklist, I'd rather the proof be that every deploy ticket links it."
    assert read_edits(request, draft) == [SetMeasure(number=2, measure="Every deploy ticket links it")]


def test_context_is_not_a_request() -> None:
    draft = _draft(channel="chat")
    # "her 1:1s" is when she meets people, not a wish for talking points; "instead of the monday" is the day left
    assert read_edits("she does her 1:1s on tuesdays, so the check ins on the tuesday instead of the monday each time",
                      draft) == [
        SetDate(target="checkin", number=1, date=dt.date(2026, 12, 8)),
        SetDate(target="checkin", number=2, date=dt.date(2026, 12, 15)),
    ]  # fmt: skip
    assert read_edits("Necesito tres días más para cada una de las acciones", draft) == [
        ShiftDates(target="plan", amount=3, unit="days")
    ]


def test_context_in_a_request_moves_nothing() -> None:
    draft = _draft()
    # "on Monday" is when something happened, "a short training" is no length, "everything … check-ins too" the plan
    assert read_edits("all the lost orders were refunded on Monday, the checklist should say so", draft) == []
    assert read_edits("I want to run a short training on the checklist", draft) == []
    assert read_edits("can u push everything out by a week? check-ins too obviously", draft) == [
        ShiftDates(target="plan", amount=1, unit="weeks")
    ]
    # the leader's name is no action's word: "Dana" is not the action that mentions her
    with_leader = draft.model_copy(
        update={"facts": draft.facts.model_copy(update={"leader_name": "Dana"}),
                "plan": [draft.plan[0], draft.plan[1].model_copy(update={"action": "Tell Dana about the checklist"})]}
    )  # fmt: skip
    assert read_edits("Dana hates hedging. The CI gate needs until 2026-12-09.", with_leader) == [
        SetTone(tone="direct"),
        SetDate(target="action", number=1, date=dt.date(2026, 12, 9)),
    ]
    assert read_edits("step 2 is pointless, swap it for a review of every deploy script", draft) == [
        RewordAction(number=2, action="A review of every deploy script")
    ]


def test_a_new_action_given_with_its_measure() -> None:
    draft = _draft()
    request = "one more step for the plan: a config review with QA by Dec 18, done when every change has a reviewer"
    read = read_edits(request, draft)
    assert read == [
        AddAction(action="A config review with QA", measure="Every change has a reviewer", due=dt.date(2026, 12, 18))
    ]
    assert not needs_model(request, read)
    assert read_edits("one more thing for the plan: a training for the team by the 18th", draft) == []  # no measure


# --- from blind set 8's failures (bench/refine_set/heldout8.yaml; the sentences here are written for the tests) ---


def test_a_weekday_that_begins_like_a_month_is_not_the_month() -> None:
    read = read_edits("J'ai besoin de plus de temps pour la checklist : mets-la au mardi 15 décembre.", _draft())
    assert read == [SetDate(target="action", number=2, date=dt.date(2026, 12, 15))]


def test_every_date_with_the_check_ins_included_moves_the_plan() -> None:
    assert read_edits("Shift every date out by a week, check-ins included.", _draft()) == [
        ShiftDates(target="plan", amount=1, unit="weeks")
    ]
    assert read_edits("Move the check-ins a week later.", _draft()) == [
        ShiftDates(target="checkins", amount=1, unit="weeks")
    ]


def test_what_an_edit_covers_and_my_own_are_no_work_for_the_model() -> None:
    request = "For the checklist, the measure should be: every deadline I own, the NL ones included, is in the tracker."
    read = read_edits(request, _draft())
    assert read == [SetMeasure(number=2, measure="Every deadline I own, the NL ones included, is in the tracker")]
    assert not needs_model(request, read)
    assert needs_model("please include that I called the three biggest customers", [])
    assert needs_model("Priya owns the checklist now", [])


@pytest.mark.parametrize(
    "request_text",
    [
        "I'll call Dana instead, can you make it a few points I can go through on the phone?",
        "she picks up faster than she reads slack, so give me something for a phone call",
    ],
)
def test_a_call_is_talking_points(request_text: str) -> None:
    assert read_edits(request_text, _draft()) == [SetChannel(channel="talking_points")]


def test_a_name_inside_a_sentence_counts_before_a_word_that_opens_one() -> None:
    request = "El checklist lo va a escribir Lucía, que conoce el proceso. Ponla como responsable de ese paso."
    assert read_edits(request, _draft()) == [SetOwner(number=2, owner="Lucía")]


def test_the_action_dropped_is_the_one_named_where_the_drop_is_asked() -> None:
    request = "the checklist is overkill now, the ci gate already blocks those deploys. get rid of it"
    assert read_edits(request, _draft()) == [DropAction(number=2)]


def test_a_new_action_with_its_proof_and_a_weekday_due() -> None:
    request = (
        "Add a step to the plan: walk support through the blocked-deploy alert with a dry run. Due Wednesday. "
        "Proof: support's on-call acknowledges a test alert within ten minutes."
    )
    assert read_edits(request, _draft()) == [
        AddAction(
            action="Walk support through the blocked-deploy alert with a dry run",
            measure="Support's on-call acknowledges a test alert within ten minutes",
            due=dt.date(2026, 12, 2),
        )
    ]
    unread = "Add a step to the plan: walk support through the alert. The proof should be that the checklist is used."
    assert read_edits(unread, _draft()) == []  # a new action without a measure the program reads: not a measure change


# --- from set 9's failures (bench/refine_set/heldout9.yaml, read after its one blind run) ---


def test_a_new_action_said_as_what_i_will_do_with_when_it_counts_as_done() -> None:
    request = (
        "Add one more step: I'll walk support through the new alert by Wednesday 9 December, and it counts as done "
        "when the on-call acknowledges a test page."
    )
    read = read_edits(request, _draft())
    assert read == [
        AddAction(
            action="Walk support through the new alert",
            measure="The on-call acknowledges a test page",
            due=dt.date(2026, 12, 9),
        )
    ]
    assert not needs_model(request, read)  # "owner" or "measure" words inside the new action ask nothing more


def test_check_ins_on_the_days_the_actions_are_due() -> None:
    request = (
        "Instead of the Monday after, could I report back on the day each step is due? Due dates stay as they are."
    )
    assert read_edits(request, _draft()) == [
        SetDate(target="checkin", number=1, date=dt.date(2026, 12, 4)),
        SetDate(target="checkin", number=2, date=dt.date(2026, 12, 11)),
    ]


def test_scratch_and_both_plan_steps_and_less_chatty() -> None:
    assert read_edits("Scratch the checklist step, the gate covers it.", _draft()) == [DropAction(number=2)]
    assert read_edits("The gate slips, so move both plan steps, and the check-ins, a week later.", _draft()) == [
        ShiftDates(target="plan", amount=1, unit="weeks")
    ]
    assert read_edits("Less chatty, more businesslike please.", _draft()) == [SetTone(tone="formal")]


def test_a_rewording_said_as_what_i_will_actually_do() -> None:
    request = (
        'Step 2 is just "write a checklist", which sounds thin. '
        "What I'll actually do is add the checklist to the deploy tool."
    )
    read = read_edits(request, _draft())
    assert read == [RewordAction(number=2, action="Add the checklist to the deploy tool")]
    assert not needs_model(request, read)  # the quoted old wording ("write …") asks nothing


def test_a_fact_given_after_a_colon_is_added_and_its_dates_are_not_read() -> None:
    request = "Worth putting in: support refunded all 400 orders on Monday and no customer complained."
    read = read_edits(request, _draft())
    assert read == [AddFact(fact="support refunded all 400 orders on Monday and no customer complained")]
    assert not needs_model(request, read)
    assert (
        read_edits("Ajoute une action : présenter le post-mortem vendredi.", _draft()) == []
    )  # an action, for the model


def test_italian_tone_cues() -> None:
    assert read_tone("il messaggio è troppo freddo, puoi renderlo più caloroso?") == "warm"


# --- from set 10's failures (bench/refine_set/heldout10.yaml, read after its one blind run) ---


def test_a_1_1_mentioned_as_context_is_no_channel_and_report_back_dates_are_the_check_ins() -> None:
    request = (
        "Dana moved our 1:1 to Tuesdays next month. The report-back dates should follow, one day later each. "
        "Don't touch the deadlines."
    )
    assert read_edits(request, _draft()) == [ShiftDates(target="checkins", amount=1, unit="days")]
    assert read_channel("a few bullets for our 1:1") == "talking_points"


def test_what_is_pointless_is_what_is_dropped() -> None:
    request = "honestly the checklist is pointless once the CI gate exists, the gate covers it. scrap that action"
    assert read_edits(request, _draft()) == [DropAction(number=2)]


def test_a_portuguese_new_action_with_its_proof_and_date() -> None:
    request = (
        "Quero acrescentar mais um passo: rever os alertas de deploy com o suporte, até 18/12. "
        "Como prova, o registo do teste com o alerta recebido."
    )
    assert read_edits(request, _draft()) == [
        AddAction(
            action="Rever os alertas de deploy com o suporte",
            measure="O registo do teste com o alerta recebido",
            due=dt.date(2026, 12, 18),
        )
    ]


@pytest.mark.parametrize(
    ("request_text", "amount"),
    [
        ("month end is eating my week, cna you push evrything back 2 weeks? the check ins to", 2),
        ("Ik ben ziek. Kun je alle datums in het plan een week later zetten? De check-ins mogen mee.", 1),
    ],
)
def test_a_typo_or_dutch_plan_wide_shift(request_text: str, amount: int) -> None:
    assert read_edits(request_text, _draft()) == [ShiftDates(target="plan", amount=amount, unit="weeks")]


def test_more_heart_and_beef_it_up() -> None:
    assert read_tone("it sounds like a robot wrote it, can it have a bit more heart") == "warm"
    assert read_length("beef it up a bit? still a chat msg tho") == "longer"


# --- from a review of this session's readings (the sentences are the reviewer's) ---


@pytest.mark.parametrize(
    ("request_text", "read"),
    [
        ("Push all the check-ins to a week later.", [ShiftDates(target="checkins", amount=1, unit="weeks")]),
        ("Move the first check-in to the 9th.", [SetDate(target="checkin", number=1, date=dt.date(2026, 12, 9))]),
        ("Priya will run the checklist, she is our Zendesk admin.", [SetOwner(number=2, owner="Priya")]),
        ("I'm going to call her after I send it, so keep it short.", [SetLength(length="shorter")]),
        ("We had a video call about it yesterday; make it warmer.", [SetTone(tone="warm")]),
        ("Mentioning the checklist in the positive paragraph is redundant.", []),
        ("Add more facts about the impact.", []),
        ("Everything looks good, thanks!", []),
    ],
)
def test_what_a_reading_must_not_take_for_an_edit(request_text: str, read: list[object]) -> None:
    assert read_edits(request_text, _draft(tone="direct")) == read


def test_a_fact_ends_where_a_request_starts() -> None:
    read = read_edits("FYI: Dana is out until the 14th, so move the first check-in to the 15th.", _draft())
    assert read == [
        SetDate(target="checkin", number=1, date=dt.date(2026, 12, 15)),
        AddFact(fact="Dana is out until the 14th"),
    ]


def test_a_new_action_whose_measure_runs_on_is_left_to_the_model() -> None:
    request = (
        "Add an action: brief support on the gate, done when support confirms it. Also push the gate a week later."
    )
    assert read_edits(request, _draft()) == []
    assert needs_model(request, [])
