"""Where the time of a turn goes, measured step by step (for `make bench`, off by default).

With ``TURN_TIMINGS_DIR`` set, the Rasa server writes one JSON line per message it handles to
``<dir>/rasa-<pid>.jsonl``: the whole turn and, inside it, the milliseconds spent in each
step (reading the message, loading the tracker, each policy prediction, each custom action's
round trip, saving the tracker); the action server writes one line per call to
``<dir>/actions-<pid>.jsonl`` (the action itself, with the state store). Without the variable
nothing is wrapped and nothing is written.
"""

from __future__ import annotations

import json
import os
import time
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Callable, Dict, Optional

DIRECTORY_VARIABLE = "TURN_TIMINGS_DIR"
_steps: ContextVar[Optional[Dict[str, float]]] = ContextVar("turn_steps", default=None)


def directory() -> Optional[Path]:
    value = os.environ.get(DIRECTORY_VARIABLE)
    return Path(value) if value else None


class _Lines:
    def __init__(self, name: str):
        folder = directory()
        assert folder is not None
        folder.mkdir(parents=True, exist_ok=True)
        self._file = open(folder / f"{name}-{os.getpid()}.jsonl", "a", encoding="utf-8")  # noqa: SIM115 (process-long)

    def write(self, line: Dict[str, Any]) -> None:
        self._file.write(json.dumps(line) + "\n")
        self._file.flush()


def _add(step: str, started: float) -> None:
    steps = _steps.get()
    if steps is not None:
        steps[step] = steps.get(step, 0.0) + (time.perf_counter() - started) * 1000
        steps[f"{step} (times)"] = steps.get(f"{step} (times)", 0) + 1


def _timed_async(step: str, function: Callable) -> Callable:
    async def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return await function(*args, **kwargs)
        finally:
            _add(step, started)

    return timed


def _timed(step: str, function: Callable) -> Callable:
    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            _add(step, started)

    return timed


def install_in_rasa() -> None:
    """Wraps the steps of a turn in the Rasa server (only with ``TURN_TIMINGS_DIR`` set)."""
    if directory() is None:
        return
    from rasa.core.actions.action import RemoteAction
    from rasa.core.agent import Agent
    from rasa.core.processor import MessageProcessor

    from components.server.tracker_store import LockedSQLTrackerStore

    lines = _Lines("rasa")
    MessageProcessor.parse_message = _timed_async("read the message (NLU)", MessageProcessor.parse_message)
    LockedSQLTrackerStore.retrieve = _timed_async("load the tracker", LockedSQLTrackerStore.retrieve)
    LockedSQLTrackerStore.save = _timed_async("save the tracker", LockedSQLTrackerStore.save)
    MessageProcessor._predict_next_with_tracker = _timed(
        "choose the next action (policies)", MessageProcessor._predict_next_with_tracker
    )
    RemoteAction.run = _timed_async("custom action round trip", RemoteAction.run)
    handle_message = Agent.handle_message

    async def handle_message_timed(self, message):
        token = _steps.set({})
        started = time.perf_counter()
        try:
            return await handle_message(self, message)
        finally:
            steps = _steps.get() or {}
            _steps.reset(token)
            lines.write({"turn": (time.perf_counter() - started) * 1000, "steps": steps})

    Agent.handle_message = handle_message_timed


def install_in_action_server(app) -> None:
    """Times each call the action server answers (only with ``TURN_TIMINGS_DIR`` set)."""
    if directory() is None:
        return
    lines = _Lines("actions")

    @app.middleware("request")
    async def started(request):
        request.ctx.started = time.perf_counter()

    @app.middleware("response")
    async def finished(request, response):
        if request.path == "/webhook" and hasattr(request.ctx, "started"):
            lines.write({"call": (time.perf_counter() - request.ctx.started) * 1000})
