"""`make run` and `make test` print a few lines each and end with where to chat or with
pytest's summary; the full logs go to the files their output names.

scripts/run.sh and scripts/test.sh are run for real, on free loopback ports and with a
temporary DATA_DIR (so the logs, the stores and the credentials file are the test's own), on
the model the trained_model fixture keeps up to date (so run.sh does not train)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path
from typing import Dict, List, Optional

import pytest
import requests

from tests.conftest import PROJECT_ROOT

# The runs of scripts/test.sh below start pytest again: this module must not run in them.
INSIDE = "INSIDE_QUIET_START_TEST"
pytestmark = pytest.mark.skipif(os.environ.get(INSIDE) == "1", reason="run by test_quiet_start itself")

# Variables scripts/defaults.sh derives from DATA_DIR and the ports, and any that would make
# the start differ from the embedded default (other stores, channels that go online).
DERIVED = """
    DATA_DIR LOG_DIR PARTNER_STORE_URL TRACKER_STORE_URL RASA_SERVER_URL ACTION_ENDPOINT_URL WEB_ORIGINS
    RASA_PORT ACTION_SERVER_PORT WEB_PORT RASA_INTERFACE WEB_HOST ACTION_SERVER_HOST ASSISTANT_PROFILE
    LOCK_STORE_TYPE LOCK_STORE_URL EVENT_BROKER_URL REST_API_TOKEN ACTION_SERVER_TOKEN MICROSOFT_APP_ID
    MICROSOFT_APP_PASSWORD SLACK_TOKEN SLACK_SIGNING_SECRET VERBOSE FORCE_TRAINING
""".split()
CLOSING_LINE = re.compile(r"^=+ .*\b(passed|failed|error|errors|skipped)\b.* in [0-9.]+s.* =+$")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(tmp_path: Path, **extra: str) -> Dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name not in DERIVED}
    env.update(DATA_DIR=str(tmp_path / "data"), **{INSIDE: "1"}, **extra)
    return env


class Script:
    """A script in its own process group, as a terminal runs it (Ctrl-C not ignored), its
    output (stdout and stderr) read line by line as it comes."""

    def __init__(self, args: List[str], env: Dict[str, str]):
        self.lines: List[str] = []
        self.process = subprocess.Popen(
            args,
            cwd=PROJECT_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for_line(self, pattern: str, timeout: float) -> Optional[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = next((line for line in self.lines if re.search(pattern, line)), None)
            if found is not None:
                return found
            if self.process.poll() is not None:
                self.reader.join(5)
                return next((line for line in self.lines if re.search(pattern, line)), None)
            time.sleep(0.2)
        return None

    def finish(self, timeout: float) -> int:
        code = self.process.wait(timeout)
        self.reader.join(10)
        return code

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def group_is_gone(self, timeout: float = 10) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                os.killpg(self.process.pid, 0)
            except ProcessLookupError:
                return True
            time.sleep(0.2)
        return False

    def kill(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(30)


def logs_directory(output: str) -> Path:
    named = re.search(r"^\s*Logs:\s+(\S+?)/? \(", output, re.MULTILINE)
    assert named, output
    directory = Path(named.group(1))
    return directory if directory.is_absolute() else PROJECT_ROOT / directory


def refuses_connections(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def test_make_run_prints_a_few_lines_ends_with_where_to_chat_and_stops_on_ctrl_c(trained_model, tmp_path):
    rasa_port, action_port, web_port = free_port(), free_port(), free_port()
    env = environment(tmp_path, RASA_PORT=str(rasa_port), ACTION_SERVER_PORT=str(action_port), WEB_PORT=str(web_port))
    run = Script(["bash", "scripts/run.sh"], env)
    try:
        ready = run.wait_for_line(r"Chat in a browser:", timeout=600)
        assert ready, f"no 'where to chat' block:\n{run.output}"
        time.sleep(1)  # anything printed after the block would show here
        lines = list(run.lines)
        output = "\n".join(lines)

        assert len(lines) <= 20, output
        assert lines[-1].split() == ["Chat", "in", "a", "browser:", f"http://localhost:{web_port}"], output
        assert "Model ... up to date" in output and "Python packages ... ok" in output
        assert "Warning" not in output and "INFO" not in output, output
        assert f"curl -s localhost:{rasa_port}/webhooks/rest/webhook" in output
        assert f"Stored facts:        sqlite:///{tmp_path / 'data' / 'partner_store.db'}" in output

        # Ready means ready: the Rasa server has its model, the chat page and the actions answer.
        assert requests.get(f"http://127.0.0.1:{rasa_port}/", timeout=10).text.startswith("Hello from Rasa")
        assert requests.get(f"http://127.0.0.1:{web_port}/config.js", timeout=10).status_code == 200
        reply = requests.post(
            f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook",
            json={"sender": "quiet", "message": "hallo"},
            timeout=60,
        )
        assert reply.json() and reply.json()[0]["text"]

        # The logs the output names hold what the screen leaves out.
        logs = logs_directory(output)
        assert logs == tmp_path / "data" / "logs" / "run"
        rasa_log = (logs / "rasa.log").read_text()
        assert f"Starting Rasa server on http://127.0.0.1:{rasa_port}" in rasa_log
        assert "Loading model models/partner-assistant.tar.gz" in rasa_log
        assert f"Action server on http://127.0.0.1:{action_port}" in (logs / "actions.log").read_text()
        assert f"Chat page on http://localhost:{web_port}" in (logs / "webpage.log").read_text()
        assert "is up to date" in (logs / "train.log").read_text()
        assert "State store schema is up to date." in (logs / "migrate.log").read_text()
        assert (logs / "bootstrap.log").exists() and (logs / "web.log").exists()

        os.killpg(run.process.pid, signal.SIGINT)  # Ctrl-C
        assert run.finish(timeout=90) == 0, run.output
        assert run.lines[len(lines) :] == ["", "Stopping the servers ... stopped."], run.output
        assert run.group_is_gone(), "a server outlived scripts/run.sh"
        assert all(refuses_connections(port) for port in (rasa_port, action_port, web_port))
    finally:
        run.kill()


def test_make_run_names_the_server_that_stopped_and_its_log(trained_model, tmp_path):
    web_port = free_port()
    env = environment(tmp_path, RASA_PORT=str(free_port()), ACTION_SERVER_PORT=str(free_port()), WEB_PORT=str(web_port))
    with socket.socket() as taken:  # the chat page's port is in use: the chat page stops at once
        taken.bind(("127.0.0.1", web_port))
        taken.listen()
        run = Script(["bash", "scripts/run.sh"], env)
        try:
            assert run.finish(timeout=300) == 1, run.output
        finally:
            run.kill()
    logs = tmp_path / "data" / "logs" / "run"
    assert run.lines[-1].startswith("The chat page stopped by itself (exit 1"), run.output
    assert run.lines[-1].endswith(f"its log: {logs / 'webpage.log'}"), run.output
    assert "Address already in use" in run.lines[-1] and "Address already in use" in (logs / "webpage.log").read_text()
    assert len(run.lines) <= 10 and "Chat in a browser" not in run.output, run.output
    assert run.group_is_gone(), "the other servers outlived scripts/run.sh"


def test_make_run_stops_at_a_failing_step_with_the_end_of_its_log(trained_model, tmp_path):
    env = environment(tmp_path, PARTNER_STORE_URL=f"postgresql://postgres@127.0.0.1:{free_port()}/nothing")
    run = Script(["bash", "scripts/run.sh"], env)
    try:
        assert run.finish(timeout=300) == 1, run.output
    finally:
        run.kill()
    log = tmp_path / "data" / "logs" / "run" / "migrate.log"
    assert f"State store ... failed (exit 1). The last lines of {log}:" in run.output
    assert "The state store could not be migrated" in run.output and "Connection refused" in run.output
    assert len(run.lines) <= 5 + 20 and "Starting" not in run.output, run.output
    assert "The state store could not be migrated" in log.read_text()


def test_make_test_prints_the_steps_and_pytests_summary_with_the_verbose_log(trained_model, tmp_path):
    run = Script(
        ["bash", "scripts/test.sh", "tests/unit/test_dates.py", "-p", "no:cacheprovider"], environment(tmp_path)
    )
    assert run.finish(timeout=600) == 0, run.output
    log = tmp_path / "data" / "logs" / "test" / "pytest.log"
    assert len(run.lines) <= 10, run.output
    assert f"Tests (full output: {log}):" in run.lines
    assert CLOSING_LINE.match(run.lines[-1]) and " passed in " in run.lines[-1], run.output
    assert "PASSED" not in run.output and "%]" not in run.output  # no per-test lines or dots
    verbose = log.read_text()
    assert re.search(r"^tests/unit/test_dates\.py::\S+ PASSED", verbose, re.MULTILINE)
    assert verbose.rstrip().splitlines()[-1] == run.lines[-1]
    assert (tmp_path / "data" / "logs" / "test" / "ruff.log").exists()


def test_make_test_exits_with_pytests_status_and_names_the_failure(trained_model, tmp_path):
    selection = tmp_path / "selection" / "test_one_fails.py"
    selection.parent.mkdir()
    selection.write_text("def test_passes():\n    pass\n\n\ndef test_fails():\n    assert 1 + 1 == 3\n")
    run = Script(["bash", "scripts/test.sh", str(selection), "-p", "no:cacheprovider"], environment(tmp_path))
    assert run.finish(timeout=600) == 1, run.output
    assert len(run.lines) <= 10, run.output
    assert any(line.startswith("FAILED ") and "test_one_fails.py::test_fails" in line for line in run.lines), run.output
    assert CLOSING_LINE.match(run.lines[-1]) and "1 failed, 1 passed" in run.lines[-1], run.output
    verbose = (tmp_path / "data" / "logs" / "test" / "pytest.log").read_text()
    assert "assert (1 + 1) == 3" in verbose and "test_one_fails.py::test_passes PASSED" in verbose
