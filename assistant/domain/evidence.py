"""What an action leaves behind for the leader to see, by the kind of action it is (:func:`evidence_for`): the measure
the program gives an action whose measure a small model only restated, or that a refine request adds without one.
English only, as the plan's own wordings of a look back and a checklist are per language.
"""

from __future__ import annotations

import re

# What an action of each kind leaves behind for the leader to see: used when the model's measure only
# restates its action or says what it "will ensure", which a small model does for about half its actions.
# Its verbs sort actions by kind; the validator's lists of action verbs (the message's plan verbs, PLAN_VAGUE's
# outcome verbs) recognise a plan or a result, other sets that a shared list would change.
_EVIDENCE: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"^(?:call|phone|ring|text|e-?mail|send|write to|tell|apologi[sz]e|meet|talk|ask|offer|contact|inform|"
            r"notify|reach out|follow up)\b",
            re.I,
        ),
        "Their answer, which I'll forward to you",
    ),
    (
        re.compile(r"^(?:re-?check|check|review|audit|go through|verify|re-?run|redo|re-?do|test|inspect)\b", re.I),
        "A list of everything I checked, with what I found and fixed",
    ),
    (
        re.compile(r"^(?:write|document|draft|update|prepare|record|log)\b", re.I),
        "The document itself, shared with you",
    ),
    (
        re.compile(r"^(?:train|teach|walk|brief|coach|show)\b", re.I),
        "The date it took place and who took part",
    ),
    (
        re.compile(
            r"^(?:run|hold|give|host)\s+(?:a |an |the )?(?:\w+\s+){0,2}(?:training|workshop|session|walk-?through|"
            r"post-?mortem|retro(?:spective)?|drill)",
            re.I,
        ),
        "The date it took place and who took part",
    ),
    (
        re.compile(r"^(?:move|put|enter|copy)\b.*\b(?:into|in|onto|to)\b", re.I),
        "The entries themselves, which I'll show you",
    ),
    (
        re.compile(r"^(?:sit down|agree|align|discuss|work out|settle)\b", re.I),
        "What we agreed, written down and shared with you",
    ),
)
_IN_USE = "I'll show you it in use on the next real case"


def evidence_for(action: str) -> str:
    """What anyone could look at once the action is done, from the kind of action it is."""
    for verbs, evidence in _EVIDENCE:
        if verbs.match(action.strip()):
            return evidence
    return _IN_USE
