"""The website chat in a real browser: Debian's Chromium, driven by Playwright, opens the page
served as `make run` serves it, talks to the real Rasa server over socket.io, and checks the
greeting in the browser's language, Dutch and English questions, a button click, and that a
reload keeps the conversation (in the widget and in Rasa's tracker). Audits the page with
axe-core (WCAG 2.1 A/AA) in both languages with quick replies on screen, and uses it with the
keyboard alone. Saves screenshots."""

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
import requests

from tests.conftest import PROJECT_ROOT
from tests.integration.accessibility import (
    axe_violations,
    describe_violations,
    focused_element,
    start_keyboard_walk,
    tab_until,
)
from tests.integration.servers import AssistantServers

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = PROJECT_ROOT / "results" / "web-chat"
# As the machine's probe starts it: no sandbox as root, and no background calls to Google.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="module")
def servers(trained_model, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("assistant-web")
    running = AssistantServers(trained_model, workdir)
    running.cors = running.web_origins  # as `make run` passes them: the chat page's own origin
    running.start()
    running.page_url = running.start_web_page()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), "Debian's chromium is installed by scripts/system-packages.sh"
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def open_chat(browser, servers, locale):
    context = browser.new_context(locale=locale, viewport={"width": 900, "height": 900})
    page = context.new_page()
    outside = []
    page.on("request", lambda request: outside.append(request.url) if "127.0.0.1" not in request.url else None)
    page.goto(servers.page_url)
    return context, page, outside


def bot_texts(page):
    return [text.strip() for text in page.locator(".rw-response").all_inner_texts()]


def wait_for_reply_containing(page, text, timeout=60_000):
    page.locator(".rw-response", has_text=text).first.wait_for(timeout=timeout)


def send(page, text):
    box = page.locator(".rw-new-message")
    box.fill(text)
    box.press("Enter")


def session_id(page):
    """The web chat identity of the page's session (the widget keeps the server's token)."""
    stored = page.evaluate("() => window.localStorage.getItem('chat_session')")
    return "web:" + json.loads(stored)["session_id"].split(".")[0]


def tracker_user_texts(servers, sender):
    with sqlite3.connect(servers.tracker_db) as db:
        rows = db.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id", (sender,)
        ).fetchall()
    return [json.loads(data)["text"] for (data,) in rows]


def test_the_page_and_widget_come_from_this_server(servers):
    page = requests.get(servers.page_url, timeout=10)
    assert page.status_code == 200 and '<div id="webchat"' in page.text
    widget = requests.get(f"{servers.page_url}/vendor/webchat.js", timeout=10).text
    assert "fonts.googleapis.com" not in widget and "rw-conversation-container" in widget
    config = requests.get(f"{servers.page_url}/config.js", timeout=10).text
    assert f'"rasaPort": {servers.rasa_port}' in config
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]


def test_MPA_02_MPA_05_dutch_browser_greeting_questions_in_both_languages_a_button_and_a_reload(servers, browser):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context, page, outside = open_chat(browser, servers, "nl-NL")
    try:
        wait_for_reply_containing(page, "Ik ben de Partner Center-assistent")
        sender = session_id(page)

        readiness = "wat heb ik allemaal nodig voordat ik me kan aanmelden voor een partner center account?"
        send(page, readiness)
        page.locator(".rw-client", has_text="allemaal nodig").first.wait_for()
        wait_for_reply_containing(page, "lid zijn van het Microsoft Partner Network")

        # MPA-02/MPA-05: a button answers the open question, and the next one is asked.
        mpa = "hey, are we able to sign the MPA already?"
        send(page, mpa)
        wait_for_reply_containing(page, "Which kind of CSP partner is your company?")
        buttons = page.locator(".rw-replies .rw-reply")
        buttons.first.wait_for()
        buttons.filter(has_text="Indirect reseller").first.click()
        wait_for_reply_containing(page, "Is your MPN account in Partner Center already")
        page.screenshot(path=str(SCREENSHOTS / "conversation.png"), full_page=True)
        before = bot_texts(page)

        # The widget reconnects with the stored session id before it can send anything.
        with page.expect_console_message(lambda message: message.text.startswith("session_confirm"), timeout=60_000):
            page.reload()
        wait_for_reply_containing(page, "Is your MPN account in Partner Center already")
        after = bot_texts(page)
        assert after == before, "the widget shows the same conversation after a reload"
        assert session_id(page) == sender
        assert page.locator(".rw-client", has_text="allemaal nodig").count() == 1

        # The conversation goes on where it was: the MPN account question is answered.
        page.locator(".rw-replies .rw-reply", has_text="In Partner Center").first.click()
        wait_for_reply_containing(page, "What does your MPN program status show?")
        page.screenshot(path=str(SCREENSHOTS / "after-reload.png"), full_page=True)

        said = tracker_user_texts(servers, sender)
        assert said[0].startswith("/greet")
        assert readiness in said and mpa in said
        assert said[-2:] == ["We are an indirect reseller", "We're already in Partner Center"]
        assert outside == [], f"the page loaded something from elsewhere: {outside}"
    finally:
        context.close()


def test_english_browser_gets_an_english_greeting(servers, browser):
    context, page, outside = open_chat(browser, servers, "en-GB")
    try:
        wait_for_reply_containing(page, "I'm the Partner Center assistant")
        assert not any("Ik ben" in text for text in bot_texts(page))
        # The reply follows the message's language, not the browser's.
        send(page, "hoi, mogen wij als bedrijf de MPA nu al ondertekenen?")
        wait_for_reply_containing(page, "Wat voor soort CSP-partner is uw bedrijf?")
        page.screenshot(path=str(SCREENSHOTS / "english-greeting.png"), full_page=True)
        assert outside == []
    finally:
        context.close()


def test_staff_commands_are_refused_in_the_web_chat_without_a_staff_token(servers, browser):
    context, page, _ = open_chat(browser, servers, "en-US")
    try:
        wait_for_reply_containing(page, "Partner Center assistant")
        send(page, "#list")
        wait_for_reply_containing(page, "Those commands are for support staff only")
    finally:
        context.close()


# The greeting in each language, its quick replies, and the reply behind the MPA one.
LANGUAGES = {
    "nl-NL": {
        "lang": "nl",
        "greeting": "Ik ben de Partner Center-assistent",
        "replies": ["Ja, beginnen", "De MPA", "Mijn voordelen", "Wat kun je?"],
        "mpa_button": "De MPA",
        "mpa_question": "Wat voor soort CSP-partner is uw bedrijf?",
        "mpa_replies": ["Indirecte wederverkoper", "Indirecte provider", "Direct-bill-partner", "Geen CSP-partner"],
        "field": "Uw vraag",
        "send": "Verzenden",
    },
    "en-GB": {
        "lang": "en",
        "greeting": "I'm the Partner Center assistant",
        "replies": ["Yes, let's start", "The MPA", "My benefits", "What can you do?"],
        "mpa_button": "The MPA",
        "mpa_question": "Which kind of CSP partner is your company?",
        "mpa_replies": ["Indirect reseller", "Indirect provider", "Direct bill partner", "Not a CSP partner"],
        "field": "Your question",
        "send": "Send",
    },
}


def assert_no_violations(page, state):
    violations = axe_violations(page)
    assert not violations, f"axe-core (WCAG 2.1 A/AA) with {state}:\n{describe_violations(violations)}"


def is_reply(title):
    return lambda focused: focused["role"] == "button" and "rw-reply" in focused["classes"] and focused["text"] == title


def is_text_field(focused):
    return focused["tag"] == "textarea" and "rw-new-message" in focused["classes"]


@pytest.mark.parametrize("locale", LANGUAGES)
def test_the_chat_page_has_no_wcag_21_aa_violations_with_quick_replies_on_screen(servers, browser, locale):
    expected = LANGUAGES[locale]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context, page, outside = open_chat(browser, servers, locale)
    try:
        wait_for_reply_containing(page, expected["greeting"])
        replies = page.locator(".rw-replies .rw-reply")
        replies.first.wait_for()
        assert replies.all_inner_texts() == expected["replies"]
        assert_no_violations(page, "the greeting's quick replies")
        # The page's language and the controls' names are the browser's language.
        assert page.evaluate("() => document.documentElement.lang") == expected["lang"]
        assert page.locator(".rw-new-message").get_attribute("aria-label") == expected["field"]
        assert page.locator("button.rw-send").get_attribute("aria-label") == expected["send"]

        # The other states a quick reply has: pointed at, and focused from the keyboard.
        replies.nth(0).hover()
        start_keyboard_walk(page)
        tab_until(page, is_reply(expected["replies"][2]))
        page.screenshot(path=str(SCREENSHOTS / f"accessibility-{expected['lang']}.png"), full_page=True)
        assert_no_violations(page, "a quick reply hovered and another focused")

        # One chosen: it becomes the user's message, the greeting's replies go (the widget
        # shows only the newest question's), and the next question's come.
        start_keyboard_walk(page)
        tab_until(page, is_reply(expected["mpa_button"]))
        page.keyboard.press("Enter")
        wait_for_reply_containing(page, expected["mpa_question"])
        page.locator(".rw-client", has_text=expected["mpa_button"]).first.wait_for()
        replies.filter(has_text=expected["mpa_replies"][0]).first.wait_for()
        assert replies.all_inner_texts() == expected["mpa_replies"]
        assert_no_violations(page, "a quick reply chosen and the next question's on screen")

        # axe-core is the test's: the page never loads it, and this server does not serve it.
        assert outside == [], f"the page loaded something from elsewhere: {outside}"
        for path in ("/node_modules/axe-core/axe.min.js", "/vendor/axe.min.js", "/axe.min.js"):
            assert requests.get(f"{servers.page_url}{path}", timeout=10).status_code == 404
    finally:
        context.close()


def test_the_chat_works_from_the_keyboard_alone(servers, browser):
    context, page, _ = open_chat(browser, servers, "en-GB")
    try:
        wait_for_reply_containing(page, "I'm the Partner Center assistant")
        page.locator(".rw-replies .rw-reply").first.wait_for()
        sender = session_id(page)

        # Tab from the top of the page to the text field, type a question and press Enter.
        start_keyboard_walk(page)
        field = tab_until(page, is_text_field)
        assert field["name"] == "Your question"
        page.keyboard.type("what can you help me with?")
        page.keyboard.press("Enter")
        wait_for_reply_containing(page, "Here's what I can help with")
        assert page.locator(".rw-new-message").input_value() == ""

        # The send button: the next stop after the text field once there is something to send.
        assert is_text_field(focused_element(page))
        page.keyboard.type("hey, are we able to sign the MPA already?")
        page.keyboard.press("Tab")
        send_button = focused_element(page)
        assert send_button["tag"] == "button" and "rw-send" in send_button["classes"], send_button
        assert send_button["name"] == "Send"
        page.keyboard.press("Space")
        wait_for_reply_containing(page, "Which kind of CSP partner is your company?")

        # The newest quick replies sit just before the text field: Shift+Tab back, press Enter.
        tab_until(page, is_text_field)
        tab_until(page, is_reply("Indirect reseller"), backwards=True)
        page.keyboard.press("Enter")
        wait_for_reply_containing(page, "Is your MPN account in Partner Center already")
        # The chosen reply is gone with its siblings; the focus is not lost but in the text field.
        assert is_text_field(focused_element(page)), focused_element(page)

        # ... and the next question's, from the top of the page with Tab, pressed with Space.
        page.locator(".rw-replies .rw-reply", has_text="In Partner Center").first.wait_for()
        start_keyboard_walk(page)
        tab_until(page, is_reply("In Partner Center"))
        page.keyboard.press("Space")
        wait_for_reply_containing(page, "What does your MPN program status show?")
        page.screenshot(path=str(SCREENSHOTS / "keyboard.png"), full_page=True)

        # Each key press sent its message once, as a click would have.
        said = tracker_user_texts(servers, sender)
        assert said[1:] == [
            "what can you help me with?",
            "hey, are we able to sign the MPA already?",
            "We are an indirect reseller",
            "We're already in Partner Center",
        ], said
    finally:
        context.close()
