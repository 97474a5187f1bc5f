#!/usr/bin/env bash
# The whole test suite, or the pytest arguments given (scripts/test.sh tests/unit -x): installs
# what it needs, checks the packages and the code style, trains the model if its inputs
# changed, then runs pytest. Prints one line per step, the failures by name and pytest's
# closing line; each step's full output, and pytest's verbose output with the tracebacks, go
# to logs in $LOG_DIR/test (default .data/logs/test/). Exits with pytest's status.
# VERBOSE=1 shows pytest's whole output as well.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/defaults.sh
logs="${LOG_DIR:-$DATA_DIR/logs}/test"
mkdir -p "$logs"

source scripts/steps.sh

step "Python packages" bootstrap scripts/bootstrap.sh
echo ok
step "System packages" system-packages scripts/system-packages.sh
echo ok
step "Chat widget" web scripts/web.sh
echo ok
step "Package check (pip check)" pip-check .venv/bin/python -m pip check
echo ok
step "Code style (ruff)" ruff .venv/bin/ruff check actions components tests
echo ok
step "Model" train scripts/train.sh
if grep -q "is up to date" "$logs/train.log"; then echo "up to date"; else echo "trained"; fi

# pytest -v into the log; on the screen only the short test summary (-rfE: every failure and
# error by name) and the closing line, and on a terminal how far it has got. The filters
# ignore Ctrl-C, so pytest can still report what it ran.
log="$logs/pytest.log"
prefix="Tests (full output: $(shown "$log")) ... "
if [ -t 1 ]; then tty=1; printf '%s' "$prefix"; else tty=0; echo "Tests (full output: $(shown "$log")):"; fi
set +e
if [ -n "${VERBOSE:-}" ]; then
  echo
  PYTHONUNBUFFERED=1 .venv/bin/python -m pytest "$@" 2>&1 | (trap '' INT; exec tee "$log")
else
  PYTHONUNBUFFERED=1 .venv/bin/python -m pytest -v -rfE "$@" 2>&1 | (trap '' INT; exec tee "$log") | (trap '' INT
    exec awk -v tty="$tty" -v prefix="$prefix" '
      BEGIN { opened = !tty }
      function open_line() { if (!opened) { print ""; opened = 1 } }
      /^=+ short test summary info =+$/ { open_line(); summary = 1; next }
      summary { print; fflush(); next }
      NF { last = $0 }
      tty && match($0, /\[ *[0-9]+%\]$/) {
        percent = substr($0, RSTART + 1, RLENGTH - 2); gsub(/ /, "", percent)
        if (percent != shown) { printf "\r%s%s", prefix, percent; fflush(); shown = percent }
      }
      END { if (!summary) { open_line(); if (last != "") print last } }')
fi
status=${PIPESTATUS[0]}
set -e
if [ "$status" -gt 2 ] && [ "$status" -ne 5 ]; then  # pytest itself failed (internal or usage error)
  printf 'pytest exited with %s. The last lines of %s:\n' "$status" "$(shown "$log")" >&2
  tail -n 20 "$log" | sed 's/^/    /' >&2
fi
exit "$status"
