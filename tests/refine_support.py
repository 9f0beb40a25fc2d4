"""A refine answer that adds a fact, shared by the refine tests of the chain and of the workflow."""

from __future__ import annotations

POSITIVE = "I'm on it, and I've already told the support team; I'll show you the gate working by mid-December."
FACT_ANSWER = {
    "understood": "Say that I already told the support team.",
    "edits": [
        {"op": "add_fact", "fact": "I already told the support team"},
        {"op": "replace_section", "section": "positive", "text": POSITIVE},
    ],
    "not_possible": "",
}
