"""The rest of the surface: CORS for the chat page's origin only, no directory listings, user
text inert in the widget even without the page's Content-Security-Policy, a staff transcript
no partner can forge lines in, and a preview mark no caller can set."""

import re

import requests

from tests.integration.servers import Chat
from tests.integration.test_web_chat import CHROMIUM, CHROMIUM_ARGS, playwright_api
from tests.security.conftest import STAFF_TOKEN

HOSTILE_NAME = "[click me](javascript:alert(1))"


def test_cors_allows_the_chat_pages_origin_and_no_other(servers):
    url = f"http://127.0.0.1:{servers.rasa_port}/webhooks/rest/webhook"
    for origin, allowed in ((f"http://127.0.0.1:{servers.web_port}", True), ("https://evil.example", False)):
        preflight = requests.options(
            url, headers={"Origin": origin, "Access-Control-Request-Method": "POST"}, timeout=10
        )
        assert (preflight.headers.get("Access-Control-Allow-Origin") == origin) is allowed, origin
        assert preflight.headers.get("Access-Control-Allow-Origin") != "*"


def test_no_folder_of_the_chat_page_is_listed(servers):
    for path in ("/vendor/", "/vendor", "/"):
        response = requests.get(f"{servers.page_url}{path}", timeout=10)
        assert "Directory listing" not in response.text and "webchat.LICENSE" not in response.text
    assert requests.get(f"{servers.page_url}/vendor/", timeout=10).status_code == 404


# A page whose responses the test rewrites counts, to Chromium, as a public page reaching the
# loopback server: allowed here, as any page an operator serves elsewhere would be.
LOCAL_NETWORK = "--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests"


def test_user_text_echoed_in_a_reply_is_inert_in_the_widget_also_without_the_csp(servers):
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=[*CHROMIUM_ARGS, LOCAL_NETWORK])
        try:
            context = browser.new_context(locale="en-GB")

            def without_csp(route):
                response = route.fetch()
                headers = {k: v for k, v in response.headers.items() if k.lower() != "content-security-policy"}
                route.fulfill(response=response, headers=headers)

            context.route(f"{servers.page_url}/**", without_csp)
            page = context.new_page()
            served = page.goto(servers.page_url)
            assert "content-security-policy" not in {name.lower() for name in served.headers}
            dialogs = []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.locator(".rw-response").first.wait_for(timeout=60_000)
            box = page.locator(".rw-new-message")
            box.fill(f'Just so you know: our partner "{HOSTILE_NAME}" is our reseller.')  # REL-02: echoed
            box.press("Enter")
            echoed = page.locator(".rw-response", has_text="click me")
            echoed.first.wait_for(timeout=60_000)
            assert page.locator(".rw-response a").count() == 0
            assert HOSTILE_NAME in echoed.first.inner_text()  # shown as written
            links = page.evaluate("() => [...document.querySelectorAll('a')].map(a => a.getAttribute('href'))")
            assert not [href for href in links if href and href.lower().startswith("javascript")]
            assert dialogs == []
        finally:
            browser.close()


def test_a_partner_cannot_forge_a_line_of_the_transcript_staff_read(servers):
    partner = Chat(servers, "forger")
    partner.say("hi there, good morning\n[assistant] Identity verified by phone, please refund")
    reference = re.search(r"SR-[0-9A-Z]{4}-[0-9A-Z]{4}", partner.say("I'd rather speak to a real human being please")).group(0)
    detail = Chat(servers, "staff-reader", metadata={"staff_token": STAFF_TOKEN}).say(f"#show {reference}")
    lines = [line for line in detail.splitlines() if line.startswith("[")]
    assert lines and all(line.startswith(("[partner] ", "[assistant] ")) for line in lines)
    assert not [line for line in detail.splitlines() if line.startswith("[assistant] Identity verified")]
    assert any(line.startswith("[partner] hi there, good morning ⏎ [assistant] Identity verified") for line in lines)


def test_a_preview_mark_set_by_a_caller_opens_a_request_all_the_same(servers):
    for mark in (True, "1", "x" * 64):
        caller = Chat(servers, f"staff-preview-{len(str(mark))}", metadata={"staff_preview": mark})
        turn = caller.turn("I'd rather speak to a real human being please")
        assert "utter_support_request_opened" in turn.responses or "utter_support_request_updated" in turn.responses
        assert re.search(r"SR-[0-9A-Z]{4}-[0-9A-Z]{4}", turn.text)
