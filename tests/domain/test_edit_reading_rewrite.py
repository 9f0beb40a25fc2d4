"""Which sections a refine request asks to be written again without giving the words, and what it says of each."""

from __future__ import annotations

from chain_support import sample_draft

from assistant.domain.edit_reading import read_edits
from assistant.domain.edit_reading_given import read_given, section_named
from assistant.domain.edit_reading_rewrite import rewrites_asked


def test_each_section_gets_the_sentences_about_it_and_the_context_before() -> None:
    draft = sample_draft()
    request = (
        "Dana read it already. The lesson is off: the problem was that nobody else knew the release date. "
        "Rewrite the lesson around that. And the last line still talks about the staging tests, fix that too."
    )
    asked, rest = rewrites_asked(request, draft, [])
    assert [a.section for a in asked] == ["lessons", "positive"]
    assert asked[0].said.startswith("Dana read it already. The lesson is off") and "around that." in asked[0].said
    assert asked[1].said == "And the last line still talks about the staging tests, fix that too."
    assert rest == "Dana read it already."  # the context before is still checked for what else it asks


def test_no_rewrite_without_a_cue_for_a_subject_or_where_the_words_are_given() -> None:
    draft = sample_draft()
    assert rewrites_asked("The apology is fine, thanks.", draft, []) == ([], "The apology is fine, thanks.")
    assert rewrites_asked("Rewrite the subject line.", draft, [])[0] == []  # the subject is the program's
    given = "The apology is too stiff. Rewrite it: I'm sorry checkout was down for three hours on Friday."
    read = read_edits(given, draft)
    assert rewrites_asked(given, draft, read)[0] == []  # the words are given: the program puts them in


def test_a_section_named_by_what_it_quotes_takes_the_given_words_whole() -> None:
    draft = sample_draft(ownership="I pushed the change without running the staging tests. That was my decision.")
    assert section_named('the "that was my decision" paragraph', draft) == "ownership"
    assert section_named('reword the checklist step so it reads "that was my decision"', draft) is None  # an action
    request = (
        'The "that was my decision" paragraph is too bare. Please replace it with: I pushed the payments config '
        "change on Friday without running the staging tests. That trade-off was mine."
    )
    found = read_given(request, draft)
    assert found is not None
    edit, _ = found
    assert (edit.section, edit.text) == (
        "ownership",
        "I pushed the payments config change on Friday without running the staging tests. That trade-off was mine.",
    )


def test_a_french_closing_to_change_and_french_les_is_no_lesson() -> None:
    request = (
        "Tu peux changer la conclusion ? Je voudrais dire que j'ai déjà mis les échéances dans le tracker de l'équipe."
    )
    asked, rest = rewrites_asked(request, sample_draft(), [])
    assert [a.section for a in asked] == ["positive"] and "tracker" in asked[0].said and rest == ""


def test_what_the_user_wants_a_section_to_be_about_asks_for_it_written_again() -> None:
    draft = sample_draft()
    request = (
        "The apology is about the customers, but what I actually feel bad about is Marta. She lost her entire "
        "Wednesday on the phone. I want the sorry to be about that, to her."
    )
    asked, rest = rewrites_asked(request, draft, [])
    assert [(a.section, a.said) for a in asked] == [("pain", request)]
    assert rest == ""


def test_a_closing_asked_for_in_dutch_is_written_again_by_the_rewrite_step() -> None:
    request = "Maak het wat directer. En sluit af met dat ik haar maandag in ons 1-op-1 laat zien hoe de CI-gate werkt."
    asked, rest = rewrites_asked(request, sample_draft(), [])
    assert [a.section for a in asked] == ["positive"]
    assert rest == "Maak het wat directer."
