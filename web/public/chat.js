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
      intro: "Maak uw Partner Center-account, controleer de Microsoft Partner Agreement, activeer uw voordelen en beheer uw partners."
    },
    en: {
      title: "Partner Center Assistant",
      subtitle: "Account, MPA, benefits and partners",
      hint: "Type your question...",
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
  }, document.getElementById("webchat"));
})();
