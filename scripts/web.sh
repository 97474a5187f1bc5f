#!/usr/bin/env bash
# The chat page's widget: rasa-webchat 1.0.1 from npm (pinned in web/package-lock.json),
# copied into web/public/vendor without its Google Fonts import, so the page loads nothing
# from outside this server. Installs only when the lock file changed. axe-core (a dev
# dependency) is for the browser test's accessibility audit only: it stays in node_modules
# and is never copied to public/, so visitors are not served it.
set -euo pipefail
cd "$(dirname "$0")/../web"
stamp=node_modules/.package-lock.sha256
wanted=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f node_modules/rasa-webchat/lib/index.js ] || [ ! -f node_modules/axe-core/axe.min.js ] \
    || [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  echo "Installing the chat widget (rasa-webchat 1.0.1) and the tests' axe-core from npm"
  npm ci --include=dev --no-audit --no-fund --ignore-scripts --loglevel=error
  echo "$wanted" > "$stamp"
fi
mkdir -p public/vendor
sed 's#@import url(https://fonts.googleapis.com/css?family=Inter:400,500,700&display=swap);##g' \
  node_modules/rasa-webchat/lib/index.js > public/vendor/webchat.js.tmp
if grep -q 'fonts.googleapis.com' public/vendor/webchat.js.tmp; then
  echo "The widget still imports an external font; check scripts/web.sh against the new version." >&2
  exit 1
fi
mv public/vendor/webchat.js.tmp public/vendor/webchat.js
cp node_modules/rasa-webchat/LICENSE public/vendor/webchat.LICENSE
