"""Starts the real action server and Rasa server (REST channel) on free loopback ports."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import requests

from tests.conftest import PROJECT_ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ProcessGroup:
    """Server processes started for a test, each in its own session (so the whole process
    tree can be stopped), logging into files in ``workdir``."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.processes: List[subprocess.Popen] = []

    def _spawn(self, args: List[str], log_name: str, env: Dict[str, str]) -> subprocess.Popen:
        with open(self.workdir / log_name, "ab") as log:  # the child keeps its own copy of the handle
            process = subprocess.Popen(
                args, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.processes.append(process)
        return process

    def start(self, timeout: float = 300):
        """Starts the processes and waits until they answer; on failure nothing is left running."""
        try:
            self._start(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self, timeout: float) -> None:
        raise NotImplementedError

    def _wait_for(self, url: str, timeout: float) -> None:
        """Until ``url`` answers 200; fails early, with the logs, if a process exited."""
        deadline = time.monotonic() + timeout
        while True:
            self._check_alive()
            try:
                if requests.get(url, timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} did not come up; see {self.workdir}")
            time.sleep(0.5)

    def _check_alive(self) -> None:
        for process in self.processes:
            if process.poll() is not None:
                logs = "".join(path.read_text(errors="replace")[-3000:] for path in sorted(self.workdir.glob("*.log")))
                raise RuntimeError(f"a server exited with {process.returncode}:\n{logs}")

    @staticmethod
    def _terminate(process: subprocess.Popen) -> None:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            self._terminate(process)
        self.processes = []


class AssistantServers(ProcessGroup):
    """An action server and a Rasa server sharing one state store and one tracker store."""

    def __init__(
        self,
        model: Path,
        workdir: Path,
        store_url: Optional[str] = None,
        credentials: Optional[Path] = None,
        extra_env: Optional[Dict[str, str]] = None,
        cors: Optional[str] = None,
    ):
        super().__init__(workdir)
        self.cors = cors  # allowed origins, as `make run` passes them (the chat page is another origin)
        self.model = model
        self.credentials = credentials or PROJECT_ROOT / "credentials.yml"
        self.extra_env = dict(extra_env or {})
        self.store_url = store_url or f"sqlite:///{workdir / 'partner_store.db'}"
        self.tracker_db = workdir / "tracker.db"
        self.action_port = free_port()
        self.rasa_port = free_port()
        self.web_port = free_port()  # the chat page's, whose origin may open the web chat
        self.action_server: Optional[subprocess.Popen] = None

    @property
    def web_origins(self) -> str:
        return f"http://127.0.0.1:{self.web_port} http://localhost:{self.web_port}"

    @property
    def webhook(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}/webhooks/rest/webhook"

    def environment(self) -> Dict[str, str]:
        environment = dict(
            os.environ,
            RASA_TELEMETRY_ENABLED="false",
            PYTHONPATH=str(PROJECT_ROOT),
            PARTNER_STORE_URL=self.store_url,
            TRACKER_STORE_URL=f"sqlite:///{self.tracker_db}",
            LOCK_STORE_TYPE="in_memory",
            LOCK_STORE_URL="",
            EVENT_BROKER_URL="",
            ACTION_ENDPOINT_URL=f"http://127.0.0.1:{self.action_port}/webhook",
            RASA_SERVER_URL=f"http://127.0.0.1:{self.rasa_port}",
            RASA_PORT=str(self.rasa_port),
            DATA_DIR=str(self.workdir),
            WEB_PORT=str(self.web_port),
            WEB_ORIGINS=self.web_origins,
            REST_API_TOKEN="",
            ACTION_SERVER_TOKEN="",
        )
        environment.update(self.extra_env)
        return environment

    def _start(self, timeout: float) -> None:
        self.action_server = self._spawn(self._action_server_command(), "actions.log", self.environment())
        # Rasa as the scripts start it: with components.server.resilience installed.
        self._spawn(
            [
                sys.executable,
                "-m",
                "components.server",
                "run",
                "--model",
                str(self.model),
                "--endpoints",
                "endpoints.yml",
                "--credentials",
                str(self.credentials),
                "--port",
                str(self.rasa_port),
                "--interface",
                "127.0.0.1",
                *(["--cors", *self.cors.split()] if self.cors else []),
            ],
            "rasa.log",
            self.environment(),
        )
        self._wait_for(f"http://127.0.0.1:{self.action_port}/health", timeout)
        self._wait_for(f"http://127.0.0.1:{self.rasa_port}/", timeout)

    def _action_server_command(self) -> List[str]:
        return [sys.executable, "-m", "components.server.action_server", "--port", str(self.action_port)]

    def stop_action_server(self) -> None:
        """Takes the action server away (the Rasa server keeps running)."""
        process = self.action_server
        if process is not None:
            self._terminate(process)
        self.processes = [p for p in self.processes if p is not process]
        self.action_server = None

    def start_action_server(self, timeout: float = 120) -> None:
        self.action_server = self._spawn(self._action_server_command(), "actions.log", self.environment())
        self._wait_for(f"http://127.0.0.1:{self.action_port}/health", timeout)

    def start_web_page(self, timeout: float = 60) -> str:
        """Serves the chat page (as `make run` does) and returns its address."""
        port = self.web_port
        self._spawn(
            [sys.executable, "-m", "components.channels.webpage", "--port", str(port), "--host", "127.0.0.1"],
            "webpage.log",
            self.environment(),
        )
        self._wait_for(f"http://127.0.0.1:{port}/config.js", timeout)
        return f"http://127.0.0.1:{port}"

    def restart(self) -> None:
        self.stop()
        self.start()


@dataclass(frozen=True)
class Turn:
    """The bot's answer to one message: its text, and which responses it chose (the
    ``utter_action`` Rasa records on each bot event in the tracker)."""

    text: str
    responses: Tuple[str, ...]


class Chat:
    """One user talking to the assistant over the REST webhook."""

    def __init__(self, servers: AssistantServers, sender: str, metadata: Optional[dict] = None, token: str = ""):
        self.servers = servers
        self.sender = sender
        self.metadata = metadata
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def turn(self, message: str) -> Turn:
        """Sends ``message``; the reply's text and the names of the responses chosen."""
        seen = self._newest_event_id()
        replies = self.send(message)
        return Turn("\n".join(reply.get("text", "") for reply in replies), self._responses_after(seen))

    def responses(self, message: str) -> Tuple[str, ...]:
        return self.turn(message).responses

    @property
    def identity(self) -> str:
        """Who this sender is to the assistant: the REST channel names its senders."""
        return f"rest:{self.sender}"

    def _tracker_rows(self, query: str, *parameters) -> list:
        with sqlite3.connect(self.servers.tracker_db) as connection:
            return connection.execute(query, (self.identity, *parameters)).fetchall()

    def _newest_event_id(self) -> int:
        if not Path(self.servers.tracker_db).exists():
            return 0
        try:
            rows = self._tracker_rows("SELECT MAX(id) FROM events WHERE sender_id = ?")
        except sqlite3.OperationalError:  # the tracker store has not created its table yet
            return 0
        return rows[0][0] or 0

    def _responses_after(self, event_id: int) -> Tuple[str, ...]:
        rows = self._tracker_rows(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'bot' AND id > ? ORDER BY id", event_id
        )
        return tuple(json.loads(data).get("metadata", {}).get("utter_action") or "" for (data,) in rows)

    def send(self, message: str) -> List[dict]:
        body = {"sender": self.sender, "message": message}
        if self.metadata is not None:
            body["metadata"] = self.metadata
        response = requests.post(self.servers.webhook, json=body, headers=self.headers, timeout=60)
        response.raise_for_status()
        return response.json()

    def say(self, message: str) -> str:
        """The bot's replies to ``message`` as one text."""
        return "\n".join(reply.get("text", "") for reply in self.send(message))


def in_language(turn: Turn, language: str) -> bool:
    """Whether every response of ``turn`` was said in its ``language`` variant (its text, with
    any value in place of each placeholder, is in the reply)."""
    import re

    from actions.replies import render_text
    from tests.domain_files import domain

    for name in turn.responses:
        template = render_text(domain(), name, language)
        pattern = re.sub(r"\\\{[a-z_]+\\\}", ".*?", re.escape(template.strip()))
        if not re.search(pattern, turn.text, re.DOTALL):
            return False
    return bool(turn.responses)


def user_texts(servers: AssistantServers, identity: str) -> List[str]:
    """What ``identity`` said, as the tracker store recorded it, oldest first."""
    with sqlite3.connect(servers.tracker_db) as db:
        rows = db.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id", (identity,)
        ).fetchall()
    return [json.loads(data).get("text") for (data,) in rows]
