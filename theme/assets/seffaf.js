/* seffaf search page: the Pagefind index read through its JavaScript API and shown
   with textContent only, so text from a program never becomes markup. Turkish
   folding, filters with counts in a panel that opens and closes, order next to the
   box, and the query, filters and order kept in the address so a search can be shared.
   The filter index (85 kB with gzip at 100 programs, more than the words) is loaded only
   when the panel is open or the address names a filter: after the first results on a
   desktop, where the panel starts open; on a phone when the reader opens it.
   Excerpts are made here from the page's text, leaving out the ı-folded words the
   index holds (each starts with HIDDEN, see generator/seffaf/search.py). */
(function () {
  "use strict";
  var HIDDEN = "\u2063";
  var PAGE_SIZE = 10;
  var EXCERPT_WORDS = 26;  /* long enough for an activity row: name, unit and amounts */
  var GROUPS = [["belediye", "Belediye"], ["yıl", "Yıl"], ["sayfa türü", "Sayfa türü"], ["amaç", "Amaç"], ["sorumlu birim", "Sorumlu birim"], ["ekonomik kod", "Ekonomik kod"]];
  var OPEN_GROUPS = ["belediye", "sayfa türü"];

  function fold(text) {
    return text.replace(/[İIı]/g, "i").toLocaleLowerCase("tr")
      .replace(/ç/g, "c").replace(/ğ/g, "g").replace(/ö/g, "o").replace(/ş/g, "s").replace(/ü/g, "u");
  }

  function bare(word) {
    return fold(word).replace(/[^\p{L}\p{N}]/gu, "");
  }

  function param(name) {
    return fold(name).replace(/ /g, "_");
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* Address parameters (?belediye=izmir&sorumlu_birim=fen) to the index's filter values. */
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

  /* The densest run of printed words in [from, to), words split as Pagefind splits them so its
     locations index them; a word is a hit where Pagefind matched it or it starts with a query term. */
  function excerptWords(words, locations, from, to, terms, skip) {
    var at = {};
    locations.forEach(function (location) { at[location] = true; });
    var shown = [];
    for (var i = from; i < to; i += 1) {
      var word = words[i];
      if (!word || word.indexOf(HIDDEN) !== -1 || (skip && skip[i])) continue;
      var plain = bare(word);
      shown.push({ word: word, hit: !!at[i] || (plain !== "" && terms.some(function (t) { return plain.indexOf(t) === 0; })) });
    }
    var best = 0, bestScore = -1, score = 0;
    for (var j = 0; j < shown.length; j += 1) {
      if (shown[j].hit) score += 1;
      if (j >= EXCERPT_WORDS && shown[j - EXCERPT_WORDS].hit) score -= 1;
      if (score > bestScore) { bestScore = score; best = Math.max(0, j - EXCERPT_WORDS + 1); }
    }
    return { words: shown.slice(best, best + EXCERPT_WORDS), before: best > 0, after: best + EXCERPT_WORDS < shown.length };
  }

  function excerptNode(found) {
    var node = element("p", "sf-result__excerpt");
    if (found.before) node.appendChild(document.createTextNode("… "));
    found.words.forEach(function (item, index) {
      if (index) node.appendChild(document.createTextNode(" "));
      node.appendChild(item.hit ? element("mark", "", item.word) : document.createTextNode(item.word));
    });
    if (found.after) node.appendChild(document.createTextNode(" …"));
    return node;
  }

  function resultNode(data, terms) {
    var words = data.content.split(/[\r\n\s]+/g);
    var anchors = (data.anchors || []).map(function (a) { return a.location; }).sort(function (a, b) { return a - b; });
    function end(location) {
      var next = anchors.filter(function (a) { return a > location; })[0];
      return next === undefined ? words.length : next;
    }
    var subs = (data.sub_results || []).filter(function (sub) { return sub.anchor && sub.url !== data.url; })
      .sort(function (a, b) { return b.locations.length - a.locations.length; }).slice(0, 3);
    var skip = {};
    subs.forEach(function (sub) {
      for (var i = sub.anchor.location; i < end(sub.anchor.location); i += 1) skip[i] = true;
    });
    var item = element("li", "sf-result");
    var title = element("h2", "sf-result__title");
    var link = element("a", "sf-result__link", data.meta.title || data.url);
    link.href = data.url;
    title.appendChild(link);
    item.appendChild(title);
    var main = excerptWords(words, data.locations, 0, words.length, terms, skip);
    if (main.words.length) item.appendChild(excerptNode(main));
    if (subs.length) {
      var list = element("ul", "sf-result__subs");
      subs.forEach(function (sub) {
        var entry = element("li", "sf-subresult");
        var subLink = element("a", "sf-subresult__link", sub.title);
        subLink.href = sub.url;
        entry.appendChild(subLink);
        entry.appendChild(excerptNode(excerptWords(words, sub.locations, sub.anchor.location, end(sub.anchor.location), terms)));
        list.appendChild(entry);
      });
      item.appendChild(list);
    }
    return item;
  }

  async function start() {
    var form = document.getElementById("sf-search");
    if (!form) return;
    var input = form.querySelector("#sf-search-q");
    var order = form.querySelector("#sf-sort");
    var panel = form.querySelector("#sf-filters");
    var groups = panel.querySelector(".sf-filters__groups");
    var chosen = panel.querySelector(".sf-filters__chosen");
    var status = form.querySelector(".sf-results__status");
    var list = form.querySelector(".sf-results__list");
    var more = form.querySelector(".sf-results__more");
    var pagefind = await import(new URL(form.dataset.bundle + "pagefind.js", document.baseURI).href);
    await pagefind.options({});
    /* The national site (ulusal.js) may put a scope's merged indexes in place of this one. */
    if (window.seffafScope) pagefind = await window.seffafScope(pagefind, form);
    var available = null, loading = null;
    function loadFilters() {
      loading = loading || pagefind.filters().then(function (found) { available = found; });
      return loading;
    }
    var params = new URLSearchParams(window.location.search);
    var named = GROUPS.some(function (group) { return params.has(param(group[0])); });
    if (named) await loadFilters();
    var selected = named ? selectedFilters(params, available) : {};
    var wide = window.matchMedia("(min-width: 60em)");
    input.value = params.get("q") || "";
    order.value = params.get("sirala") === "tutar" ? "tutar" : "";
    var results = [], shown = 0, terms = [], generation = 0;

    function names() {
      var known = GROUPS.map(function (g) { return g[0]; });
      return GROUPS.filter(function (g) { return available[g[0]]; })
        .concat(Object.keys(available).filter(function (n) { return known.indexOf(n) === -1; }).map(function (n) { return [n, n]; }));
    }

    var last = null;
    function drawFilters(counts) {
      panel.hidden = false;
      if (!available) {
        groups.textContent = "Süzgeçler yükleniyor…";
        return;
      }
      var open = {};
      groups.querySelectorAll("details[data-name]").forEach(function (d) { open[d.dataset.name] = d.open; });
      groups.textContent = "";
      var total = 0;
      names().forEach(function (group) {
        var name = group[0], values = Object.keys(available[name]).sort(function (a, b) { return a.localeCompare(b, "tr", { numeric: true }); });
        var picked = selected[name] || [];
        total += picked.length;
        var shownValues = values.filter(function (v) { return picked.indexOf(v) !== -1 || !counts || (counts[name] || {})[v]; });
        var box = element("details", "sf-filter");
        box.dataset.name = name;
        box.open = name in open ? open[name] : (OPEN_GROUPS.indexOf(name) !== -1 || picked.length > 0);
        box.appendChild(element("summary", "sf-filter__name", group[1] + (picked.length ? " (" + picked.length + " seçili)" : "")));
        var field = element("fieldset", "sf-filter__values");
        field.appendChild(element("legend", "sf-visually-hidden", group[1]));
        shownValues.forEach(function (value) {
          var label = element("label", "sf-filter__value");
          var box_ = element("input");
          box_.type = "checkbox";
          box_.name = name;
          box_.value = value;
          box_.checked = picked.indexOf(value) !== -1;
          label.appendChild(box_);
          label.appendChild(element("span", "", value));
          var count = counts ? (counts[name] || {})[value] || 0 : available[name][value];
          label.appendChild(element("span", "sf-filter__count", String(count)));
          field.appendChild(label);
        });
        if (!shownValues.length) field.appendChild(element("p", "sf-filter__none", "Bu aramada yok"));
        box.appendChild(field);
        groups.appendChild(box);
      });
      chosen.textContent = total ? "(" + total + " seçili)" : "";
    }

    /* The filter index once the panel is open, then the counts for the search shown. */
    async function wantFilters() {
      if (available || !panel.open) return;
      await loadFilters();
      drawFilters(last ? (await pagefind.search(last.query, last.options)).filters : null);
    }

    function writeAddress() {
      var out = new URLSearchParams();
      (form.dataset.keep || "").split(" ").filter(Boolean).forEach(function (name) {
        params.getAll(name).forEach(function (value) { out.append(name, value); });
      });
      if (input.value) out.set("q", input.value);
      Object.keys(selected).forEach(function (name) {
        selected[name].forEach(function (value) { out.append(param(name), value); });
      });
      if (order.value) out.set("sirala", order.value);
      history.replaceState(null, "", "?" + out.toString());
    }

    async function showMore() {
      var next = results.slice(shown, shown + PAGE_SIZE);
      var datas = await Promise.all(next.map(function (r) { return r.data(); }));
      datas.forEach(function (data) { list.appendChild(resultNode(data, terms)); });
      shown += next.length;
      more.hidden = shown >= results.length;
    }

    async function run() {
      var mine = ++generation;
      writeAddress();
      var query = input.value.trim();
      terms = query.split(/\s+/).map(bare).filter(Boolean);
      var filters = {};
      Object.keys(selected).forEach(function (name) { if (selected[name].length) filters[name] = { any: selected[name] }; });
      if (!query && !Object.keys(filters).length) {
        list.textContent = "";
        status.textContent = "";
        more.hidden = true;
        last = null;
        drawFilters(null);
        wantFilters();
        return;
      }
      var options = { filters: filters };
      if (order.value === "tutar") options.sort = { tutar: "desc" };
      var search = await pagefind.search(query ? fold(query) : null, options);
      if (mine !== generation) return;
      last = { query: query ? fold(query) : null, options: options };
      results = search.results;
      shown = 0;
      list.textContent = "";
      status.textContent = results.length
        ? (query ? "“" + query + "” için " : "") + results.length + " sonuç"
        : (query ? "“" + query + "” için " : "") + "sonuç bulunamadı";
      /* In a group with a choice made, the counts are the query's own, so a second value can be added. */
      var counts = {};
      Object.keys(search.filters).forEach(function (name) {
        counts[name] = (selected[name] || []).length ? search.totalFilters[name] : search.filters[name];
      });
      drawFilters(counts);
      await showMore();
      wantFilters();
    }

    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 250);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    order.addEventListener("change", run);
    more.addEventListener("click", showMore);
    groups.addEventListener("change", function (event) {
      var box = event.target;
      if (box.type !== "checkbox") return;
      var values = selected[box.name] || [];
      selected[box.name] = box.checked ? values.concat([box.value]) : values.filter(function (v) { return v !== box.value; });
      run();
    });
    panel.open = wide.matches;
    panel.addEventListener("toggle", wantFilters);
    drawFilters(null);
    run();
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

  /* Every column header becomes a button that sorts the rows by it (numbers by data-value). */
  function sortable(table) {
    var body = table.tBodies[0];
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
        var rows = Array.prototype.slice.call(body.rows);
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

    sortable(table);
    text.addEventListener("input", update);
    unit.addEventListener("change", update);
    update();
  }

  /* Municipalities side by side: the address chooses the programs (?p=kayseri/2025&p=izmir/2024);
     without JavaScript, or with none chosen, every program is shown. */
  function compare(root) {
    var chooser = root.querySelector(".sf-compare__choose");
    var hint = root.querySelector(".sf-compare__hint");
    var boxes = Array.prototype.slice.call(chooser.querySelectorAll("input[name=p]"));
    var wanted = new URLSearchParams(window.location.search).getAll("p");
    boxes.forEach(function (box) { box.checked = wanted.indexOf(box.value) !== -1; });

    function show() {
      var chosen = boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
      root.querySelectorAll("[data-sf-program]").forEach(function (cell) {
        cell.hidden = chosen.length > 0 && chosen.indexOf(cell.dataset.sfProgram) === -1;
      });
      hint.textContent = chosen.length === 1 ? "Yanına koymak için bir program daha seçin." : chosen.length ? chosen.length + " program yan yana." : "Bütün programlar gösteriliyor; karşılaştırmak istediklerinizi seçin.";
      var params = new URLSearchParams();
      chosen.forEach(function (key) { params.append("p", key); });
      history.replaceState(null, "", params.toString() ? "?" + params.toString() : window.location.pathname);
    }
    chooser.hidden = false;
    chooser.addEventListener("change", show);
    show();
  }

  function start() {
    document.querySelectorAll("[data-sf-explorer]").forEach(setup);
    document.querySelectorAll("table[data-sf-sortable]").forEach(sortable);
    document.querySelectorAll("[data-sf-compare]").forEach(compare);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

/* A wide table scrolls inside Material's wrapper: where it does, the keyboard can reach the
   wrapper (it takes focus and is named after the table's caption), so arrow keys scroll it. */
(function () {
  "use strict";

  function reachable() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth) {
        var caption = wrap.querySelector("caption");
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", caption ? caption.textContent : "Tablo");
      } else if (wrap.hasAttribute("tabindex")) {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { setTimeout(reachable, 0); });
  } else {
    document.addEventListener("DOMContentLoaded", reachable);
  }
  window.addEventListener("resize", reachable);
})();
