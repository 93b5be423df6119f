/*
 * Feedback without a server of our own: the form (macros/templates/parts/feedback.html)
 * composes an e-mail to the configured address and opens the visitor's mail program.
 * Nothing is stored or sent by the site. Without JavaScript the form stays hidden and
 * the plain mail link below it does the same by hand.
 */
(function () {
  "use strict";

  function compose(form) {
    var value = function (name) { return (form.elements[name] && form.elements[name].value || "").trim(); };
    var lines = ["Anliegen: " + value("art")];
    if (value("seite")) lines.push("Seite: " + value("seite"));
    lines.push("", value("nachricht"), "");
    if (value("name")) lines.push(value("name"));
    var subject = form.getAttribute("data-feedback-subject") + " – " + value("art");
    return "mailto:" + form.getAttribute("data-feedback-to") +
      "?subject=" + encodeURIComponent(subject) + "&body=" + encodeURIComponent(lines.join("\n"));
  }

  function setUp(form) {
    var status = form.querySelector(".hub-feedback__status");
    var link = form.parentNode.querySelector(".hub-feedback__mail a");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = form.elements.nachricht;
      if (!text.value.trim()) {
        status.textContent = "Bitte schreiben Sie eine Nachricht.";
        text.focus();
        return;
      }
      var mail = compose(form);
      if (link) link.setAttribute("href", mail);
      status.textContent = "Ihr E-Mail-Programm öffnet sich mit der fertigen Nachricht. " +
        "Falls nicht, nutzen Sie den E-Mail-Link unter dem Formular.";
      window.location.href = mail;
    });
    form.hidden = false;
  }

  function start() {
    document.querySelectorAll("form.hub-feedback[data-feedback-to]").forEach(setUp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
