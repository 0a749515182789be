/* seffaf search page: Pagefind's UI with Turkish folding, and the query,
   filters and order kept in the address so a search can be shared. */
(function () {
  "use strict";

  function fold(text) {
    return text.replace(/[İIı]/g, "i").toLocaleLowerCase("tr")
      .replace(/ç/g, "c").replace(/ğ/g, "g").replace(/ö/g, "o").replace(/ş/g, "s").replace(/ü/g, "u");
  }

  function param(name) {
    return fold(name).replace(/ /g, "_");
  }

  /* Map address parameters (?belediye=izmir&sorumlu_birim=fen) to the index's filter values. */
  function selectedFilters(params, available) {
    var selected = {};
    Object.keys(available).forEach(function (name) {
      var wanted = params.getAll(param(name)).map(fold);
      if (!wanted.length) return;
      var values = Object.keys(available[name]).filter(function (value) {
        return wanted.some(function (w) { return fold(value).indexOf(w) === 0; });
      });
      if (values.length) selected[name] = values;
    });
    return selected;
  }

  function writeAddress(box, sort) {
    var params = new URLSearchParams();
    var input = box.querySelector(".pagefind-ui__search-input");
    if (input && input.value) params.set("q", input.value);
    box.querySelectorAll(".pagefind-ui__filter-checkbox:checked").forEach(function (checkbox) {
      params.append(param(checkbox.name), checkbox.value);
    });
    if (sort) params.set("sirala", sort);
    history.replaceState(null, "", "?" + params.toString());
  }

  async function start() {
    var box = document.getElementById("sf-search");
    if (!box || typeof PagefindUI === "undefined") return;
    var params = new URLSearchParams(window.location.search);
    var sort = params.get("sirala") === "tutar" ? "tutar" : "";
    var pagefind = await import(box.dataset.bundle + "pagefind.js");
    await pagefind.options({});
    var available = await pagefind.filters();
    var ui = new PagefindUI({
      element: "#sf-search",
      bundlePath: box.dataset.bundle,
      showSubResults: true,
      excerptLength: 24,  /* long enough for an activity row: name, unit and amounts */
      showImages: false,
      processTerm: fold,
      openFilters: window.innerWidth > 700 ? ["belediye", "sayfa türü"] : [],
      sort: sort ? { tutar: "desc" } : null,
      translations: {
        placeholder: "Hedef, gösterge, faaliyet ya da birim arayın",
        zero_results: "[SEARCH_TERM] için sonuç bulunamadı",
        many_results: "[SEARCH_TERM] için [COUNT] sonuç",
        one_result: "[SEARCH_TERM] için 1 sonuç",
        alt_search: "[SEARCH_TERM] için sonuç yok; [DIFFERENT_TERM] için sonuçlar",
        search_suggestion: "[SEARCH_TERM] için sonuç yok. Şunlardan birini deneyin:",
        searching: "[SEARCH_TERM] aranıyor…",
        clear_search: "Temizle",
        load_more: "Daha fazla sonuç",
        filters_label: "Süzgeçler",
        search_label: "Sitede ara"
      }
    });
    var input = box.querySelector(".pagefind-ui__search-input");
    if (input) input.setAttribute("aria-label", "Sitede ara");
    var order = document.getElementById("sf-sort");
    if (order) {
      order.value = sort;
      order.addEventListener("change", function () {
        writeAddress(box, order.value);
        window.location.reload();
      });
    }
    box.addEventListener("input", function () { writeAddress(box, sort); });
    box.addEventListener("change", function () { writeAddress(box, sort); });
    var selected = selectedFilters(params, available);
    if (Object.keys(selected).length) ui.triggerFilters(selected);
    if (params.get("q")) ui.triggerSearch(params.get("q"));
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

/* Budget explorer: sort by any column, filter by text and unit, total of what is shown.
   Without JavaScript the full table is still there to read. */
(function () {
  "use strict";
  var money = new Intl.NumberFormat("tr-TR", { maximumFractionDigits: 2 });

  function fold(text) {
    return text.replace(/[İIı]/g, "i").toLocaleLowerCase("tr")
      .replace(/ç/g, "c").replace(/ğ/g, "g").replace(/ö/g, "o").replace(/ş/g, "s").replace(/ü/g, "u");
  }

  function setup(root) {
    var table = root.querySelector("table");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var text = root.querySelector("[data-sf-filter=text]");
    var unit = root.querySelector("[data-sf-filter=unit]");
    var total = root.querySelector(".sf-explorer__total");
    root.querySelector(".sf-explorer__controls").hidden = false;

    var units = {};
    rows.forEach(function (row) { if (row.dataset.unit) units[row.dataset.unit] = true; });
    Object.keys(units).sort(function (a, b) { return a.localeCompare(b, "tr"); }).forEach(function (name) {
      var option = document.createElement("option");
      option.value = name;
      option.textContent = name;
      unit.appendChild(option);
    });

    function update() {
      var query = fold(text.value.trim());
      var shown = 0, sum = 0;
      rows.forEach(function (row) {
        var visible = (!query || fold(row.textContent).indexOf(query) !== -1) && (!unit.value || row.dataset.unit === unit.value);
        row.hidden = !visible;
        if (visible) { shown += 1; sum += parseFloat(row.dataset.total) || 0; }
      });
      total.textContent = "Gösterilen: " + shown + " kalem, toplam " + money.format(sum) + " ₺";
    }

    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sf-explorer__sort";
      button.textContent = cell.textContent;
      cell.textContent = "";
      cell.appendChild(button);
      button.addEventListener("click", function () {
        var descending = cell.getAttribute("aria-sort") !== "descending";
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
        cell.setAttribute("aria-sort", descending ? "descending" : "ascending");
        var numeric = cell.dataset.sfSort === "number";
        rows.sort(function (a, b) {
          var x = a.cells[index], y = b.cells[index];
          var order = numeric
            ? parseFloat(x.dataset.value) - parseFloat(y.dataset.value)
            : x.textContent.trim().localeCompare(y.textContent.trim(), "tr", { numeric: true });
          return descending ? -order : order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
    text.addEventListener("input", update);
    unit.addEventListener("change", update);
    update();
  }

  function start() {
    document.querySelectorAll("[data-sf-explorer]").forEach(setup);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
