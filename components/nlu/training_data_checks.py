"""Rasa 3.6's checks of the training data, done once instead of on every read.

`rasa train` reads the training data three to four times (validation, fingerprinting, the
NLU and the dialogue data providers), and each read repeats two checks whose answers cannot
change within the run:

- every example annotated with a JSON entity (``[Anna]{"entity": "person", "role": ...}``)
  is checked with ``jsonschema.validate``, which first checks the schema itself against its
  meta-schema: about half of a read of our data. One validator per schema is built once.
- every file is checked against Rasa's YAML schema (pykwalify). A file whose exact content
  has passed once in this process is not checked again; a file that fails is checked (and
  refused) every time, as before.

Invalid data is refused exactly as Rasa refuses it. `install()` is called by
`components.server`, the entry point the scripts train and run Rasa with.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Dict, Set, Text, Tuple

import rasa.shared.utils.validation as validation
from jsonschema import ValidationError
from jsonschema.validators import validator_for

_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    _installed = True
    validate_training_data = validation.validate_training_data
    validate_yaml_schema = validation.validate_yaml_schema
    validators: Dict[Text, Any] = {}
    passed: Set[Tuple[str, Text, Text]] = set()

    def validate_training_data_once(json_data: Dict[Text, Any], schema: Dict[Text, Any]) -> None:
        key = json.dumps(schema, sort_keys=True, default=str)
        validator = validators.get(key)
        if validator is None:
            validator = validators[key] = validator_for(schema)(schema)
        try:
            validator.validate(json_data)
        except ValidationError:
            validate_training_data(json_data, schema)  # Rasa's own error, with its message
            raise

    def validate_yaml_schema_once(yaml_file_content: Text, schema_path: Text, *args: Any, **kwargs: Any) -> None:
        key = (hashlib.sha256(yaml_file_content.encode("utf-8")).hexdigest(), schema_path, repr((args, kwargs)))
        if key in passed:
            return
        validate_yaml_schema(yaml_file_content, schema_path, *args, **kwargs)
        passed.add(key)

    validation.validate_training_data = validate_training_data_once
    validation.validate_yaml_schema = validate_yaml_schema_once
