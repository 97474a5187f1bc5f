#!/usr/bin/env bash
# Trains a model only when data, domain or config changed (Rasa compares fingerprints).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/defaults.sh
.venv/bin/rasa train --config config.yml --domain domain --data data --out models --fixed-model-name partner-assistant
