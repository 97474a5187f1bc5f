"""End-to-end test stories (tests/stories/*.yml): what partners write, in Dutch and English,
-> the intent the trained NLU must predict (above the fallback threshold), the language the
LanguageDetector must find, the facts annotated in the text (entities the NLU must extract),
-> the action RulePolicy must run for it (data/rules/), and then listening again.

The stories are Rasa test stories, read by Rasa's own reader. They are checked here rather
than by ``rasa test core --e2e --fail-on-prediction-errors``: Rasa compares the predicted
entities with the annotated ones for equality, and a real message yields overlapping
entities that test-story markup cannot annotate (the language entity spans the whole text;
the CRF and the patterns both find "Pending", inside "indirect reseller" the patterns also
find "reseller"). So an annotated entity must be among the predicted ones, and the custom
actions are not run (only the predictions are checked), as in ``rasa test core``.
"""

import asyncio
import logging

import pytest

from tests.conftest import PROJECT_ROOT

STORIES = sorted((PROJECT_ROOT / "tests" / "stories").glob("*.yml"))
FALLBACK_THRESHOLD = 0.2  # config.yml FallbackClassifier


@pytest.fixture(scope="module")
def agent(trained_model):
    from rasa.core.agent import Agent

    logging.getLogger("rasa").setLevel(logging.WARNING)
    return Agent.load(str(trained_model))


def _stories(domain):
    from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader

    for path in STORIES:
        for step in YAMLStoryReader(domain, source_name=str(path)).read_from_file(str(path)):
            yield path.name, step


def _language(story_name):
    language, _, _ = story_name.partition(":")
    assert language in ("en", "nl"), f"story {story_name!r} does not start with its language"
    return language


def _entity_key(entity, with_role):
    key = (entity["entity"], str(entity["value"]), entity["start"], entity["end"])
    return key + (entity.get("role"),) if with_role else key


async def _replay(agent, story_name, events):
    """The wrong predictions of one story, as readable lines."""
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    language = _language(story_name)
    tracker = DialogueStateTracker.from_events(story_name, [ActionExecuted("action_listen")], agent.domain.slots)
    errors = []

    def run_next(expected):
        """Predicts the next action and records it as Rasa's test does (with the policy
        that predicted it, which RulePolicy reads to know a rule has run)."""
        action, prediction = agent.processor.predict_next_with_tracker_if_should(tracker)
        ran = action.name() if action.name() == expected else expected
        tracker.update(ActionExecuted(ran, prediction.policy_name, prediction.max_confidence))
        return action.name()

    for event in events:
        if isinstance(event, UserUttered):
            text, expected = event.text, event.intent.get("name")
            parsed = await agent.parse_message(text)
            intent = parsed["intent"]
            if intent.get("name") != expected:
                errors.append(f"{text!r}: intent {intent.get('name')} ({intent.get('confidence', 0):.2f}), expected {expected}")
            elif expected != "nlu_fallback" and intent.get("confidence", 0) < FALLBACK_THRESHOLD:
                errors.append(f"{text!r}: {expected} only at {intent.get('confidence'):.2f}")
            languages = {e["value"] for e in parsed["entities"] if e["entity"] == "language"}
            if languages - {language}:
                errors.append(f"{text!r}: language {languages}, expected {language}")
            found = {_entity_key(e, True) for e in parsed["entities"]} | {_entity_key(e, False) for e in parsed["entities"]}
            for entity in event.entities:
                if _entity_key(entity, "role" in entity) not in found:
                    errors.append(f"{text!r}: entity {entity} not extracted")
            tracker.update(UserUttered(text, intent, parsed["entities"], parse_data=parsed))
        elif isinstance(event, ActionExecuted):
            text = tracker.latest_message.text
            action = run_next(event.action_name)
            if action != event.action_name:
                errors.append(f"after {text!r}: action {action}, expected {event.action_name}")
            action = run_next("action_listen")
            if action != "action_listen":
                errors.append(f"after {event.action_name}: {action} instead of listening")
    return errors


def test_stories_cover_every_topic_in_both_languages(agent):

    intents, languages = set(), {}
    for _, step in _stories(agent.domain):
        language = _language(step.block_name)
        for event in step.events:
            if getattr(event, "intent", None) and getattr(event, "text", None):
                intents.add(event.intent["name"])
                languages.setdefault(event.intent["name"], set()).add(language)
    expected = set(agent.domain.intent_properties) - {"nlu_fallback", "staff_command", "session_start", "restart", "back"}
    expected -= {name for name in expected if name.startswith("/")}
    missing = sorted(expected - intents)
    assert not missing
    one_language = sorted(intent for intent, seen in languages.items() if seen != {"en", "nl"})
    assert not one_language


def test_partner_messages_in_dutch_and_english_reach_the_action_of_their_intent(agent):
    async def replay_all():
        failures = {}
        for file_name, step in _stories(agent.domain):
            errors = await _replay(agent, step.block_name, step.events)
            if errors:
                failures[f"{file_name}: {step.block_name}"] = errors
        return failures

    failures = asyncio.run(replay_all())
    assert not failures, "\n".join(f"{story}:\n  " + "\n  ".join(errors) for story, errors in failures.items())
