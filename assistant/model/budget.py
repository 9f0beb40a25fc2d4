"""A cap on model calls per draft (CLI) or per browser session (UI).

The pipeline puts a :class:`CallBudget` into the run's config
(:func:`with_budget`); every step spends one call from it before each model call,
re-asks included, and :class:`~assistant.domain.errors.UsageLimitError` stops the run when
it is spent.
"""

from __future__ import annotations

import threading

from langchain_core.runnables import RunnableConfig

from assistant.domain.errors import UsageLimitError

BUDGET_KEY = "regain_call_budget"


class CallBudget:
    """At most ``limit`` model calls (None: no cap); thread-safe."""

    def __init__(self, limit: int | None = None, used: int = 0) -> None:
        self.limit = limit
        self.used = used
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"CallBudget(limit={self.limit}, used={self.used})"

    def __deepcopy__(self, memo: dict[int, object]) -> CallBudget:
        """A fresh copy with its own lock (``gr.State`` deep-copies its value for each browser session)."""
        return CallBudget(self.limit, self.used)

    @property
    def remaining(self) -> int | None:
        """Calls left, or None without a cap."""
        return None if self.limit is None else max(0, self.limit - self.used)

    def spend(self, step: str) -> None:
        """Count one model call for ``step``; raise :class:`UsageLimitError` when the cap is reached."""
        with self._lock:
            if self.limit is not None and self.used >= self.limit:
                raise UsageLimitError(
                    f"This session has used its {self.limit} model calls (REGAIN_MAX_CALLS_PER_SESSION), so the "
                    f"'{step}' step was not asked; start a new session, or raise REGAIN_MAX_CALLS_PER_SESSION."
                )
            self.used += 1


def with_budget(config: RunnableConfig, budget: CallBudget | None) -> RunnableConfig:
    """``config`` with ``budget`` in its ``configurable`` part (unchanged when ``budget`` is None)."""
    if budget is None:
        return config
    return {**config, "configurable": {**config.get("configurable", {}), BUDGET_KEY: budget}}


def budget_of(config: RunnableConfig | None) -> CallBudget | None:
    """The budget a run's config carries, if any."""
    value = (config or {}).get("configurable", {}).get(BUDGET_KEY)
    return value if isinstance(value, CallBudget) else None
