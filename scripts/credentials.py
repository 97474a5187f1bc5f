"""Writes the credentials file Rasa starts with: the channels of credentials.yml (REST and the
web chat), plus Microsoft Teams when MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD are set, and
Slack when SLACK_TOKEN and SLACK_SIGNING_SECRET are set (SLACK_CONVERSATION: sender, channel or
thread; SLACK_USE_THREADS=true to answer in threads).

In the production profile (ASSISTANT_PROFILE=production) the REST channel is on only with
REST_API_TOKEN: a caller of REST chooses the sender id, so only an authenticated one may.

The Teams connector fetches Microsoft's OpenID metadata when it starts, so it is left out
unless configured: the default start stays offline. Secrets are not written: the file keeps
`${VARIABLE}` references, which Rasa fills from the environment.
"""

import os
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
REST = "components.channels.rest.RestChannel"


def credentials() -> dict:
    channels = yaml.safe_load((ROOT / "credentials.yml").read_text()) or {}
    production = os.environ.get("ASSISTANT_PROFILE") == "production"
    if production and not os.environ.get("REST_API_TOKEN"):
        channels.pop(REST, None)
    if os.environ.get("MICROSOFT_APP_ID") and os.environ.get("MICROSOFT_APP_PASSWORD"):
        channels["components.channels.teams.TeamsInput"] = {
            "app_id": "${MICROSOFT_APP_ID}",
            "app_password": "${MICROSOFT_APP_PASSWORD}",
        }
    if os.environ.get("SLACK_TOKEN") and os.environ.get("SLACK_SIGNING_SECRET"):
        channels["components.channels.slack.SlackChannel"] = {
            "slack_token": "${SLACK_TOKEN}",
            "slack_signing_secret": "${SLACK_SIGNING_SECRET}",
            "use_threads": os.environ.get("SLACK_USE_THREADS", "").lower() == "true",
            "conversation_granularity": os.environ.get("SLACK_CONVERSATION") or "sender",
        }
    return channels


if __name__ == "__main__":
    target = Path(sys.argv[1])
    target.write_text(yaml.safe_dump(credentials(), sort_keys=False))
    print(", ".join(channel.rsplit(".", 1)[-1] for channel in credentials()))
