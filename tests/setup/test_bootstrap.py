"""The set-up script finds Python 3.10 or stops with a message naming what to install."""

import shutil
import subprocess

from tests.conftest import PROJECT_ROOT


def test_bootstrap_without_python_3_10_stops_with_a_clear_message(tmp_path):
    project = tmp_path / "project"
    (project / "scripts").mkdir(parents=True)
    shutil.copy(PROJECT_ROOT / "scripts" / "bootstrap.sh", project / "scripts" / "bootstrap.sh")
    (project / "requirements.txt").write_text("rasa==3.6.21\n")
    result = subprocess.run(
        ["bash", "scripts/bootstrap.sh"],
        cwd=project,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path / "home")},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "needs Python 3.10" in result.stderr
    assert "pyenv install 3.10" in result.stderr
    assert not (project / ".venv").exists()


def test_requirements_pin_rasa_and_the_socketio_version_its_channel_needs():
    pins = dict(
        line.split("==", 1) for line in (PROJECT_ROOT / "requirements.txt").read_text().splitlines() if "==" in line
    )
    assert pins["rasa"] == "3.6.21"
    assert pins["python-socketio"] == "5.9.0"
    assert pins["SQLAlchemy"].startswith("1.4.")
