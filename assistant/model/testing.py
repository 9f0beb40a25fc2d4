"""Test doubles that ship with Regain: a scripted chat model that needs no server.

``ScriptedChatModel`` answers each call from a per-step script, so concurrent steps
get the right answers regardless of order. It knows a call's step by the ``step:<name>``
tag every step chain puts on its model calls (as progress reporting does), never by
the wording of the prompt. It records every call (messages and
keyword arguments) and streams its answer token by token to callbacks, like the
real model, so progress and usage accounting can be tested.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable
from typing import Any

from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.messages.ai import UsageMetadata
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import ConfigDict, Field, PrivateAttr

STEP_TAG = "step:"

# The task line of each step's prompt. The scripted model does not use them; they are for fakes that see
# only the HTTP request (tests/fault_server.py) and for tests that check which prompt a step sent.
STEP_MARKERS: dict[str, str] = {
    "intake": "Task: quote my notes",
    "pain": "Task: step 1,",
    "ownership": "Task: step 2,",
    "lessons": "Task: step 3,",
    "plan": "Task: step 4,",
    "positive": "Task: step 5,",
    "compose": "Task: write ",
    "refine_edits": "Task: turn my request into edits",
    "refine_rewrite": "Task: rewrite the ",
    "refine_translate": "Task: translate my words",
    "report_back_update": "Task: progress update",
}

# Progress notes that go with good_script()["report_back_update"] (today 2026-12-04, the plan of good_script()).
GOOD_PROGRESS_NOTES = (
    "added the CI gate on wednesday\n"
    "it blocked a test deploy that had no green staging run\n"
    "Dana wants the deploy log at the next check-in"
)


def step_of(tags: list[str] | None) -> str:
    """Which step a model call belongs to, by its ``step:<name>`` tag (set by the step chains)."""
    steps = {tag.removeprefix(STEP_TAG) for tag in tags or [] if tag.startswith(STEP_TAG)}
    if len(steps) != 1:
        found = ", ".join(sorted(steps)) or "none"
        raise AssertionError(
            f"a model call needs exactly one '{STEP_TAG}<name>' tag (found: {found}); call the model through a "
            f"step chain, or pass config={{'tags': ['{STEP_TAG}<name>']}}"
        )
    return steps.pop()


Answer = str | dict[str, Any] | Callable[[list[BaseMessage]], str]


class ScriptedChatModel(BaseChatModel):
    """Answers per step from ``script``: a step name maps to one answer or a list used in turn.

    An answer is a string, a dict (sent as JSON) or a function of the messages. With
    a list, each call takes the next answer and the last one repeats.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    script: dict[str, Answer | list[Answer]] = Field(default_factory=dict)
    model_name: str = "scripted"
    finish_reason: str = "stop"
    delay: float = Field(default=0.0, description="Seconds between streamed words (async calls only).")
    calls: list[dict[str, Any]] = Field(default_factory=list)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def calls_for(self, step: str) -> list[dict[str, Any]]:
        """The recorded calls of one step."""
        return [c for c in self.calls if c["step"] == step]

    def _answer(self, messages: list[BaseMessage], kwargs: dict[str, Any], tags: list[str] | None) -> str:
        step = step_of(tags)
        with self._lock:
            n = sum(1 for c in self.calls if c["step"] == step)
            self.calls.append({"step": step, "messages": messages, "kwargs": kwargs})
        if step not in self.script:
            raise AssertionError(f"no scripted answer for step '{step}'")
        entry = self.script[step]
        answer = entry[min(n, len(entry) - 1)] if isinstance(entry, list) else entry
        if callable(answer):
            return answer(messages)
        return answer if isinstance(answer, str) else json.dumps(answer)

    def _result(self, text: str) -> ChatResult:
        tokens = max(1, len(text.split()))
        usage = UsageMetadata(input_tokens=100, output_tokens=tokens, total_tokens=100 + tokens)
        message = AIMessage(content=text, response_metadata={"finish_reason": self.finish_reason}, usage_metadata=usage)
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        text = self._answer(messages, kwargs, run_manager.tags if run_manager else None)
        if run_manager:
            for word in text.split(" "):
                run_manager.on_llm_new_token(word + " ")
        return self._result(text)

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        text = self._answer(messages, kwargs, run_manager.tags if run_manager else None)
        if run_manager:
            for word in text.split(" "):
                if self.delay:
                    await asyncio.sleep(self.delay)
                await run_manager.on_llm_new_token(word + " ")
        return self._result(text)


def good_script(today: str = "2026-11-27") -> dict[str, Answer | list[Answer]]:
    """A script of well-formed answers for every step, for the software-outage example."""
    return {
        "intake": {
            "act": "pushed the payments config change on friday afternoon w/o running the staging tests",
            "impact": "checkout was down ~3h (14:10-17:05), ~400 orders lost, support got 60+ tickets",
            "cause": "wanted to get it out before the weekend",
            "already_done": ["I rolled back at 17:05", "I already wrote the incident timeline"],
        },
        "pain": {"statement": "I'm sorry that about 400 orders were lost and that you had to explain it to the VP."},
        "ownership": {"statement": "I pushed the change without running the staging tests. That was my decision."},
        "lessons": {
            "lessons": [
                {
                    "weak_point": "I treated the staging tests as optional when I was in a hurry",
                    "habit": "run the staging tests before every config deploy, whatever the deadline",
                }
            ]
        },
        "plan": {
            "actions": [
                {
                    "action": "Add a CI gate that blocks config deploys unless the staging tests passed",
                    "measure": "A deploy without a green staging run is rejected by the pipeline",
                },
                {
                    "action": "Write a pre-deploy checklist for payments config changes",
                    "measure": "The checklist is linked from every payments deploy ticket",
                },
            ]
        },
        "positive": {"statement": "I'm on it, and I'll show you the gate working by mid-December."},
        "compose": {
            "subject": "Friday's checkout outage",
            "body": (
                "Dana, I'm sorry about Friday: about 400 orders were lost and you had to explain it to the VP. "
                "I pushed the change without running the staging tests; that was my decision. "
                "I learned that skipping staging tests to beat a deadline moves the risk onto customers. "
                "My plan: I will add a CI gate that blocks config deploys without a green staging run by 2026-12-11. "
                "I'm committed to making this right, and I'll update you on 2026-12-11 with the gate working."
            ),
        },
        "report_back_update": {
            "actions": [
                {"index": 0, "status": "done", "evidence": "It blocked a test deploy.", "reason": None},
                {"index": 1, "status": "not_started", "evidence": "", "reason": None},
            ],
            "subject": "Update: the CI gate for config deploys",
            "body": (
                "Dana, a short update on the checkout outage plan. I added the CI gate on Wednesday, and it "
                "blocked a test deploy that had no green staging run. "
                "I'll update you on 2026-12-18 with the deploy log."
            ),
            "next_checkin": "2026-12-18",
        },
    }
