#!/usr/bin/env bash
# A terminal chat (rasa shell) with the action server running beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
scripts/train.sh
source scripts/defaults.sh
.venv/bin/python scripts/migrate_store.py
.venv/bin/python -m components.server.action_server --port "$ACTION_SERVER_PORT" >"$DATA_DIR/actions-shell.log" 2>&1 &
actions_pid=$!
trap 'kill $actions_pid 2>/dev/null || true' EXIT INT TERM
.venv/bin/python -m components.server shell --model models --endpoints endpoints.yml --port "$((RASA_PORT + 1))" "$@"
