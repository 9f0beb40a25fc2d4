"""The user's own words in a refine request that are in another language than the draft (:func:`to_translate`):
"Per il secondo punto cambia la misura: la lista di tutti gli invii …" on a draft written in English.

The program reads which part the words are for and puts them in; the words themselves would leave an Italian
measure in an English email. Only their translation is the model's (:mod:`assistant.chains.refine_translate`), one
text at a time. Facts stay as typed: the notes may hold any language.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.domain.edit_types import AddAction, Edit, ReplaceSection, RewordAction, SetMeasure
from assistant.domain.language import detect_language, english_words, looks_english
from assistant.domain.schema import Draft

ACTION_PART = "an action of the plan"
# The parts of the draft the user's words can be for, as a prompt names them.
_PARTS = {
    "action": ACTION_PART,
    "measure": "how my leader can see an action is done",
    "pain": "apology",
    "ownership": "ownership statement",
    "lessons": "lessons",
    "positive": "closing line",
    "subject": "subject line",
}


@dataclass(frozen=True)
class Foreign:
    """Words of an edit in another language than the draft's: which edit, which of its fields, and what part of the
    draft they are for."""

    index: int
    field: str
    text: str
    part: str


def draft_language(draft: Draft) -> str:
    """The language the draft is written in (its notes'), as an English name."""
    return detect_language(draft.notes) or "English"


def _language(text: str, request: str) -> str | None:
    """The language of ``text``, or None when it is too short or unclear to tell. Words too few to tell are in the
    request's language when that is not English and they have no English words ("I due auditor confermano via email
    di aver aperto i file" in an Italian request)."""
    if (said := detect_language(text)) is not None:
        return said
    asked = detect_language(request)
    if asked is not None and english_words(text) == 0:
        return asked
    return "English" if looks_english(text) else None


def _texts(edit: Edit) -> list[tuple[str, str, str]]:
    """The user's words an edit carries: (field, text, part)."""
    match edit:
        case AddAction():
            return [("action", edit.action, _PARTS["action"]), ("measure", edit.measure, _PARTS["measure"])]
        case RewordAction():
            return [("action", edit.action, _PARTS["action"])]
        case SetMeasure():
            return [("measure", edit.measure, _PARTS["measure"])]
        case ReplaceSection():
            return [("text", edit.text, _PARTS[edit.section])]
    return []


def to_translate(edits: list[Edit], draft: Draft, request: str = "") -> list[Foreign]:
    """The words of ``edits`` (read in ``request``) that are clearly in another language than the draft's."""
    target = draft_language(draft)
    return [
        Foreign(index, field, text, part)
        for index, edit in enumerate(edits)
        for field, text, part in _texts(edit)
        if (said := _language(text, request)) is not None and said != target
    ]


def with_translations(edits: list[Edit], done: dict[tuple[int, str], str]) -> list[Edit]:
    """``edits`` with the translated words (``done``, by edit index and field) put in."""
    out = list(edits)
    for (index, field), text in done.items():
        out[index] = out[index].model_copy(update={field: text})
    return out
