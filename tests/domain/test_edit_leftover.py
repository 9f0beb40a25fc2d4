"""What a refine request leaves to the model (``assistant/domain/edit_leftover.py``): what the program did not read,
and not what the request says about what it did read."""

from __future__ import annotations

import datetime as dt

from assistant.domain.edit_leftover import needs_model, without_wordings
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
