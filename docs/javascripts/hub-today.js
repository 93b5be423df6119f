/*
 * Dates that keep running: what the build wrote for its own day, re-derived
 * from the visitor's clock, so a build a few days old never shows an expired
 * call as open. Without JavaScript the build-time text stands (and the footer
 * says when the site was built).
 *
 * The rules come from the build (#hub-rules data-rules: the "ends soon" window
 * and the status labels of macros/labels.py), so they are written down once.
 *
 * Markup contract (macros/templates):
 *   [data-hub-call] data-opens data-deadline   a funding status badge
 *   [data-hub-days-left=DATE]                  "(endet in N Tagen)"
 *   [data-hub-expired=DATE]                    note shown once DATE has passed
 *   [data-filter-item] data-opens data-deadline data-stand   a row the filters read
 *   [data-hub-upcoming=DATE] .hub-past-note     an upcoming date that may have passed
 *   form.hub-filter[data-today]                the day the filters count from
 */
(function () {
  "use strict";

  function pad(number) { return (number < 10 ? "0" : "") + number; }

  function isoToday() {
    var now = new Date();
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function daysBetween(from, to) {
    return Math.round((Date.parse(to) - Date.parse(from)) / 86400000);
  }

  // Mirrors FundingCall.status in macros/data/models.py; "undated" is "laufend" or "unbekannt".
  function fundingStatus(rules, opens, deadline, today, undated) {
    if (opens && today < opens) return "angekuendigt";
    if (!deadline) return undated || "laufend";
    if (today > deadline) return "abgelaufen";
    if (daysBetween(today, deadline) <= rules.soon_days) return "endet-bald";
    return "offen";
  }

  // Same wording as macros/wording.py days_left.
  function daysLeft(deadline, today) {
    var days = daysBetween(today, deadline);
    if (days < 0) return "abgelaufen";
    if (days === 0) return "endet heute";
    if (days === 1) return "endet morgen";
    return "endet in " + days + " Tagen";
  }

  function each(selector, callback) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), callback);
  }

  function start() {
    var source = document.getElementById("hub-rules");
    if (!source) return;
    var rules = JSON.parse(source.getAttribute("data-rules"));
    var today = isoToday();
    if (today <= rules.built) return; // the build already speaks for today

    each("[data-hub-call]", function (badge) {
      var status = fundingStatus(rules, badge.getAttribute("data-opens"), badge.getAttribute("data-deadline"),
                                 today, badge.getAttribute("data-undated"));
      badge.className = "hub-badge hub-badge--foerderung-" + status;
      badge.textContent = rules.funding_labels[status];
    });
    each("[data-hub-days-left]", function (note) {
      note.textContent = "(" + daysLeft(note.getAttribute("data-hub-days-left"), today) + ")";
    });
    each("[data-hub-expired]", function (note) {
      note.hidden = !(today > note.getAttribute("data-hub-expired"));
    });
    each("[data-filter-item][data-stand][data-deadline]", function (row) {
      row.setAttribute("data-stand", fundingStatus(rules, row.getAttribute("data-opens"),
                                                   row.getAttribute("data-deadline"), today));
    });
    each("[data-hub-upcoming]", function (item) {
      var note = item.querySelector(".hub-past-note");
      if (note) note.hidden = !(today > item.getAttribute("data-hub-upcoming"));
    });
    each("form.hub-filter[data-today]", function (form) { form.setAttribute("data-today", today); });
  }

  // Before filter.js sets up (both wait for the document; this file is listed first).
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
