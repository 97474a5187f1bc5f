"""Attack: anyone reads and changes another partner's case over REST by choosing its sender
id, and the staff check trusts what the request body says about the channel. Now the REST
channel names its senders ``rest:...`` and the channel is the connector's, so another
channel's user, their facts, signatures and staff rights are out of reach."""

from datetime import date, timedelta

from actions.store import PartnerStore
from tests.integration.servers import Chat
from tests.security.conftest import STAFF_TOKEN

VICTIM = "29:victim-teams-user"


def test_a_rest_caller_using_a_teams_users_id_sees_and_changes_nothing_of_that_case(servers):
    store = PartnerStore(servers.store_url)
    try:
        victim = f"teams:{VICTIM}"
        store.benefits.assign_visual_studio_subscription(victim, None, "Victoria Secret", date.today() - timedelta(days=10))
        for fact in (("csp_partner_type", "indirect_reseller"), ("mpn_program_status", "active")):
            store.database.record(victim, dict([fact]))
        store.onboarding.record_user_role(victim, "global_admin")
        store.mpa.record_csp_regions(victim, ["Europe"])
        before = dict(store.facts(victim))

        intruder = Chat(servers, VICTIM)  # the Teams user's id, sent over REST
        reply = intruder.turn("could the Visual Studio subscription go to a different colleague now?")
        assert "Victoria" not in reply.text
        assert reply.responses == ("utter_ben_vs_rule", "utter_ask_vs_assigned_on")  # knows of no assignment
        intruder.say(
            "we are a CSP indirect reseller, our MPN status says pending, and I am not the global admin. "
            "we did sign the MPA for the European region last week"
        )
        assert dict(store.facts(victim)) == before
        assert store.mpa.signed_regions(victim) == []
        # What the intruder said went to their own case, named by the REST channel.
        assert intruder.identity == f"rest:{VICTIM}"
        own = dict(store.facts(intruder.identity))
        assert own.get("mpn_program_status") == "pending" and "Victoria" not in str(own)
    finally:
        store.dispose()


def test_claiming_the_teams_or_slack_channel_in_the_body_grants_no_staff_rights(servers):
    import requests

    for body in (
        {"sender": "29:staff-member", "message": "#list", "input_channel": "botframework"},
        {"sender": "U0STAFF01", "message": "#list", "input_channel": "slack", "metadata": {"slack_user": "U0STAFF01"}},
        {"sender": "x", "message": "#list", "metadata": {"slack_user": "U0STAFF01", "staff_token": "not-it-0123456789"}},
    ):
        replies = requests.post(servers.webhook, json=body, timeout=60).json()
        assert replies and replies[0]["text"].startswith("Those commands are for support staff only"), body
    staff = Chat(servers, "real-staff", metadata={"staff_token": STAFF_TOKEN})
    assert staff.responses("#list")[0] in ("utter_staff_open_requests", "utter_staff_no_open_requests")


def test_the_channel_recorded_is_the_connectors_never_the_bodys(servers):
    import json
    import sqlite3

    import requests

    requests.post(servers.webhook, json={"sender": "who", "message": "hi", "input_channel": "botframework"}, timeout=60)
    with sqlite3.connect(servers.tracker_db) as db:
        rows = db.execute("SELECT data FROM events WHERE sender_id = 'rest:who' AND type_name = 'user'").fetchall()
    assert [json.loads(data)["input_channel"] for (data,) in rows] == ["rest"]
