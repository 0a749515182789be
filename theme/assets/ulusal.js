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
    return merged(live.map(function (site) { return pagefind.createInstance({ basePath: site.adres + "pagefind/" }); }));
  };

  /* Several sites' indexes searched as one. Pagefind's own mergeIndex orders the merged results
     by relevance even when the search asks for an order ("Tutar"), so the sites are searched
     apart and their results merged here: by relevance, or by amount (each page's "tutar" meta). */
  function merged(engines) {
    function counts(all) {
      var out = {};
      all.forEach(function (found) {
        Object.keys(found || {}).forEach(function (name) {
          var group = out[name] = out[name] || {};
          Object.keys(found[name]).forEach(function (value) { group[value] = (group[value] || 0) + found[name][value]; });
        });
      });
      return out;
    }
    return {
      filters: async function () {
        return counts(await Promise.all(engines.map(function (engine) { return engine.filters(); })));
      },
      search: async function (term, options) {
        var each = await Promise.all(engines.map(function (engine) { return engine.search(term, options); }));
        var lists = each.map(function (found) { return found.results; });
        return {
          results: options && options.sort ? byAmount(lists) : [].concat.apply([], lists).sort(function (a, b) { return b.score - a.score; }),
          unfilteredResultCount: each.reduce(function (sum, found) { return sum + found.unfilteredResultCount; }, 0),
          filters: counts(each.map(function (found) { return found.filters; })),
          totalFilters: counts(each.map(function (found) { return found.totalFilters; }))
        };
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
