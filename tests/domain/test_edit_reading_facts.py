"""A fact a refine request states for the notes (``assistant/domain/edit_reading_facts.py``): after a colon whose
cue says so, before "… Add that.", or after "add that"; word for word, without what the user says about it."""

from __future__ import annotations

import datetime as dt

import pytest
from chain_support import sample_draft

from assistant.domain.edit_reading import needs_model, read_edits
from assistant.domain.edit_reading_facts import find_fact, read_fact, without_fact
from assistant.domain.edit_types import AddFact, SetDate, SetLength


@pytest.mark.parametrize(
    ("request_text", "fact"),
    [
        (
            "add that the warehouse shipped the replacements yesterday",
            "the warehouse shipped the replacements yesterday",
        ),
        ("pls mention that the fine came to EUR 120 in the end", "the fine came to EUR 120 in the end"),
        (
            "Good news I forgot to mention: legal says no notification is needed. Worth a line in the email I think.",
            "legal says no notification is needed",
        ),
        (
            "Something I left out: the client's CTO called me and accepted the fix.",
            "the client's CTO called me and accepted the fix",
        ),
        ("The notes don't say it: both backups were restored by noon. Add that.", "both backups were restored by noon"),
        (
            "One thing to add: the auditor confirmed the corrected file on Tuesday.",
            "the auditor confirmed the corrected file on Tuesday",
        ),
        (
            "oh also worth having in there: Stripe confirmed nobody got charged twice during the outage",
            "Stripe confirmed nobody got charged twice during the outage",
        ),
        (
            "Añade a las notas que el proveedor de pagos nos confirmó que no hubo ningún cobro duplicado.",
            "el proveedor de pagos nos confirmó que no hubo ningún cobro duplicado",
        ),
    ],
)
def test_a_fact_is_read_in_the_users_words(request_text: str, fact: str) -> None:
    assert read_fact(request_text) == AddFact(fact=fact)


@pytest.mark.parametrize(
    "request_text",
    [
        "add that as a step for the team",  # a new action, not a fact
        "one more step: brief the on-call team on the new gate",  # a new action
        "mention that twice in the closing",
        "Note: the gate should be due a week later",  # a colon with no cue that a fact follows
        "add that it hurt",  # too short to be a fact
        "I want to run a short training on sharing files, done by friday the 18th. can you add that as a step",
    ],
)
def test_what_is_not_a_fact(request_text: str) -> None:
    assert find_fact(request_text) is None


def test_what_is_said_about_the_fact_is_no_request_but_a_request_after_it_is() -> None:
    draft = sample_draft()
    request = "FYI: the VP already heard it from me on Sunday, so move the first check-in to the 9th."
    assert read_edits(request, draft) == [
        SetDate(target="checkin", number=1, date=dt.date(2026, 12, 9)),
        AddFact(fact="the VP already heard it from me on Sunday"),
    ]
    said = "Good news I forgot to mention: legal says no notification is needed. Worth a line in the email I think."
    assert read_edits(said, draft) == [AddFact(fact="legal says no notification is needed")]  # "email": no channel
    assert not needs_model(said, read_edits(said, draft))
    assert without_fact(said).split() == ["I"]


def test_a_fact_with_a_request_of_another_kind() -> None:
    draft = sample_draft()
    request = "make it shorter, and also add that support has answered every ticket about it"
    assert read_edits(request, draft) == [
        SetLength(length="shorter"),
        AddFact(fact="support has answered every ticket about it"),
    ]
    # a rewrite asked for beside the fact is the model's
    asked = "add that I already told the support team, and say so in the closing"
    assert read_fact(asked) == AddFact(fact="I already told the support team")
    assert needs_model(asked, read_edits(asked, draft))


def test_a_fact_after_fyi_or_after_what_was_forgotten() -> None:
    assert read_fact("fyi finance refunded 40 of the 52 orders today, so 12 are left. can you add that") == AddFact(
        fact="finance refunded 40 of the 52 orders today, so 12 are left"
    )
    assert read_fact("One thing I forgot to put in: the vendor confirmed in writing that the copies are deleted.") == (
        AddFact(fact="the vendor confirmed in writing that the copies are deleted")
    )


def test_a_fact_that_is_missing_or_that_the_message_should_say() -> None:
    assert read_fact("One thing that's missing: legal signed off on the refund plan today. Can you get that in?") == (
        AddFact(fact="legal signed off on the refund plan today")
    )
    assert read_fact("keep it short. And it should say the vendor will cover the credits") == AddFact(
        fact="the vendor will cover the credits"
    )


def test_a_fact_in_the_clause_before_put_that_in_the_notes() -> None:
    request = "pls cut the briefing step, priya already added the gate to the support runbook. put that in the notes"
    assert read_fact(request) == AddFact(fact="priya already added the gate to the support runbook")
    assert without_fact(request) == "pls cut the briefing step,"
    assert read_fact("Make it warmer. Add that.") is None  # a request, not a fact


def test_the_colon_whose_words_say_a_fact_follows() -> None:
    request = (
        "Some context: she forwards it to the DPO. And one thing that's missing: I moved the file to the HR drive."
    )
    assert read_fact(request) == AddFact(fact="I moved the file to the HR drive")
    assert read_fact("Also worth knowing: the advisor got the interest waived.") == AddFact(
        fact="the advisor got the interest waived"
    )


def test_a_fact_before_please_include_that_in_the_same_sentence() -> None:
    request = (
        "Two things. Legal called back: the client has withdrawn the complaint, please include that. Also shorten it."
    )
    assert read_fact(request) == AddFact(fact="the client has withdrawn the complaint")


def test_the_clauses_before_add_that_to_the_notes_are_the_fact_without_the_update_lead() -> None:
    request = (
        "quick update - Kemal from support went through all ~40 of the open replies this morning, they're all "
        "answered now. add that to the notes pls, nothing else needs to change"
    )
    assert read_fact(request) == AddFact(
        fact="Kemal from support went through all ~40 of the open replies this morning, they're all answered now"
    )
    # a clause that asks for something is no part of the fact
    assert read_fact("cut the briefing step, priya already added the gate to the runbook. put that in the notes") == (
        AddFact(fact="priya already added the gate to the runbook")
    )


def test_a_fact_ends_where_an_also_starts_another_request() -> None:
    request = (
        "add to the notes that the postmortem is booked for Thu 3 Dec. also in the bit where I own it, after "
        '"without running the staging tests" say why - I wanted it out before the weekend'
    )
    assert read_fact(request) == AddFact(fact="the postmortem is booked for Thu 3 Dec")
    assert needs_model(request, read_edits(request, sample_draft()))  # the rest is the model's


def test_the_colon_of_a_time_does_not_start_the_fact() -> None:
    request = "Make it warmer? Also add to the notes that Priya stayed on until 19:00 helping support clear the queue."
    found = find_fact(request)
    assert found is not None and found.fact.fact == "Priya stayed on until 19:00 helping support clear the queue"


def test_a_spanish_fact_after_falta_un_dato() -> None:
    request = "Falta un dato en las notas: IT abrió el ticket SEC-2291 para revisar los accesos. Añádelo, por favor."
    assert read_edits(request, sample_draft()) == [AddFact(fact="IT abrió el ticket SEC-2291 para revisar los accesos")]


def test_a_fact_the_notes_lack_said_after_it_and_a_german_fact() -> None:
    request = (
        "Two updates. The auditors confirmed in writing yesterday that they deleted every copy of the file - that's "
        "not in my notes yet. And the checklist needs more time, give it until Wednesday the 16th."
    )
    edits = read_edits(request, sample_draft())
    assert AddFact(fact="The auditors confirmed in writing yesterday that they deleted every copy of the file") in edits
    assert SetDate(target="action", number=2, date=dt.date(2026, 12, 16)) in edits
    german = (
        "Und nimm noch in die Notizen auf, dass Frau Okafor heute entschieden hat, das Team am Montag zu informieren."
    )
    assert read_fact(german) == AddFact(fact="Frau Okafor heute entschieden hat, das Team am Montag zu informieren")
    # "put it in both our calendars" is no fact for the notes
    assert read_fact("can you book a call with Dana on monday, and put it in both our calendars") is None
    assert read_fact("we've reprocessed 310 of the 400 lost orders, please get that into the draft") == AddFact(
        fact="we've reprocessed 310 of the 400 lost orders"
    )


def test_a_fact_that_should_be_in_there() -> None:
    request = (
        "Update: yesterday we emailed every customer whose order got lost an apology, so that's already done and "
        "should be in there. Also the checklist will be ready Tuesday the 8th, not Friday."
    )
    edits = read_edits(request, sample_draft())
    assert AddFact(fact="yesterday we emailed every customer whose order got lost an apology") in edits
    assert SetDate(target="action", number=2, date=dt.date(2026, 12, 8)) in edits


def test_a_fact_before_add_that_pls_and_after_add_smth_without_what_is_said_about_it() -> None:
    span = find_fact(
        "make it 12/16. also both auditors confirmd in writing that they deleted their downloaded copies, add that pls"
    )
    assert span is not None
    assert span.fact.fact == "both auditors confirmd in writing that they deleted their downloaded copies"
    span = find_fact("pls add smth: the tax advisor thinks we can appeal, shes fileing it next wk. not in my notes yet")
    assert span is not None
    assert span.fact.fact == "the tax advisor thinks we can appeal, shes fileing it next wk"
