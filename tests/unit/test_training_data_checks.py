"""components.nlu.training_data_checks: Rasa's checks of the training data, done once, still
accept and refuse exactly what Rasa's own checks do."""

import pytest
import rasa.shared.utils.validation as validation
from rasa.shared.exceptions import SchemaValidationError, YamlException
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader
from rasa.shared.nlu.training_data.schemas.data_schema import entity_dict_schema

from components.nlu.training_data_checks import install

VALID = """version: "3.1"
nlu:
- intent: ask_roles
  examples: |
    - I am the [global admin]{"entity": "role", "value": "global_admin"} of [Contoso]{"entity": "company", "role": "own"}
"""


@pytest.fixture(scope="module", autouse=True)
def installed():
    install()


def test_valid_annotated_examples_are_read_as_rasa_reads_them():
    for _ in range(2):  # the second read takes the remembered checks
        examples = RasaYAMLReader().reads(VALID).training_examples
        entities = examples[0].get("entities")
        assert [(e["entity"], e["value"]) for e in entities] == [("role", "global_admin"), ("company", "Contoso")]
        assert entities[1]["role"] == "own"


@pytest.mark.parametrize("annotation", [{"entity": 3}, {"value": "no entity key"}])
def test_an_invalid_entity_annotation_is_refused_every_time_with_rasas_error(annotation):
    for _ in range(2):
        with pytest.raises(SchemaValidationError):
            validation.validate_training_data(annotation, entity_dict_schema())


def test_what_rasas_schema_allows_still_passes():
    validation.validate_training_data({"entity": "role", "extra": 1}, entity_dict_schema())


def test_a_file_that_breaks_the_schema_is_refused_every_time():
    broken = 'version: "3.1"\nnlu:\n- intent: ask_roles\n  examples: 42\n  unknown_key: yes\n'
    for _ in range(2):
        with pytest.raises(YamlException):
            RasaYAMLReader().reads(broken)
