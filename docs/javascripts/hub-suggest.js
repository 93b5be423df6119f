/*
 * Additions to Material's search results: the true number of hits (below), and
 * "Meinten Sie …?" under the search box. A word that no page contains, but that is one
 * letter away from a word that some page does (Nahversorung → Nahversorgung) or a known
 * word with an ending too many (Projekten → Projekte), gets a suggestion; choosing it
 * searches again. The words come from the build (search/vocabulary/<letter>.json, made by
 * macros/outputs/search.py): a word loads the file of its first letter only, and only
 * once. A query too short
 * to search says so; a query without hits points to the Anlaufstelle and the overviews.
 */
(function () {
  "use strict";

  var input = document.querySelector("input.md-search__input");
  var output = document.querySelector(".md-search-result");
  var config = document.getElementById("__config");
  if (!input || !output || !config) return;
  var base = JSON.parse(config.textContent).base;
  var vocabulary = {};  // first letter → the words that start with it (a promise)
  var shownFor = null;
  var FOLDED = { "ä": "a", "ö": "o", "ü": "u", "ß": "s" };

  function load(word) {
    var letter = word.charAt(0).toLocaleLowerCase("de");
    letter = FOLDED[letter] || letter;
    if (!vocabulary[letter]) {
      vocabulary[letter] = fetch(new URL(base + "/search/vocabulary/" + encodeURIComponent(letter) + ".json",
                                         location.href))
        .then(function (response) { return response.ok ? response.json() : []; })
        .catch(function () { return []; })
        .then(function (words) {
          return { words: words, lower: words.map(function (w) { return w.toLocaleLowerCase("de"); }) };
        });
    }
    return vocabulary[letter];
  }

  // Damerau-Levenshtein distance at most one: one letter wrong, missing, extra or swapped.
  function withinOne(a, b) {
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    var x = a.slice(i), y = b.slice(i);
    return x.slice(1) === y.slice(1) || x.slice(1) === y || x === y.slice(1) ||
      (x[0] === y[1] && x[1] === y[0] && x.slice(2) === y.slice(2));
  }

  function correction(word, known) {
    var typed = word.toLocaleLowerCase("de");
    if (typed.length < 4 || known.lower.some(function (w) { return w.indexOf(typed) === 0; })) return null;
    var k, w, n;
    for (k = 0; k < known.lower.length; k++) {  // the most frequent words come first
      w = known.lower[k];
      if (w.length >= 4 && typed.indexOf(w) === 0 && typed.length - w.length <= 2) return known.words[k];
    }
    for (k = 0; k < known.lower.length; k++) {
      w = known.lower[k];
      for (n = typed.length - 1; n <= typed.length + 1; n++) {
        if (n >= 4 && n <= w.length && withinOne(typed, w.slice(0, n))) return known.words[k].slice(0, n);
      }
    }
    return null;
  }

  function remove() {
    var old = output.querySelector(".hub-suggest");
    if (old) old.remove();
  }

  function offer(better) {
    remove();
    var note = document.createElement("p");
    note.className = "hub-suggest";
    note.setAttribute("role", "status");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "hub-suggest__button";
    button.textContent = better;
    note.append("Meinten Sie ", button, "?");
    button.addEventListener("click", function () {
      input.value = better;
      input.focus();
      input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    });
    var meta = output.querySelector(".md-search-result__meta");
    if (meta) meta.after(note); else output.prepend(note);
  }

  function check() {
    var query = input.value.trim();
    if (query === shownFor) return;
    shownFor = query;
    if (query.length < 4) { remove(); return; }
    var typed = query.split(/\s+/);
    Promise.all(typed.map(function (word) { return word.length >= 4 ? load(word) : null; })).then(function (known) {
      if (input.value.trim() !== query) return;  // the visitor typed on
      var changed = false;
      var words = typed.map(function (word, i) {
        var better = known[i] && correction(word, known[i]);
        if (better) changed = true;
        return better || word;
      });
      if (changed) offer(words.join(" ")); else remove();
    });
  }

  // Where to go when the search finds nothing (addresses from the site's root).
  var ELSEWHERE = [["Anlaufstelle", "anlaufstelle/"], ["Projekte", "projekte/"], ["Förderung", "foerderung/"],
                   ["Themen", "themen/"], ["Mitglieder", "staedte/"]];

  function hint() {
    var note = document.createElement("p");
    note.className = "hub-search-hint";
    note.append("Nichts gefunden? Fragen Sie die ");
    ELSEWHERE.forEach(function (target, i) {
      var link = document.createElement("a");
      link.href = new URL(base + "/" + target[1], location.href).href;
      link.textContent = target[0];
      if (i === 1) note.append(" oder sehen Sie in den Übersichten nach: ");
      else if (i > 1) note.append(i === ELSEWHERE.length - 1 ? " und " : ", ");
      note.append(link);
    });
    note.append(".");
    return note;
  }

  // The search worker lists the best pages only (hub-search-worker.js, RESULTS); when more
  // matched, it says how many, and the count line says so instead of Material's "20 Suchergebnisse".
  var counted = {};
  function recount() {
    var meta = output.querySelector(".md-search-result__meta");
    var old = output.querySelector(".hub-search-hint");
    var current = counted.query === input.value.trim();
    if (old && !(current && counted.total === 0)) old.remove();
    if (!meta || !current) return;
    var text = null;
    if (counted.tooShort) text = "Bitte mindestens drei Buchstaben eingeben";
    else if (counted.total > counted.shown) text = "Die " + counted.shown + " besten von " + counted.total + " Treffern";
    if (text && meta.textContent !== text) meta.textContent = text;
    if (counted.total === 0 && !output.querySelector(".hub-search-hint")) meta.after(hint());
  }
  if (typeof BroadcastChannel === "function") {
    new BroadcastChannel("hub-search").onmessage = function (event) {
      counted = event.data || {};
      recount();
    };
  }

  // Material writes the number of results into the meta line after every query.
  new MutationObserver(function (records) {
    var ours = records.every(function (r) {
      return r.target.closest && r.target.closest(".hub-suggest, .hub-search-hint");
    });
    if (!ours) check();
    recount();
  }).observe(output, { childList: true, subtree: true, characterData: true });
})();
