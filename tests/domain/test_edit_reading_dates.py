"""The dates a refine request states with everything they need (``assistant/domain/edit_reading_dates.py``), read by
themselves and through :func:`~assistant.domain.edit_reading.read_edits`."""

from __future__ import annotations

import datetime as dt

import pytest
from chain_support import sample_draft

from assistant.domain.edit_reading import read_edits
from assistant.domain.edit_reading_dates import (
    CHECKINS,
    cues,
    keeps_checkins,
    named_in,
    named_together,
    next_weekday,
    read_dates,
    relative_to_action,
)
from assistant.domain.edit_types import AddAction, SetDate, ShiftDates
from assistant.domain.edit_values import stated_date
from assistant.domain.schema import Draft, DraftOptions

FRIDAY = dt.date(2026, 11, 27)


def _draft(channel: str = "email", tone: str = "neutral") -> Draft:
    """Two actions (the CI gate, due 4 Dec; the checklist, due 11 Dec), check-ins on 7 and 14 Dec."""
    return sample_draft(options=DraftOptions(channel=channel, tone=tone))  # type: ignore[arg-type]


def test_a_cue_starts_a_word_in_any_case() -> None:
    pattern = cues("plan", r"check-?ins?")
    assert pattern.search("The PLAN slips") and pattern.search("our Check-ins")
    assert not pattern.search("the airplane")  # not at the start of a word
    assert CHECKINS.search("our catch-ups") and CHECKINS.search("die Rückmeldung") and not CHECKINS.search("checks")


@pytest.mark.parametrize(
    ("request_text", "day"),
    [
        ("make it due next Tuesday", dt.date(2026, 12, 1)),
        ("by friday please", dt.date(2026, 12, 4)),  # today is a Friday: the next one
        ("bis Mittwoch", dt.date(2026, 12, 2)),
        ("move it", None),
        ("by Monday or by Tuesday", None),  # two weekdays: neither
    ],
)
def test_the_next_weekday_named_is_after_today(request_text: str, day: dt.date | None) -> None:
    assert next_weekday(request_text, FRIDAY) == day


def test_an_action_is_named_by_its_words_but_not_by_the_leaders_name() -> None:
    draft = _draft()
    assert named_in("the checklist needs more time", draft) == 2
    assert named_in("the CI gate needs more time", draft) == 1
    told = draft.model_copy(
        update={
            "facts": draft.facts.model_copy(update={"leader_name": "Dana"}),
            "plan": [draft.plan[0], draft.plan[1].model_copy(update={"action": "Tell Dana about the checklist"})],
        }
    )
    assert named_in("Dana wants it sooner", told) is None


def test_read_dates_reads_only_dates() -> None:
    draft = _draft()
    assert read_dates("push all the deadlines out by two weeks", draft) == [
        ShiftDates(target="plan", amount=2, unit="weeks")
    ]
    assert read_dates("we can get rid of the checklist", draft) == []
    assert read_dates("add another action: a review by the 18th, done when it is held", draft) == []


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
    # a new action's date belongs to the new action, not to the checklist it names
    assert read_edits("one more thing for the plan: a checklist review with QA by the 18th", draft) == [
        AddAction(
            action="Run a checklist review with QA",
            measure="I'll show you it in use on the next real case",
            due=dt.date(2026, 12, 18),
        )
    ]


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
    # two calendar dates for two actions: each clause its own (and not "next Tuesday")
    assert read_edits("the gate by Tue the 8th, and the checklist by 15/12", draft) == [
        SetDate(target="action", number=1, date=dt.date(2026, 12, 8)),
        SetDate(target="action", number=2, date=dt.date(2026, 12, 15)),
    ]


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


def test_a_weekday_that_begins_like_a_month_is_not_the_month() -> None:
    read = read_edits("J'ai besoin de plus de temps pour la checklist : mets-la au mardi 15 décembre.", _draft())
    assert read == [SetDate(target="action", number=2, date=dt.date(2026, 12, 15))]


def test_every_date_with_the_check_ins_included_moves_the_plan() -> None:
    assert read_edits("Shift every date out by a week, check-ins included.", _draft()) == [
        ShiftDates(target="plan", amount=1, unit="weeks"),
        ShiftDates(target="checkins", amount=1, unit="weeks"),
    ]
    assert read_edits("Move the check-ins a week later.", _draft()) == [
        ShiftDates(target="checkins", amount=1, unit="weeks")
    ]


def test_check_ins_on_the_days_the_actions_are_due() -> None:
    request = (
        "Instead of the Monday after, could I report back on the day each step is due? Due dates stay as they are."
    )
    assert read_edits(request, _draft()) == [
        SetDate(target="checkin", number=1, date=dt.date(2026, 12, 4)),
        SetDate(target="checkin", number=2, date=dt.date(2026, 12, 11)),
    ]


@pytest.mark.parametrize(
    ("request_text", "amount"),
    [
        ("month end is eating my week, cna you push evrything back 2 weeks? the check ins to", 2),
        ("Ik ben ziek. Kun je alle datums in het plan een week later zetten? De check-ins mogen mee.", 1),
    ],
)
def test_a_typo_or_dutch_plan_wide_shift(request_text: str, amount: int) -> None:
    assert read_edits(request_text, _draft()) == [
        ShiftDates(target="plan", amount=amount, unit="weeks"),
        ShiftDates(target="checkins", amount=amount, unit="weeks"),  # the check-ins said to move too
    ]


def test_the_first_time_i_report_back_is_the_first_check_in_alone() -> None:
    request = (
        "He's out all day on the 7th, so the first time I report back should be Tuesday 8 December. The second is fine"
    )
    assert read_edits(request, _draft()) == [SetDate(target="checkin", number=1, date=dt.date(2026, 12, 8))]


def test_the_last_check_in_is_a_place_in_the_list_not_a_word_of_an_action() -> None:
    assert read_edits("move the last check-in to the 22nd", _draft()) == [
        SetDate(target="checkin", number=2, date=dt.date(2026, 12, 22))
    ]


def test_everything_i_did_is_what_an_action_is_about_not_every_date() -> None:
    plan = _draft().plan
    look_back = "Go back over my other work of the same kind from the last month, to find any other case like this one"
    draft = _draft().model_copy(update={"plan": [plan[0], plan[1].model_copy(update={"action": look_back})]})
    request = "going back through everything I shared last month will take longer. Give that one an extra week."
    assert read_edits(request, draft) == [ShiftDates(target="action", action=2, amount=1, unit="weeks")]
    assert read_edits("push everything back a week", draft) == [ShiftDates(target="plan", amount=1, unit="weeks")]


def test_the_whole_plan_with_the_check_ins_moving_along() -> None:
    request = "Could you slide the whole plan four days later? The check-ins can move along with it."
    assert read_edits(request, sample_draft()) == [
        ShiftDates(target="plan", amount=4, unit="days"),
        ShiftDates(target="checkins", amount=4, unit="days"),
    ]


def test_an_action_by_its_place_and_a_date_for_each_check_in() -> None:
    draft = sample_draft()  # check-ins on 7 and 14 Dec
    assert read_edits("step 1 due 2026-12-02", draft) == [SetDate(target="action", number=1, date=dt.date(2026, 12, 2))]
    request = "Keep the plan dates as they are but make my check-ins Tuesday 8 Dec and Tuesday 15 Dec."
    assert read_edits(request, draft) == [
        SetDate(target="checkin", number=1, date=dt.date(2026, 12, 8)),
        SetDate(target="checkin", number=2, date=dt.date(2026, 12, 15)),
    ]
    request = "Décale seulement les points de suivi de deux jours, les échéances du plan ne bougent pas."
    assert read_edits(request, draft) == [ShiftDates(target="checkins", amount=2, unit="days")]


def test_the_check_ins_in_dutch_with_the_deadlines_kept() -> None:
    request = "Kun je alle terugkoppelmomenten twee dagen later zetten? De deadlines van de stappen mogen blijven."
    assert read_edits(request, _draft()) == [ShiftDates(target="checkins", amount=2, unit="days")]


def test_a_clause_that_keeps_the_check_ins_as_they_are() -> None:
    assert keeps_checkins("move the plan a week later, leave the check-ins alone")
    assert keeps_checkins("Las fechas de seguimiento (check-ins) déjalas como están, por favor.")
    assert not keeps_checkins("move the check-ins a day later but keep the plan as it is")
    assert not keeps_checkins("push everything back a week")


@pytest.mark.parametrize(
    ("request_", "edits"),
    [
        ("can everything slide by a week? the plan steps and the check-ins, all of it",
         [ShiftDates(target="plan", amount=1, unit="weeks"), ShiftDates(target="checkins", amount=1, unit="weeks")]),
        ("Puoi spostare tutte le scadenze del piano di una settimana più avanti?",
         [ShiftDates(target="plan", amount=1, unit="weeks")]),
        ("Il primo punto del piano lo finisco prima: mettilo per mercoledì prossimo, grazie.",
         [SetDate(target="action", number=1, date=dt.date(2026, 12, 2))]),
        ("Y el segundo paso ponlo para el 18 de diciembre, son muchos envíos.",
         [SetDate(target="action", number=2, date=dt.date(2026, 12, 18))]),
        ("Kannst du die Check-in-Termine jeweils auf den Dienstag legen? Die Fristen im Plan bitte nicht ändern.",
         [SetDate(target="checkin", number=1, date=dt.date(2026, 12, 8)),
          SetDate(target="checkin", number=2, date=dt.date(2026, 12, 15))]),
        ("Kannst du die beiden Check-ins auf die Freitage legen, an denen die jeweiligen Schritte fällig sind?",
         [SetDate(target="checkin", number=1, date=dt.date(2026, 12, 4)),
          SetDate(target="checkin", number=2, date=dt.date(2026, 12, 11))]),
    ],
)  # fmt: skip
def test_dates_asked_in_other_languages_and_words(request_: str, edits: list[object]) -> None:
    assert read_dates(request_, _draft()) == edits


@pytest.mark.parametrize(
    "request_",
    [
        "bit too clipped for dana. and move the check-ins to tuesdays, mondays are wall to wall standups for me",
        "Dá para mudar os dois check-ins para terça em vez de segunda? Os prazos das tarefas ficam iguais.",
        "Il lunedì Dana ha sempre la riunione con il VP. Sposta i check-in al martedì, le scadenze restano come sono.",
        "Je suis en formation les lundis, est-ce qu'on peut décaler les deux points de suivi au mardi (8 et 15 déc.) ?",
    ],
)
def test_the_check_ins_on_another_weekday_of_their_weeks(request_: str) -> None:
    assert read_dates(request_, _draft()) == [
        SetDate(target="checkin", number=1, date=dt.date(2026, 12, 8)),
        SetDate(target="checkin", number=2, date=dt.date(2026, 12, 15)),
    ]


def test_a_weekday_the_action_is_finished_on() -> None:
    assert read_dates("I'll have the CI gate finished Thursday, put that date in.", _draft()) == [
        SetDate(target="action", number=1, date=dt.date(2026, 12, 3))
    ]


def test_the_check_ins_pushed_back_while_the_plan_dates_are_fine() -> None:
    request = (
        "Dana is at the kickoff the whole week of Dec 7 so the first check-in won't work. Can you push the check-ins "
        "back a week? The plan dates themselves are fine, leave those."
    )
    read = read_edits(request, _draft())
    assert read == [ShiftDates(target="checkins", amount=1, unit="weeks")]


def test_a_date_said_relative_to_another_actions_due_date() -> None:
    draft = _draft()  # the gate due Fri 4 Dec, the checklist due Fri 11 Dec
    request = "the checklist shouldn't take that long, make the checklist due 3 days after the CI gate step"
    assert read_dates(request, draft) == [SetDate(target="action", number=2, date=dt.date(2026, 12, 7))]
    day, of, _ = relative_to_action("until same day as the CI gate step", draft) or (None, None, "")
    assert (day, of) == (dt.date(2026, 12, 4), 1)
    assert relative_to_action("a week after the offsite", draft) is None  # no action named there


def test_end_of_next_week_is_the_friday_of_the_week_after_this_one() -> None:
    assert next_weekday("done by end of next week", FRIDAY) == dt.date(2026, 12, 4)


def test_a_weekday_before_the_day_of_the_month() -> None:
    assert stated_date("put it down for Tue 1st", dt.date(2026, 11, 30)) == dt.date(2026, 12, 1)
    assert stated_date("wednesday 16th works", dt.date(2026, 11, 30)) == dt.date(2026, 12, 16)


def _three_actions() -> Draft:
    """The sample draft with a third action, the support briefing, due Fri 18 Dec."""
    draft = _draft()
    third = draft.plan[0].model_copy(
        update={"action": "Brief the support team on the new deploy gate", "due": dt.date(2026, 12, 18)}
    )
    return draft.model_copy(update={"plan": [*draft.plan, third]})


@pytest.mark.parametrize(
    ("request_text", "numbers"),
    [
        ("move steps 1 and 2 a week later", [1, 2]),
        ("move step 1 and step 2 a week later", [1, 2]),
        (
            "Kannst du Schritt 1 und 2 jeweils um eine Woche nach hinten schieben? Schritt 3 bleibt so wie er ist.",
            [1, 2],
        ),
        ("mueve los pasos 2 y 3 una semana más tarde", [2, 3]),
        ("move the first two actions a week later", [1, 2]),
        ("the last two steps need another week", [2, 3]),
    ],
)
def test_several_actions_named_by_their_places_move_and_no_other(request_text: str, numbers: list[int]) -> None:
    assert read_edits(request_text, _three_actions()) == [
        ShiftDates(target="action", action=n, amount=1, unit="weeks") for n in numbers
    ]


def test_several_actions_by_their_places_get_the_date_stated_and_all_of_them_is_the_plan() -> None:
    assert read_dates("make steps 2 and 3 due fri 18 dec", _three_actions()) == [
        SetDate(target="action", number=n, date=dt.date(2026, 12, 18)) for n in (2, 3)
    ]
    assert read_dates("move actions 1, 2 and 3 a week later", _three_actions()) == [
        ShiftDates(target="plan", amount=1, unit="weeks")
    ]


def test_a_weekday_instead_of_the_one_it_is_due_is_that_day_of_its_week() -> None:
    # the gate is due Fri 4 Dec: "thursday instead of friday, same week" is Thu 3 Dec, not Thu 10 Dec
    request = "ci gate thursday instead of friday, same week. i'm off that friday"
    assert read_dates(request, _draft()) == [SetDate(target="action", number=1, date=dt.date(2026, 12, 3))]


def test_someones_team_names_no_action() -> None:
    # "team" is a word of the support briefing; "Priya's team" is who has the gate on their roadmap
    request = "Priya's team already has the CI gate on their roadmap, so it isn't mine to promise. Take that one out."
    assert named_in(request, _three_actions()) == 1


def test_two_actions_named_together_with_both_move_and_the_one_kept_does_not() -> None:
    request = "Dana wants the checklist and the support briefing done sooner, pull both of them in by 3 days."
    assert read_dates(request, _three_actions()) == [
        ShiftDates(target="action", action=n, amount=-3, unit="days") for n in (2, 3)
    ]
    # "and" before another request joins no two actions
    assert (
        named_together("drop the checklist and move the briefing a week later, I'll tell them", _three_actions())
        == set()
    )


def test_a_weekday_instead_of_the_due_date_said_and_a_reason_that_states_another_date() -> None:
    request = "I'm off on friday the 11th so the checklist can't be due that day. make it the thursday instead"
    assert read_dates(request, _draft()) == [SetDate(target="action", number=2, date=dt.date(2026, 12, 10))]
    request = "step 2: due fri 4 dec since the UK one is due the 7th."
    assert read_dates(request, _draft()) == [SetDate(target="action", number=2, date=dt.date(2026, 12, 4))]


def test_a_date_said_relative_to_a_check_in() -> None:
    draft = _draft()  # check-ins on Mon 7 and Mon 14 Dec
    request = "the checklist can't wait until the 11th, put it on the same day as my first check-in"
    assert read_dates(request, draft) == [SetDate(target="action", number=2, date=dt.date(2026, 12, 7))]
    day, of, _ = relative_to_action("done the day after the first check-in", draft) or (None, None, "")
    assert (day, of) == (dt.date(2026, 12, 8), 0)


def test_a_date_for_one_action_and_a_shift_for_the_check_ins_in_two_sentences() -> None:
    request = (
        "A Dana deu-me mais tempo: o gate de CI pode ficar para terça-feira, 8 de dezembro. E adia os dois check-ins "
        "uma semana."
    )
    assert read_edits(request, _draft()) == [
        SetDate(target="action", number=1, date=dt.date(2026, 12, 8)),
        ShiftDates(target="checkins", amount=1, unit="weeks"),
    ]


def test_an_action_joined_to_something_unnamed_before_the_date_is_not_moved_alone() -> None:
    request = (
        "Dana me pidió que el checklist y la sesión con el equipo de soporte se retrasen diez días. El gate de CI se "
        "queda como está."
    )
    assert read_dates(request, _three_actions()) == []  # the model's: "la sesión …" is the briefing, in Spanish
    assert read_dates("el checklist se retrasa diez días. El gate de CI se queda como está.", _three_actions()) == [
        ShiftDates(target="action", action=2, amount=10, unit="days")
    ]


def test_the_leaders_name_as_what_a_step_is_called_and_the_look_back_named_in_spanish() -> None:
    draft = _draft().model_copy(update={"facts": _draft().facts.model_copy(update={"leader_name": "Renata"})})
    renata = draft.plan[1].model_copy(update={"action": "Tell Renata about the missed deadline"})
    draft = draft.model_copy(update={"plan": [draft.plan[0], renata]})
    assert read_dates("make it warmer. also the renata step can slide a week", draft) == [
        ShiftDates(target="action", action=2, amount=1, unit="weeks")
    ]
    look_back = "Go back over my other work of the same kind from the last month, to find any other case like this one"
    draft = _draft()
    draft = draft.model_copy(update={"plan": [draft.plan[0], draft.plan[1].model_copy(update={"action": look_back})]})
    request = "¿Puedes poner la revisión del trabajo del último mes para el miércoles 16 de diciembre?"
    assert read_dates(request, draft) == [SetDate(target="action", number=2, date=dt.date(2026, 12, 16))]
