"""Content words and rough stems (``assistant/validator/content_words.py``)."""

from __future__ import annotations

import pytest

from assistant.validator.content_words import content_words, covered, overlap, stem, stems_of


@pytest.mark.parametrize(
    ("word", "expected"),
    [("ran", "run"), ("running", "run"), ("sent", "send"), ("wrote", "writ"), ("writing", "writ"), ("took", "tak"),
     ("made", "mak"), ("forgot", "forget"), ("forgetting", "forget"), ("gave", "giv"), ("told", "tell"),
     ("left", "leav"), ("put", "put"), ("setting", "set"), ("cut", "cut"), ("pointed", "point"),
     ("publicly", "public"), ("changes", "chang"), ("prod", "production")],
)  # fmt: skip
def test_stems_handle_suffixes_irregular_pasts_and_abbreviations(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_content_words_leave_out_stopwords_generic_verbs_and_days() -> None:
    assert [w for w, _s in content_words("I just made a typo in the invoice on Friday")] == ["typo", "invoice"]


def test_each_content_word_comes_with_its_stem_and_re_prefixes_are_dropped() -> None:
    assert content_words("re-deployed the invoices") == (("deployed", "deploy"), ("invoices", "invoic"))
    assert stem("invoice") == stem("invoices")
    assert content_words("the configs") == (("configs", "configuration"),)  # an abbreviation is spelled out
    assert stems_of("pointed at the intern publicly") == stems_of("point at the intern in public")


def test_a_stem_covers_another_that_shares_five_letters_at_the_start() -> None:
    assert covered("deploy", {"deployment"}) and covered("deployment", {"deploy"})
    assert covered("run", {"run"})
    assert not covered("run", {"running"})  # too short to match by its start
    assert not covered("deploy", {"depot"})


def test_overlap_counts_each_covered_stem_once() -> None:
    stems = stems_of("ran the migration script on the production database")
    assert overlap(["run", "script", "script", "backup"], stems) == 2
    assert overlap([], stems) == 0
