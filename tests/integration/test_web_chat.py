"""The website chat in a real browser: Debian's Chromium, driven by Playwright, opens the page
served as `make run` serves it, talks to the real Rasa server over socket.io, and checks the
greeting in the browser's language, Dutch and English questions, a button click, and that a
reload keeps the conversation (in the widget and in Rasa's tracker). Saves screenshots."""

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
import requests

from tests.conftest import PROJECT_ROOT
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
