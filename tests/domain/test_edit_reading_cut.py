"""Words taken out of a prose section (``assistant/domain/edit_reading_cut.py``): the clause that holds what the
request quotes or says, or the pain's feelings clause when it asks for less feeling."""

from __future__ import annotations

from chain_support import sample_draft

from assistant.domain.edit_reading import needs_model, read_edits
from assistant.domain.edit_reading_cut import read_cut
from assistant.domain.edit_types import ReplaceSection
from assistant.domain.schema import Draft

PAIN = "I'm sorry that about 400 orders were lost. I know it landed on you too, and that weighs on me."


def _draft() -> Draft:
    return sample_draft().model_copy(update={"pain": PAIN})


def test_the_clause_the_request_says_goes_and_the_rest_stays_word_for_word() -> None:
    cut = ReplaceSection(section="pain", text="I'm sorry that about 400 orders were lost. I know it landed on you too.")
    assert read_cut("take out the bit where I say it weighs on me, she wants facts", _draft()) == cut
    assert read_cut("The 'that weighs on me' stuff is a lot for her.", _draft()) == cut
    assert read_cut("less emotional please, she doesn't need my feelings", _draft()) == cut
    request = "take out the bit where I say it weighs on me"
    assert read_edits(request, _draft()) == [cut] and not needs_model(request, [cut])


def test_a_sentence_of_one_clause_goes_whole_and_nothing_is_cut_unasked() -> None:
    cut = read_cut('drop "about 400 orders were lost", she knows the numbers', _draft())
    assert cut == ReplaceSection(section="pain", text="I know it landed on you too, and that weighs on me.")
    assert read_cut("the 'weighs on me' part is fine", _draft()) is None  # no cue to take it out
    assert read_cut("take out the bit where I say the server melted", _draft()) is None  # not in the draft


def test_the_part_at_the_end_where_i_say() -> None:
    draft = _draft().model_copy(update={"positive": "The gate will catch this. I'm committed to making this right."})
    assert read_cut("take out the part at the end where I say I'm committed to making this right", draft) == (
        ReplaceSection(section="positive", text="The gate will catch this.")
    )


def test_a_quoted_clause_beside_an_apostrophe() -> None:
    request = "I don't love 'I know it landed on you too', it sounds like a press statement. Please just remove that."
    assert read_cut(request, _draft()) == ReplaceSection(
        section="pain", text="I'm sorry that about 400 orders were lost. That weighs on me."
    )


def test_two_words_in_a_row_with_a_long_one_name_the_clause() -> None:
    ownership = "I pushed the change. That was my decision, and the responsibility is mine."
    draft = _draft().model_copy(update={"ownership": ownership})
    cut = read_cut("Drop the line about it being my decision - it wasn't one, and it sounds defensive", draft)
    assert cut == ReplaceSection(section="ownership", text="I pushed the change. The responsibility is mine.")
    assert read_cut("drop the line about it being my fault", draft) is None  # no long word: "my fault" is not there


def test_what_the_request_says_may_stay_is_not_cut() -> None:
    ownership = "I pushed the change. That was my decision, and the responsibility is mine."
    draft = _draft().model_copy(update={"ownership": ownership})
    request = 'Please cut "That was my decision"; the part about the responsibility being mine can stay.'
    assert read_cut(request, draft) == ReplaceSection(
        section="ownership", text="I pushed the change. The responsibility is mine."
    )
