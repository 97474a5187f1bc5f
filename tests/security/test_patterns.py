"""Attack: a long word with no spaces makes a pattern backtrack. Every regular expression of
the project (each compiled pattern in actions/ and components/, and the NLU data's regexes)
is run over 100,000-character texts made to trip it; a pattern that backtracks
super-linearly needs hours there, a linear one milliseconds, so any pattern still running
after the generous alarm below has a backtracking problem."""

import importlib
import pkgutil
import re
import signal

import pytest
import yaml

import actions
import components
from tests.conftest import PROJECT_ROOT

HANG = 20  # seconds for all texts together; a quadratic pattern needs far longer
SIZE = 100_000


def _project_patterns():
    found = {}
    for package in (actions, components):
        for module_info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}."):
            if module_info.name.endswith("__main__"):
                continue
            module = importlib.import_module(module_info.name)
            for name, value in vars(module).items():
                if isinstance(value, re.Pattern):
                    found[f"{module_info.name}.{name}"] = value
    for path in (PROJECT_ROOT / "data" / "nlu").glob("*.yml"):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            if "regex" in block:
                for number, line in enumerate(block["examples"].splitlines()):
                    if line.strip().startswith("- "):
                        found[f"{path.name}:{block['regex']}:{number}"] = re.compile(line.strip()[2:], re.IGNORECASE)
    return found


PATTERNS = _project_patterns()
TEXTS = [
    "a" * SIZE,
    "A" * SIZE,
    "a " * (SIZE // 2),
    "a." * (SIZE // 2),
    "a@" * (SIZE // 2),
    "@" * SIZE,
    "a-" * (SIZE // 2),
    "1" * SIZE,
    "Aa " * (SIZE // 3),
    "a" * SIZE + "@",
    "x." * (SIZE // 2) + "@",
]


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang()


def test_the_project_has_patterns_to_check():
    assert len(PATTERNS) > 30 and any("EMAIL" in name for name in PATTERNS)


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_no_pattern_backtracks_on_a_long_word(name):
    pattern = PATTERNS[name]
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(HANG)
    try:
        for text in TEXTS:
            pattern.search(text)
            list(pattern.finditer(text[: SIZE // 10]))
    except Hang:
        pytest.fail(f"{name} still searching after {HANG} s: it backtracks super-linearly")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
