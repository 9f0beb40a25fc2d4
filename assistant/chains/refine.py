"""What refine's model step (:mod:`assistant.chains.refine_edits`) and the program that applies its edits
(:mod:`assistant.workflows.edits`) share: the draft as prompt text, the step's inputs, and facts from the request.

Facts the user states in a request ("I already rolled back the change") are added to the notes under
:data:`ADDED_MARKER`, when they really come from the request, so the validator's grounding checks accept them.
"""

from __future__ import annotations

import re
from typing import get_args

from assistant.chains._format import checkins_text, lessons_text, plan_text
from assistant.domain.edit_scope import mentioned_kinds
from assistant.domain.edit_types import Section
from assistant.domain.schema import Draft

ADDED_MARKER = "Added in chat:"
_WORD = re.compile(r"[a-z]{3,}")
_DIGITS = re.compile(r"\d+")


def draft_text(draft: Draft, kinds: set[str] | None = None) -> str:
    """The draft's parts and the message's subject as labelled plain text, for the prompt; not the message's body,
    which the program assembles again from the parts (it would add a third to the prompt's length). With ``kinds``
    (the kinds of edit a request speaks of, :func:`offered_kinds`), only the parts those edits touch, and the plan,
    whose actions are numbered: a shorter prompt is a faster answer."""
    every = kinds is None
    kinds = kinds or set()
    parts: list[str] = []
    for name, label, text in (
        ("pain", "Pain", draft.pain),
        ("ownership", "Ownership", draft.ownership),
        ("lessons", "Lessons:\n", lessons_text(draft.lessons)),
    ):
        if every or name in kinds:
            parts.append(f"{label}{'' if label.endswith(chr(10)) else ': '}{text}")
    parts.append(f"Plan:\n{plan_text(draft.plan)}")
    if every or "positive" in kinds:
        parts.append(f"Positive: {draft.positive}")
    if every or "dates" in kinds:
        parts.append(f"Check-ins:\n{checkins_text(draft.report_back)}")
    if every or kinds & {"subject", "channel"}:
        parts.append(f"Message subject: {draft.message.subject}")
    return "\n".join(parts)


_SECTIONS: tuple[Section, ...] = get_args(Section)
# Each edit the refine_edits step may give, with the kind of request it answers (edit_scope's word lists).
_MENU: tuple[tuple[str, str], ...] = (
    ("dates", '- {"op": "shift_dates", "target": "plan" | "checkins" | "action", "action": N or null, "amount": N, '
              '"unit": "days" | "weeks"}\n  (negative amount: earlier; "plan" moves every due date and the check-ins '
              "follow)"),
    ("dates", '- {"op": "set_date", "target": "action" | "checkin", "number": N, "date": "YYYY-MM-DD"}'),
    ("section", '- {"op": "replace_section", "section": SECTIONS, "text": "..."}\n  (the whole new text, in the first '
                "person, taking full responsibility; lessons: one lesson a line)"),
    ("drop", '- {"op": "drop_action", "number": N}'),
    ("add", '- {"op": "add_action", "action": "...", "measure": "...", "owner": "me", "due": "YYYY-MM-DD" or null}'),
    ("reword", '- {"op": "reword_action", "number": N, "action": "..."}'),
    ("owner", '- {"op": "set_owner", "number": N, "owner": "..."}'),
    ("measure", '- {"op": "set_measure", "number": N, "measure": "..."}'),
    ("channel", '- {"op": "set_channel", "channel": "email" | "chat" | "talking_points"}'),
    ("length", '- {"op": "set_length", "length": "short" | "medium" | "long" | "shorter" | "longer"}'),
    ("tone", '- {"op": "set_tone", "tone": "neutral" | "warm" | "formal" | "direct"}'),
    ("fact", '- {"op": "add_fact", "fact": "..."} (a fact my request states that the notes lack, in my own words)'),
)  # fmt: skip


_A_FACT = re.compile(r"^\s*(?:please\s+)?(?:add|mention|say|note|include)\s+(?:that|the fact)\b", re.IGNORECASE)


def offered_kinds(request: str) -> set[str] | None:
    """The kinds of edit offered for ``request``: those it speaks of (adding a fact only when it asks for that);
    None when it names none (then every edit is offered)."""
    kinds = mentioned_kinds(request) | ({"fact"} if _A_FACT.search(request) else set())
    return kinds if any(kind in kinds or kind == "section" and kinds & set(_SECTIONS) for kind, _ in _MENU) else None


def edits_menu(request: str) -> str:
    """The edits offered for ``request``: only the kinds it speaks of (adding a fact only when it asks for that), so
    a small model is not offered rewrites of parts nobody asked about; all of them when it names none."""
    kinds = offered_kinds(request)
    if kinds is None:  # it names no kind: every edit, every section
        offered, sections = list(_MENU), list(_SECTIONS)
    else:
        sections = [s for s in _SECTIONS if s in kinds]
        offered = [(kind, line) for kind, line in _MENU if kind in kinds or (kind == "section" and sections)]
    text = "\n".join(line for _kind, line in offered)
    return text.replace("SECTIONS", " | ".join(f'"{s}"' for s in sections))


# One worked example for each kind of edit, from another case (a bakery whose plan is "1. Label every tray with its
# allergens" and "2. Tell the school which muffins were mislabelled"): a small model copies the shape of an answer
# it is shown. The words of this case are the prompt's example_words, which must not reach an answer.
_EXAMPLES: dict[str, str] = {
    "owner": 'Request: "Sam from the kitchen offered to do the tray labels, put him down for it"\n'
             'Edits: [{"op": "set_owner", "number": 1, "owner": "Sam"}]',
    "add": 'Request: "one more step: Ana checks every recipe card by 10 Dec, done when each card lists its allergens"'
           '\nEdits: [{"op": "add_action", "action": "Check every recipe card", "measure": "Each card lists its '
           'allergens", "owner": "Ana", "due": "2026-12-10"}]',
    "reword": 'Request: "the tray step should say: print the allergen labels from the recipe card"\n'
              'Edits: [{"op": "reword_action", "number": 1, "action": "Print the allergen labels from the recipe '
              'card"}]',
    "measure": 'Request: "for the school step, what she will see is the head teacher\'s reply"\n'
               'Edits: [{"op": "set_measure", "number": 2, "measure": "The head teacher\'s reply"}]',
    "drop": 'Request: "why is telling the school a step? they told me. remove it"\n'
            'Edits: [{"op": "drop_action", "number": 2}]',
    "fact": 'Request: "add that we refunded every parent on Monday"\n'
            'Edits: [{"op": "add_fact", "fact": "We refunded every parent on Monday"}]',
    "dates": 'Request: "the tray labels will take until Wednesday the 9th"\n'
             'Edits: [{"op": "set_date", "target": "action", "number": 1, "date": "2026-12-09"}]',
}  # fmt: skip


def edits_examples(request: str) -> str:
    """Worked examples of the edits offered for ``request`` (:func:`offered_kinds`; three at most, the plan's first),
    or '' when it names no kind."""
    kinds = offered_kinds(request)
    if kinds is None:
        return ""
    shown = [example for kind, example in _EXAMPLES.items() if kind in kinds][:3]
    if not shown:
        return ""
    intro = 'Examples from another case, whose plan is "1. Label every tray …" and "2. Tell the school …":\n'
    return intro + "\n".join(shown) + "\n"


def grounded_facts(new_facts: list[str], request: str) -> list[str]:
    """The new facts that really come from the request: their numbers and most of their words are in it."""
    said = request.lower()
    said_words = set(_WORD.findall(said))
    kept = []
    for fact in new_facts:
        words = _WORD.findall(fact.lower())
        numbers = _DIGITS.findall(fact)
        if not fact.strip() or not all(n in _DIGITS.findall(said) for n in numbers):
            continue
        if words and sum(w in said_words for w in words) / len(words) >= 0.6:
            kept.append(" ".join(fact.split()))
    return kept


def notes_with_facts(notes: str, facts: list[str]) -> str:
    """The notes with facts appended under :data:`ADDED_MARKER` (each once)."""
    new = [f for f in facts if f"- {f}" not in notes]
    if not new:
        return notes
    block = "\n".join(f"- {f}" for f in new)
    if ADDED_MARKER in notes:
        return f"{notes.rstrip()}\n{block}"
    return f"{notes.rstrip()}\n\n{ADDED_MARKER}\n{block}"
