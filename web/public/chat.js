// The chat widget (rasa-webchat) on Rasa's socket.io channel. The conversation persists in
// the browser's local storage and in Rasa (session persistence): a reload keeps it.
(function () {
  "use strict";
  var config = window.PARTNER_ASSISTANT || {};
  var browserLanguage = (navigator.language || "en").toLowerCase();
  var language = browserLanguage.indexOf("nl") === 0 ? "nl" : "en";
  var texts = {
    nl: {
      title: "Partner Center-assistent",
      subtitle: "Account, MPA, voordelen en partners",
      hint: "Typ uw vraag...",
      message: "Uw vraag",
      send: "Verzenden",
      conversation: "Gesprek met de assistent",
      intro: "Maak uw Partner Center-account, controleer de Microsoft Partner Agreement, activeer uw voordelen en beheer uw partners."
    },
    en: {
      title: "Partner Center Assistant",
      subtitle: "Account, MPA, benefits and partners",
      hint: "Type your question...",
      message: "Your question",
      send: "Send",
      conversation: "Conversation with the assistant",
      intro: "Create your Partner Center account, check the Microsoft Partner Agreement, activate your benefits and manage your partners."
    }
  }[language];
  document.documentElement.lang = language;
  document.getElementById("page-title").textContent = texts.title;
  document.getElementById("page-intro").textContent = texts.intro;

  // Support staff open the page as /#staff=<token>: the token is kept for this tab only and
  // taken out of the address bar; the assistant checks it on every staff command.
  var match = /(?:^#|&)staff=([^&]+)/.exec(window.location.hash || "");
  if (match) {
    sessionStorage.setItem("staff_token", decodeURIComponent(match[1]));
    history.replaceState(null, "", window.location.pathname + window.location.search);
  }
  var customData = { language: language };
  var staffToken = sessionStorage.getItem("staff_token");
  if (staffToken) {
    customData.staff_token = staffToken;
  }

  var socketUrl = config.socketUrl ||
    window.location.protocol + "//" + window.location.hostname + ":" + (config.rasaPort || 5005);

  // What the widget leaves out for keyboard and screen reader users, added to its elements
  // as they appear: names for the text field and the send button (in the page's language),
  // the conversation as a log that is read out as it grows, and quick replies that are
  // buttons one can Tab to and press with Enter or Space. A chosen quick reply disappears
  // with its siblings; the focus then goes to the text field instead of being lost.
  var container = document.getElementById("webchat");
  var quickReply = ".rw-reply:not(a)";
  var lastFocused = null;
  container.addEventListener("focusin", function (event) { lastFocused = event.target; });
  function label(element, name, tooltip) {
    if (element.getAttribute("aria-label") !== name) {
      element.setAttribute("aria-label", name);
      if (tooltip) {
        element.setAttribute("title", name); // the icon's meaning for sighted users too
      }
    }
  }
  function describe() {
    container.querySelectorAll(".rw-new-message").forEach(function (field) { label(field, texts.message); });
    container.querySelectorAll(".rw-send").forEach(function (button) { label(button, texts.send, true); });
    container.querySelectorAll(".rw-messages-container:not([role])").forEach(function (log) {
      log.setAttribute("role", "log");
      log.setAttribute("aria-live", "polite");
      log.setAttribute("aria-label", texts.conversation);
    });
    container.querySelectorAll(quickReply + ":not([role])").forEach(function (reply) {
      reply.setAttribute("role", "button");
      reply.setAttribute("tabindex", "0");
    });
    if (lastFocused && !lastFocused.isConnected) {
      lastFocused = null;
      var field = container.querySelector(".rw-new-message");
      if (field && (!document.activeElement || document.activeElement === document.body)) {
        field.focus();
      }
    }
  }
  new MutationObserver(describe).observe(container, { childList: true, subtree: true });
  container.addEventListener("keydown", function (event) {
    var target = event.target;
    if (!(target instanceof Element) || target.getAttribute("role") !== "button" ||
        target.tagName === "BUTTON" || target.tagName === "A") {
      return;
    }
    if (event.key === "Enter" || event.key === " " || event.key === "Spacebar") {
      event.preventDefault(); // Space would scroll the conversation instead
      if (!event.repeat) {
        target.click();
      }
    }
  });

  window.WebChat.default({
    // The first message of a new conversation: a greeting in the browser's language.
    // After that the language of what the user writes decides.
    initPayload: "/greet{\"language\": \"" + language + "\"}",
    customData: customData,
    socketUrl: socketUrl,
    socketPath: "/socket.io/",
    title: texts.title,
    subtitle: texts.subtitle,
    inputTextFieldHint: texts.hint,
    embedded: true,
    showFullScreenButton: false,
    hideWhenNotConnected: false,
    connectingText: language === "nl" ? "Verbinden..." : "Connecting...",
    params: { storage: "local" }
  }, container);
  describe();
})();
