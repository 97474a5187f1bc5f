"""The training data is consistent: every intent has training data in both languages and one
rule to the action that answers it (the same the actions register), the held-out test sets
stay held out, and the entities the understanding layer reads are annotated for the CRF."""

import importlib
import pkgutil
import re
import subprocess
from collections import Counter
from functools import lru_cache

import pytest
import yaml

from tests.conftest import PROJECT_ROOT, RASA, rasa_env
from tests.domain_files import domain

# Intents no message is classified as: Rasa's own fallback, and the triage-desk commands
# components.nlu.staff_commands reads exactly.
UNCLASSIFIED_INTENTS = {"nlu_fallback", "staff_command"}


def _examples(path):
    examples = {}
    for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
        if "intent" in block:
            for line in block["examples"].splitlines():
                text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", line.strip()[2:].strip())
                text = re.sub(r"\[([^\]]+)\]\{[^}]*\}", r"\1", text).lower()
                if text:
                    examples.setdefault(block["intent"], []).append(text)
    return examples


def _training_examples():
    training = {}
    for path in (PROJECT_ROOT / "data" / "nlu").glob("*.yml"):
        for intent, texts in _examples(path).items():
            training.setdefault(intent, set()).update(texts)
    return training


def intents_mapped_in_rules():
    """intent -> action, from data/rules/*.yml; every rule is one intent and one action."""
    mapped = {}
    for path in sorted((PROJECT_ROOT / "data" / "rules").glob("*.yml")):
        for rule in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]:
            steps = rule["steps"]
            assert [next(iter(step)) for step in steps] == ["intent", "action"], (path.name, rule["rule"])
            intent, action = steps[0]["intent"], steps[1]["action"]
            assert intent not in mapped, f"{intent} has two rules"
            mapped[intent] = action
    return mapped


@lru_cache(maxsize=1)
def _action_modules():
    """Every module of the actions package, imported as the action server does (each
    PartnerAction registers itself in ACTIONS_BY_INTENT when its module is imported)."""
    import actions

    return [importlib.import_module(info.name) for info in pkgutil.walk_packages(actions.__path__, "actions.")]


def _custom_action_names():
    from rasa_sdk import Action

    names = set()
    for module in _action_modules():
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Action) and value.__module__ == module.__name__:
                try:
                    names.add(value().name())
                except TypeError:  # an abstract base
                    continue
    return names


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


def test_every_intent_has_training_data_and_a_held_out_test_set_in_both_languages():
    training = _training_examples()
    domain_intents = set(domain()["intents"])
    assert set(training) == domain_intents - {"nlu_fallback"}
    classified_intents = domain_intents - UNCLASSIFIED_INTENTS
    for language in ("en", "nl"):
        held_out = _examples(PROJECT_ROOT / "tests" / "nlu" / f"{language}.yml")
        assert set(held_out) == classified_intents, language
        for intent, texts in held_out.items():
            assert len(texts) >= 15, (language, intent)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_no_held_out_test_sentence_is_also_a_training_example(language):
    every_training_text = set().union(*_training_examples().values())
    held_out = _examples(PROJECT_ROOT / "tests" / "nlu" / f"{language}.yml")
    leaked = sorted(f"{intent}: {text}" for intent, texts in held_out.items() for text in set(texts) & every_training_text)
    assert not leaked, f"{len(leaked)} held-out sentences are training examples too:\n" + "\n".join(leaked)


def test_the_rules_map_each_intent_to_the_action_that_registers_for_it():
    from actions.base import ACTIONS_BY_INTENT

    _action_modules()
    mapped = intents_mapped_in_rules()
    custom = {intent: action for intent, action in mapped.items() if not action.startswith("utter_")}
    registered = {intent: action.action_name for intent, action in ACTIONS_BY_INTENT.items()}
    # The staff commands are answered by a plain SDK action: they are no partner's question.
    assert custom.pop("staff_command") == "action_staff_command"
    assert custom == registered
    # Every action a rule names is an action the action server has, or a response.
    responses = set(domain()["responses"])
    assert set(custom.values()) <= _custom_action_names() | {"action_staff_command"}
    assert {action for action in mapped.values() if action.startswith("utter_")} <= responses
    assert set(mapped.values()) - responses <= set(domain()["actions"])


def test_every_intent_of_the_domain_has_an_action():
    mapped = intents_mapped_in_rules()
    intents = set(domain()["intents"])
    assert intents <= set(mapped), sorted(intents - set(mapped))
    assert set(mapped) <= intents | {"nlu_fallback"}, sorted(set(mapped) - intents)
    # The fallback (nlu_fallback) is Rasa's own intent: its rule offers the readings.
    assert mapped["nlu_fallback"] == "action_did_you_mean"


# ----- entities -------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _annotations():
    """(entity, role) -> values (after synonyms), per language of the file's examples."""
    from rasa.shared.nlu.training_data.loading import load_data

    from components.nlu.language import detect_language

    data = load_data(str(PROJECT_ROOT / "data" / "nlu"))
    synonyms = data.entity_synonyms
    found = {}
    for example in data.intent_examples:
        language = detect_language(example.get("text"))
        for entity in example.get("entities") or []:
            value = str(entity.get("value"))
            value = synonyms.get(value, synonyms.get(value.lower(), value))
            found.setdefault((entity["entity"], entity.get("role")), Counter())[(language, value)] += 1
    return found


def _values(entity, role=None):
    return {value for (_, value) in _annotations().get((entity, role), {})}


def test_the_crf_extracts_entities_and_the_domain_declares_the_status_roles():
    config = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text(encoding="utf-8"))
    assert "CRFEntityExtractor" in [component["name"] for component in config["pipeline"]]
    declared = {next(iter(entry)): entry[next(iter(entry))] for entry in domain()["entities"] if isinstance(entry, dict)}
    assert set(declared["status"]["roles"]) == {"mpn_program", "indirect_reseller"}


@pytest.mark.parametrize(
    "role, statuses",
    [
        ("mpn_program", "MPN_PROGRAM_STATUSES"),
        ("indirect_reseller", "INDIRECT_RESELLER_STATUSES"),
    ],
)
def test_MPA_statuses_are_annotated_by_subject_in_both_languages(role, statuses):
    # MPA-05/06: "Pending" is the MPN program's or the indirect reseller's status; the CRF
    # learns which from the annotated roles, and the understanding reads status by role.
    from actions.rules import mpa

    annotated = _annotations()[("status", role)]
    assert _values("status", role) == set(getattr(mpa, statuses)), role
    for language in ("en", "nl"):
        assert sum(n for (lang, _), n in annotated.items() if lang == language) >= 10, (role, language)
    # No status is annotated without saying whose status it is.
    assert ("status", None) not in _annotations()


@pytest.mark.parametrize(
    "entity, known_values",
    [
        ("role", "actions.rules.roles:USER_ROLES"),
        ("csp_partner_type", "actions.rules.mpa:CSP_PARTNER_TYPES"),
        ("rel_partner_type", "actions.rules.relationships:PARTNER_TYPES"),
        ("benefit", "actions.rules.benefits:BENEFIT_KINDS"),
        ("membership_level", "actions.rules.benefits:MEMBERSHIP_LEVELS"),
        ("mpn_account", "actions.rules.mpa:MPN_ACCOUNT_STATES"),
    ],
)
def test_entities_the_understanding_reads_are_annotated_with_values_it_knows(entity, known_values):
    module, name = known_values.split(":")
    known = set(getattr(importlib.import_module(module), name))
    annotated = _annotations()[(entity, None)]
    unknown = sorted({value for (_, value) in annotated} - known)
    assert not unknown, f"{entity} annotated with values the actions ignore: {unknown}"
    for language in ("en", "nl"):
        assert sum(n for (lang, _), n in annotated.items() if lang == language) >= 5, (entity, language)
