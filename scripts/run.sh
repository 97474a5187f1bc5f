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

.venv/bin/python -m components.server.action_server --port "$ACTION_SERVER_PORT" &
actions_pid=$!
.venv/bin/python -m components.channels.webpage --port "$WEB_PORT" --host "$WEB_HOST" &
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
# shellcheck disable=SC2086  # WEB_ORIGINS is a list of origins
.venv/bin/python -m components.server run --model models --endpoints endpoints.yml --credentials "$DATA_DIR/credentials.yml" \
  --interface "$RASA_INTERFACE" --port "$RASA_PORT" --cors $WEB_ORIGINS
