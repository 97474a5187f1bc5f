"""The servers the attacks are replayed against: the real Rasa server, action server and chat
page, as `make run` starts them (the embedded profile), with staff configured."""

import pytest

from tests.integration.servers import AssistantServers

STAFF_TOKEN = "security-staff-token-0123456789"
STAFF_ENV = {
    "SUPPORT_STAFF_TOKENS": f"anna:{STAFF_TOKEN}",
    "SUPPORT_STAFF_TEAMS_IDS": "29:staff-member",
    "SUPPORT_STAFF_SLACK_IDS": "U0STAFF01",
}


@pytest.fixture(scope="package")
def servers(trained_model, tmp_path_factory):
    running = AssistantServers(trained_model, tmp_path_factory.mktemp("security"), extra_env=STAFF_ENV)
    running.cors = running.web_origins
    running.start()
    running.page_url = running.start_web_page()
    yield running
    running.stop()
