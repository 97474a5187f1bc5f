# Embedded defaults for running on one machine; every value can be overridden from the
# environment. Sourced by the other scripts.
export RASA_TELEMETRY_ENABLED=false
export DATA_DIR="${DATA_DIR:-$PWD/.data}"
export PARTNER_STORE_URL="${PARTNER_STORE_URL:-sqlite:///$DATA_DIR/partner_store.db}"
export TRACKER_STORE_URL="${TRACKER_STORE_URL:-sqlite:///$DATA_DIR/tracker.db}"
export LOCK_STORE_TYPE="${LOCK_STORE_TYPE:-in_memory}"
export LOCK_STORE_URL="${LOCK_STORE_URL:-}"
export EVENT_BROKER_URL="${EVENT_BROKER_URL:-}"
export ACTION_SERVER_PORT="${ACTION_SERVER_PORT:-5055}"
export RASA_PORT="${RASA_PORT:-5005}"
export WEB_PORT="${WEB_PORT:-8080}"
# Where the action server reaches Rasa (staff preview an answer with #classify).
export RASA_SERVER_URL="${RASA_SERVER_URL:-http://localhost:$RASA_PORT}"
export ACTION_ENDPOINT_URL="${ACTION_ENDPOINT_URL:-http://localhost:$ACTION_SERVER_PORT/webhook}"
# Security (README "Security"): embedded = everything on loopback, REST for this machine only.
export ASSISTANT_PROFILE="${ASSISTANT_PROFILE:-embedded}"
export RASA_INTERFACE="${RASA_INTERFACE:-127.0.0.1}"
export WEB_HOST="${WEB_HOST:-127.0.0.1}"
export ACTION_SERVER_HOST="${ACTION_SERVER_HOST:-127.0.0.1}"
export WEB_ORIGINS="${WEB_ORIGINS:-http://localhost:$WEB_PORT http://127.0.0.1:$WEB_PORT}"
export REST_API_TOKEN="${REST_API_TOKEN:-}"
export ACTION_SERVER_TOKEN="${ACTION_SERVER_TOKEN:-}"
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
mkdir -p "$DATA_DIR"
