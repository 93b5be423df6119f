/*
 * The search behind Material's search box: Pagefind instead of Material's lunr index.
 *
 * Material talks to its search worker in four messages (0 set-up, 1 ready, 2 query,
 * 3 result; material/templates/assets/javascripts/bundle.*.js, "SearchMessageType");
 * the build points Material at this worker (macros/outputs/search.py). Pagefind's index
 * is split into small files: a query loads only the parts for its words, so what a
 * visitor downloads stays small at thousands of pages.
 *
 * Before searching, a query is widened with the network's word list (search/words.json,
 * from data/glossary.yml and data/search-words.yml): "Zuschuss" also searches
 * "Förderung", "OZG" also "Onlinezugangsgesetz", "Hoexter" also "Höxter". Pagefind
 * itself stems German words, matches word beginnings and ignores missing dots.
 *
 * Everything shown is escaped here: Material inserts titles and texts as HTML.
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var RESULTS = 20;         // pages per answer: each costs a download, few read past the first ten
// A page found only through a widened query ranks below one that has the words typed:
// the word the site uses for it (the first of its list) a little, the other names more.
var SITE_WORD_WEIGHT = 0.8;
var OTHER_NAME_WEIGHT = 0.6;
// Pagefind's default (0.75) lets a short page that names a word once outrank the overview
// that is about it; at 0.5 the length of a page counts for less.
var RANKING = { pageLength: 0.5 };
// Material asks with every key pressed. A prefix of one or two letters would load the index
// parts of every word that starts with it, and each answer the texts of its best pages: a
// query waits until the visitor pauses, and is at least three letters long (or a term of
// the word list, "IT", "KI").
var SHORTEST = 3;
var PAUSE_MS = 150;

var root = new URL("../", self.location.href);  // this file lives in javascripts/
// Material counts the pages it is given; how many matched in all goes to hub-suggest.js.
var counts = typeof BroadcastChannel === "function" ? new BroadcastChannel("hub-search") : null;
var engine = null;
var latest = 0;
var waiting = null;
var listed = null;  // the word list's terms, lower case (search/words.json)

function load() {
  if (!engine) {
    var pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (module) {
      return module.options({ baseUrl: "/", excerptLength: 20, ranking: RANKING }).then(function () { return module; });
    });
    engine = Promise.all([pagefind, wordList()]);
  }
  return engine;
}

function wordList() {
  if (!listed) {
    listed = fetch(new URL("search/words.json", root))
      .then(function (response) { return response.ok ? response.json() : []; })
      .catch(function () { return []; });
  }
  return listed;
}

// Whether a query is worth asking the index: three letters, or a short term of the word list.
function searchable(query) {
  if (query.replace(/\s+/g, "").length >= SHORTEST) return Promise.resolve(true);
  var lower = query.toLocaleLowerCase("de");
  return wordList().then(function (groups) {
    return groups.some(function (names) {
      return names.some(function (name) { return name.toLocaleLowerCase("de") === lower; });
    });
  });
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
  });
}

// Pagefind writes < and > of the page's text as entities; the text is shown as text again.
function plain(text) {
  return String(text || "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}

// Pagefind's excerpts mark the hits with <mark>; everything else is shown as text.
function excerptHtml(excerpt) {
  return String(excerpt || "").split(/(<\/?mark>)/).map(function (part) {
    return /^<\/?mark>$/.test(part) ? part : escapeHtml(plain(part));
  }).join("");
}

var UMLAUTS = [[/ae/g, "ä"], [/oe/g, "ö"], [/ue/g, "ü"], [/Ae/g, "Ä"], [/Oe/g, "Ö"], [/Ue/g, "Ü"]];

// The query as typed, then as the site may write it: with ä/ö/ü for ae/oe/ue, and with
// the word list's other names for a phrase in it (the last word may still be being typed:
// "Zuschu" counts as "Zuschuss"). Each with the weight of its results.
function variants(query, groups) {
  var found = [[query, 1]];
  var umlauts = UMLAUTS.reduce(function (text, rule) { return text.replace(rule[0], rule[1]); }, query);
  if (umlauts !== query) found.push([umlauts, 1]);
  var lower = query.toLocaleLowerCase("de");
  var letter = /[0-9a-zäöüß]/;
  groups.forEach(function (names) {
    names.forEach(function (name) {
      var wanted = name.toLocaleLowerCase("de");
      for (var at = lower.indexOf(wanted.slice(0, 4)); at >= 0; at = lower.indexOf(wanted.slice(0, 4), at + 1)) {
        if (letter.test(lower.charAt(at - 1))) continue;
        var rest = lower.slice(at);
        var whole = rest.indexOf(wanted) === 0 && !letter.test(rest.charAt(wanted.length));
        var typing = rest.length >= 4 && wanted.indexOf(rest) === 0;  // the end of the query
        if (!whole && !typing) continue;
        var end = at + (whole ? wanted.length : rest.length);
        names.forEach(function (other, i) {
          if (other !== name) {
            found.push([query.slice(0, at) + other + query.slice(end), i === 0 ? SITE_WORD_WEIGHT : OTHER_NAME_WEIGHT]);
          }
        });
      }
    });
  });
  var seen = {};
  return found.filter(function (variant) {
    if (seen[variant[0]]) return false;
    seen[variant[0]] = true;
    return true;
  }).slice(0, 12);
}

function pageLocation(url) {
  return url.replace(/^\//, "");  // relative to the site's root, as Material's own index has it
}

// Material's "search.highlight" marks these words on the page a result opens.
function queryTerms(query) {
  var terms = {};
  query.split(/\s+/).forEach(function (word) { if (word) terms[word] = true; });
  return terms;
}

function search(query, ticket) {
  return load().then(function (loaded) {
    var pagefind = loaded[0], groups = loaded[1];
    var tries = variants(query, groups);
    return Promise.all(tries.map(function (variant) { return pagefind.search(variant[0]); })).then(function (answers) {
      var best = new Map();
      answers.forEach(function (answer, i) {
        if (!answer) return;
        var weight = tries[i][1];
        answer.results.forEach(function (result) {
          var score = result.score * weight;
          var known = best.get(result.id);
          if (!known || known.score < score) best.set(result.id, { score: score, result: result });
        });
      });
      var ranked = Array.from(best.values()).sort(function (a, b) { return b.score - a.score; }).slice(0, RESULTS);
      if (ticket !== latest) return { pages: [], total: 0 };  // typed on: no texts for an old query
      return Promise.all(ranked.map(function (hit) {
        return hit.result.data().then(function (data) { return { score: hit.score, data: data }; });
      })).then(function (pages) { return { pages: pages, total: best.size }; });
    });
  }).then(function (found) {
    return { total: found.total, items: found.pages.map(function (page) {
      var data = page.data;
      var location = pageLocation(data.url);
      var items = [{
        location: location, title: escapeHtml(plain(data.meta.title) || location), text: excerptHtml(data.excerpt),
        score: page.score, terms: queryTerms(query)
      }];
      (data.sub_results || []).forEach(function (sub) {
        var subLocation = pageLocation(sub.url);
        if (subLocation === location || subLocation.indexOf("#") < 0) return;
        items.push({ location: subLocation, title: escapeHtml(plain(sub.title)), text: excerptHtml(sub.excerpt),
                     score: page.score / 2, terms: queryTerms(query) });
      });
      return items;
    }) };
  });
}

addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    postMessage({ type: READY });  // Pagefind loads with the first query, not with every page
  } else if (message.type === QUERY) {
    var query = String(message.data || "").trim();
    var ticket = ++latest;
    clearTimeout(waiting);
    if (!query) {
      postMessage({ type: RESULT, data: { items: [] } });
      return;
    }
    waiting = setTimeout(function () {
      searchable(query).then(function (worth) {
        if (ticket !== latest) return;
        if (!worth) {
          postMessage({ type: RESULT, data: { items: [] } });
          if (counts) counts.postMessage({ query: query, tooShort: true });
          return;
        }
        return search(query, ticket).then(function (found) {
          if (ticket !== latest) return;
          postMessage({ type: RESULT, data: { items: found.items } });
          if (counts) counts.postMessage({ query: query, total: found.total, shown: found.items.length });
        });
      }).catch(function (error) {
        console.warn("Suche:", error);
        if (ticket === latest) postMessage({ type: RESULT, data: { items: [] } });
      });
    }, PAUSE_MS);
  }
});
