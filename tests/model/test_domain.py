"""The domain folder: one file per topic, mirrored in the training data; every response in
exactly one file, in Dutch and English with the same placeholders; every decision the rules
can take has a response."""

import ast
import re
import string

import pytest
import yaml

from actions.benefits import BenefitVerdict
from actions.responses import RESPONSES, item_response
from actions.rules import benefits, mpa, onboarding, relationships
from actions.rules.checks import CheckTable
from tests.conftest import PROJECT_ROOT
from tests.domain_files import DOMAIN_DIR, domain

TOPICS = ("general", "onboarding", "work_account", "mpa", "relationships", "benefits", "support")
FILES = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(DOMAIN_DIR.glob("*.yml"))}


def placeholders(text):
    return {name for _, name, _, _ in string.Formatter().parse(text or "") if name}


def test_the_domain_has_one_file_per_topic_mirrored_in_the_training_data():
    assert set(FILES) == set(TOPICS)
    for folder in ("nlu", "rules"):
        assert set(TOPICS) <= {path.stem for path in (PROJECT_ROOT / "data" / folder).glob("*.yml")}, folder


@pytest.mark.parametrize("section", ["intents", "entities", "slots", "forms", "actions", "responses"])
def test_everything_lives_in_exactly_one_domain_file(section):
    seen = {}
    for topic, content in FILES.items():
        for entry in content.get(section) or []:
            name = next(iter(entry)) if isinstance(entry, dict) else entry
            assert name not in seen, f"{section} {name} is in {seen.get(name)} and {topic}"
            seen[name] = topic


RESPONSES_BY_NAME = {name: variations for content in FILES.values() for name, variations in (content.get("responses") or {}).items()}


@pytest.mark.parametrize("name", sorted(RESPONSES_BY_NAME))
def test_every_response_has_a_dutch_and_an_english_variant_with_the_same_placeholders(name):
    variations = RESPONSES_BY_NAME[name]
    dutch = [v for v in variations if any(c.get("name") == "language" and c.get("value") == "nl" for c in v.get("condition") or [])]
    english = [v for v in variations if not v.get("condition")]
    assert len(dutch) == 1 and len(english) == 1, f"{name} needs one Dutch and one English variant"
    assert placeholders(dutch[0].get("text")) == placeholders(english[0].get("text")), name
    if dutch[0].get("buttons") or english[0].get("buttons"):
        assert [b["payload"] for b in dutch[0]["buttons"]] == [b["payload"] for b in english[0]["buttons"]], name


def test_rasa_reads_the_folder_as_one_domain():
    merged = domain()
    assert set(merged["responses"]) == set(RESPONSES_BY_NAME)
    assert {"mpa_form", "benefit_form", "onboarding_form"} <= set(merged["forms"])


def test_every_response_the_table_names_is_in_the_domain():
    missing = sorted(name for name in RESPONSES.values() if name not in RESPONSES_BY_NAME)
    assert not missing


def _codes_written_in_the_rules():
    """Every code a rules module passes to Verdict(...) as a literal, or assigns to ``code``."""
    codes = set()
    for path in (PROJECT_ROOT / "actions" / "rules").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Verdict" and len(node.args) >= 2:
                code = node.args[1]
                if isinstance(code, ast.Constant) and isinstance(code.value, str):
                    codes.add(code.value)
            if isinstance(node, ast.Dict):
                codes |= {v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str) and v.value.startswith("ben_")}
            if isinstance(node, ast.Assign) and any(getattr(t, "id", None) in ("code", "late") for t in node.targets):
                values = [node.value.body, node.value.orelse] if isinstance(node.value, ast.IfExp) else [node.value]
                codes |= {value.value for value in values if isinstance(value, ast.Constant)}
    return codes


def _questions_asked_by_the_tables():
    tables = [onboarding.ONBOARDING_CHECKS, mpa.MPA_CHECKS, *benefits.BENEFIT_TOPICS.values()]
    assert all(isinstance(table, CheckTable) for table in tables)
    return {check.asking({}).code for table in tables for check in table.checks if check.verdict_asks}


def _codes_made_from_values():
    steps = {onboarding.next_onboarding_step(_ready(step, account)).code for step in range(0, 5) for account in ("exists", "none", None)}
    types = {relationships.partner_type_rights(kind).code for kind in relationships.PARTNER_TYPES}
    return steps | types


def _ready(steps_done, work_account):
    facts = {"mpn_member": True, "enrollment_steps_done": steps_done, "work_account": work_account}
    facts.update({f"prerequisite_{item}": True for item in onboarding.PREREQUISITES})
    return facts


def test_every_decision_the_rules_can_take_has_a_response_or_is_recorded_by_its_action():
    codes = _codes_written_in_the_rules() | _questions_asked_by_the_tables() | _codes_made_from_values()
    assert len(codes) > 100
    unhandled = sorted(code for code in codes if code not in RESPONSES and code not in BenefitVerdict.RECORDERS)
    assert not unhandled


def test_every_item_a_verdict_can_list_is_said_in_both_languages():
    kinds = {
        "prerequisite": onboarding.PREREQUISITES,
        "role": ("global_admin", "admin_agent", "user_management_admin", "mpn_partner_admin", "other"),
        "status": mpa.MPN_PROGRAM_STATUSES[1:] + ("rejected", "declined"),
        "rel_type": relationships.PARTNER_TYPES,
    }
    for kind, values in kinds.items():
        for value in values:
            assert item_response(f"{kind}.{value}") in RESPONSES_BY_NAME, (kind, value)


def test_no_code_outside_rules_and_actions_names_a_response_to_decide_behaviour():
    # Handoff and the refund record read verdict codes: no module decides on a response name.
    for path in list((PROJECT_ROOT / "actions").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\.response\s*==|response\s+in\s*\(", text), path
