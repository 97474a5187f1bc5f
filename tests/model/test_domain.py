"""The domain folder: one file per topic, mirrored in the training data; every response in
exactly one file, in Dutch and English with the same placeholders; every code the rules can
give, every question, every "did you mean" reading and every response an action names has
its response in the domain."""

import ast
import re
import string
from datetime import date

import pytest
import yaml

from actions import reading
from actions.responses import CODE_QUESTIONS, QUESTIONS, RESPONSES, SUGGESTIONS, item_response
from actions.rules import benefits, mpa, onboarding, relationships
from actions.rules.checks import CheckTable
from tests.conftest import PROJECT_ROOT
from tests.domain_files import DOMAIN_DIR, domain

TOPICS = ("general", "onboarding", "work_account", "mpa", "relationships", "benefits", "support")
FILES = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(DOMAIN_DIR.glob("*.yml"))}
RESPONSES_BY_NAME = {
    name: variations for content in FILES.values() for name, variations in (content.get("responses") or {}).items()
}
ACTION_SOURCES = sorted((PROJECT_ROOT / "actions").rglob("*.py"))


def placeholders(text):
    return {name for _, name, _, _ in string.Formatter().parse(text or "") if name}


def _dutch(variations):
    return [v for v in variations if any(c.get("name") == "language" and c.get("value") == "nl" for c in v.get("condition") or [])]


def _english(variations):
    return [v for v in variations if not v.get("condition")]


def test_the_domain_has_one_file_per_topic_mirrored_in_the_training_data():
    assert set(FILES) == set(TOPICS)
    for folder in ("nlu", "rules"):
        assert set(TOPICS) <= {path.stem for path in (PROJECT_ROOT / "data" / folder).glob("*.yml")}, folder


@pytest.mark.parametrize("section", ["intents", "entities", "slots", "actions", "responses"])
def test_everything_lives_in_exactly_one_domain_file(section):
    seen = {}
    for topic, content in FILES.items():
        for entry in content.get(section) or []:
            name = next(iter(entry)) if isinstance(entry, dict) else entry
            assert name not in seen, f"{section} {name} is in {seen.get(name)} and {topic}"
            seen[name] = topic


@pytest.mark.parametrize("name", sorted(RESPONSES_BY_NAME))
def test_every_response_has_a_dutch_and_an_english_variant_with_the_same_placeholders(name):
    variations = RESPONSES_BY_NAME[name]
    dutch, english = _dutch(variations), _english(variations)
    assert len(dutch) == 1 and len(english) == 1, f"{name} needs one Dutch and one English variant"
    assert len(variations) == 2, f"{name} has variants in neither language"
    dutch, english = dutch[0], english[0]
    assert placeholders(dutch.get("text")) == placeholders(english.get("text")), name
    dutch_buttons, english_buttons = dutch.get("buttons") or [], english.get("buttons") or []
    assert len(dutch_buttons) == len(english_buttons), name
    for nl_button, en_button in zip(dutch_buttons, english_buttons, strict=True):
        nl_payload, en_payload = nl_button["payload"], en_button["payload"]
        # An intent ("/affirm") or a staff command ("#claim {reference}") is the same in both
        # languages; any other payload is a sentence the NLU reads, in the button's language.
        if nl_payload[:1] in "/#" or en_payload[:1] in "/#":
            assert nl_payload == en_payload, name
        assert placeholders(nl_payload) == placeholders(en_payload), name
        assert placeholders(nl_button["title"]) == placeholders(en_button["title"]), name


def test_buttons_that_send_an_intent_send_one_the_domain_has():
    intents = set(domain()["intents"])
    sent = {
        button["payload"][1:].split("{")[0]
        for variations in RESPONSES_BY_NAME.values()
        for variation in variations
        for button in variation.get("buttons") or []
        if button["payload"].startswith("/")
    }
    assert sent and not sent - intents, sorted(sent - intents)


def test_rasa_reads_the_folder_as_one_domain_without_forms():
    merged = domain()
    assert set(merged["responses"]) == set(RESPONSES_BY_NAME)
    # The dialogue has no forms any more: every intent has one action (data/rules/).
    assert not merged.get("forms")


def test_every_code_question_and_suggestion_names_responses_that_are_in_the_domain():
    named = {f"RESPONSES[{code!r}]": name for code, names in RESPONSES.items() for name in names}
    named.update({f"QUESTIONS[{fact!r}]": name for fact, name in QUESTIONS.items()})
    named.update({f"CODE_QUESTIONS[{code!r}]": name for code, name in CODE_QUESTIONS.items()})
    named.update({f"SUGGESTIONS[{intent!r}]": name for intent, name in SUGGESTIONS.items()})
    assert len(named) > 200
    missing = sorted(where for where, name in named.items() if name not in RESPONSES_BY_NAME)
    assert not missing


def test_every_did_you_mean_reading_is_an_intent_with_an_action():
    from tests.model.test_training_data import intents_mapped_in_rules

    mapped = intents_mapped_in_rules()
    assert set(SUGGESTIONS) <= set(mapped), sorted(set(SUGGESTIONS) - set(mapped))


def _utter_names_in_actions():
    """Every response name an action module writes out in full, with where it is."""
    names = {}
    for path in ACTION_SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        built = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
        for node in ast.walk(tree):
            if id(node) in built:
                continue  # the start of a name built from a value: see the next test
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and re.fullmatch(r"utter_\w+", node.value):
                names.setdefault(node.value, f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}")
    return names


def _utter_prefixes_in_actions():
    """The fixed start of every response name an action builds (f"utter_date_{problem}")."""
    prefixes = set()
    for path in ACTION_SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                start = node.values[0].value
                if isinstance(start, str) and start.startswith("utter_"):
                    prefixes.add(start)
    return prefixes


def test_every_response_an_action_names_is_in_the_domain():
    names = _utter_names_in_actions()
    assert len(names) > 150
    missing = sorted(f"{name} ({where})" for name, where in names.items() if name not in RESPONSES_BY_NAME)
    assert not missing


def test_every_response_an_action_builds_from_a_date_problem_is_in_the_domain():
    today = date(2026, 11, 21)
    problems = {
        "utter_date_": {
            reading.read_past_date("the day after the blue moon", today).problem,
            reading.read_past_date("2030-01-01", today).problem,
        },
        "utter_ben_expiry_": {
            reading.read_expiry_date("whenever the moon is blue", today).problem,
            reading.read_expiry_date("2020-01-01", today).problem,
        },
        "utter_suggest_": set(SUGGESTIONS),
        "utter_item_": set(),  # checked item by item below
    }
    assert problems["utter_date_"] == {"unreadable", "future"}
    assert problems["utter_ben_expiry_"] == {"unreadable", "past"}
    built = _utter_prefixes_in_actions()
    assert built <= set(problems), sorted(built - set(problems))
    for prefix in ("utter_date_", "utter_ben_expiry_"):
        for problem in problems[prefix]:
            assert f"{prefix}{problem}" in RESPONSES_BY_NAME, (prefix, problem)


def test_utter_default_does_not_ask_to_rephrase_in_either_language():
    variations = RESPONSES_BY_NAME["utter_default"]
    rephrase = re.compile(
        r"rephrase|re-phrase|reword|other words|say (?:that|it) (?:again|differently)|try again|"
        r"anders (?:formuleren|verwoorden|zeggen)|herformuleer|herformuleren|andere woorden|opnieuw (?:formuleren|proberen)|nog eens",
        re.IGNORECASE,
    )
    for variation in _dutch(variations) + _english(variations):
        assert variation.get("text"), variation
        assert not rephrase.search(variation["text"]), variation["text"]


def _table_checks():
    tables = [onboarding.ONBOARDING_CHECKS, mpa.MPA_CHECKS, *benefits.BENEFIT_TOPICS.values()]
    assert all(isinstance(table, CheckTable) for table in tables)
    return [check for table in tables for check in table.checks if check.verdict_asks]


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


def _codes_made_from_values():
    steps = {onboarding.next_onboarding_step(_ready(step, account)).code for step in range(0, 5) for account in ("exists", "none", None)}
    types = {relationships.partner_type_rights(kind).code for kind in relationships.PARTNER_TYPES}
    return steps | types


def _ready(steps_done, work_account):
    facts = {"mpn_member": True, "enrollment_steps_done": steps_done, "work_account": work_account}
    facts.update({f"prerequisite_{item}": True for item in onboarding.PREREQUISITES})
    return facts


def test_every_decision_the_rules_can_take_has_a_response():
    asked = {check.asking({}).code for check in _table_checks()}
    codes = _codes_written_in_the_rules() | asked | _codes_made_from_values()
    assert len(codes) > 100
    assert not sorted(code for code in codes if code not in RESPONSES)


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
    for path in ACTION_SOURCES:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\.response\s*==|response\s+in\s*\(", text), path
