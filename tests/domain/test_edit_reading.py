"""What the program reads in a refine request by itself: tone, length and channel cues, facts, requests that read as
several kinds, and what Regain cannot do. Dates are in test_edit_reading_dates.py, the plan's actions in
test_edit_reading_plan.py."""

from __future__ import annotations

import datetime as dt

import pytest
from chain_support import sample_draft

from assistant.domain.edit_reading import (
    needs_model,
    read_channel,
    read_edits,
    read_length,
    read_tone,
    spelled,
)
from assistant.domain.edit_reading_cannot import cannot_do
from assistant.domain.edit_types import (
    AddAction,
    AddFact,
    DropAction,
    ReplaceSection,
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
        ("Está cheio de rodeios; deixa o tom mais direto, menos desculpas e mais factos.", "direct"),  # Portuguese
        ("make it warmer but also more formal", None),  # two tones: not read
        ("move the dates a week later", None),
    ],
)
def test_a_tone_in_the_users_own_words(request_text: str, tone: str | None) -> None:
    assert read_tone(request_text) == tone


def test_the_current_tone_is_not_the_one_asked_for_when_another_is() -> None:
    assert read_tone("less formal, more personal please", current="formal") == "warm"
    # words quoted from the draft are not read for a tone ("of the same kind" is no kinder tone)
    assert read_tone("I don't want \"my other work of the same kind\", it's too fuzzy. Make it: re-check it") is None


@pytest.mark.parametrize(
    ("request_text", "length"),
    [
        ("nobody reads a wall of text like this", "shorter"),
        ("can you condense it a bit", "shorter"),
        ("it's too short for what happened, add some detail", "longer"),
        ("the checklist will take longer than planned, another week", None),  # time, not length
        ("shorter and longer", None),
        ("Troppo lunga: accorciala, bastano poche frasi.", "shorter"),  # Italian
        ("Puoi renderlo più caloroso e anche un po' più lungo?", "longer"),
        ("Pode deixar um pouco mais longo?", "longer"),  # Portuguese
        ("Kun je het iets langer maken?", "longer"),  # Dutch
    ],
)
def test_a_length_in_the_users_own_words(request_text: str, length: str | None) -> None:
    assert read_length(request_text) == length


@pytest.mark.parametrize(
    ("request_text", "length"),
    [
        ("it's way too bare for that, make it longer and more complete", "long"),
        ("much shorter please", "short"),
        ("so wirkt es viel zu knapp", "long"),
        ("a bit longer", "longer"),
        ("un po' più lungo", "longer"),
        ("it feels too bare", "long"),  # "too bare", "troppo secco": said strongly
        ("this is a bit too curt even for slack, can you flesh it out a little", "longer"),
        ("kinda bare-bones as it is. can you flesh it out a little?", "longer"),
        ("medium length is fine for dana", None),  # a length by its name: read_length_named
    ],
)
def test_much_more_of_a_length_is_the_far_end(request_text: str, length: str) -> None:
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


def test_every_kind_read_in_one_request_and_the_draft_options_left_alone() -> None:
    draft = _draft(channel="chat", tone="warm")
    assert read_edits("a bit more human and way shorter, she'll read it in Slack", draft) == [
        SetLength(length="short")  # warm and chat already; "way shorter": short, whatever the length was
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
    for other in ("Est-ce que tu peux programmer l'envoi à Dana pour lundi 9h ?", "envíalo a Dana el lunes"):
        assert cannot_do(other) is not None  # in French, in Spanish
    assert cannot_do("instead of ~400 can u pull the exact number of lost orders from the orders db") is not None
    # the clause that asks to send is not read for a tone ("the VP")
    assert read_edits("Fax this to the VP tonight.", _draft()) == []


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
    assert read_edits("add that the VP thanked support in person", draft) == [  # a fact, and no warm tone
        AddFact(fact="the VP thanked support in person")
    ]
    assert read_tone("my director reads this") is None  # not "direct"
    assert read_tone("I'll send it as a direct message") is None
    assert read_tone("it was human error, make it warmer") == "warm"


def test_the_user_sending_it_themselves_is_a_channel_not_a_request_to_send() -> None:
    assert cannot_do("I'll send this to her over Teams rather than by email.") is None
    assert read_edits("I'll send this to her over Teams rather than by email.", _draft()) == [
        SetChannel(channel="chat")
    ]
    assert cannot_do("send this to her over Teams") is not None


def test_context_in_a_request_moves_nothing() -> None:
    draft = _draft()
    # "on Monday" is when something happened, "a short training" is no length, "everything … check-ins too" the plan
    assert read_edits("all the lost orders were refunded on Monday, the checklist should say so", draft) == []
    assert read_edits("I want to run a short training on the checklist", draft) == []
    assert read_edits("can u push everything out by a week? check-ins too obviously", draft) == [
        ShiftDates(target="plan", amount=1, unit="weeks"),
        ShiftDates(target="checkins", amount=1, unit="weeks"),  # as far, not only settled after the plan
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
        RewordAction(number=2, action="Run a review of every deploy script")  # a verb for the thing
    ]


# --- from blind set 8's failures (bench/refine_set/heldout8.yaml; the sentences here are written for the tests) ---


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


# --- from set 9's failures (bench/refine_set/heldout9.yaml, read after its one blind run) ---


def test_scratch_and_both_plan_steps_and_less_chatty() -> None:
    assert read_edits("Scratch the checklist step, the gate covers it.", _draft()) == [DropAction(number=2)]
    assert read_edits("The gate slips, so move both plan steps, and the check-ins, a week later.", _draft()) == [
        ShiftDates(target="plan", amount=1, unit="weeks"),
        ShiftDates(target="checkins", amount=1, unit="weeks"),
    ]
    assert read_edits("Less chatty, more businesslike please.", _draft()) == [SetTone(tone="formal")]


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


def test_a_new_action_whose_measure_runs_on_is_read_clause_by_clause() -> None:
    request = (
        "Add an action: brief support on the gate, done when support confirms it. Also push the gate a week later."
    )
    assert needs_model(request, [])  # read whole, the measure runs on into the next request
    read = read_edits(request, _draft())
    assert read == [
        AddAction(action="Brief support on the gate", measure="Support confirms it"),
        ShiftDates(target="action", action=1, amount=1, unit="weeks"),
    ]
    assert not needs_model(request, read)


def test_a_channel_the_request_moves_away_from_is_not_asked_for() -> None:
    request = "It needs to read more formal and professional, less like a chat message between the two of us."
    assert read_edits(request, _draft()) == [SetTone(tone="formal")]


@pytest.mark.parametrize(
    "request_text",
    [
        "Ich treffe Tomasz morgen früh persönlich und will das lieber direkt sagen als schreiben. Stichpunkte bitte?",
        "I'd rather tell him directly in person, give me bullets",
    ],
)
def test_saying_it_directly_in_person_is_a_channel_not_a_tone(request_text: str) -> None:
    assert read_edits(request_text, _draft()) == [SetChannel(channel="talking_points")]


@pytest.mark.parametrize(
    "request_text",
    [
        "Dana wants this in writing so she can forward it to the VP. Turn it into a proper email please.",
        "Renata is going to print this for the CFO's file, it feels too thin. Make it longer, with more substance.",
    ],
)
def test_who_else_will_read_it_asks_for_no_tone(request_text: str) -> None:
    """A blind set's writers asked for no new tone where a VP or a CFO only reads it (3 requests of 24)."""
    assert not any(isinstance(edit, SetTone) for edit in read_edits(request_text, _draft(channel="chat")))


def test_a_tone_asked_for_by_its_name_wins_over_what_the_request_finds_wrong() -> None:
    assert read_tone("this comes off kinda blunt.. something more neutral?", "direct") == "neutral"
    assert read_tone("reads a bit blunt. neutral please, not warm and fuzzy", "direct") == "neutral"
    assert read_tone("it reads cold and blunt", "neutral") == "warm"


def test_a_mistyped_key_word_is_read_as_meant() -> None:
    assert spelled("cn you move all the deadlnes 3 days erlier?") == "cn you move all the deadlines 3 days earlier?"
    assert (
        spelled("evrything two weeks later, the earliest we can") == "everything two weeks later, the earliest we can"
    )
    assert read_edits("pull evrything 2 days eariler pls", _draft()) == [
        ShiftDates(target="plan", amount=-2, unit="days")
    ]


def test_what_regain_cannot_do_besides_sending() -> None:
    assert "cannot attach" in (cannot_do("attach the timeline doc and cc Priya pls") or "")
    assert "book" in (cannot_do("book 15 min with Dana on Monday so I can walk her through it") or "")
    assert "look things up" in (cannot_do("check the access log and list the accounts that opened it") or "")
    assert cannot_do("get the deadlines into the tracker so they're not only in my calendar") is None
    assert cannot_do("I'll send it to her myself after lunch") is None


def test_a_number_to_look_up_is_what_regain_cannot_do() -> None:
    request = "check in our Zendesk how many customers replied and write the exact number instead of ~180"
    assert "look things up" in (cannot_do(request) or "")
    assert cannot_do("the exact number doesn't matter, keep ~180") is None


def test_cut_the_softening_is_a_tone_not_a_drop() -> None:
    request = "Turn it into talking points for our 1:1 and cut the softening, she prefers people get to the point."
    assert read_edits(request, _draft()) == [SetTone(tone="direct"), SetChannel(channel="talking_points")]
    assert spelled("make it shortr") == "make it shorter"


def test_words_that_only_look_like_a_cue() -> None:
    assert not needs_model("Puoi renderlo più diretto? Cosa è successo, cosa faccio, entro quando.", [])
    assert read_tone("Marta will think I'm padding the plan", "neutral") is None  # not "no padding"


def test_a_real_word_near_a_key_word_is_left_alone() -> None:
    assert spelled("and shorten the whole thing, more dirct") == "and shorten the whole thing, more direct"
    assert read_edits("Measure for the CI gate -> a config deploy without staging tests gets blocked", _draft()) == [
        SetMeasure(number=1, measure="A config deploy without staging tests gets blocked")
    ]


def test_set_22s_readings() -> None:
    draft = _draft()
    assert read_channel("Bitte wärmer und persönlicher formulieren.", "email") is None  # more personal: a tone
    assert read_edits("Can you turn this into a short chat message?", draft) == [
        SetLength(length="shorter"),
        SetChannel(channel="chat"),
    ]
    assert read_edits("Remove point 1 of the plan. And the checklist one I can have done on Monday.", draft) == [
        SetDate(target="action", number=2, date=dt.date(2026, 11, 30)),
        DropAction(number=1),
    ]
    request = 'Checklist item: make it due Dec 9th, and change what she\'ll see to "QA signs every config change".'
    assert read_edits(request, draft) == [
        SetDate(target="action", number=2, date=dt.date(2026, 12, 9)),
        SetMeasure(number=2, measure="QA signs every config change"),
    ]


def test_set_23s_readings() -> None:
    draft = _draft()
    request = "It's too long, so cut it down. And I can have the checklist done a day early, so make that one Thursday."
    assert read_edits(request, draft) == [
        SetLength(length="shorter"),
        ShiftDates(target="action", action=2, amount=-1, unit="days"),
    ]
    request = "can you pull the exact number of lost orders from the orders dashboard and put that in?"
    assert "look things up" in (cannot_do(request) or "")
    request = (
        "Update: support called every merchant back, please work that in. And add a step: set up an alert on "
        "checkout errors, due 2026-12-02. What Dana should be able to see: the alert firing in a test."
    )
    assert read_edits(request, draft) == [
        AddAction(
            action="Set up an alert on checkout errors", measure="The alert firing in a test", due=dt.date(2026, 12, 2)
        ),
        AddFact(fact="support called every merchant back"),
    ]


def test_set_24s_readings() -> None:
    draft = _draft()
    request = "Make it warmer. Oh and one more fact for the notes: support confirmed every refund went out yesterday."
    assert read_edits(request, draft) == [
        SetTone(tone="warm"),
        AddFact(fact="support confirmed every refund went out yesterday"),
    ]  # no "went out" read as a request to send, no drop
    request = "marco from platform is actually building the CI gate, can you put him as owener of that step"
    assert read_edits(request, draft) == [SetOwner(number=1, owner="Marco")]


def test_reminders_and_invites_are_what_regain_cannot_do() -> None:
    request = (
        "Thanks, this looks good. Can you also put a reminder in my Outlook for 5 Dec for the UK return and send "
        "Renata a 15 min invite for Monday morning so we can go over it?"
    )
    assert cannot_do(request) == (
        "Regain cannot book meetings, send invites or set reminders: put them in your calendar yourself"
    )
    assert read_edits(request, sample_draft()) == []


def test_a_hand_over_told_as_news_is_a_new_owner_not_a_fact() -> None:
    request = (
        "fyi Priya said she'll do the CI gate herself since she knows the pipeline better, so the 1st step is hers now"
    )
    edits = read_edits(request, sample_draft())
    assert edits == [SetOwner(number=1, owner="Priya")]
    assert not needs_model(request, edits)


def test_a_drop_and_a_new_measure_for_another_action_both_read() -> None:
    request = (
        'the "pre-deploy checklist" step is pointless, drop it. And for the CI gate step, change the measure to: a '
        "test deploy without passing staging tests is blocked"
    )
    edits = read_edits(request, sample_draft())
    assert edits == [
        SetMeasure(number=1, measure="A test deploy without passing staging tests is blocked"),
        DropAction(number=2),
    ]
    assert not needs_model(request, edits)


@pytest.mark.parametrize(
    ("request_", "edits"),
    [
        # "soutenue" is "supported", not the formal register
        ("Dana m'a vraiment soutenue cette semaine. Tu peux rendre le message un peu plus chaleureux ?",
         [SetTone(tone="warm")]),
        ("Kun je alle deadlines in het plan met een week uitstellen?",
         [ShiftDates(target="plan", amount=1, unit="weeks")]),
        ("El paso 1 no tiene sentido. Cámbialo por: apuntar todos los plazos en el tracker del equipo.",
         [RewordAction(number=1, action="Apuntar todos los plazos en el tracker del equipo")]),
        ("pls add to my notes: Dana asked me to walk the team through it at monday's meeting",
         [AddFact(fact="Dana asked me to walk the team through it at monday's meeting")]),
        ("Mateo wants to write the checklist himself - give it to him and make it due Wed Dec 16",
         [SetDate(target="action", number=2, date=dt.date(2026, 12, 16)), SetOwner(number=2, owner="Mateo")]),
        ("Dana hates fluff. make it more direct and less apologetic pls", [SetTone(tone="direct")]),
    ],
)  # fmt: skip
def test_more_ways_of_asking_read_without_the_model(request_: str, edits: list[object]) -> None:
    draft = sample_draft()
    read = read_edits(request_, draft)
    assert read == edits
    assert not needs_model(request_, read)


def test_a_slot_in_someones_calendar_is_what_regain_cannot_do() -> None:
    assert cannot_do("can you put 30 min in Marta's calendar for tuesday morning so we can walk through this?")
    assert cannot_do("can you look in the drive admin console and tell me if it got opened again?")


def test_an_apology_to_regain_itself_asks_nothing_of_the_draft() -> None:
    request = "Sorry, I was too optimistic with the second step. Would it be ok to make that one due 18/12 instead?"
    read = read_edits(request, sample_draft())
    assert read == [SetDate(target="action", number=2, date=dt.date(2026, 12, 18))]
    assert not needs_model(request, read)


def test_the_channel_asked_for_in_a_rewordings_words_needs_no_model() -> None:
    for request_, channel in (
        ("ok two things. Marta basically lives in Slack so make it a chat msg instead of an email.", "email"),
        ("I'd rather say this to Dana in our 1:1, give me talking points instead of an email.", "email"),
        ("Dana asked for it in writing so she can forward it. Make it an email, and give it more detail.", "chat"),
    ):
        read = read_edits(request_, sample_draft(options=DraftOptions(channel=channel)))  # type: ignore[arg-type]
        assert read and all(isinstance(e, SetChannel | SetLength) for e in read)
        assert not needs_model(request_, read)


def test_deleted_and_dont_need_till_friday_ask_to_drop_nothing() -> None:
    request = "adding that to my checklist takes 5 minutes, i dont need till friday for that. make it due wed 2 dec"
    assert read_edits(request, sample_draft()) == [SetDate(target="action", number=2, date=dt.date(2026, 12, 2))]
    request = "the auditors deleted their copies, add that pls. And give the checklist until Wednesday the 16th."
    assert not any(isinstance(e, DropAction) for e in read_edits(request, sample_draft()))


def test_an_action_quoted_with_the_leaders_name_is_named_and_herself_hands_nothing_over() -> None:
    draft = sample_draft()
    plan = [draft.plan[0], draft.plan[1].model_copy(update={"action": "Tell Dana about the lost orders myself"})]
    draft = draft.model_copy(update={"plan": plan})
    assert read_edits('Why is "tell Dana" a step?? She is the person I am writing to. Remove that one.', draft) == [
        DropAction(number=2)
    ]
    request = (
        "Step 2 makes no sense - Dana already knows, she explained it to the VP herself. Please take that step out."
    )
    assert read_edits(request, draft) == [DropAction(number=2)]


@pytest.mark.parametrize(
    ("request_", "edits"),
    [
        ("hes reading this between two calls, it needs to be way tighter. short version pls",
         [SetLength(length="shorter")]),
        ("Update for the notes please - Leilani from support has answered all of the open replies yesterday",
         [AddFact(fact="Leilani from support has answered all of the open replies yesterday")]),
        ("Please add in notes that the payment provider replayed 312 of the lost orders on Monday",
         [AddFact(fact="the payment provider replayed 312 of the lost orders on Monday")]),
        ("the checklist should be Hamid's not mine, hes their team lead", [SetOwner(number=2, owner="Hamid")]),
        ("checklist -> priya. shes on call that wk anyway", [SetOwner(number=2, owner="Priya")]),
        ("checklist -> Tue the 15th, thats when im free",
         [SetDate(target="action", number=2, date=dt.date(2026, 12, 15))]),
        ("for the checklist, change what counts as done: Sunil has reviewed it and its pinned in #payments-deploys",
         [SetMeasure(number=2, measure="Sunil has reviewed it and its pinned in #payments-deploys")]),
        ("measure on step 1 is too vague imo. change it to: a test deploy without staging tests gets blocked",
         [SetMeasure(number=1, measure="A test deploy without staging tests gets blocked")]),
    ],
)  # fmt: skip
def test_still_more_ways_of_asking_read_without_the_model(request_: str, edits: list[object]) -> None:
    read = read_edits(request_, sample_draft())
    assert read == edits
    assert not needs_model(request_, read)


def test_firing_it_off_and_copying_someone_in_are_what_regain_cannot_do() -> None:
    assert cannot_do("ok this is good. can u just fire it off to marta now, im jumping on a call")
    assert cannot_do("Quand tu l'envoies, mets notre conseiller fiscal et le CFO en copie, stp.")


@pytest.mark.parametrize(
    ("request_", "edits"),
    [
        ("Just heard back from Kenji in finance: nobody was invoiced at the old price. Please add that to the notes. "
         "And while you're at it make the whole thing more direct, Dana can't stand fluff.",
         [SetTone(tone="direct"), AddFact(fact="Kenji in finance: nobody was invoiced at the old price")]),
        ("fyi Priya caught it within 10 min because of her alert, add that to the notes. and take out 'That was my "
         "decision.' - it sounds defensive",
         [ReplaceSection(section="ownership", text="I pushed the change without running the staging tests."),
          AddFact(fact="Priya caught it within 10 min because of her alert")]),
        ("Step 2 is kind of vague. Can you make it more specific, like: write a pre-deploy checklist for every "
         "config change. Also make that one due 12/14, I'm out a couple days next week.",
         [SetDate(target="action", number=2, date=dt.date(2026, 12, 14)),
          RewordAction(number=2, action="Write a pre-deploy checklist for every config change")]),
        ("Could everything slide 3 days later? Both steps and both check-ins.",
         [ShiftDates(target="plan", amount=3, unit="days"), ShiftDates(target="checkins", amount=3, unit="days")]),
        ("Honestly the checklist takes ten minutes, I'll have it done early next week, let's say Tuesday. Leave the "
         "other step where it is.", [SetDate(target="action", number=2, date=dt.date(2026, 12, 1))]),
    ],
)  # fmt: skip
def test_requests_of_two_parts_each_read(request_: str, edits: list[object]) -> None:
    read = read_edits(request_, sample_draft())
    assert read == edits
    assert not needs_model(request_, read)


def test_an_action_quoted_to_drop_is_cut_from_no_section_and_a_wording_ends_where_the_date_stays() -> None:
    draft = sample_draft()
    request = 'the second action is "Write a pre-deploy checklist for payments config changes". Please remove it.'
    assert read_edits(request, draft) == [DropAction(number=2)]
    request = 'step 2 is too vague. please change it to: "Write a checklist for every config change". the date can stay'
    assert read_edits(request, draft) == [RewordAction(number=2, action="Write a checklist for every config change")]


def test_a_date_that_happens_to_be_another_actions_names_no_action_unless_it_is_moved_away_from() -> None:
    draft = sample_draft()  # the gate due 4 Dec, the checklist due 11 Dec
    assert read_edits("the checklist won't be done by the 11th, make it the 18th", draft) == [
        SetDate(target="action", number=2, date=dt.date(2026, 12, 18))
    ]
    assert read_edits("She has time next Friday, the 4th, so put that as the date", draft) == []


@pytest.mark.parametrize(
    ("request_text", "expected"),
    [
        # French "enlever" in any form drops the action it names
        ("Tu peux enlever la deuxième action, s'il te plaît ?", [DropAction(number=2)]),
        # Spanish: the check-ins to another weekday of the same weeks
        (
            "Dana tiene reuniones los lunes. ¿Puedes pasar los check-ins al martes de la misma semana?",
            [SetDate(target="checkin", number=1, date=dt.date(2026, 12, 8)),
             SetDate(target="checkin", number=2, date=dt.date(2026, 12, 15))],
        ),
        # a name with a note in brackets, in lower case, running the step "now, not me"
        ("lena (qa lead) is doing the checklist now, not me", [SetOwner(number=2, owner="Lena")]),
    ],
)  # fmt: skip
def test_drops_weekday_moves_and_hand_overs_said_in_passing(request_text: str, expected: list[object]) -> None:
    assert read_edits(request_text, _draft()) == expected


def test_rewrite_it_so_it_owns_that_hands_nothing_over() -> None:
    request = 'The ownership part says "my call" - it was not a call, I forgot the gate. Rewrite it so it owns that.'
    assert not [e for e in read_edits(request, _draft()) if isinstance(e, SetOwner)]


def test_a_new_third_step_is_a_new_action_with_its_date_and_what_the_leader_sees() -> None:
    request = (
        "Add a third step for me: run a config rollback drill with the on-call team, done by Friday 18 Dec. "
        "What Dana will see: the drill's notes in the runbook."
    )
    (added,) = read_edits(request, _draft())
    assert added == AddAction(
        action="Run a config rollback drill with the on-call team",
        measure="The drill's notes in the runbook",
        owner="me",
        due=dt.date(2026, 12, 18),
    )


def test_a_swapped_step_keeps_its_new_date_apart_from_its_words() -> None:
    request = "Swap the first step for this: pair with Lee on the CI gate, by Wed 9 Dec. Measure: the gate merged."
    edits = read_edits(request, _draft())
    assert SetDate(target="action", number=1, date=dt.date(2026, 12, 9)) in edits
    assert RewordAction(number=1, action="Pair with Lee on the CI gate") in edits
    assert SetMeasure(number=1, measure="The gate merged") in edits


def test_the_sentences_before_put_it_in_the_notes_are_the_fact_not_the_asking_around_them() -> None:
    request = (
        "Sorry, one more thing I forgot. Finance confirmed this morning that every lost order was refunded. "
        "Not sure it changes the message, so for now just put it in the notes."
    )
    assert read_edits(request, _draft()) == [
        AddFact(fact="Finance confirmed this morning that every lost order was refunded")
    ]
    assert not needs_model(request, read_edits(request, _draft()))


def test_a_new_wording_then_what_the_leader_will_see_as_its_measure() -> None:
    request = (
        "step 2 isnt really a step. change it to: walk the on-call team through every payments config change. "
        "what dana will see: the walkthrough notes in the runbook. same date"
    )
    assert read_edits(request, _draft()) == [
        RewordAction(number=2, action="Walk the on-call team through every payments config change"),
        SetMeasure(number=2, measure="The walkthrough notes in the runbook"),
    ]


def test_the_first_check_in_named_in_its_own_clause_beside_an_action_named_as_context() -> None:
    request = (
        "The checklist is due on the 11th and I want to see Dana before that, so make the first check-in Thu 3 Dec."
    )
    assert read_edits(request, _draft()) == [SetDate(target="checkin", number=1, date=dt.date(2026, 12, 3))]


def test_the_weekday_after_the_date_an_action_has_and_a_bit_warmer_is_a_tone() -> None:
    request = "Make it a bit warmer please. And the checklist won't be ready by the 11th, make it the Tuesday after."
    edits = read_edits(request, _draft())
    assert SetTone(tone="warm") in edits
    assert SetDate(target="action", number=2, date=dt.date(2026, 12, 15)) in edits
    assert not needs_model(request, edits)


def test_what_a_named_section_should_say_is_no_fact_for_the_notes() -> None:
    request = (
        "The ownership paragraph sounds evasive. It should say plainly that I skipped the staging tests to beat the "
        "weekend and that Priya caught it, not me."
    )
    assert not [e for e in read_edits(request, _draft()) if isinstance(e, AddFact)]
    assert needs_model(request, read_edits(request, _draft()))


def test_an_italian_third_point_with_its_owner_date_and_measure_labelled() -> None:
    request = (
        "Aggiungi un terzo punto al piano: rivedere le modifiche alle config degli ultimi tre mesi. "
        "Responsabile: Priya. Entro venerdì 18 dicembre. Misura: la lista allegata al ticket."
    )
    assert read_edits(request, _draft()) == [
        AddAction(
            action="Rivedere le modifiche alle config degli ultimi tre mesi",
            measure="La lista allegata al ticket",
            owner="Priya",
            due=dt.date(2026, 12, 18),
        )
    ]


def test_a_whole_week_is_no_every_date() -> None:
    request = "the checklist doesn't need a whole week, bring it forward by two days"
    assert read_edits(request, _draft()) == [ShiftDates(target="action", action=2, amount=-2, unit="days")]


def test_a_spanish_new_action_with_owner_date_and_what_the_leader_will_see_labelled() -> None:
    request = (
        "Añade una acción nueva: que el equipo de plataforma revise cada cambio de config de pagos. "
        "Responsable: Lena, de plataforma. Fecha: viernes 18 de diciembre. "
        "Cómo lo verá Dana: la revisión enlazada en cada ticket de despliegue."
    )
    assert read_edits(request, _draft()) == [
        AddAction(
            action="Que el equipo de plataforma revise cada cambio de config de pagos",
            measure="La revisión enlazada en cada ticket de despliegue",
            owner="Lena",
            due=dt.date(2026, 12, 18),
        )
    ]


def test_a_hand_over_and_a_date_of_the_same_action_in_two_clauses() -> None:
    request = (
        "lee (platform lead) will write the checklist himself, put him as owner. and it can be done 2 days earlier"
    )
    edits = read_edits(request, _draft())
    assert ShiftDates(target="action", action=2, amount=-2, unit="days") in edits
    assert SetOwner(number=2, owner="Lee") in edits


def test_a_closing_line_that_should_be_given_words_beside_a_date() -> None:
    request = (
        'Closing line should be: "I will show you the gate at our next check-in." Also the checklist needs a week more.'
    )
    edits = read_edits(request, _draft())
    assert ReplaceSection(section="positive", text="I will show you the gate at our next check-in.") in edits
    assert ShiftDates(target="action", action=2, amount=1, unit="weeks") in edits


def test_a_measure_that_should_be_after_a_hand_over_behind_a_colon() -> None:
    request = (
        "The checklist: Lee in platform should own that one, he writes the deploy docs. "
        "And the measure should be a link to the checklist in every payments deploy ticket."
    )
    assert read_edits(request, _draft()) == [
        SetOwner(number=2, owner="Lee"),
        SetMeasure(number=2, measure="A link to the checklist in every payments deploy ticket"),
    ]


def test_check_ins_to_a_weekday_of_the_same_week_whatever_a_word_elsewhere_seems_to_name() -> None:
    request = (
        "dana keeps tuesdays for 1:1s, mondays are her deploy syncs. can the check ins each move to the tuesday of "
        "that same week? the gate and checklist dates stay as they are"
    )
    assert read_edits(request, _draft()) == [
        SetDate(target="checkin", number=1, date=dt.date(2026, 12, 8)),
        SetDate(target="checkin", number=2, date=dt.date(2026, 12, 15)),
    ]


def test_every_due_date_to_the_monday_after_its_own() -> None:
    request = "I don't want any step due on a Friday. Move all the due dates to the Monday after."
    assert read_edits(request, _draft()) == [
        SetDate(target="action", number=1, date=dt.date(2026, 12, 7)),
        SetDate(target="action", number=2, date=dt.date(2026, 12, 14)),
    ]


def test_a_first_name_and_surname_are_one_person() -> None:
    request = "The checklist is not mine to write, Lee Okafor from platform does it. Please put him owner."
    assert read_edits(request, _draft()) == [SetOwner(number=2, owner="Lee")]


def test_a_new_action_after_pls_and_a_dash_with_someone_and_me() -> None:
    request = "new action pls - me + Ravi (ops) run a config rollback drill. due fri 18 dec. measure: the drill log"
    assert read_edits(request, _draft()) == [
        AddAction(
            action="Run a config rollback drill",
            measure="The drill log",
            owner="Ravi",
            due=dt.date(2026, 12, 18),
        )
    ]


def test_a_new_actions_owner_said_after_it_or_labelled_with_is() -> None:
    after = "Add an action: a rollback drill with the on-call team. Lee from platform and me, done by Tue 8 Dec."
    (added,) = read_edits(after, _draft())
    assert (added.owner, added.due) == ("Lee", dt.date(2026, 12, 8))
    labelled = (
        "Please add a step: run a rollback drill. Owner is Lee (platform), due Wed 16 Dec. Measure: the drill log."
    )
    (added,) = read_edits(labelled, _draft())
    assert (added.owner, added.due, added.measure) == ("Lee", dt.date(2026, 12, 16), "The drill log")


def test_a_french_new_action_with_someone_and_me_and_a_spanish_labelled_date_beside_others() -> None:
    french = (
        "Ajoute une action : Lee et moi relisons chaque config de paiement, d'ici le vendredi 18 décembre. "
        "Mesure : la revue dans le ticket."
    )
    (added,) = read_edits(french, _draft())
    assert (added.owner, added.due, added.measure) == ("Lee", dt.date(2026, 12, 18), "La revue dans le ticket")
    assert "d'ici" not in added.action
    spanish = (
        "Añade una acción: pasar los plazos (7 y 15 de diciembre) al tracker del equipo. Responsable: yo. "
        "Fecha: martes 1 de diciembre. Medida: Dana ve los plazos en el tracker."
    )
    (added,) = read_edits(spanish, _draft())
    assert added.due == dt.date(2026, 12, 1)


def test_too_short_in_german_is_longer_and_a_ticket_id_is_no_private_message() -> None:
    assert read_length("So wirkt es viel zu knapp. Kannst du die Nachricht ausführlicher machen?") == "long"
    assert read_length("So wirkt es zu knapp.") == "longer"
    assert read_channel("het verslag staat in Confluence (PM-2291)", "email") is None


def test_an_italian_date_of_the_first_step_beside_a_tone() -> None:
    request = "Rendilo più formale. E la scadenza del primo passo mettila a martedì 8 dicembre."
    assert SetDate(target="action", number=1, date=dt.date(2026, 12, 8)) in read_edits(request, _draft())


def test_a_hand_over_with_a_typo_and_keeping_the_same_date_and_measure() -> None:
    assert read_edits("lee shoud do the checklist, he knows the deploy docs", _draft()) == [
        SetOwner(number=2, owner="Lee")
    ]
    request = (
        "The checklist step is too vague. Reword it as: write a checklist for every payments config change. "
        "Keep the same date and measure."
    )
    edits = read_edits(request, _draft())
    assert edits == [RewordAction(number=2, action="Write a checklist for every payments config change")]
    assert not needs_model(request, edits)


def test_a_length_named_as_such_and_a_neutral_tone_misspelt() -> None:
    short = sample_draft(options=DraftOptions(length="short"))
    assert read_edits("bit too clipped, medium length is fine for dana", short) == [SetLength(length="medium")]
    assert read_edits("trasformalo in una email con un tono formale e lunghezza media", short)[1:] == [
        SetLength(length="medium")
    ]
    # "blunt" says what is wrong; the tone asked for by its (misspelt) name wins
    assert read_tone("this reads kinda blunt tbh. can u make the tone more nuetral? not soft") == "neutral"


def test_a_date_for_an_action_before_a_new_action_with_its_own_date() -> None:
    request = (
        "The checklist can be ready sooner, say Wednesday the 9th. Also please add a third action: a rollback "
        "drill with Priya, by Dec 18, and Dana will see it as: a rollback done in under 10 minutes."
    )
    edits = read_edits(request, _draft())
    assert SetDate(target="action", number=2, date=dt.date(2026, 12, 9)) in edits
    (added,) = [e for e in edits if isinstance(e, AddAction)]
    assert (added.due, added.measure) == (dt.date(2026, 12, 18), "A rollback done in under 10 minutes")


def test_new_words_after_change_it_to_ask_nothing_of_regain() -> None:
    assert cannot_do("change the measure to: every ticket has the screenshot attached before it goes out") is None
    assert cannot_do("two things: attach the PDF and make it warmer") is not None


def test_a_mistyped_key_word_is_spelled_right_but_a_name_a_german_noun_or_a_quote_is_not() -> None:
    assert spelled("move evrything 3 days erlier") == "move everything 3 days earlier"
    assert spelled("Tomasz sieht die Checkliste im Wiki") == "Tomasz sieht die Checkliste im Wiki"
    assert spelled('reword it to "write the checklst"') == 'reword it to "write the checklst"'
    assert spelled("Checklst step: due friday") == "checklist step: due friday"


def test_a_file_of_the_message_is_what_regain_cannot_do_and_says_what_to_do_instead() -> None:
    said = cannot_do("can u export this as a pdf on our company letterhead so I can print it for the meeting")
    assert said is not None and "PDF yourself" in said
    assert cannot_do("the measure should mention the PDF report Dana gets every Monday") is None
