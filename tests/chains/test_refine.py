"""Refine's shared inputs (assistant/chains/refine.py): facts from the request, and the notes they are added to.
The model step is tested in test_refine_edits.py, applying a request in tests/workflows/ (test_refine.py,
test_edits.py)."""

from __future__ import annotations

from assistant.chains.refine import ADDED_MARKER, grounded_facts, notes_with_facts


def test_new_facts_are_kept_only_when_they_come_from_the_request() -> None:
    request = "add that I already told the support team at 9am"
    facts = ["I already told the support team at 9am", "I refunded 400 customers", "I told support at 10am"]
    assert grounded_facts(facts, request) == ["I already told the support team at 9am"]


def test_notes_get_one_added_block() -> None:
    once = notes_with_facts("my notes", ["I told support"])
    assert once == f"my notes\n\n{ADDED_MARKER}\n- I told support"
    twice = notes_with_facts(once, ["I told support", "I called Dana"])
    assert twice == f"{once}\n- I called Dana"
    assert notes_with_facts("my notes", []) == "my notes"
