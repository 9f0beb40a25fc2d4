"""What a refine request asks of Regain that it cannot do (:func:`cannot_do`): send, schedule or print the message,
make a file of it (a PDF), attach a file, copy someone in, book a meeting, translate, or look numbers up in another
tool. The reply says so
plainly, with what to do instead, and the rest of the request is read as any other (:func:`without_cannot`).
"""

from __future__ import annotations

import re

from assistant.domain.edit_reading_dates import cues

# Looking something up in another tool or a log: "check the access log and list …", "check in our Zendesk how many
# customers replied", "write the exact number instead of ~180".
_LOOK_UP = (
    r"(?:check|look (?:at|in|through|up)|go through|search|dig through|open) (?:the |our |my )?(?:\w+ ){0,2}"
    r"(?:logs?|dashboards?|database|crm|metrics|spreadsheet|inbox|console|portal|admin)\b",
    r"(?:check|look) (?:in|at|up in) (?:our |the |my )?\w+ (?:how many|how much|the (?:exact|real))",
    r"(?:write|put|use|give|fill in|insert|add) (?:in )?the (?:exact|real|correct|actual) (?:number|figure|count)s?\b",
)
_CANNOT = cues(
    r"(?:^|(?<=[.!?;,])\s*|(?:can|could|would|will) (?:you|u)\s+(?:just\s+)?|please\s+|pls\s+|and\s+|just\s+)"
    r"(?:send|schedule|fax|print|deliver|post|forward|mail|e-?mail)\s+"
    r"(?:it|this|that|the (?:message|email|draft|note))\b",
    r"by fax", r"\bfax\b",
    r"fire (?:it|this|that) off", r"en copie", r"en copia", r"in copia", r"in cc\b",
    r"send (?:it|this) (?:for me|to (?:her|him|them))",
    r"(?:have|let|make) it go out\b", r"attach(?:ed|ing)?\b", r"\bcc\b", r"\bbcc\b",
    r"book (?:a |an |some |\d+ ?)?(?:min(?:ute)?s?|meeting|call|slot|time|1:1)\b",
    r"(?:put|add|book|block) (?:it |this |that |time |a slot )?(?:straight |right )?(?:in|into|on) (?:her|his|their) "
    r"calendar", r"calendar invite", r"send (?:her|him|them) an? invite",
    r"send \w+ an? (?:\d+ ?min(?:ute)?s? )?(?:invite|invitation|meeting request)",
    r"(?:put|add|set|create) (?:in )?an? reminder",
    r"(?:in|into|to) (?:my |her |his |our )?(?:outlook|google calendar)",
    r"(?:put|add|book|block|schedule) [^.?!]{0,30}\b(?:in|into|on) (?:[A-Z]\w+['’]s|her|his|their|my|our) calendar",
    r"übersetz", r"translate", r"tradu[cz]",
    # a file of it: "export this as a pdf on our company letterhead", "save it as a Word doc"
    r"(?:export|save|turn|convert|make)\b[^.?!]{0,30}\b(?:pdf|word doc(?:ument)?|docx|letterhead)\b", r"letterhead",
    # sending or scheduling it in other languages: "programmer l'envoi", "envíalo", "schick es ihr"
    r"(?:programmer|planifier) l['’]envoi", r"programar el env[ií]o", r"agendar o envio", r"envoie[- ]le\b",
    r"env[ií]alo\b", r"schick (?:es|sie|ihn|die nachricht)\b", r"verschick",
    r"(?:pull|fetch|grab|get|look up|query|export)\b[^.?!]{0,40}\bfrom\s+(?:grafana|datadog|jira|splunk|kibana|sentry|"
    r"salesforce|confluence|the (?:\w+ )?(?:logs?|dashboards?|database|db|crm|metrics))",
    *_LOOK_UP,
)  # fmt: skip
# What the reply says Regain cannot look up: numbers from another tool ("from Grafana", "from the orders dashboard"),
# or anything of _LOOK_UP.
_LOOKS_UP = cues(
    r"from\s+(?:grafana|datadog|jira|splunk|kibana|sentry|salesforce|confluence|the (?!\w+ office))", *_LOOK_UP
)


# "I'll send this to him over Teams": the user sends it; that is no request to Regain.
_I_WILL = re.compile(r"\bi(?:'ll|'d| will| would| can| am going to|'m going to| plan to)\b", re.IGNORECASE)


def cannot_do(request: str) -> str | None:
    """What Regain cannot do that the request asks for (send, schedule, fax or print the message, attach a file or copy
    someone in; book a meeting; translate it; look up numbers in another tool or a log), said plainly with what to do
    instead; None when it asks for nothing of that kind."""
    clauses = re.split(r"(?<=[.!?;])\s+", request)
    if not any(_asks_what_regain_cannot(c) for c in clauses):
        return None
    if _LOOKS_UP.search(request) and not re.search(
        r"\b(?:send|schedule|fax|print|attach|cc|go out)\b", request, re.IGNORECASE
    ):
        return ("Regain cannot look things up in other tools: look up the numbers yourself and ask to add them "
                "(\"add that …\")")  # fmt: skip
    if re.search(r"\bbook\b|calendar|invit|reminder|outlook", request, re.IGNORECASE) and not re.search(
        r"\b(?:send|schedule|fax|print)\s+(?:it|this|that|the (?:message|email|draft|note))\b|\battach",
        request,
        re.IGNORECASE,
    ):  # "send Renata a 15 min invite": an invite, not the message
        return "Regain cannot book meetings, send invites or set reminders: put them in your calendar yourself"
    if re.search(r"attach", request, re.IGNORECASE):
        return ("Regain writes the message but cannot attach files, copy anyone in or send it: attach the file when "
                "you send the message yourself")  # fmt: skip
    if re.search(r"\bpdf\b|word doc|docx|letterhead", request, re.IGNORECASE):
        return ("Regain writes the message as text and cannot make a file of it: copy it into a document (your "
                "letterhead template, say) and save that as a PDF yourself")  # fmt: skip
    if re.search(r"übersetz|translat|tradu", request, re.IGNORECASE):
        return ("Regain writes the message in the language of your notes and cannot translate it: write the notes in "
                "that language and draft again")  # fmt: skip
    return ("Regain writes the message but cannot send, schedule, fax or print it: copy it into your email or chat "
            "and send it yourself")  # fmt: skip


def without_cannot(request: str) -> str:
    """The request without the clause that asks for what Regain cannot do ("send this to the VP by fax")."""
    return " ".join(c for c in re.split(r"(?<=[.!?;,])\s+", request) if not _asks_what_regain_cannot(c))


def _asks_what_regain_cannot(clause: str) -> bool:
    """True when the clause asks Regain for what it cannot do; not when the user says they will do it ("I'll send
    this to him over Teams"), though a purpose after it may name them ("book 15 min so I can walk her through")."""
    cue = _CANNOT.search(clause)
    if cue is None or _I_WILL.search(clause[: cue.end()]):
        return False
    # in the new words given after "change it to:" ("… a screenshot of the test send attached"), not asked of Regain
    colon = clause.rfind(":", 0, cue.start())
    return colon < 0 or not _GIVES_WORDS.search(clause[:colon])


# Before a colon: the new words of a part follow ("change it to:", "the measure should be:", "what I'll do is:").
_GIVES_WORDS = re.compile(
    r"\b(?:to|be|is|say|says|read|reads|with|like|measure|proof|evidence|action|step|lesson|line|sentence|instead)"
    r"\s*$",
    re.IGNORECASE,
)
