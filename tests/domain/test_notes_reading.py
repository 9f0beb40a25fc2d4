"""What the program reads in the notes (``assistant/domain/notes_reading.py``): quotes snapped to the notes' own
words, clauses, work already done, the harm, the act in the first person and the excuse beside it, the step the act
left out."""

from __future__ import annotations

import pytest

from assistant.domain.notes_reading import (
    first_person_acts,
    impact_in_notes,
    is_done_text,
    mine_first,
    note_clauses,
    skipped_step,
    snap_quote,
    sounds_like_my_act,
    without_excuses,
)

NOTES = (
    "pushed the payments config change on friday w/o running the staging tests\n"
    "checkout down ~3h, ~400 orders lost\n"
    "Dana (my manager) had to explain it to the VP"
)


def test_snap_quote_returns_the_notes_own_words_for_an_exact_quote() -> None:
    assert snap_quote("checkout down ~3h", NOTES) == "checkout down ~3h"
    assert snap_quote('"Checkout Down ~3h"', NOTES) == "checkout down ~3h"


def test_snap_quote_snaps_a_loose_quote_to_the_line_that_holds_most_of_its_words() -> None:
    assert snap_quote("pushed the config change on friday without the staging tests", NOTES) == (
        "pushed the payments config change on friday w/o running the staging tests"
    )


@pytest.mark.parametrize("quote", ["deleted the production database", "", "  ", "..."])
def test_snap_quote_is_none_for_an_invented_or_empty_quote(quote: str) -> None:
    assert snap_quote(quote, NOTES) is None


def test_note_clauses_are_lines_then_their_clauses() -> None:
    assert note_clauses("- a, and b; c\nd - e\n\n") == ["a, and b; c", "a", "and b", "c", "d - e", "d", "e"]


@pytest.mark.parametrize(
    ("text", "done"),
    [
        ("now: restored the folder from the backup", True),
        ("status: letters sent", True),
        ("I already called the 5 customers", True),
        ("I rolled back at 17:05", True),
        ("I've refunded the delivery fee", True),
        ("pushed the change w/o running the tests", False),
        ("checkout down ~3h, ~400 orders lost", False),
    ],
)
def test_is_done_text(text: str, done: bool) -> None:
    assert is_done_text(text) is done


def test_impact_in_notes_is_the_later_line_with_the_most_figures_that_is_not_done_work() -> None:
    notes = "pushed the change w/o tests on 3 servers\nnow: rolled back at 17:05\ncheckout down 3h, 400 orders lost"
    assert impact_in_notes(notes) == "checkout down 3h, 400 orders lost"


def test_impact_in_notes_without_figures_is_the_second_line() -> None:
    assert impact_in_notes("forgot the invoices\nclients were angry\nmy boss Helen heard") == "clients were angry"
    assert impact_in_notes("") == ""


@pytest.mark.parametrize(
    ("act", "cause", "step"),
    [
        ("typed it in the wrong field and didn't reread the pdf", "", "didn't reread the pdf"),
        ("bulk-approved the batch w/o opening the receipts, was in a rush", "", "w/o opening the receipts"),
        ("uploaded it twice", 'skipped the batch-id check b/c the portal said "failed"', "skipped the batch-id check"),
        ("forgot it", "I ticked it from memory instead of checking the ledger", "instead of checking the ledger"),
        # the act is the slip itself; the cause names the check that would have caught it
        ("forgot to book it", "ticked it instead of checking the ledger", "instead of checking the ledger"),
        ("signed off the inspection w/o doing it", "", ""),  # names no step
        ("ran the script on prod-db instead of staging-db", "", ""),  # a place, not a step
        ("exported the list to my drive", "I didn't report it myself", ""),  # the cause names no check
    ],
)  # fmt: skip
def test_the_step_my_act_left_out_is_found_in_the_act_or_a_check_the_cause_names(
    act: str, cause: str, step: str
) -> None:
    assert skipped_step(act, cause) == step


@pytest.mark.parametrize(
    ("quote", "mine"),
    [
        ("I snoozed the reminder twice", True),
        ("pushed config w/o tests", True),
        ("didn't check the list", True),
        ("tls cert expired on the gateway", False),
        ("the server crashed at 3am", False),
    ],
)
def test_sounds_like_my_act(quote: str, mine: bool) -> None:
    assert sounds_like_my_act(quote) is mine


def test_first_person_acts_are_the_clauses_that_say_what_i_did_not_what_is_done() -> None:
    notes = (
        "tls cert expired sat night. I owned the renewal ticket and snoozed the reminder twice. I already renewed it"
    )
    assert first_person_acts(notes) == ["I owned the renewal ticket and snoozed the reminder twice"]


def test_first_person_acts_finds_an_act_that_opens_a_later_line() -> None:
    assert first_person_acts("tls cert expired sat night\nI owned the renewal ticket") == ["I owned the renewal ticket"]


def test_the_harm_is_the_line_that_says_what_went_wrong_not_the_excuse_beside_the_act() -> None:
    notes = (
        "signed off the belt inspection w/o doing it, we were short 2 people that night\n"
        "belt tore the next day, line down 7h, ~2,600 parcels missed the evening trucks\n"
        "already swapped the belt"
    )
    assert impact_in_notes(notes) == "belt tore the next day, line down 7h, ~2,600 parcels missed the evening trucks"


def test_the_harm_said_on_the_act_line_comes_first() -> None:
    one_line = "pushed config friday w/o staging tests, checkout down 3h, ~400 orders lost, Dana had to tell the VP"
    assert impact_in_notes(one_line) == "checkout down 3h, ~400 orders lost, Dana had to tell the VP"
    notes = "released the pick wave early, so it picked from the wrong lot\n~1,400 units shipped to 11 stores"
    assert impact_in_notes(notes) == "it picked from the wrong lot, ~1,400 units shipped to 11 stores"


def test_a_harm_without_figures_is_found_by_its_words() -> None:
    notes = "tore into Leo's analysis in the prep mtg\nhe's the intern, 3rd week\nhe's been very quiet since, may quit"
    assert impact_in_notes(notes) == "he's been very quiet since, may quit"


def test_the_act_loses_the_excuse_jotted_beside_it_but_not_its_own_details() -> None:
    assert without_excuses("pushed the config w/o running the staging tests (wanted it out before the weekend)") == (
        "pushed the config w/o running the staging tests"
    )
    assert without_excuses("signed off the inspection w/o doing it, we were short 2 people that night") == (
        "signed off the inspection w/o doing it"
    )
    assert without_excuses("bulk-approved the batch w/o opening the receipts, was trying to clear the queue") == (
        "bulk-approved the batch w/o opening the receipts"
    )
    detail = "gave the handover for bed 12 from the wrong chart (bed 21's), night shift gave 1 extra dose"
    assert without_excuses(detail) == detail


def test_the_harm_is_found_in_a_line_whose_later_clause_says_already() -> None:
    notes = (
        "forgot to book the Q2 accrual for the Norvale consulting invoices (~$64k), closed the month w/o it\n"
        "Q2 opex understated by ~4%, and those numbers already went out in the board pack\n"
        "external auditor (Grace Mbeki) found it in her sampling, not us\n"
        "already drafted the restatement memo, needs controller sign-off before it goes anywhere\n"
    )
    assert impact_in_notes(notes) == "Q2 opex understated by ~4%"


@pytest.mark.parametrize(
    ("act", "first"),
    [
        (
            "Ostrava Metals renewal lapsed, notice window closed fri and I never sent the renewal terms",
            "I never sent the renewal terms, and Ostrava Metals renewal lapsed, notice window closed fri",
        ),
        ("the deadline passed and I only filed it tue", "I only filed it tue, and the deadline passed"),
    ],
)  # fmt: skip
def test_my_own_part_of_the_act_comes_first(act: str, first: str) -> None:
    assert mine_first(act) == first


@pytest.mark.parametrize(
    "act", ["I owned the renewal ticket and snoozed the reminder twice", "ran the db cleanup script on prod-db"]
)
def test_an_act_that_starts_with_my_part_or_has_no_other_is_left_as_it_is(act: str) -> None:
    assert mine_first(act) == act
