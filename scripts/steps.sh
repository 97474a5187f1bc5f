# Sourced by scripts/run.sh and scripts/test.sh: one line per set-up step, its full output in
# "$logs/<name>.log" (the caller sets $logs), the end of that log when it fails.
# shellcheck shell=bash
shown() { case $1 in "$PWD"/*) printf '%s' "${1#"$PWD"/}" ;; *) printf '%s' "$1" ;; esac; }

# Reads a step's output (the log has it); shows the first line of a set-up script (what it
# is doing) only when the script runs on after it, i.e. when it has real work to do.
announce() {  # announce LOG COMMAND
  local first next
  [[ $2 == scripts/*.sh ]] || { cat >/dev/null; return 0; }
  IFS= read -r first || return 0
  if IFS= read -r -t 1 next || [ $? -gt 128 ]; then printf '%s; log: %s ... ' "${first,}" "$(shown "$1")"; fi
  cat >/dev/null
}

failed() {  # failed LOG STATUS
  printf 'failed (exit %s). The last lines of %s:\n' "$2" "$(shown "$1")" >&2
  tail -n 20 "$1" | sed 's/^/    /' >&2
  exit "$2"
}

# step LABEL NAME COMMAND...: "LABEL ... "; the command's output to $logs/NAME.log. The
# caller prints the outcome; a failure ends the script.
step() {
  local label=$1 log="$logs/$2.log" status
  shift 2
  printf '%s ... ' "$label"
  set +e
  "$@" 2>&1 | tee "$log" | announce "$log" "$1"
  status=${PIPESTATUS[0]}
  set -e
  [ "$status" -eq 0 ] || failed "$log" "$status"
}
