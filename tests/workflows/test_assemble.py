"""The message put together from the six parts without a model: every step, cut to fit the length."""

from __future__ import annotations

import datetime as dt

import pytest
from chain_support import TODAY, sample_draft, sample_facts

from assistant.chains.report_back import report_back
from assistant.domain.schema import Draft, DraftOptions, PlanAction
from assistant.domain.settle import wording
from assistant.domain.text_checks import LENGTH_WORDS, message_size
from assistant.validator import validate
from assistant.workflows.assemble import assemble_message, change_clause, first_clause, first_sentences, impact_sentence

LONG_PAIN = (
    "I'm sorry that about 400 orders were lost on Friday. Checkout was down for about three hours. "
    "Support got more than 60 tickets, and you had to explain it to the VP. I regret the extra work this made for "
    "the on-call engineer. It bothers me that customers paid for my shortcut."
)
LONG_OWNERSHIP = (
    "I pushed the payments config change on Friday without running the staging tests. That was my decision. "
    "I wanted it out before the weekend, and I chose speed over the check that exists for this. "
    "Nobody asked me to skip it."
)
SAMPLE_EMAIL = """Hi Dana,

I'm sorry that about 400 orders were lost and that you had to explain it to the VP. I know it landed on you \
too, and that weighs on me.

I pushed the change without running the staging tests. That was my decision.

What I learned: I treated the staging tests as optional when I was in a hurry, so I now run the staging tests \
before every config deploy, whatever the deadline.

Here is my plan:
- I will add a CI gate that blocks config deploys unless the staging tests passed (by Fri 4 Dec)
- I will write a pre-deploy checklist for payments config changes (by Fri 11 Dec)

I'm on it, and I'll show you the gate working by mid-December.

I'll report back on Mon 7 Dec and Mon 14 Dec with where each step stands and what you can see for it.

Thanks,"""


def _long_draft() -> Draft:
    return sample_draft(pain=LONG_PAIN, ownership=LONG_OWNERSHIP)


def _without_leader() -> Draft:
    return sample_draft(facts=sample_facts().model_copy(update={"leader_name": None}))


def test_first_sentences() -> None:
    assert first_sentences("One. Two! Three? Four.", 2) == "One. Two!"
    assert first_sentences("Only one", 3) == "Only one"
    assert first_sentences("Down 3.5 hours. Then up.", 1) == "Down 3.5 hours."


def test_an_email_has_the_six_parts_in_order_between_greeting_and_sign_off() -> None:
    message = assemble_message(sample_draft(), DraftOptions())
    assert message.assembled is True
    assert (message.channel, message.subject) == ("email", "My mistake, and what I'm doing about it")
    assert message.body == SAMPLE_EMAIL


def test_a_subject_given_is_kept() -> None:
    assert assemble_message(sample_draft(), DraftOptions(), subject="Friday's outage").subject == "Friday's outage"


def test_the_greeting_uses_the_leaders_first_name_from_the_option() -> None:
    body = assemble_message(sample_draft(), DraftOptions(leader="Helen Park")).body
    assert body.startswith("Hi Helen,\n\n")


@pytest.mark.parametrize("leader", [None, "my manager"])
def test_the_greeting_is_a_plain_hi_without_a_name(leader: str | None) -> None:
    body = assemble_message(_without_leader(), DraftOptions(leader=leader)).body
    assert body.startswith("Hi,\n\nI'm sorry that about 400 orders")


@pytest.mark.parametrize(
    ("tone", "greeting", "close"),
    [("neutral", "Hi Dana,", "Thanks,"), ("formal", "Dear Dana,", "Kind regards,"),
     ("warm", "Hi Dana,", "Thank you for bearing with me,"), ("direct", "Dana,", "Thanks,")],
)  # fmt: skip
def test_the_tone_sets_the_greeting_and_the_close(tone: str, greeting: str, close: str) -> None:
    body = assemble_message(sample_draft(), DraftOptions(tone=tone, sender="Alex")).body  # type: ignore[arg-type]
    assert body.startswith(greeting + "\n\n")
    assert body.endswith(f"\n\n{close}\nAlex")


def test_the_sign_off_has_the_senders_name() -> None:
    body = assemble_message(sample_draft(), DraftOptions(sender="Alex")).body
    assert body.endswith("for it.\n\nThanks,\nAlex")


def test_a_chat_message_is_one_paragraph_signed_with_the_name_alone() -> None:
    body = assemble_message(sample_draft(), DraftOptions(channel="chat", sender="Alex")).body
    assert body == (
        "Hi Dana, I'm sorry that about 400 orders were lost and that you had to explain it to the VP. "
        "I pushed the change without running the staging tests. "
        "What I learned: I now run the staging tests before every config deploy, whatever the deadline. "
        "Here is my plan: I will add a CI gate that blocks config deploys unless the staging tests passed "
        "(by Fri 4 Dec). I'm on it, and I'll show you the gate working by mid-December. "
        "I'll report back on Mon 7 Dec. – Alex"
    )


def test_a_shortened_message_reports_back_only_on_the_actions_it_names() -> None:
    body = assemble_message(sample_draft(), DraftOptions(channel="chat", length="medium")).body
    assert "pre-deploy checklist" not in body and "Mon 14 Dec" not in body
    assert body.endswith("I'll report back on Mon 7 Dec.")


def test_talking_points_have_no_greeting_and_no_sign_off() -> None:
    message = assemble_message(sample_draft(), DraftOptions(channel="talking_points", sender="Alex"))
    lines = message.body.splitlines()
    assert lines[0] == "- I'm sorry that about 400 orders were lost and that you had to explain it to the VP."
    assert lines[1] == "- I pushed the change without running the staging tests."
    assert lines[-1] == "- I'll report back on Mon 7 Dec and Mon 14 Dec."
    assert all(line.startswith("- ") for line in lines)
    assert "Alex" not in message.body and "Hi Dana" not in message.body


def test_a_sentence_that_repeats_an_earlier_part_is_dropped() -> None:
    """The ownership is kept whole (it is what the leader reads for); the pain loses the sentence it repeats."""
    ownership = (
        "I'm sorry, about 400 orders were lost and you had to explain it to the VP. "
        "I pushed the change without running the staging tests."
    )
    body = assemble_message(sample_draft(ownership=ownership), DraftOptions()).body
    assert body.count("had to explain it to the VP") == 1
    assert body.startswith(f"Hi Dana,\n\n{wording(None).landed}\n\n{ownership}\n\nWhat I learned:")


def test_a_sentence_that_adds_to_an_earlier_one_is_kept() -> None:
    draft = sample_draft(positive="I'm on it. I pushed the change without the tests, and 400 orders paid for it.")
    body = assemble_message(draft, DraftOptions()).body
    assert "I'm on it. I pushed the change without the tests, and 400 orders paid for it." in body


@pytest.mark.parametrize(
    ("channel", "length", "target"),
    [("email", "short", "short"), ("email", "medium", "medium"), ("email", "long", "long"),
     ("chat", "medium", "medium"), ("chat", "long", "long"),
     ("talking_points", "short", "short"), ("talking_points", "medium", "medium"),
     ("talking_points", "long", "long"),
     # even first sentences of every step are more than 60 words: the channel's hard limit holds
     ("chat", "short", "long")],
)  # fmt: skip
def test_long_parts_are_cut_to_fit_the_length_of_each_channel(channel: str, length: str, target: str) -> None:
    options = DraftOptions(channel=channel, length=length)  # type: ignore[arg-type]
    draft = _long_draft()
    message = assemble_message(draft, options)
    assert message_size(message.body, channel) <= LENGTH_WORDS[channel][target]
    assert "I'm sorry that about 400 orders were lost on Friday." in message.body
    assert "I pushed the payments config change on Friday without running the staging tests." in message.body
    checked = draft.model_copy(update={"message": message, "options": options})
    assert not [f for f in validate(checked).findings if f.step == "message" and f.severity == "error"]


def test_a_short_email_cuts_the_pain_to_its_first_sentence() -> None:
    body = assemble_message(_long_draft(), DraftOptions(length="short")).body
    assert "Checkout was down for about three hours." not in body
    assert "I'm sorry that about 400 orders were lost on Friday.\n\n" in body


@pytest.mark.parametrize(
    ("pain", "sentence"),
    [
        ("I'm sorry. About 400 orders were lost; that weighs on me.", "About 400 orders were lost; that weighs on me."),
        ("Checkout was down for 3 hours. I'm sorry for that.", "I'm sorry for that."),
        ("I'm sorry. I regret it. It was bad.", "I'm sorry."),
        ("It was bad. It was 3 hours.", "It was bad."),
        ("", ""),
    ],
)
def test_impact_sentence_prefers_regret_with_the_harms_figure(pain: str, sentence: str) -> None:
    assert impact_sentence(pain) == sentence


def test_change_clause_keeps_what_changes() -> None:
    assert change_clause("I rushed the deploy, so I now run the tests first.") == "I now run the tests first."
    assert change_clause("Tests matter.") == "Tests matter."


GERMAN_NOTES = (
    "Ich habe die Preisliste ohne Prüfung an alle Kunden geschickt, und die Preise waren falsch.\n"
    "30 Kunden haben sich beschwert.\n"
    "Meine Chefin Anja musste es dem Vertrieb erklären."
)


def test_german_notes_get_a_german_message() -> None:
    plan = [
        PlanAction(action="Eine Prüfliste für Preislisten anlegen", owner="me", due=dt.date(2026, 12, 4),
                   measure="Jede Preisliste hat eine abgehakte Prüfliste"),
        PlanAction(action="Die 30 Kunden anrufen", owner="me", due=dt.date(2026, 12, 11),
                   measure="Jeder Kunde hat die richtige Liste"),
    ]  # fmt: skip
    draft = sample_draft(
        notes=GERMAN_NOTES,
        facts=sample_facts().model_copy(update={"leader_name": "Anja"}),
        pain="Es tut mir leid, dass sich 30 Kunden beschwert haben.",
        ownership="Ich habe die Preisliste ohne Prüfung verschickt.",
        lessons=["Ich habe mich auf mein Gedächtnis verlassen, deshalb prüfe ich jede Liste."],
        plan=plan,
        positive="Ich kümmere mich darum.",
        report_back=report_back(plan).checkins,
        today=TODAY,
    )
    body = assemble_message(draft, DraftOptions(sender="Max")).body
    assert body.startswith("Hallo Anja,\n\nEs tut mir leid")
    assert "Was ich daraus gelernt habe: Ich habe mich" in body
    assert (
        "Mein Plan:\n- Eine Prüfliste für Preislisten anlegen (bis 4.12.2026)\n- Die 30 Kunden anrufen (bis 11.12.2026)"
    ) in body
    assert "Ich melde mich am 7.12.2026 & 14.12.2026 mit dem Stand jedes Schritts" in body
    assert body.endswith("\n\nDanke,\nMax")


def test_a_message_still_too_long_keeps_only_the_act_of_the_ownership() -> None:
    ownership = (
        "I bulk-approved the march expense batch without opening the receipts, because I was trying to clear "
        "the whole queue before quarter end and thought the team had looked at every single receipt already."
    )
    draft = sample_draft(ownership=ownership)
    body = assemble_message(draft, DraftOptions(channel="chat", length="short")).body
    assert "I bulk-approved the march expense batch without opening the receipts." in body
    assert "quarter end" not in body
    assert first_clause("I did it, then left.") == "I did it, then left."  # "I did it" cannot stand alone


def test_a_lesson_that_repeats_the_ownership_keeps_what_changes() -> None:
    ownership = "I left the fridge door ajar after the evening stock count."
    lesson = "I left the fridge door ajar after the evening stock count, so I now check the door before I leave."
    body = assemble_message(sample_draft(ownership=ownership, lessons=[lesson]), DraftOptions()).body
    assert "What I learned: I now check the door before I leave." in body
    assert body.count("ajar") == 1


def test_a_pain_that_only_repeats_the_ownership_still_leaves_regret_in_the_message() -> None:
    ownership = "I forgot to book the Q2 accrual and closed the month without it."
    pain = "I'm sorry that I forgot to book the Q2 accrual and closed the month without it."
    body = assemble_message(sample_draft(ownership=ownership, pain=pain), DraftOptions()).body
    harm = "checkout was down about 3h (14:10-17:05), about 400 orders lost, support got 60+ tickets"
    regret = f"I'm sorry for what this caused: {harm}. {wording(None).landed}"
    assert body.startswith(f"Hi Dana,\n\n{regret}\n\n{ownership}")


def test_a_pain_step_that_failed_leaves_the_programs_regret_for_the_harm_in_the_message() -> None:
    body = assemble_message(sample_draft(pain=""), DraftOptions()).body
    assert body.startswith("Hi Dana,\n\nI'm sorry for what this caused: checkout was down about 3h")
    checked = sample_draft(pain="").model_copy(
        update={"message": assemble_message(sample_draft(pain=""), DraftOptions())}
    )
    assert not [f for f in validate(checked).findings if f.step == "message" and f.severity == "error"]


def test_a_short_message_does_not_say_the_lessons_habit_twice() -> None:
    """The lesson says what I now do; the checklist action right after it in the message does not quote it again
    (the plan itself keeps the whole action)."""
    habit = "run the full staging test suite and read its report before every payments config deploy"
    checklist, measure = wording(None).checklist
    plan = [PlanAction(action=checklist.format(habit=habit), owner="me", due=dt.date(2026, 12, 4), measure=measure)]
    lesson = f"I treated the staging tests as optional under a deadline, so I now {habit}."
    draft = sample_draft(plan=plan, pain=LONG_PAIN, ownership=LONG_OWNERSHIP, lessons=[lesson])
    short = assemble_message(draft, DraftOptions(channel="chat", length="short")).body
    assert "I will add that step to my checklist for this work" in short and short.count(habit) == 1
    email = assemble_message(sample_draft(plan=plan, lessons=[lesson]), DraftOptions()).body
    assert "I will add that step to my checklist for this work" in email and email.count(habit) == 1
    without_lesson = assemble_message(sample_draft(plan=plan, lessons=["I now rest before I deploy."]), DraftOptions())
    assert f'I will add "{habit}" to my checklist for this work' in without_lesson.body


def test_the_programs_regret_names_the_harm_intake_quoted() -> None:
    facts = sample_facts().model_copy(update={"impact": "Q2 opex understated by ~4%"})
    body = assemble_message(sample_draft(pain="", facts=facts), DraftOptions()).body
    assert body.startswith("Hi Dana,\n\nI'm sorry for what this caused: Q2 opex understated by about 4%.")


def test_a_pain_that_only_repeats_the_ownership_gives_way_to_the_programs_regret_for_the_harm() -> None:
    ownership = "I pushed the payments config change on Friday without running the staging tests."
    draft = sample_draft(ownership=ownership, pain=f"I'm sorry that {ownership[2:]} {wording(None).landed}")
    body = assemble_message(draft, DraftOptions()).body
    harm = "checkout was down about 3h (14:10-17:05), about 400 orders lost, support got 60+ tickets"
    assert body.startswith(f"Hi Dana,\n\nI'm sorry for what this caused: {harm}. {wording(None).landed}\n\n{ownership}")


def test_a_german_chat_message_keeps_the_lessons_habit_and_fits_the_chat() -> None:
    notes = (
        "hab die tourenplanung für mo mit der alten kundenliste hochgeladen, 23 stopps falsch\n"
        "2 fahrer ~3h umsonst unterwegs, 4 kunden ohne lieferung, bäckerei lindner droht mit kündigung\n"
        "hab die liste vorher nicht gegen das crm geprüft, dachte die wär aktuell\n"
        "meine chefin Anja will bis EOD wissen was passiert ist"
    )
    words = wording("German")
    draft = sample_draft().model_copy(
        update={
            "notes": notes,
            "pain": "Es tut mir leid, was das angerichtet hat: 2 Fahrer etwa 3h umsonst unterwegs, 4 Kunden ohne "
            f"Lieferung, die Bäckerei Lindner droht mit Kündigung. {words.landed}",
            "ownership": "Ich habe die Tourenplanung für Mo mit der alten Kundenliste hochgeladen. Das war meine "
            "Entscheidung, und die Verantwortung liegt bei mir.",
            "lessons": [
                "Ich habe die Liste nicht gegen das CRM geprüft – ab jetzt: die Liste vor dem Hochladen "
                "gegen das CRM prüfen."
            ],  # fmt: skip
            "positive": words.committed,
        }
    )
    message = assemble_message(draft, DraftOptions(channel="chat", leader="Anja"))
    assert message_size(message.body, "chat") <= LENGTH_WORDS["chat"]["medium"]
    assert "ab jetzt: die liste vor dem hochladen gegen das crm prüfen" in message.body.lower()


def test_a_positive_that_only_says_the_lesson_again_gives_way_to_the_programs_commitment() -> None:
    lesson = "I skipped the staging tests, so I now run the staging tests before every config deploy."
    draft = sample_draft().model_copy(
        update={"lessons": [lesson], "positive": "I now run the staging tests before every config deploy."}
    )
    body = assemble_message(draft, DraftOptions(channel="email")).body
    assert "I now run the staging tests before every config deploy." in body
    assert wording(None).committed in body and body.count("run the staging tests before every config deploy") == 1


def test_a_chat_still_too_long_at_the_last_cut_loses_the_pains_second_clause() -> None:
    draft = sample_draft().model_copy(
        update={
            "pain": "I'm sorry that 6 people saw a competitor's deal and pricing for 5 minutes, and Velanto's "
            "buyer (Ruben) asked about it at the end, in front of everyone on their side of the call.",
            "ownership": "I shared the CRM during the Velanto demo with the pipeline tab open and did not close it.",
            "lessons": ["I now check the CRM for any potential conflicts or issues before sharing it with others."],
        }
    )
    message = assemble_message(draft, DraftOptions(channel="chat", leader="Jonas"))
    assert message_size(message.body, "chat") <= LENGTH_WORDS["chat"]["medium"]
    assert "6 people saw a competitor's deal" in message.body and "I now check the CRM" in message.body
