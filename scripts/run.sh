#!/usr/bin/env bash
# Starts the action server, the chat page and the Rasa server (REST and socket.io channels).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
scripts/train.sh
scripts/web.sh
source scripts/defaults.sh
.venv/bin/python scripts/migrate_store.py
channels=$(.venv/bin/python scripts/credentials.py "$DATA_DIR/credentials.yml")

.venv/bin/rasa run actions --actions actions --port "$ACTION_SERVER_PORT" &
actions_pid=$!
.venv/bin/python -m components.channels.webpage --port "$WEB_PORT" &
web_pid=$!
trap 'kill $actions_pid $web_pid 2>/dev/null || true' EXIT INT TERM

cat <<MSG

  The assistant is starting (the model takes about half a minute to load).
  Chat in a browser:   http://localhost:$WEB_PORT
  Chat over REST:      curl -s localhost:$RASA_PORT/webhooks/rest/webhook -d '{"sender":"me","message":"hallo"}'
  Chat over socket.io: http://localhost:$RASA_PORT/socket.io (path used by chat widgets)
  Chat in a terminal:  make shell
  Stored facts:        $PARTNER_STORE_URL
  Channels:            $channels

MSG
.venv/bin/python -m components.server run --model models --endpoints endpoints.yml --credentials "$DATA_DIR/credentials.yml" \
  --port "$RASA_PORT" --cors "*"
