"""New words the request gives for a section (``assistant/domain/edit_reading_given.py``): which section, which
sentence of it, and the words as given; the rest of the request read as before."""

from __future__ import annotations

from chain_support import sample_draft

from assistant.domain.edit_reading import needs_model, read_edits
from assistant.domain.edit_reading_given import fact_in_section, read_given, without_given
from assistant.domain.edit_types import AddFact, ReplaceSection, SetTone, ShiftDates

PAIN = "I'm sorry that about 400 orders were lost and that you had to explain it to the VP."


def test_the_first_line_named_in_the_sentence_before_is_replaced_and_the_rest_stays() -> None:
    request = "The opening line reads like my notes. Rewrite it: I'm sorry that checkout was down for three hours"
    edit, rest = read_given(request, sample_draft()) or (None, "")
    assert edit == ReplaceSection(
        section="pain",
        text="I'm sorry that checkout was down for three hours. I know it landed on you too, and that weighs on me.",
    )
    assert rest == ""
    assert read_edits(request, sample_draft()) == [edit] and not needs_model(request, [edit])


def test_the_quoted_last_line_is_replaced_by_the_words_after_with() -> None:
    request = "replace the last line (\"I'm on it, and I'll show you the gate\") with: I'll demo the gate on Fri 4 Dec."
    edit, _ = read_given(request, sample_draft()) or (None, "")
    assert edit == ReplaceSection(section="positive", text="I'll demo the gate on Fri 4 Dec.")


def test_a_lesson_given_in_full_replaces_the_only_lesson() -> None:
    request = "the lesson is off. rewrite the lesson: config changes get the same staging tests as code changes"
    edit, _ = read_given(request, sample_draft()) or (None, "")
    assert edit == ReplaceSection(section="lessons", text="Config changes get the same staging tests as code changes.")


def test_a_sentence_added_to_a_named_section_and_the_rest_of_the_request_read_too() -> None:
    request = (
        "The ownership part is too thin. Add that I skipped the tests knowingly to beat the weekend. Also more formal"
    )
    edits = read_edits(request, sample_draft())
    assert (
        ReplaceSection(
            section="ownership",
            text="I pushed the change without running the staging tests. That was my decision. "
            "I skipped the tests knowingly to beat the weekend.",
        )
        in edits
    )
    assert SetTone(tone="formal") in edits
    assert not needs_model(request, edits)


def test_no_section_named_or_no_words_given_reads_nothing() -> None:
    assert read_given("rewrite it: something better than this please", sample_draft()) is None  # which section?
    assert read_given("rewrite the closing, it is too stiff", sample_draft()) is None  # no words given
    assert read_given("add that to the notes: the refunds went out on Monday", sample_draft()) is None  # a fact
    assert without_given("make it warmer") == "make it warmer"


def test_new_words_in_quotes_right_after_the_cue_with_no_colon() -> None:
    request = (
        'last line sounds a bit cocky given I just broke things. change it to "I\'ll keep you posted at each check-in."'
    )
    edit, _ = read_given(request, sample_draft()) or (None, "")
    assert edit == ReplaceSection(section="positive", text="I'll keep you posted at each check-in.")
    assert read_edits(request, sample_draft()) == [edit]


def test_the_lesson_the_user_says_they_took_is_the_new_lesson_and_asking_around_it_needs_no_model() -> None:
    request = (
        "The lesson reads like I should just be more careful. It isn't that. The lesson I actually took from this: "
        "a config change waits for a green staging run, whatever the hour. Can you rewrite the lesson around that?"
    )
    edits = read_edits(request, sample_draft())
    assert edits == [
        ReplaceSection(section="lessons", text="A config change waits for a green staging run, whatever the hour.")
    ]
    assert not needs_model(request, edits)


def test_a_lesson_said_to_be_about_something_is_not_given_words() -> None:
    request = "The real lesson is about Friday deploys: rushing late in the week is when I cut corners. Rewrite it."
    assert read_given(request, sample_draft()) is None


def test_make_the_lesson_colon_gives_the_new_lesson() -> None:
    request = (
        "The lesson is backwards. Make the lesson: config changes wait for a green staging run, whatever the hour."
    )
    edit, _ = read_given(request, sample_draft()) or (None, "")
    assert edit == ReplaceSection(
        section="lessons", text="Config changes wait for a green staging run, whatever the hour."
    )


def test_words_after_say_replace_the_sentence_quoted_and_speak_to_the_reader() -> None:
    request = 'Change the closing line. "by mid-December" is vague - say I\'ll demo the gate to her live on Thu 10 Dec.'
    assert read_edits(request, sample_draft()) == [
        ReplaceSection(section="positive", text="I'll demo the gate to you live on Thu 10 Dec.")
    ]
    # thanks for the reader as the last line, in place of what it says now; the tone beside it is read too
    request = (
        "Make it a bit warmer? And for the last line I'd rather just thank her for taking the VP call, instead "
        'of the "I\'m on it" stuff.'
    )
    assert read_edits(request, sample_draft()) == [
        SetTone(tone="warm"),
        ReplaceSection(section="positive", text="Thank you for taking the VP call."),
    ]


def test_a_request_before_the_clause_that_names_the_section_is_read_too() -> None:
    request = 'two things: pull both dates 3 days earlier, and change the subject line to "Friday: my mistake, my plan"'
    edits = read_edits(request, sample_draft())
    assert ReplaceSection(section="subject", text="Friday: my mistake, my plan") in edits
    assert ShiftDates(target="plan", amount=-3, unit="days") in edits


def test_a_fact_before_and_the_sorry_line_given_after_can_it_be() -> None:
    request = (
        "quick update!! support cleared the last open tickets yesterday afternoon, can you add that to the notes? and "
        "while you're at it the sorry line, can it be: \"I'm sorry the outage cost us 400 orders.\""
    )
    edits = read_edits(request, sample_draft())
    assert AddFact(fact="support cleared the last open tickets yesterday afternoon") in edits
    assert any(isinstance(e, ReplaceSection) and e.section == "pain" and "400 orders" in e.text for e in edits)


def test_words_typed_in_lower_case_after_can_the_apology_say() -> None:
    request = (
        "the sorry part is about the customers but what i feel bad about is Dana. can the apology say im sorry she "
        "lost her entire wednesday on calls with the VP"
    )
    assert read_edits(request, sample_draft()) == [
        ReplaceSection(section="pain", text="I'm sorry you lost your entire Wednesday on calls with the VP.")
    ]


def test_the_ending_given_after_close_with_and_the_lesson_after_what_i_actually_learned() -> None:
    request = "the ending is a bit empty. id rather close with something concrete like: the gate will be live by Friday"
    assert read_edits(request, sample_draft()) == [
        ReplaceSection(section="positive", text="The gate will be live by Friday.")
    ]
    request = (
        "The lesson isn't really about the weekend. What I actually learned: a config change is a deploy and gets "
        "the same staging run. Can you put that as the lesson instead"
    )
    assert read_edits(request, sample_draft()) == [
        ReplaceSection(section="lessons", text="A config change is a deploy and gets the same staging run.")
    ]


def test_a_fact_said_for_a_section_goes_into_the_notes_and_after_that_sections_text() -> None:
    draft = sample_draft()
    request = (
        "I want to be fully honest in the ownership part. Priya left a comment on the PR asking me to wait until "
        "Monday and I merged anyway. Add that, I don't want Dana to hear it from someone else."
    )
    fact = "Priya left a comment on the PR asking me to wait until Monday and I merged anyway"
    assert read_edits(request, draft) == [
        AddFact(fact=fact),
        ReplaceSection(section="ownership", text=f"{draft.ownership.strip()} {fact}."),
    ]
    assert not needs_model(request, read_edits(request, draft))
    # no section named, or no "add that": the fact alone
    assert fact_in_section(f"{fact}. Add that.", fact, draft) is None
    assert fact_in_section(f"The ownership part is fine. {fact}.", fact, draft) is None


def test_say_it_straight_gives_the_words_for_the_section_named_before() -> None:
    draft = sample_draft()
    request = (
        "the ownership line is too thin. say it straight: I skipped the staging tests because I wanted the change "
        "out before the weekend, it was on me"
    )
    assert read_edits(request, draft) == [
        ReplaceSection(
            section="ownership",
            text="I skipped the staging tests because I wanted the change out before the weekend, it was on me.",
        )
    ]


def test_ill_typed_for_ill_before_a_verb_and_a_weekday_plural_that_names_no_one() -> None:
    draft = sample_draft()  # to Dana
    request = (
        "a bit more direct pls, dana hates fluff. and for the closing, say ill demo the gate to her live in thursdays "
        "team sync"
    )
    assert ReplaceSection(
        section="positive", text="I'll demo the gate to you live in Thursdays team sync."
    ) in read_edits(request, draft)
