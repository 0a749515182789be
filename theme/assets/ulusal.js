/* The national site (docs/ulusal-site.md). Its 404 page sends /<slug>/<path> on to the
   municipality's own site. Its search page is the site's own search (seffaf.js) over
   the whole country's combined index, or, with a scope in the address (?il=hatay,
   ?kapsam=defne&kapsam=ilgin), over those sites' own indexes merged in the browser. */
(function () {
  "use strict";
  var root = new URL("../", document.currentScript.src);
  var SCOPE = ["il", "kapsam"];

  function registry() {
    return fetch(new URL("belediyeler.json", root)).then(function (response) { return response.json(); });
  }

  function names(sites) {
    return sites.map(function (b) { return b.ad; }).join(", ");
  }

  function redirect(box) {
    if (location.pathname.indexOf(root.pathname) !== 0) return;
    var rest = location.pathname.slice(root.pathname.length);
    var slug = rest.split("/")[0];
    registry().then(function (data) {
      var site = data.belediyeler.filter(function (b) { return b.slug === slug; })[0];
      if (!site) return;
      var target = site.adres + rest + location.search + location.hash;
      var link = document.createElement("a");
      link.href = target;
      link.textContent = target;
      box.textContent = site.ad + " sitesine yönlendiriliyorsunuz: ";
      box.appendChild(link);
      box.hidden = false;
      location.replace(target);
    });
  }

  /* The sites whose index answers now (a site down would stall Pagefind), each asked once, in parallel. */
  function answering(sites) {
    return Promise.all(sites.map(function (site) {
      var controller = new AbortController();
      setTimeout(function () { controller.abort(); }, 8000);
      return fetch(site.adres + "pagefind/pagefind-entry.json", { signal: controller.signal })
        .then(function (response) { return response.ok ? site : null; }, function () { return null; });
    })).then(function (found) { return found.filter(Boolean); });
  }

  var NOTHING = {
    filters: function () { return Promise.resolve({}); },
    search: function () { return Promise.resolve({ results: [], filters: {} }); }
  };

  /* Called by seffaf.js with the whole-country index; gives back what to search instead. */
  window.seffafScope = async function (pagefind, form) {
    var params = new URLSearchParams(location.search);
    var provinces = params.getAll("il"), chosen = params.getAll("kapsam");
    var note = document.getElementById("sf-ulusal-kapsam");
    form.dataset.keep = SCOPE.join(" ");
    var data = await registry();
    if (!provinces.length && !chosen.length) {
      note.textContent = "Kapsam: bütün belediyeler (" + data.belediyeler.length + "), her gece güncellenen ortak dizinden.";
      return pagefind;
    }
    var scope = data.belediyeler.filter(function (b) { return provinces.indexOf(b.il_slug) >= 0 || chosen.indexOf(b.slug) >= 0; });
    if (!scope.length) {
      note.textContent = "Adresteki il ya da belediye kayıtlı değil.";
      return NOTHING;
    }
    var live = await answering(scope.filter(function (b) { return b.arama; }));
    var left = scope.filter(function (b) { return live.indexOf(b) < 0; });
    note.textContent = "Kapsam: " + scope.map(function (b) { return b.ad + " (" + b.il + ")"; }).join(", ") + ", kendi sitelerindeki güncel dizinlerden." +
      (left.length ? " Şu an aranamayan: " + names(left) + " (sitesi yanıt vermiyor ya da dizini birleştirilemiyor)." : "");
    if (!live.length) return NOTHING;
    var engine = pagefind.createInstance({ basePath: live[0].adres + "pagefind/" });
    for (var i = 1; i < live.length; i++) await engine.mergeIndex(live[i].adres + "pagefind/");
    return inAmountOrder(engine);
  };

  /* Pagefind orders the results of merged indexes by relevance score even when the search asks
     for an order: by "Tutar" it interleaved the sites' lists (Defne's 52 million before Kars' 96).
     So an ordered search is asked once per municipality (the belediye filter, one index each),
     and those lists, each in order, are merged here by each page's "tutar" meta. */
  function inAmountOrder(engine) {
    return {
      filters: function () { return engine.filters(); },
      search: async function (term, options) {
        var all = await engine.search(term, options);
        if (!options || !options.sort) return all;
        var chosen = options.filters && options.filters.belediye ? options.filters.belediye.any : null;
        var names = Object.keys((await engine.filters()).belediye || {}).filter(function (name) {
          return !chosen || chosen.indexOf(name) >= 0;
        });
        if (names.length < 2) return all;
        var lists = [];
        for (var i = 0; i < names.length; i++) {
          var one = Object.assign({}, options.filters, { belediye: { any: [names[i]] } });
          lists.push((await engine.search(term, Object.assign({}, options, { filters: one }))).results);
        }
        return Object.assign({}, all, { results: byAmount(lists) });
      }
    };
  }

  /* Lists each in amount order, merged lazily: the i-th result's data waits for the merge to
     reach it, which reads the data of each list's next result (a fragment) to compare amounts. */
  function byAmount(lists) {
    var next = lists.map(function () { return 0; }), picked = [], read = new Map(), queue = Promise.resolve();
    function valued(result) {
      if (!read.has(result)) {
        read.set(result, result.data().then(function (data) {
          var amount = Number(data.meta && data.meta.tutar);
          return { data: data, amount: isNaN(amount) ? -Infinity : amount };
        }));
      }
      return read.get(result);
    }
    function upTo(index) {
      queue = queue.then(async function () {
        while (picked.length <= index) {
          var heads = await Promise.all(lists.map(function (list, k) { return next[k] < list.length ? valued(list[next[k]]) : null; }));
          var best = -1;
          heads.forEach(function (head, k) { if (head && (best < 0 || head.amount > heads[best].amount)) best = k; });
          picked.push(lists[best][next[best]++]);
        }
      });
      return queue.then(function () { return valued(picked[index]); });
    }
    var total = lists.reduce(function (sum, list) { return sum + list.length; }, 0);
    return Array.from({ length: total }, function (_, index) {
      return { data: function () { return upTo(index).then(function (head) { return head.data; }); } };
    });
  }

  function start() {
    var box = document.getElementById("sf-yonlendirme");
    if (box) redirect(box);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
