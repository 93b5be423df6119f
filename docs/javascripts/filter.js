/*
 * Filters for the overviews (projects, funding, trainings, shared services).
 *
 * The page lists every entry; without JavaScript that full list is what people
 * see. With JavaScript the filter form (rendered hidden) appears, entries that
 * do not match are hidden, and the choice is kept in the address (?stand=laufend)
 * so a filtered view can be shared as a link.
 *
 * Markup contract (macros/templates/parts/filter.html):
 *   form.hub-filter[data-filter-scope=ID]   select[name=PARAM] for each facet
 *   [data-filter-container=ID]              where the entries are
 *   [data-filter-item]                      one entry; data-PARAM="value value …"
 *   [data-filter-group]                     hidden when none of its entries is visible
 *   data-deadline / data-today              for the facet "frist" (days until deadline)
 */
(function () {
  "use strict";

  function matches(item, facet, wanted, today) {
    if (!wanted) return true;
    if (facet === "frist") {
      var deadline = item.getAttribute("data-deadline");
      if (!deadline) return false;
      var days = (Date.parse(deadline) - Date.parse(today)) / 86400000;
      return days >= 0 && days <= Number(wanted);
    }
    var values = (item.getAttribute("data-" + facet) || "").split(" ");
    return values.indexOf(wanted) !== -1;
  }

  function apply(form, container, announce) {
    var selects = form.querySelectorAll("select");
    var today = form.getAttribute("data-today");
    var items = container.querySelectorAll("[data-filter-item]");
    var shown = 0;
    items.forEach(function (item) {
      var visible = true;
      selects.forEach(function (select) {
        visible = visible && matches(item, select.name, select.value, today);
      });
      item.hidden = !visible;
      if (visible) shown += 1;
    });
    // Groups from the innermost out: a heading without entries is hidden too.
    var groups = Array.prototype.slice.call(container.querySelectorAll("[data-filter-group]")).reverse();
    groups.forEach(function (group) {
      var visibleItems = group.querySelectorAll("[data-filter-item]:not([hidden])");
      group.hidden = visibleItems.length === 0;
    });
    var count = form.querySelector(".hub-filter__count");
    if (count && announce) {
      count.textContent = items.length === 1
        ? (shown === 1 ? "Der einzige Eintrag wird angezeigt." : "Der einzige Eintrag passt nicht zum Filter.")
        : shown === items.length
          ? "Alle " + items.length + " Einträge werden angezeigt."
          : shown + " von " + items.length + " Einträgen " + (shown === 1 ? "wird" : "werden") + " angezeigt.";
    }
  }

  function remember(form) {
    var url = new URL(window.location.href);
    form.querySelectorAll("select").forEach(function (select) {
      if (select.value) url.searchParams.set(select.name, select.value);
      else url.searchParams.delete(select.name);
    });
    window.history.replaceState(null, "", url.pathname + url.search + url.hash);
  }

  function setUp(form) {
    var scope = form.getAttribute("data-filter-scope");
    var container = document.querySelector('[data-filter-container="' + scope + '"]');
    if (!container) return;
    var params = new URL(window.location.href).searchParams;
    form.querySelectorAll("select").forEach(function (select) {
      var value = params.get(select.name);
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
      if (value && known) select.value = value;
      select.addEventListener("change", function () {
        remember(form);
        apply(form, container, true);
      });
    });
    form.addEventListener("reset", function () {
      window.setTimeout(function () {
        remember(form);
        apply(form, container, true);
      }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply(form, container, true);
  }

  function start() {
    document.querySelectorAll("form.hub-filter[data-filter-scope]").forEach(setUp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
