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
    return engine;
  };

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
