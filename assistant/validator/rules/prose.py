"""Rules for every prose step: a non-apology is as wrong in the pain, a lesson or the message as in the ownership;
a vague promise as wrong in the pain or the ownership as in the closing statement.

The ownership statement has its own rule for the same words (``OWN_NON_APOLOGY``, in
``ownership.py``); :func:`check_non_apology` is for every other step's text.
"""

from __future__ import annotations

from assistant.validator.findings import Finding
from assistant.validator.rules import found, normalize, pattern, words


def check_non_apology(text: str, step: str, item: int | None = None) -> list[Finding]:
    """``TXT_NON_APOLOGY`` (error): "any inconvenience", "sorry for the trouble", "sorry if ...", regret for a reaction.

    Overlapping phrases are one finding.
    """
    norm = normalize(text)
    if not any(word in norm for word in words("TXT_NON_APOLOGY", "keywords")):
        return []
    out: list[Finding] = []
    last_end = -1
    for match in pattern("TXT_NON_APOLOGY", "patterns").finditer(norm):
        if match.start() >= last_end:
            out.append(found("TXT_NON_APOLOGY", text, *match.span(), item=item, step=step))
            last_end = match.end()
    return out


def check_vague_promise(text: str, step: str, item: int | None = None) -> list[Finding]:
    """``TXT_VAGUE_PROMISE`` (warning): "we will avoid it next time", "doing everything we can", "be more careful".

    Overlapping phrases are one finding.
    """
    norm = normalize(text)
    out: list[Finding] = []
    last_end = -1
    for match in pattern("TXT_VAGUE_PROMISE", "patterns").finditer(norm):
        if match.start() >= last_end:
            out.append(found("TXT_VAGUE_PROMISE", text, *match.span(), item=item, step=step))
            last_end = match.end()
    return out
