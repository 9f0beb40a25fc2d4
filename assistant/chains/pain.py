"""Step 1, show your pain (``prompts/pain.md``).

The model writes one sentence: that I'm sorry, and what went wrong for people. The program adds
the second, what it meant for the leader, in the notes' language: a small model asked for that
sentence invents a cost ("it cost my leader a lot of time") or an "inconvenience".
"""

from __future__ import annotations

import re
from collections.abc import Callable

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable

from assistant.chains._step import Check, FormatState, build_step_chain, finished_by
from assistant.domain.language import detect_language
from assistant.domain.notes_reading import impact_in_notes
from assistant.domain.schema import PainOutput
from assistant.domain.settle import plain_words, wording
from assistant.domain.step_inputs import StepInputs
from assistant.domain.text_checks import SENTENCE, finish_sentences, not_blank

LONGEST_REGRET = 40  # words: a sentence of regret that runs on pastes the notes
_SHORT = 6  # words: "I'm sorry for this." says nothing of the harm, so the next sentence stays too
# A tail the model adds on its own ("..., which caused extra work for my leader"): a cost the notes don't give.
_ADDED_COST = re.compile(
    r",?\s+(?:(?:which|that|and)\s+(?:has\s+|have\s+|also\s+)?(?:caused|resulted in|led to|cost)|causing|resulting in|"
    r"costing)\b[^0-9]*?(?=[.!?]?$)",
    re.IGNORECASE,
)


# What follows the harm in a run-on sentence: an excuse ("..., but I'd have been late anyway") or my own doings
# ("..., and I already booked 90 minutes", "..., and that I called Kateřina"), which the pain leaves out.
_AFTER_HARM = re.compile(
    r"(?:,?\s+(?:but|although|though|even though|and (?:that )?I)|,\s+and that)\b.*?(?=[.!?]?$)",
    re.IGNORECASE,
)


_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")

# What a small model adds to the harm on its own: a judgement or a cost ("significant financial distress",
# "harm to our business", "14°C was too low"), unless the notes use the word themselves.
_JUDGEMENT = re.compile(
    r"\b(?:significant\w*|substantial\w*|considerabl\w*|serious\w*|sever\w+|major|huge|enormous|immense|"
    r"distress\w*|harm\w*|damag\w*|reputation\w*|business\w*|compan(?:y|ies)|inconvenien\w+|frustrat\w+|stress\w*|"
    r"anxi\w+|burden\w*|effort\w*|trouble\w*|concern\w*|worr\w+|impact\w*|consequence\w*|financial\w*|disrupt\w*|"
    r"hardship\w*|upset\w*|oversight\w*|mistake\w*|chaos|time|too\s+\w+|fraud\w*|illegal\w*|unlawful\w*|"
    r"negligen\w*|catastroph\w*|disast\w*|devastat\w*|unacceptabl\w*|irresponsib\w*|reckless\w*|embarrass\w*|"
    r"humiliat\w*|costly|expensive|violat\w*|danger\w*|critical\w*|grave|terribl\w*|awful|horribl\w*)\b",
    re.IGNORECASE,
)
# Who the harm is about: a "he" or "she" the harm doesn't have turns who did what around.
_PERSON = re.compile(r"\b(?:he|him|his|she|her|hers)\b", re.IGNORECASE)


def added_to_harm(statement: str, harm: str, notes: str) -> list[str]:
    """The words of the sentence that add to what the notes say: a judgement or cost the notes don't use, or a
    "he"/"she" the harm doesn't have."""
    known = f"{notes}\n{harm}".lower()
    added = [m.group() for m in _JUDGEMENT.finditer(statement) if not re.search(rf"\b{m.group().lower()}", known)]
    people = {w.lower() for w in _PERSON.findall(harm)}
    added += [w for w in _PERSON.findall(statement) if w.lower() not in people]
    # "Fatima (his buddy)" written "Fatima, my buddy": someone else's relation made mine
    added += [f"my {m[1]}" for m in re.finditer(r"\b(?:his|her|their)\s+(\w+)", harm, re.IGNORECASE)
              if re.search(rf"\bmy\s+{re.escape(m[1])}\b", statement, re.IGNORECASE)]  # fmt: skip
    return list(dict.fromkeys(added))


def kept_figures(statement: str, harm: str) -> bool:
    """True when the sentence keeps a figure of the harm (or the harm has none): the leader reads the notes' own
    numbers, not "the contract is at risk"."""
    figures = set(_FIGURE.findall(harm))
    return not figures or bool(figures & set(_FIGURE.findall(statement)))


def pain_problems(pain: PainOutput, inputs: StepInputs) -> list[str]:
    """Structural problems of the pain statement, and a harm whose figures it leaves out."""
    problems = not_blank("statement", pain.statement)
    harm = inputs.harm
    regret = regret_sentence(pain.statement)
    if pain.statement.strip() and not kept_figures(regret, harm):
        figures = ", ".join(dict.fromkeys(m.group() for m in re.finditer(r"\S*\d\S*", harm)))
        problems.append(f"Keep the figures of the harm in the sentence ({figures.rstrip(',.')}).")
    added = added_to_harm(regret, harm, inputs.notes)
    if harm and added:
        quoted = ", ".join(f'"{w}"' for w in added)
        problems.append(f"Say only what my notes say about the harm, in their words; leave out {quoted}.")
    return problems


def regret_sentence(text: str) -> str:
    """The model's sentence of regret: its first sentence (and the next, when the first is too short to
    name the harm), without a cost it adds, an excuse or my own doings after the harm."""
    sentences = [m.group().strip() for m in SENTENCE.finditer(finish_sentences(text)) if m.group().strip()]
    kept = sentences[:1]
    if kept and len(kept[0].split()) < _SHORT and len(sentences) > 1:
        kept.append(sentences[1])
    return " ".join(_AFTER_HARM.sub("", _ADDED_COST.sub("", sentence)) for sentence in kept)


def tidy_pain(output: PainOutput) -> PainOutput:
    """Only the sentence of regret, trimmed; the rest is the program's."""
    return output.model_copy(update={"statement": regret_sentence(output.statement)})


def with_landed(output: PainOutput, inputs: StepInputs) -> PainOutput:
    """The sentence of regret and the program's line on what it meant for the leader. A sentence of more than
    :data:`LONGEST_REGRET` words pastes the notes (the act, the cause, what was done) instead of naming the harm,
    and one without any figure of the harm leaves out what the leader needs: the program's regret for the
    notes' harm stands in for either."""
    words = wording(detect_language(inputs.notes))
    landed = words.landed
    statement = output.statement.strip()
    if landed in statement:
        return output
    # the harm pain_inputs found (found again only for a caller that gives the notes alone)
    notes = inputs.notes
    harm = (inputs.harm or plain_words(impact_in_notes(notes), detect_language(notes))).rstrip(". ")
    if harm and (
        not statement
        or len(statement.split()) > LONGEST_REGRET
        or not kept_figures(statement, harm)
        or added_to_harm(statement, harm, notes)
    ):
        statement = words.sorry.format(harm=harm)
    return output.model_copy(update={"statement": f"{statement} {landed}".strip()})


def program_regret(output: PainOutput, inputs: StepInputs) -> PainOutput:
    """The program's regret for the notes' harm, with its line on what it meant for the leader: what stands in
    when every answer of the model failed its checks."""
    return with_landed(output.model_copy(update={"statement": ""}), inputs)


def build_pain_chain(
    model: BaseChatModel,
    *,
    max_reasks: int = 2,
    format_state: FormatState | None = None,
    extra_check: Check | None = None,
    salvage: Callable[[PainOutput, StepInputs], PainOutput | None] | None = None,
) -> Runnable[StepInputs, PainOutput]:
    """Runnable taking the shared inputs and returning :class:`PainOutput`. When the model's sentence still fails
    its checks after the re-asks, the program's regret for the notes' harm stands in (if it passes them)."""
    chain = build_step_chain(
        "pain",
        model,
        PainOutput,
        max_reasks=max_reasks,
        checks=[pain_problems, extra_check],
        format_state=format_state,
        salvage=salvage,
        repair=tidy_pain,
    )

    def stand_in(output: PainOutput | None, inputs: StepInputs) -> PainOutput | None:
        """The program's regret, when it found a harm to regret and the regret passes the checks."""
        regret = program_regret(output or PainOutput(statement=""), inputs)
        landed = wording(detect_language(inputs.notes)).landed
        if regret.statement.startswith(landed) or (extra_check is not None and extra_check(regret, inputs)):
            return None
        return regret

    return finished_by(chain, with_landed, "pain", stand_in=stand_in)
