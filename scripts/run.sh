#!/usr/bin/env bash
# Starts the action server, the chat page and the Rasa server (REST and socket.io channels).
# Prints one line per step; each step's full output goes to a log in $LOG_DIR/run (default
# .data/logs/run/). Once the Rasa server answers it says where to chat, then runs until
# Ctrl-C, which stops all three servers. A failing step shows the end of its log and exits
# non-zero; so does a server that stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/defaults.sh
logs="${LOG_DIR:-$DATA_DIR/logs}/run"
mkdir -p "$logs"

source scripts/steps.sh

step "Python packages" bootstrap scripts/bootstrap.sh
echo ok
step "Chat widget" web scripts/web.sh
echo ok
step "Model" train scripts/train.sh
if grep -q "is up to date" "$logs/train.log"; then echo "up to date"; else echo "trained"; fi
step "State store" migrate .venv/bin/python scripts/migrate_store.py
echo "up to date"
step "Channels" credentials .venv/bin/python scripts/credentials.py "$DATA_DIR/credentials.yml"
channels=$(tail -n 1 "$logs/credentials.log")
echo "$channels"

# --- the servers ---------------------------------------------------------------------------
probe_host() { case $1 in 0.0.0.0 | :: | "") echo 127.0.0.1 ;; *:*) echo "[$1]" ;; *) echo "$1" ;; esac; }
# Whether URL answers 2xx. Run in the background and waited for, like the sleeps below, so
# that Ctrl-C or SIGTERM interrupts the wait at once and no "Terminated" line is printed.
answers() {
  .venv/bin/python -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=3)' "$1" 2>/dev/null &
  wait $!
}

names=("the action server" "the chat page" "the Rasa server")
files=("$logs/actions.log" "$logs/webpage.log" "$logs/rasa.log")
pids=()
stopping=""

stop_servers() {
  local pid="" i
  [ ${#pids[@]} -gt 0 ] || return 0
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for ((i = 0; i < 150; i++)); do  # up to 30 seconds for a clean stop, then they are killed
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && break; pid=""; done
    [ -n "$pid" ] || break
    sleep 0.2
  done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pids=()
}
trap stop_servers EXIT
trap 'stopping=1' INT TERM

shut_down() {  # after Ctrl-C (SIGINT) or SIGTERM
  printf '\nStopping the servers ... '
  stop_servers
  echo "stopped."
  exit 0
}

# Exits, naming the log, when a server has stopped by itself.
check_servers() {
  local i status last
  for i in "${!pids[@]}"; do
    kill -0 "${pids[$i]}" 2>/dev/null && continue
    [ -n "$stopping" ] && return 0
    status=0
    wait "${pids[$i]}" || status=$?
    last=$(grep -v '^[[:space:]]*$' "${files[$i]}" | tail -n 1 | cut -c1-160)
    printf '\n%s stopped by itself (exit %s%s); its log: %s\n' "${names[$i]^}" "$status" "${last:+: $last}" \
      "$(shown "${files[$i]}")" >&2
    exit 1
  done
}

export PYTHONUNBUFFERED=1  # the logs as they happen
printf 'Starting the action server, the chat page and the Rasa server (logs: %s/{actions,webpage,rasa}.log) ... ' \
  "$(shown "$logs")"
started=$SECONDS
.venv/bin/python -m components.server.action_server --port "$ACTION_SERVER_PORT" >"${files[0]}" 2>&1 &
pids+=($!)
.venv/bin/python -m components.channels.webpage --port "$WEB_PORT" --host "$WEB_HOST" >"${files[1]}" 2>&1 &
pids+=($!)
# shellcheck disable=SC2086  # WEB_ORIGINS is a list of origins
.venv/bin/python -m components.server run --model models --endpoints endpoints.yml --credentials "$DATA_DIR/credentials.yml" \
  --interface "$RASA_INTERFACE" --port "$RASA_PORT" --cors $WEB_ORIGINS >"${files[2]}" 2>&1 &
pids+=($!)

# The Rasa server answers GET / ("Hello from Rasa") only once the model is loaded.
urls=("http://$(probe_host "$ACTION_SERVER_HOST"):$ACTION_SERVER_PORT/health"
  "http://$(probe_host "$WEB_HOST"):$WEB_PORT/config.js"
  "http://$(probe_host "$RASA_INTERFACE"):$RASA_PORT/")
for i in 0 1 2; do
  until answers "${urls[$i]}"; do
    [ -z "$stopping" ] || shut_down
    check_servers
    if ((SECONDS - started > ${START_TIMEOUT:-600})); then
      printf '\n%s did not answer on %s within %s s; its log: %s\n' "${names[$i]^}" "${urls[$i]}" \
        "${START_TIMEOUT:-600}" "$(shown "${files[$i]}")" >&2
      exit 1
    fi
    sleep 0.5 & wait $! || true
  done
done
echo "ok ($((SECONDS - started)) s)"

stored_facts=$(printf '%s' "$PARTNER_STORE_URL" | sed -E 's#(://[^:/@]*):[^@/]*@#\1:***@#')  # no password on screen
cat <<MSG

The assistant is ready; Ctrl-C stops it.
  Logs:                $(shown "$logs")/ (rasa.log, actions.log, webpage.log; set-up: bootstrap, web, train, migrate)
  Stored facts:        $stored_facts
  Channels:            $channels
  Chat in a terminal:  make shell
  Chat over socket.io: http://localhost:$RASA_PORT/socket.io (path used by chat widgets)
  Chat over REST:      curl -s localhost:$RASA_PORT/webhooks/rest/webhook -d '{"sender":"me","message":"hallo"}'
  Chat in a browser:   http://localhost:$WEB_PORT
MSG

while [ -z "$stopping" ]; do
  check_servers
  sleep 1 & wait $! || true
done
shut_down
