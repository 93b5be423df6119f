// Decap starts only when editor.js has taught it the hub's file formats.
window.CMS_MANUAL_INIT = true;

// Authors propose, reviewers publish. Saving makes a branch and a pull or merge request; the
// pipelines check it there and a reviewer merges it. Decap's editorial workflow would merge
// it itself ("Jetzt veröffentlichen"), past the review: the editor offers no such way.
// 1. The requests that merge are refused before they leave the browser: the GitHub and
//    GitLab API calls that merge a pull or merge request, and decap-server's publish action.
// 2. The buttons that would send them are not shown; a note says what happens instead.
// No uploads either: no kind of the hub shows pictures from the editor, and Decap's media
// library cannot store under the editor's policy. Its button is not shown, and decap-server's
// upload action is refused like publishing.
// The repository's branch protection is the rule itself (README, "Editor").
(function () {
  "use strict";
  var REVIEW = "Veröffentlicht wird erst nach der Prüfung: Ihre Änderung liegt als Merge Request bzw. " +
    "Pull Request vor, die Redaktion prüft und übernimmt sie.";
  var MERGING = /\/pulls\/\d+\/merge$|\/merge_requests\/\d+\/merge$/;
  var PUBLISHING = /"action"\s*:\s*"(publishUnpublishedEntry|persistMedia)"/;
  var send = window.fetch.bind(window);

  window.fetch = function (input, init) {
    var url = String(typeof input === "string" || input instanceof URL ? input : (input && input.url) || "");
    var method = String((init && init.method) || (input && input.method) || "GET").toUpperCase();
    var body = init && typeof init.body === "string" ? init.body : "";
    if ((method === "PUT" && MERGING.test(url.split("?")[0])) || PUBLISHING.test(body)) {
      return Promise.reject(new Error(REVIEW));
    }
    return send(input, init);
  };

  // Decap's controls (by their German labels, locale "de") the editor does not offer: publishing,
  // with a note in its place, and the media library.
  var HIDDEN = { "Veröffentlichen": REVIEW, "Jetzt veröffentlichen": REVIEW,
                 "Veröffentlichen und neuen Beitrag erstellen": REVIEW,
                 "Veröffentlichen und Beitrag duplizieren": REVIEW, "Medien": null };

  function hideControls(root) {
    var controls = root.querySelectorAll("button, a, [role=button], [role=menuitem]");
    for (var i = 0; i < controls.length; i++) {
      var control = controls[i];
      var label = control.textContent.trim();
      if (control.style.display === "none" || !HIDDEN.hasOwnProperty(label)) continue;
      control.hidden = true;
      control.style.display = "none";  // Decap's own styles would show a [hidden] button
      if (HIDDEN[label] && !control.parentNode.querySelector(".hub-review-note")) {
        var note = document.createElement("p");
        note.className = "hub-review-note";
        note.setAttribute("role", "note");
        note.textContent = HIDDEN[label];
        control.parentNode.insertBefore(note, control);
      }
    }
  }

  // Fixed English texts inside Decap's widgets, which its locale does not reach.
  var ENGLISH = { "No options": "Kein Eintrag passt zu Ihrer Eingabe", "Loading...": "Wird geladen …" };

  function inGerman(root) {
    if (root.nodeType === Node.TEXT_NODE) {
      var german = ENGLISH[root.data.trim()];
      if (german) root.data = german;
      return;
    }
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) inGerman(node);
  }

  new MutationObserver(function (records) {
    hideControls(document);
    records.forEach(function (record) {  // only what changed: typing in a form changes much
      if (record.type === "characterData") inGerman(record.target);
      else record.addedNodes.forEach(inGerman);
    });
  }).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
})();
