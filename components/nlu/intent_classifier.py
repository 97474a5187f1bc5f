"""Rasa NLU component: the intent classifier.

Word (1-2) and character (2-5, within words) n-grams, TF-IDF weighted with sublinear term
frequency, and a linear support vector machine. Character n-grams carry Dutch compounds
("werkaccount", "Visual Studio-abonnement") and typos ("Parnter Center"); words carry the
question. The SVM's decision scores become a confidence ranking through a softmax with a
fixed scale, so the FallbackClassifier's threshold and the "did you mean" readings work on
them as on any Rasa classifier.

It was chosen over Rasa's DIETClassifier and LogisticRegressionClassifier by the held-out
sets and the acceptance suite (bench/report.md): it is the most accurate of the three and
trains in seconds.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

logger = logging.getLogger(__name__)

_FILE = "intent_classifier.skops"
# Types beyond scikit-learn's own that the saved pipeline holds (the TF-IDF weights).
_TRUSTED_TYPES = ["scipy.sparse._csr.csr_matrix"]


def _pipeline(config: Dict[Text, Any]) -> Pipeline:
    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, lowercase=True)),
            (
                "characters",
                TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, lowercase=True, min_df=2),
            ),
        ]
    )
    classifier = LinearSVC(C=config["C"], class_weight="balanced", random_state=config["random_state"])
    return Pipeline([("features", features), ("classifier", classifier)])


def softmax_ranking(scores: np.ndarray, scale: float) -> np.ndarray:
    """Confidences from decision scores: a softmax of the scaled scores (rows sum to 1)."""
    scaled = scores * scale
    scaled = scaled - scaled.max(axis=1, keepdims=True)
    exponent = np.exp(scaled)
    return exponent / exponent.sum(axis=1, keepdims=True)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class NgramIntentClassifier(IntentClassifier, GraphComponent):
    """Intents from TF-IDF word and character n-grams with a linear SVM."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"C": 1.0, "confidence_scale": 5.0, "ranking_length": 10, "random_state": 2026}

    @staticmethod
    def required_packages() -> List[Text]:
        return ["sklearn", "skops"]

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource):
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.pipeline: Pipeline | None = None

    @classmethod
    def create(
        cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource, execution_context: ExecutionContext
    ) -> "NgramIntentClassifier":
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [example for example in training_data.intent_examples if example.get(INTENT) and example.get(TEXT)]
        if not examples:
            logger.debug("no intent examples: the intent classifier is not trained")
            return self._resource
        self.pipeline = _pipeline(self.config)
        self.pipeline.fit([example.get(TEXT) for example in examples], [example.get(INTENT) for example in examples])
        self.persist()
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        if self.pipeline is None:
            return messages
        texts = [message.get(TEXT) or "" for message in messages]
        scores = np.atleast_2d(self.pipeline.decision_function(texts))
        confidences = softmax_ranking(scores, float(self.config["confidence_scale"]))
        intents = self.pipeline.classes_
        for message, row in zip(messages, confidences, strict=True):
            order = np.argsort(-row)
            ranking = [{"name": str(intents[i]), "confidence": float(row[i])} for i in order]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set("intent_ranking", ranking[: int(self.config["ranking_length"])], add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data

    def persist(self) -> None:
        import skops.io as sio

        with self._model_storage.write_to(self._resource) as directory:
            sio.dump(self.pipeline, directory / _FILE)

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "NgramIntentClassifier":
        import skops.io as sio

        component = cls(config, model_storage, resource)
        try:
            with model_storage.read_from(resource) as directory:
                path = directory / _FILE
                untrusted = [name for name in sio.get_untrusted_types(file=path) if name not in _TRUSTED_TYPES]
                if untrusted:
                    # Only known types are loaded: a model file is not code.
                    raise ValueError(f"untrusted types in the intent classifier: {untrusted}")
                component.pipeline = sio.load(path, trusted=_TRUSTED_TYPES)
        except ValueError:
            logger.warning("no trained intent classifier in the model: intents are not predicted")
        return component
