"""Refine, the user's own words put into the draft's language (``prompts/refine_translate.md``): the program chose
the part they are for (:func:`assistant.domain.edit_translation.to_translate`) and puts the answer in; the model
only translates.
"""

from __future__ import annotations

import re

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable

from assistant.chains._step import FormatState, build_step_chain
from assistant.domain.edit_translation import ACTION_PART
from assistant.domain.edit_types import TranslateOutput
from assistant.domain.language import detect_language
from assistant.domain.step_inputs import StepInputs
from assistant.domain.text_checks import not_blank

_NUMBER = re.compile(r"\d+(?:[.,:/]\d+)*")
_WORD = re.compile(r"[^\W\d_]{3,}")
_UNTRANSLATED = 0.6


_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
# The first person at the start of words, in the languages read: "I will …", "Io …", "Ich …", "Je …".
_FIRST_PERSON = re.compile(r"^\s*(?:i|we|io|noi|yo|nosotros|ich|wir|je|j'|nous|eu|nós|ik|wij|me|my|mi|mein|mon|ma)\b",
                           re.IGNORECASE)  # fmt: skip


def translate_problems(out: TranslateOutput, inputs: StepInputs) -> list[str]:
    """Problems of an answer: blank; still in the words' own language; a number of the words left out, or one they do
    not have; a sentence added; an action turned into a statement about me ("I will …", "We reviewed …")."""
    problems = not_blank("text", out.text)
    source, language = inputs.texts.get("text", ""), inputs.texts.get("language", "English")
    # most of its words my own words as typed: not translated (a language guess on a few words is no proof)
    words, typed = set(_WORD.findall(out.text.lower())), set(_WORD.findall(source.lower()))
    if not problems and words and len(words & typed) / len(words) > _UNTRANSLATED:
        said = detect_language(source) or "their language"
        problems.append(f"it is still in {said}: write it in {language}")
    missing = [n for n in _NUMBER.findall(source) if n not in out.text]
    if missing:
        problems.append(f"it leaves out {', '.join(missing)}: keep every number of my words")
    added = [n for n in _NUMBER.findall(out.text) if n not in source]
    if added:
        problems.append(f"it adds {', '.join(added)}, which my words do not have: translate only my words")
    if len(_SENTENCE_END.findall(out.text.strip())) > max(1, len(_SENTENCE_END.findall(source.strip()))):
        problems.append("it adds a sentence: translate only my words")
    # an action starts with its verb ("Move the deadlines …"); a section may well start with "I'll"
    if _is_action(inputs) and _FIRST_PERSON.match(out.text) and not _FIRST_PERSON.match(source):
        problems.append("it starts with who does it, which my words do not: start with the verb, as my words do")
    return problems


def _is_action(inputs: StepInputs) -> bool:
    return inputs.texts.get("part") == ACTION_PART


# "I will move …", "I'll move …", "I answer …": an action said as what I do; the action starts at its verb.
_I_WILL = re.compile(r"^\s*(?:I|We)(?:'ll|\s+will|\s+shall|\s+am going to|\s+are going to)?\s+(?=[a-z])")
# The first person before the verb, in the languages read ("ich beantworte …", "je réponds …").
_I_FIRST = re.compile(r"^\s*(?:ich|je|j'|yo|io|eu|ik|i)\s+(?=\w)", re.IGNORECASE)


def action_words(text: str) -> str:
    """An action's words without the first person before the verb ("ich beantworte …" → "beantworte …"), so the
    translation starts at the verb."""
    return _I_FIRST.sub("", text, count=1)


def as_step(text: str) -> str:
    """A translated action as a step, starting at its verb ("I answer the replies" → "Answer the replies")."""
    will = _I_WILL.match(text)
    if will is None:
        return text
    rest = text[will.end() :]
    return rest[:1].upper() + rest[1:]


def _tidy(out: TranslateOutput) -> TranslateOutput:
    return out.model_copy(update={"text": " ".join(out.text.split()).strip('"“” ')})


def as_action(out: TranslateOutput, inputs: StepInputs) -> TranslateOutput | None:
    """An action translated as what I will do, as the action ("I will move the deadlines …" → "Move the deadlines
    …"); None for any other answer."""
    text = as_step(out.text) if _is_action(inputs) else out.text
    return None if text == out.text else out.model_copy(update={"text": text})


def build_refine_translate_chain(
    model: BaseChatModel, *, max_reasks: int = 1, format_state: FormatState | None = None
) -> Runnable[StepInputs, TranslateOutput]:
    """Runnable taking :func:`assistant.workflows.step_inputs.translate_inputs` and returning
    :class:`TranslateOutput`."""
    return build_step_chain(
        "refine_translate",
        model,
        TranslateOutput,
        max_reasks=max_reasks,
        checks=[translate_problems],
        format_state=format_state,
        repair=_tidy,
        salvage=as_action,
    )
