"""The requirements are the rule catalogue (docs/RULES.md, copied from the documentation
review): every rule ID in it is applied by code under actions/ and named by a test."""

import re

import pytest

from tests.conftest import PROJECT_ROOT

CATALOGUE = (PROJECT_ROOT / "docs" / "RULES.md").read_text(encoding="utf-8")
RULE_IDS = sorted(set(re.findall(r"^\| ([A-Z]+-\d{2}) \|", CATALOGUE, re.MULTILINE)))


def _texts(folder, suffixes):
    return "\n".join(
        path.read_text(encoding="utf-8")
        for path in (PROJECT_ROOT / folder).rglob("*")
        if path.suffix in suffixes and "__pycache__" not in path.parts
    )


CODE = _texts("actions", {".py", ".yml"})
TESTS = _texts("tests", {".py", ".yml"}).replace("_", "-")


def test_the_catalogue_is_read():
    assert len(RULE_IDS) >= 40 and "BEN-13" in RULE_IDS


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_rule_has_code_and_a_test_that_names_it(rule_id):
    assert rule_id in CODE, f"{rule_id} is not applied anywhere under actions/"
    assert rule_id in TESTS, f"no test names {rule_id}"
