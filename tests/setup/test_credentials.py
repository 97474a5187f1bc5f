"""scripts/credentials.py: Teams only when configured (its connector goes online when it
starts), and no secret written to disk."""

import subprocess
import sys

import yaml

from tests.conftest import PROJECT_ROOT


def written(tmp_path, **env):
    target = tmp_path / "credentials.yml"
    clean = {"PATH": "/usr/bin:/bin", **env}
    subprocess.run([sys.executable, "scripts/credentials.py", str(target)], cwd=PROJECT_ROOT, env=clean, check=True)
    return target.read_text()


REST = "components.channels.rest.RestChannel"
WEB_CHAT = "components.channels.web_chat.WebChatChannel"


def test_the_default_start_has_only_the_offline_channels(tmp_path):
    assert set(yaml.safe_load(written(tmp_path))) == {REST, WEB_CHAT}


def test_the_production_profile_has_rest_only_with_its_token(tmp_path):
    assert set(yaml.safe_load(written(tmp_path, ASSISTANT_PROFILE="production"))) == {WEB_CHAT}
    text = written(tmp_path, ASSISTANT_PROFILE="production", REST_API_TOKEN="rest-token-0123456789")
    assert yaml.safe_load(text)[REST] == {"token": "${REST_API_TOKEN}"}
    assert "rest-token-0123456789" not in text


def test_teams_is_enabled_by_its_variables_without_writing_the_secret(tmp_path):
    text = written(tmp_path, MICROSOFT_APP_ID="app-1", MICROSOFT_APP_PASSWORD="s3cret-value")
    channels = yaml.safe_load(text)
    assert channels["components.channels.teams.TeamsInput"] == {
        "app_id": "${MICROSOFT_APP_ID}",
        "app_password": "${MICROSOFT_APP_PASSWORD}",
    }
    assert "s3cret-value" not in text
    assert "components.channels.teams.TeamsInput" not in yaml.safe_load(written(tmp_path, MICROSOFT_APP_ID="app-1"))


def test_slack_is_enabled_by_its_variables_with_the_conversation_granularity(tmp_path):
    text = written(tmp_path, SLACK_TOKEN="xoxb-secret-token", SLACK_SIGNING_SECRET="signing-secret", SLACK_CONVERSATION="thread")
    slack = yaml.safe_load(text)["components.channels.slack.SlackChannel"]
    assert slack["slack_token"] == "${SLACK_TOKEN}" and slack["conversation_granularity"] == "thread"
    assert "xoxb-secret-token" not in text and "signing-secret" not in text.replace("${SLACK_SIGNING_SECRET}", "")
