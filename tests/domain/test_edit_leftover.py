"""What a refine request leaves to the model (``assistant/domain/edit_leftover.py``): what the program did not read,
and not what the request says about what it did read."""

from __future__ import annotations

import datetime as dt

from chain_support import sample_draft

from assistant.domain.edit_leftover import needs_model, unread_date, without_wordings
from assistant.domain.edit_types import AddFact, RewordAction, SetChannel, SetDate, SetMeasure, SetTone


def test_a_new_wording_read_with_the_words_that_asked_for_it_leaves_nothing() -> None:
    measure = SetMeasure(number=1, measure="A test deploy gets blocked")
    request = "measure on step 1 is too vague imo. change it to: a test deploy gets blocked"
    assert without_wordings(request, [measure]).strip() == "measure on step 1 is too vague imo."
    assert not needs_model(request, [measure])
    assert needs_model(request, [])  # read nothing: the model has it


def test_what_is_said_about_a_reading_asks_nothing_more() -> None:
    assert not needs_model("Dana hates fluff. make it more direct and less apologetic pls", [SetTone(tone="direct")])
    chat = SetChannel(channel="chat")
    assert not needs_model("Marta lives in Slack so make it a chat msg instead of an email.", [chat])
    date = SetDate(target="action", number=2, date=dt.date(2026, 12, 18))
    assert not needs_model("Sorry, I was too optimistic. Make that one due 18/12 instead? Sorry again", [date])


def test_what_was_not_read_still_goes_to_the_model() -> None:
    fact = AddFact(fact="the refunds went out on Monday")
    request = "add that the refunds went out on Monday. Also reword step 2 so it covers every config change"
    assert needs_model(request, [fact])
    assert not needs_model(
        "reword step 2: write a checklist for every config change",
        [RewordAction(number=2, action="Write a checklist for every config change")],
    )


def test_context_that_uses_a_cue_word_asks_nothing_more() -> None:
    warm = [SetTone(tone="warm")]
    # what someone did herself, or has mentioned, is context; what she will do herself is a hand-over
    assert not needs_model("She took the calls with the tax advisor herself. Make it warmer.", warm)
    assert needs_model("Priya offered to brief support herself. Make it warmer.", warm)
    assert not needs_model("Marta has mentioned she may forward this, so more formal please", [SetTone(tone="formal")])
    assert needs_model("make it warmer and mention that Marta took the calls", warm)
    # the dates that stay, a date said instead of another, a channel said in person
    checkins = [SetDate(target="checkin", number=1, date=dt.date(2026, 12, 8))]
    assert not needs_model("Make the first check-in Tuesday. The deadlines themselves stay as they are.", checkins)
    date = [SetDate(target="action", number=2, date=dt.date(2026, 12, 10))]
    assert not needs_model("for the checklist, say Thursday the 10th rather than the Friday", date)
    points = [SetChannel(channel="talking_points")]
    assert not needs_model("I'll say this to her face instead of emailing, so talking points please", points)
    assert not needs_model("scratch the slack message idea, talking points for my 1:1 instead", points)
    # apologising, said of the tone; a subject line, said of an email
    direct = [SetTone(tone="direct")]
    assert not needs_model("Too much apologising for Tomasz's taste. More direct please", direct)
    assert not needs_model("send this as a proper email with a subject line", [SetChannel(channel="email")])


def test_a_short_sentence_before_a_colon_in_any_language_only_asks_for_the_wording_read() -> None:
    measure = SetMeasure(number=1, measure="Tomasz sieht die Checkliste im Wiki, und jede Freigabe ist dort abgehakt")
    request = (
        "Die Messgröße beim Checklisten-Punkt ist mir zu schwammig. Mach daraus: Tomasz sieht die Checkliste im "
        "Wiki, und jede Freigabe ist dort abgehakt."
    )
    assert not needs_model(request, [measure])
    demo = SetMeasure(number=1, measure="I'll demo a blocked deploy to Dana")
    date = SetDate(target="action", number=1, date=dt.date(2026, 12, 2))
    request = (
        "bring the CI gate forward to Wednesday, and for how we know it's done: I'll demo a blocked deploy to Dana"
    )
    assert not needs_model(request, [date, demo])
    # a longer sentence before the colon may ask for more
    assert needs_model("Drop step 3 and then change step 2 to: " + demo.measure, [demo])


def test_a_date_stated_but_not_read_is_left_to_the_model_not_dropped() -> None:
    draft = sample_draft()  # the checklist step due Fri 4 Dec, the look-back Fri 11 Dec; check-ins 7 and 14 Dec
    points = [SetChannel(channel="talking_points")]
    request = "make it talking points, and the checklist is basically done, put it down for Tue 1st"
    assert unread_date(request, points, draft)
    date = SetDate(target="action", number=1, date=dt.date(2026, 12, 1))
    assert not unread_date(request, [*points, date], draft)
    # a date inside a fact is the fact's; one the draft has is context
    fact = AddFact(fact="the refunds went out on 1 December")
    assert not unread_date("add that the refunds went out on 1 December", [fact], draft)
    assert not unread_date("more direct please, and don't change the 11th", [SetTone(tone="direct")], draft)
    # beside a date read, another action's date in its own clause is unread; context for the same action is not
    checkin = SetDate(target="checkin", number=1, date=dt.date(2026, 12, 3))
    request = "the checklist step is almost done - due date wed 2 dec instead, and move the first check-in to thu 3 dec"
    assert unread_date(request, [checkin], draft)
    lookback = SetDate(target="action", number=2, date=dt.date(2026, 12, 8))
    request = "the DPO meets on wed the 9th and I'd like the look-back done before that. so make it due tuesday the 8th"
    assert not unread_date(request, [lookback], draft)
