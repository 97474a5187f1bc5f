#!/usr/bin/env bash
# The whole test suite: installs what it needs, checks the packages, trains the model if
# the data changed, then runs every test (unit, actions, stories, NLU, integration).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
scripts/system-packages.sh
scripts/web.sh
source scripts/defaults.sh
.venv/bin/python -m pip check
.venv/bin/ruff check actions components tests
scripts/train.sh
exec .venv/bin/python -m pytest "$@"
