#!/usr/bin/env bash
# Debian packages the tests need beyond Python: nginx for the scale-out test (two Rasa
# replicas behind a load balancer), Chromium for the web chat's browser test, Node.js and
# npm for the chat widget. Installed only when missing; needs root or sudo.
set -euo pipefail
missing=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "Please install these Debian packages (the tests need them): ${missing[*]}" >&2
  exit 1
fi
echo "Installing ${missing[*]} (Debian packages the tests need)"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
  "${as_root[@]}" apt-get update >/dev/null
  "${as_root[@]}" apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
}
