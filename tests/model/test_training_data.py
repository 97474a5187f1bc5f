"""The training data is consistent, and the held-out test sets stay held out."""

import re
import subprocess

import yaml

from tests.conftest import PROJECT_ROOT, RASA, rasa_env
from tests.domain_files import domain


def _examples(path):
    examples = {}
    for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
        if "intent" in block:
            for line in block["examples"].splitlines():
                text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", line.strip()[2:].strip()).lower()
                if text:
                    examples.setdefault(block["intent"], []).append(text)
    return examples


def test_rasa_data_validate_passes_with_fail_on_warnings():
    result = subprocess.run(
        [
            RASA,
            "data",
            "validate",
            "--fail-on-warnings",
            "--data",
            "data",
            "--domain",
            "domain",
            "--config",
            "config.yml",
        ],
        cwd=PROJECT_ROOT,
        env=rasa_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_every_intent_has_training_data_in_both_languages_and_test_data_is_held_out():
    training = {}
    for path in (PROJECT_ROOT / "data" / "nlu").glob("*.yml"):
        for intent, texts in _examples(path).items():
            training.setdefault(intent, set()).update(texts)
    domain_intents = set(domain()["intents"])
    assert set(training) == domain_intents
    every_training_text = set().union(*training.values())
    # Triage-desk commands are read exactly by components.nlu.staff_commands, not classified.
    classified_intents = domain_intents - {"staff_command"}
    for language in ("en", "nl"):
        held_out = _examples(PROJECT_ROOT / "tests" / "nlu" / f"{language}.yml")
        assert set(held_out) == classified_intents, language
        for intent, texts in held_out.items():
            assert len(texts) >= 15, (language, intent)
            assert not set(texts) & every_training_text, (language, intent, set(texts) & every_training_text)
