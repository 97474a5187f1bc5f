"""Test stories of every onboarding path, in Dutch and English, with real user text: the
NLU model, the language detector and the dialogue policies are all evaluated."""

import subprocess

from tests.conftest import PROJECT_ROOT, RASA, rasa_env


def test_onboarding_stories_in_both_languages_predict_without_errors(trained_model, tmp_path):
    result = subprocess.run(
        [
            RASA,
            "test",
            "core",
            "--e2e",
            "--model",
            str(trained_model),
            "--stories",
            "tests/stories",
            "--fail-on-prediction-errors",
            "--out",
            str(tmp_path / "results"),
        ],
        cwd=PROJECT_ROOT,
        env=rasa_env(),
        capture_output=True,
        text=True,
    )
    failed = tmp_path / "results" / "failed_test_stories.yml"
    details = failed.read_text() if failed.exists() else ""
    assert result.returncode == 0, details[-6000:] + result.stdout[-4000:] + result.stderr[-4000:]
