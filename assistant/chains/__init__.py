"""One chain per step. Each module exposes ``build_<step>_chain(model, ...)``."""

from assistant.chains.compose import build_compose_chain
from assistant.chains.intake import build_intake_chain
from assistant.chains.lessons import build_lessons_chain
from assistant.chains.ownership import build_ownership_chain
from assistant.chains.pain import build_pain_chain
from assistant.chains.plan import build_plan_chain
from assistant.chains.positive import build_positive_chain
from assistant.chains.report_back import build_report_back_chain
from assistant.chains.report_back_update import build_update_chain

__all__ = [
    "build_update_chain",
    "build_compose_chain",
    "build_intake_chain",
    "build_lessons_chain",
    "build_ownership_chain",
    "build_pain_chain",
    "build_plan_chain",
    "build_positive_chain",
    "build_report_back_chain",
]
