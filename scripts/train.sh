#!/usr/bin/env bash
# Trains the model only when what it is made of changed: the data, the domain, the config,
# the custom NLU components or the pinned packages. A stamp beside the model keeps their hash
# and the model's own, so an unchanged model is not even re-packed (`rasa train` takes a
# minute or more for that); FORCE_TRAINING=1 trains anyway. When it does train, Rasa's cache
# (.rasa/) still reuses every component whose inputs did not change.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/defaults.sh
model=models/partner-assistant.tar.gz
stamp=models/.partner-assistant.sha256

inputs_hash() {
  find config.yml domain data components/nlu requirements.txt scripts/train.sh -type f ! -name '*.pyc' -print0 \
    | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1
}

inputs=$(inputs_hash)
if [ -z "${FORCE_TRAINING:-}" ] && [ -f "$model" ] \
    && [ "$(cat "$stamp" 2>/dev/null)" = "$inputs $(sha256sum "$model" | cut -d' ' -f1)" ]; then
  echo "The model $model is up to date (data, domain, config and components unchanged)."
  exit 0
fi
echo "Training the model (data, domain, config or components changed; a few minutes)"
rm -f "$stamp"
.venv/bin/python -m components.server train --config config.yml --domain domain --data data --out models --fixed-model-name partner-assistant
echo "$inputs $(sha256sum "$model" | cut -d' ' -f1)" > "$stamp"
