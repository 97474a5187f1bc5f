#!/usr/bin/env bash
# Makes .venv with Python 3.10 and the pinned packages; does nothing when they are current.
# Rasa Open Source 3.6 supports no newer Python, so 3.10 is looked for, never assumed.
# Its first line, when it has work to do, says what (scripts/run.sh shows that line).
set -euo pipefail
cd "$(dirname "$0")/.."

find_python310() {
  local candidate
  local pyenv_root="${PYENV_ROOT:-$HOME/.pyenv}"
  for candidate in "${PYTHON310:-}" python3.10 "$pyenv_root"/versions/3.10*/bin/python3.10 \
      /usr/local/bin/python3.10 /usr/bin/python3.10; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 || [ -x "$candidate" ]; then
      if "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
        echo "$candidate"; return 0
      fi
    fi
  done
  return 1
}

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
  if ! python=$(find_python310); then
    cat >&2 <<'MSG'
This assistant needs Python 3.10 (Rasa Open Source 3.6.21 supports no newer Python), and none was found.
Install it, for example with pyenv:   pyenv install 3.10.13
or with your package manager (python3.10 and python3.10-venv), or point PYTHON310 at an interpreter:
  PYTHON310=/path/to/python3.10 make run
MSG
    exit 1
  fi
  echo "Creating .venv with $python and installing the pinned packages (a few minutes)"
  created=1
  rm -rf .venv
  "$python" -m venv .venv
fi

stamp=.venv/.requirements.sha256
wanted=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  [ -n "${created:-}" ] || echo "Installing the pinned packages into .venv (a few minutes)"
  .venv/bin/python -m pip install --quiet --upgrade "pip<25"
  .venv/bin/python -m pip install --quiet -r requirements.txt
  echo "$wanted" > "$stamp"
fi
