"""What the program settles exactly: the leader, plain words, a lesson's parts, dates, greeting and sign-off, figures
in the notes' own form (what it reads in the notes is in test_notes_reading.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.domain.settle import (
    checkin_dates,
    due_dates,
    first_name,
    greeting,
    habit_clause,
    join_lesson,
    leader_in_notes,
    plain_words,
    respell_numbers,
    sign_off,
    split_lesson,
    wording,
    working_day,
)

FRIDAY = dt.date(2026, 11, 27)
SATURDAY = dt.date(2026, 11, 28)
NOTES = (
    "pushed the payments config change on friday w/o running the staging tests\n"
    "checkout down ~3h, ~400 orders lost\n"
    "Dana (my manager) had to explain it to the VP"
)


# --- the leader -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("notes", "leader"),
    [
        ("Dana (my manager, eng director) had to explain it to the VP", "Dana"),
        ("told my lead Tomasz before the release", "Tomasz"),
        ("mgr: Priyanka\nmissed the vendor deadline", "Priyanka"),
        ("Ruth (finance director, my boss) had to call the bank", "Ruth"),
        ("meine chefin Anja musste es dem Kunden erklären", "Anja"),
        ("my boss, Helen, heard it from the CFO", "Helen"),
        ("Sam (our VP) asked for a summary", "Sam"),
        ("mi jefa Ana tuvo que llamar al cliente", "Ana"),
        ("ma responsable Claire a dû appeler le client", "Claire"),
        ("Mary-Jane (my supervisor) saw the report", "Mary-Jane"),
        ("ward mgr Fiona saw the chart", "Fiona"),
        ("my boss Zoë found out", "Zoë"),
    ],
)
def test_leader_in_notes_finds_the_name(notes: str, leader: str) -> None:
    assert leader_in_notes(notes) == leader


@pytest.mark.parametrize(
    "notes",
    [
        "my manager needs the report by friday",
        "on-call (Priya) found it, I rolled back",
        "the COO heard about it from a customer",
        "",
    ],
)
def test_leader_in_notes_finds_none_without_a_named_leader(notes: str) -> None:
    assert leader_in_notes(notes) is None


def test_the_leader_is_the_one_named_with_a_role_not_the_first_name_in_brackets() -> None:
    assert leader_in_notes("on-call (Priya) found it\nDana (my manager, eng director) had to tell the VP") == "Dana"


@pytest.mark.parametrize(
    ("leader", "name"),
    [("Dana Smith", "Dana"), ("Dana, eng director", "Dana"), ("my manager", None), ("the COO", None),
     ("Manager", None), ("", None), (None, None)],
)  # fmt: skip
def test_first_name(leader: str | None, name: str | None) -> None:
    assert first_name(leader) == name


# --- plain words ------------------------------------------------------------------------------------


def test_plain_words_spells_out_shorthand() -> None:
    assert plain_words("pushed w/o tests, mtg w/ mgr on fri b/c of the eod cutoff, pls call asap") == (
        "pushed without tests, meeting with manager on Friday because of the end of day cutoff, please call as "
        "soon as possible"
    )


def test_plain_words_spells_out_units_and_plus_signs() -> None:
    assert plain_words("€4,300 penalty + interest, first in 5 yrs, 1 yr, 3 hrs, 40 mins, 2+2") == (
        "€4,300 penalty and interest, first in 5 years, 1 year, 3 hours, 40 minutes, 2+2"
    )


def test_plain_words_spells_out_revenue_shorthand_and_an_equals_sign() -> None:
    """A small model read "€96k ARR" as an "estimated arrival date" and "re-tender = 3-4 months" as a date."""
    assert plain_words("they'll re-tender = 3-4 months, €96k ARR at risk, €8k MRR, ~€210k/yr") == (
        "they'll re-tender, which means 3-4 months, €96k in annual revenue at risk, €8k in monthly revenue, "
        "about €210k a year"
    )
    assert plain_words("x=1, ARR is up") == "x=1, ARR is up"  # no figure before it, no spaces around "="


def test_plain_words_keeps_numbers_and_names_as_they_are() -> None:
    assert plain_words("~400 orders, approx. 3.5h (14:10-17:05), Dana saw $1,200 lost") == (
        "about 400 orders, about 3.5h (14:10-17:05), Dana saw $1,200 lost"
    )


def test_notes_in_another_language_only_get_their_tilde_in_that_language() -> None:
    assert plain_words("2 fahrer ~3h umsonst unterwegs, mtg w/ Sven", "German") == (
        "2 fahrer etwa 3h umsonst unterwegs, mtg w/ Sven"
    )
    assert plain_words("~3h", "Japanese") == "~3h"


# --- a lesson's parts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "lesson"),
    [
        (None, "I trusted the old list, so I now check the list against the CRM."),
        ("German", "Ich habe der alten Liste vertraut – ab jetzt: die Liste vor dem Hochladen gegen das CRM prüfen."),
        ("French", "J'ai fait confiance à l'ancienne liste – désormais : comparer la liste avec le CRM."),
    ],
)
def test_a_lesson_is_joined_in_the_notes_language_and_split_again(language: str | None, lesson: str) -> None:
    weak, habit = split_lesson(lesson)
    assert join_lesson(weak, habit, language) == lesson
    assert habit and not habit.startswith(("I now", "Ab jetzt", "Désormais"))
    assert habit_clause(lesson, language).rstrip(".").endswith(habit)


def test_a_lesson_without_a_habit_has_none_and_a_habit_alone_is_what_i_now_do() -> None:
    assert split_lesson("Communication matters.") == ("Communication matters.", "")
    assert join_lesson("", "check the host", None) == "I now check the host."
    assert join_lesson("", "den Host prüfen", "German") == "Ab jetzt: den Host prüfen."
    assert habit_clause("Communication matters.") == "Communication matters."


# --- dates ------------------------------------------------------------------------------------------


def test_working_day_moves_a_weekend_to_monday() -> None:
    assert working_day(SATURDAY) == dt.date(2026, 11, 30)
    assert working_day(dt.date(2026, 11, 29)) == dt.date(2026, 11, 30)
    assert working_day(FRIDAY) == FRIDAY


def test_due_dates_are_a_week_apart_from_a_week_out() -> None:
    assert due_dates(FRIDAY, 3) == [dt.date(2026, 12, 4), dt.date(2026, 12, 11), dt.date(2026, 12, 18)]
    assert due_dates(FRIDAY, 0) == []


def test_due_dates_fall_on_working_days() -> None:
    dues = due_dates(SATURDAY, 2)
    assert dues == [dt.date(2026, 12, 7), dt.date(2026, 12, 14)]
    assert [d.weekday() for d in dues] == [0, 0]


def test_checkin_dates_are_the_working_day_after_each_due_date() -> None:
    dues = [dt.date(2026, 12, 4), dt.date(2026, 12, 9)]
    assert checkin_dates(dues) == [(dt.date(2026, 12, 7), [0]), (dt.date(2026, 12, 10), [1])]


def test_checkin_dates_are_never_before_the_due_date_and_distinct() -> None:
    dues = [dt.date(2026, 12, 11), dt.date(2026, 12, 4), dt.date(2026, 12, 4)]
    checkins = checkin_dates(dues)
    assert checkins == [(dt.date(2026, 12, 7), [1, 2]), (dt.date(2026, 12, 14), [0])]
    assert len({day for day, _ in checkins}) == len(checkins)
    assert all(day > dues[i] for day, items in checkins for i in items)


def test_checkin_dates_are_at_most_three_the_last_taking_the_rest() -> None:
    checkins = checkin_dates(due_dates(FRIDAY, 5))
    assert checkins == [
        (dt.date(2026, 12, 7), [0]),
        (dt.date(2026, 12, 14), [1]),
        (dt.date(2027, 1, 4), [2, 3, 4]),
    ]


# --- greeting and sign-off ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("leader", "channel", "tone", "language", "expected"),
    [
        ("Dana Smith", "email", "neutral", None, "Hi Dana,"),
        ("Dana", "email", "formal", None, "Dear Dana,"),
        ("Dana", "chat", "formal", None, "Hi Dana,"),
        ("Dana", "email", "direct", None, "Dana,"),
        ("my manager", "email", "neutral", None, "Hi,"),
        (None, "chat", "warm", None, "Hi,"),
        ("Dana", "talking_points", "neutral", None, ""),
        ("Anja", "email", "neutral", "German", "Hallo Anja,"),
        ("Anja", "email", "formal", "German", "Liebe/r Anja,"),
        (None, "email", "neutral", "German", "Hallo,"),
        ("Ana", "email", "formal", "Spanish", "Estimado/a Ana:"),
        ("Claire", "chat", "neutral", "French", "Bonjour Claire,"),
        ("Dana", "email", "neutral", "Italian", "Hi Dana,"),  # no wording of its own: English
    ],
)
def test_greeting(leader: str | None, channel: str, tone: str, language: str | None, expected: str) -> None:
    assert greeting(leader, channel, tone, language) == expected


@pytest.mark.parametrize(
    ("sender", "channel", "tone", "language", "expected"),
    [
        ("Alex", "email", "neutral", None, "Thanks,\nAlex"),
        ("Alex", "email", "formal", None, "Kind regards,\nAlex"),
        ("Alex", "email", "warm", None, "Thank you for bearing with me,\nAlex"),
        (None, "email", "formal", None, "Kind regards,"),
        ("Alex", "chat", "neutral", None, "– Alex"),
        (None, "chat", "neutral", None, ""),
        ("Alex", "talking_points", "neutral", None, ""),
        ("Max", "email", "formal", "German", "Viele Grüße,\nMax"),
        ("Ana", "email", "warm", "Spanish", "Gracias por tu paciencia,\nAna"),
        ("Luc", "email", "formal", "French", "Cordialement,\nLuc"),
    ],
)
def test_sign_off(sender: str | None, channel: str, tone: str, language: str | None, expected: str) -> None:
    assert sign_off(sender, channel, tone, language) == expected


def test_wording_writes_dates_per_language() -> None:
    day = dt.date(2026, 12, 4)
    assert wording(None).days(day) == "Fri 4 Dec"
    assert wording("German").days(day) == wording("French").days(day) == "4.12.2026"
    assert (wording("German").plan, wording("Spanish").by, wording("French").learned) == (
        "Mein Plan:",
        "antes del",
        "Ce que j'en retiens :",
    )
    assert wording("Italian") is wording(None)


# --- figures in the notes' own form, the harm said to the leader -----------------------------------------


def test_respell_numbers_puts_written_out_figures_back_in_the_notes_form() -> None:
    notes = "refunds of ~14k went out late, 1.2M rows touched"
    assert respell_numbers("We sent 14,000 refunds late and touched 1,200,000 rows.", notes) == (
        "We sent 14k refunds late and touched 1.2M rows."
    )


def test_respell_numbers_leaves_other_figures_alone() -> None:
    notes = "refunds of ~14k went out late"
    assert respell_numbers("2,000 customers and 14 teams", notes) == "2,000 customers and 14 teams"
    assert respell_numbers("14,000 refunds", "14,000 refunds, about 14k") == "14,000 refunds"  # the notes have it
    assert respell_numbers("14,000 refunds", "no abbreviated figures") == "14,000 refunds"


def test_a_capitalised_common_word_after_my_boss_is_no_leader() -> None:
    assert leader_in_notes("told my boss The whole story\nmy manager Then asked") is None


def test_a_figure_split_at_its_comma_is_joined_when_the_notes_have_it() -> None:
    notes = "~2,600 parcels missed the evening trucks"
    assert respell_numbers("missing 2, 600 parcels", notes) == "missing 2,600 parcels"
    assert respell_numbers("lines 1, 200 of them", notes) == "lines 1, 200 of them"  # "1,200" is not in the notes
