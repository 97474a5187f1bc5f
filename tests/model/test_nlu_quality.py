"""NLU quality on the held-out test sets, per language: macro-F1 over the intents must be
at least 0.95 (evaluated with `rasa test nlu`)."""

import json
import subprocess
from collections import Counter

import pytest

from tests.conftest import PROJECT_ROOT, RASA, rasa_env

MINIMUM_MACRO_F1 = 0.95


def macro_f1(pairs):
    """Macro-F1 over the gold intents, from (gold, predicted) pairs."""
    labels = sorted({gold for gold, _ in pairs})
    true_positive = Counter(gold for gold, predicted in pairs if gold == predicted)
    gold_count = Counter(gold for gold, _ in pairs)
    predicted_count = Counter(predicted for _, predicted in pairs)
    scores = {}
    for label in labels:
        precision = true_positive[label] / predicted_count[label] if predicted_count[label] else 0.0
        recall = true_positive[label] / gold_count[label]
        scores[label] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return sum(scores.values()) / len(scores), scores


def test_macro_f1_formula():
    score, per_intent = macro_f1([("a", "a"), ("a", "b"), ("b", "b"), ("b", "b")])
    assert per_intent["a"] == pytest.approx(2 / 3)
    assert per_intent["b"] == pytest.approx(0.8)
    assert score == pytest.approx((2 / 3 + 0.8) / 2)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_held_out_macro_f1_is_at_least_0_95(trained_model, tmp_path, language):
    out = tmp_path / language
    subprocess.run(
        [
            RASA,
            "test",
            "nlu",
            "--model",
            str(trained_model),
            "--nlu",
            f"tests/nlu/{language}.yml",
            "--out",
            str(out),
            "--successes",
            "--no-plot",
        ],
        cwd=PROJECT_ROOT,
        env=rasa_env(),
        check=True,
        capture_output=True,
    )
    pairs = []
    for name in ("intent_successes.json", "intent_errors.json"):
        path = out / name
        if path.exists():
            pairs += [(row["intent"], row["intent_prediction"]["name"]) for row in json.loads(path.read_text())]
    assert len(pairs) >= 15 * 24
    score, per_intent = macro_f1(pairs)
    worst = sorted(per_intent.items(), key=lambda item: item[1])[:5]
    print(f"{language}: macro-F1 {score:.3f}; worst intents {worst}")
    assert score >= MINIMUM_MACRO_F1, f"{language} macro-F1 {score:.3f}; worst: {worst}"
